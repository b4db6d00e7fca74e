-- tables.complaint_step_times: where complaint time goes — per workflow step (docs/metrics.md#complaint-workflow order), over the
-- steps of valid (≠ no) complaints that left the step in period: count, median and P90 days
-- (continuous percentiles), the domestic standard in days, and how many overran their standard.
WITH s AS (
  SELECT s.step, date_diff('second', s.entered_at, s.left_at) / 86400.0 AS days,
         CASE c.market WHEN 'foreign' THEN st.foreign_hours ELSE st.domestic_hours END / 24.0 AS standard_days
  FROM complaint_steps s
  JOIN complaints c ON c.complaint_no = s.complaint_no
  JOIN step_standards st ON st.step = s.step
  WHERE c.valid IS DISTINCT FROM 'no' AND in_branch(c.branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
    AND in_period(s.left_at, $start::TIMESTAMP, $end::TIMESTAMP)
)
SELECT st.step, st.step_order, CAST(count(s.days) AS INTEGER) AS steps,
       quantile_cont(s.days, 0.5) AS median_days, quantile_cont(s.days, 0.9) AS p90_days,
       st.domestic_hours / 24.0 AS standard_days,
       CAST(count(*) FILTER (WHERE s.days > s.standard_days) AS INTEGER) AS overran
FROM step_standards st
LEFT JOIN s ON s.step = st.step
GROUP BY st.step, st.step_order, st.domestic_hours
ORDER BY st.step_order;
