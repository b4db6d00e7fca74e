-- tables.overdue: the two follow-up lists of docs/metrics.md#metrics complaints.open_overdue (rule 12) [002#2 投诉 §十四]
--   kind 'urge'   催办单: open at as_of and overdue — past the market's limit (received_at + N × 24 h
--                 < as_of) or its current step has run longer than its standard; names the current step
--   kind 'settle' 洽办单: closed in period and late (closed_at > received_at + N × 24 h) or with a
--                 finished step that overran its standard; names the step that overran most
-- valid ≠ no. Step hours: a finished step left_at − entered_at; the current step as_of − entered_at.
-- c: only the complaints either list can hold (open at as_of, or closed in period), so that only their
-- steps are read — not every step of the data's history.
WITH c AS (
  SELECT * FROM complaints_x
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN) AND valid IS DISTINCT FROM 'no'
    AND ((received_at < $as_of::TIMESTAMP AND (closed_at IS NULL OR closed_at >= $as_of::TIMESTAMP))
         OR in_period(closed_at, $start::TIMESTAMP, $end::TIMESTAMP))
),
st AS (
  SELECT s.complaint_no, s.step, s.entered_at, s.left_at,
         s.entered_at < $as_of::TIMESTAMP AND (s.left_at IS NULL OR s.left_at >= $as_of::TIMESTAMP) AS is_current,
         CASE c.market WHEN 'foreign' THEN ss.foreign_hours ELSE ss.domestic_hours END AS standard_hours
  FROM complaint_steps s
  JOIN c ON c.complaint_no = s.complaint_no
  JOIN step_standards ss ON ss.step = s.step
),
timed AS (
  SELECT *, date_diff('second', entered_at, CASE WHEN is_current THEN $as_of::TIMESTAMP ELSE left_at END) / 3600.0 AS hours
  FROM st
  WHERE is_current OR left_at IS NOT NULL
),
current_step AS (
  SELECT complaint_no, arg_max(step, entered_at) AS step, arg_max(hours, entered_at) AS hours,
         arg_max(standard_hours, entered_at) AS standard_hours
  FROM timed WHERE is_current GROUP BY complaint_no
),
worst_finished AS (
  SELECT complaint_no, arg_max(step, hours - standard_hours) AS step, arg_max(hours, hours - standard_hours) AS hours,
         arg_max(standard_hours, hours - standard_hours) AS standard_hours
  FROM timed WHERE NOT is_current AND standard_hours IS NOT NULL AND hours > standard_hours
  GROUP BY complaint_no
),
urge AS (
  SELECT 'urge' AS kind, c.*, cs.step, cs.hours AS step_hours, cs.standard_hours AS step_standard_hours,
         c.close_deadline < $as_of::TIMESTAMP AS past_limit,
         coalesce(cs.hours > cs.standard_hours, false) AS step_overrun
  FROM c LEFT JOIN current_step cs ON cs.complaint_no = c.complaint_no
  WHERE c.received_at < $as_of::TIMESTAMP AND (c.closed_at IS NULL OR c.closed_at >= $as_of::TIMESTAMP)
    AND (c.close_deadline < $as_of::TIMESTAMP OR cs.hours > cs.standard_hours)
),
settle AS (
  SELECT 'settle' AS kind, c.*, w.step, w.hours AS step_hours, w.standard_hours AS step_standard_hours,
         c.closed_at > c.close_deadline AS past_limit, w.step IS NOT NULL AS step_overrun
  FROM c LEFT JOIN worst_finished w ON w.complaint_no = c.complaint_no
  WHERE in_period(c.closed_at, $start::TIMESTAMP, $end::TIMESTAMP)
    AND (c.closed_at > c.close_deadline OR w.step IS NOT NULL)
)
SELECT kind, complaint_no, branch_id, market, cause_code, severity, ts_text(received_at) AS received_at,
       ts_text(closed_at) AS closed_at, ts_text(close_deadline) AS close_deadline,
       round(date_diff('second', received_at, CASE WHEN kind = 'urge' THEN $as_of::TIMESTAMP ELSE closed_at END) / 86400.0, 2) AS days,
       CAST(limit_days AS DOUBLE) AS limit_days, past_limit, step, step_hours, step_standard_hours, step_overrun
FROM (SELECT * FROM urge UNION ALL BY NAME SELECT * FROM settle)
ORDER BY kind DESC, received_at, complaint_no;
