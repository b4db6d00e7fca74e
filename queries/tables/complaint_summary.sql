-- tables.complaint_summary (季度投诉汇总 [004 二(八)]): complaints received in period (valid ≠ no)
-- counted by dimension — cause (C01–C15), market, severity, nature, branch — with how many of them
-- closed within their limit and how many are still open at as_of. One row per (dimension, value).
WITH c AS (
  SELECT *, closed_at < $as_of::TIMESTAMP AND closed_at <= close_deadline AS closed_on_time,
         closed_at IS NULL OR closed_at >= $as_of::TIMESTAMP AS open
  FROM complaints_x
  WHERE valid IS DISTINCT FROM 'no' AND in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
    AND in_period(received_at, $start::TIMESTAMP, $end::TIMESTAMP)
),
d AS (
  SELECT 'cause' AS dimension, cause_code AS value, closed_on_time, open FROM c
  UNION ALL SELECT 'market', market, closed_on_time, open FROM c
  UNION ALL SELECT 'severity', severity, closed_on_time, open FROM c
  UNION ALL SELECT 'nature', nature, closed_on_time, open FROM c
  UNION ALL SELECT 'branch', branch_id, closed_on_time, open FROM c
)
SELECT dimension, value, CAST(count(*) AS INTEGER) AS complaints,
       CAST(count(*) FILTER (WHERE closed_on_time) AS INTEGER) AS closed_on_time,
       CAST(count(*) FILTER (WHERE open) AS INTEGER) AS still_open
FROM d
GROUP BY dimension, value
ORDER BY dimension, complaints DESC, value NULLS LAST;
