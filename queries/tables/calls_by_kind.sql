-- tables.calls_by_kind (docs/metrics.md "Hotline"): the period's hotline calls by kind (install, repair,
-- complaint, inquiry, praise; an empty kind is NULL): received, answered (true; empty = not answered),
-- answer_rate = answered / received. Company only: no rows for a report on one branch, nor without a
-- calls file; no rows without a kind column (not measured); answered and answer_rate NULL without an
-- answered column.
SELECT kind,
       CAST(count(*) AS INTEGER) AS received,
       CASE WHEN has_column('calls', 'answered') THEN CAST(count(*) FILTER (WHERE answered) AS INTEGER) END AS answered,
       CASE WHEN has_column('calls', 'answered') THEN count(*) FILTER (WHERE answered) / count(*) END AS answer_rate
FROM calls
WHERE in_period(started_at, $start::TIMESTAMP, $end::TIMESTAMP)
  AND $branch::VARCHAR IS NULL AND has_column('calls', 'kind')
GROUP BY kind
ORDER BY received DESC, kind NULLS LAST;
