-- tables.calls_by_hour (docs/metrics.md "Hotline"): the period's hotline calls by hour of day of
-- started_at, 0–23 (every hour has a row): received, answered (true; empty = not answered), unanswered,
-- and unanswered_in_hours (not answered, in [09:00, 22:00): the hours 9–21). Company only: no rows for a
-- report on one branch (calls carry no branch), nor without a calls file (not measured); answered,
-- unanswered and unanswered_in_hours are NULL without an answered column.
WITH c AS (
  SELECT hour(started_at) AS hour, coalesce(answered, false) AS answered
  FROM calls
  WHERE in_period(started_at, $start::TIMESTAMP, $end::TIMESTAMP)
),
h AS (SELECT CAST(range AS INTEGER) AS hour FROM range(24))
SELECT h.hour,
       CAST(count(c.hour) AS INTEGER) AS received,
       CASE WHEN has_column('calls', 'answered') THEN CAST(count(c.hour) FILTER (WHERE c.answered) AS INTEGER) END AS answered,
       CASE WHEN has_column('calls', 'answered') THEN CAST(count(c.hour) FILTER (WHERE NOT c.answered) AS INTEGER) END AS unanswered,
       CASE WHEN has_column('calls', 'answered')
            THEN CAST(count(c.hour) FILTER (WHERE NOT c.answered AND h.hour BETWEEN 9 AND 21) AS INTEGER) END AS unanswered_in_hours
FROM h LEFT JOIN c ON c.hour = h.hour
WHERE $branch::VARCHAR IS NULL AND has_table('calls')
GROUP BY h.hour
ORDER BY h.hour;
