-- tables.complaint_causes: the causes Pareto (C01–C15, docs/metrics.md#complaint-workflow) [002#2 行政处罚准则 §四] — complaints
-- received in period, valid ≠ no, per cause_code: how many (and how many of them of quality nature),
-- their share of all, and the cumulative share in Pareto order (most frequent first; an empty cause
-- code last, ties by code). Columns: cause_code, complaints, quality, share, cum_share.
WITH c AS (
  SELECT cause_code, count(*) AS complaints, count(*) FILTER (WHERE nature = 'quality') AS quality
  FROM complaints
  WHERE valid IS DISTINCT FROM 'no' AND in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
    AND in_period(received_at, $start::TIMESTAMP, $end::TIMESTAMP)
  GROUP BY cause_code
),
o AS (
  SELECT *, row_number() OVER (ORDER BY cause_code IS NULL, complaints DESC, cause_code) AS k,
         sum(complaints) OVER () AS total
  FROM c
)
SELECT cause_code, CAST(complaints AS INTEGER) AS complaints, CAST(quality AS INTEGER) AS quality,
       complaints / total AS share,
       sum(complaints) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) / total AS cum_share
FROM o
ORDER BY k;
