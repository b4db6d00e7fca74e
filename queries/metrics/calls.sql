-- Hotline: calls.received, .answer_rate, .within_3_rings_rate, .unanswered_in_hours, .unanswered_penalty
-- (docs/metrics.md "Hotline"; 热线: phone picked up within three rings, ¥50 per call left unanswered
-- between 09:00 and 22:00). Calls carry no branch: every figure is a company figure, NULL in every
-- branch row and in a report for one branch.
--   received            calls with started_at in period
--   answer_rate         answered = true / received (an empty answered counts as not answered)
--   within_3_rings_rate answered with rings ≤ 3 / received, leaving out answered calls with empty rings
--                       (from both; an unanswered call stays in the denominator)
--   unanswered_in_hours not answered and started_at's time of day in [09:00, 22:00)
--   unanswered_penalty  unanswered_in_hours × 50.00, money text
-- Not measured (NULL): all without a calls file; all but received without an answered column;
-- within_3_rings_rate without a rings column.
WITH c AS (
  SELECT coalesce(answered, false) AS answered, rings,
         CAST(started_at AS TIME) >= TIME '09:00:00' AND CAST(started_at AS TIME) < TIME '22:00:00' AS in_hours
  FROM calls
  WHERE in_period(started_at, $start::TIMESTAMP, $end::TIMESTAMP)
),
t AS (
  SELECT count(*) AS received,
         count(*) FILTER (WHERE answered) AS answered,
         count(*) FILTER (WHERE answered AND rings <= 3) AS within_3,
         count(*) FILTER (WHERE answered AND rings IS NULL) AS answered_no_rings,
         count(*) FILTER (WHERE NOT answered AND in_hours) AS unanswered_in_hours
  FROM c
),
-- The report's rows: the total, and each group's row (all NULL: a call has no branch).
g AS (
  SELECT CAST(NULL AS VARCHAR) AS group_id
  UNION SELECT group_id FROM report_groups($branch::VARCHAR, $rollup::BOOLEAN, by_branch := $by_branch::BOOLEAN)
),
-- Company figures only: the total row of a report on the whole company, when the calls file was imported.
m AS (
  SELECT $branch::VARCHAR IS NULL AND has_table('calls') AS company,
         has_column('calls', 'answered') AS answered, has_column('calls', 'rings') AS rings
)
SELECT g.group_id AS branch_id, g.group_id IS NULL AS is_total,
       CASE WHEN g.group_id IS NULL AND m.company THEN CAST(t.received AS INTEGER) END AS "calls.received",
       CASE WHEN g.group_id IS NULL AND m.company AND m.answered
            THEN t.answered / nullif(t.received, 0) END AS "calls.answer_rate",
       CASE WHEN g.group_id IS NULL AND m.company AND m.answered AND m.rings
            THEN t.within_3 / nullif(t.received - t.answered_no_rings, 0) END AS "calls.within_3_rings_rate",
       CASE WHEN g.group_id IS NULL AND m.company AND m.answered
            THEN CAST(t.unanswered_in_hours AS INTEGER) END AS "calls.unanswered_in_hours",
       CASE WHEN g.group_id IS NULL AND m.company AND m.answered
            THEN cents_text(5000 * t.unanswered_in_hours) END AS "calls.unanswered_penalty",
       CASE WHEN g.group_id IS NULL AND m.company THEN CAST(t.received AS INTEGER) END AS "n:calls.answer_rate"
FROM g, t, m
ORDER BY is_total, g.group_id;
