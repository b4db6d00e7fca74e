-- tables.responsibility_rollup (docs/metrics.md#metrics responsibility; rules 14, 15) [002#2 投诉 §九.10]: the
-- subtotals of tables.responsibility — over the same rows (valid = yes complaints closed in period) —
-- per department (level 'department', unit NULL) and per department × unit (level 'unit'; a row that
-- names no unit is its department's NULL unit):
--   share_sum  Σ share;  ratio  share_sum ÷ the complaints closed in period with responsibility rows
--   loss       round(Σ loss_amount × share) to cents, once (rule 14);  complaints  distinct complaints
--   n_complaints  the ratio's denominator (the same on every row), so a reader can check the ratio
--   rank, cum_share  Pareto order within the level (largest share_sum first, ties by loss, then names)
--              and the running Σ share_sum ÷ the level's total (so the last row is 1)
WITH c AS (
  SELECT complaint_no, CAST(coalesce(loss_amount, 0) AS DECIMAL(38, 2)) AS loss
  FROM complaints
  WHERE valid = 'yes' AND in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
    AND in_period(closed_at, $start::TIMESTAMP, $end::TIMESTAMP)
),
r AS (
  SELECT r.department, r.unit, r.share, c.loss, c.complaint_no
  FROM complaint_responsibility r JOIN c ON c.complaint_no = r.complaint_no
),
n AS (SELECT count(DISTINCT complaint_no) AS n_complaints FROM r),
g AS (
  SELECT CASE WHEN grouping(r.unit) = 1 THEN 'department' ELSE 'unit' END AS level, r.department, r.unit,
         sum(r.share) AS share_sum, CAST(sum(r.loss * r.share) * 100000000 AS HUGEINT) AS loss_e8,
         count(DISTINCT r.complaint_no) AS complaints
  FROM r GROUP BY GROUPING SETS ((r.department), (r.department, r.unit))
),
o AS (
  SELECT g.*, row_number() OVER (PARTITION BY level ORDER BY share_sum DESC, loss_e8 DESC, department, unit NULLS FIRST) AS k,
         sum(share_sum) OVER (PARTITION BY level) AS level_total
  FROM g
)
SELECT level, department, unit, CAST(share_sum AS DOUBLE) AS share_sum,
       CAST(share_sum AS DOUBLE) / n.n_complaints AS ratio,
       cents_text(div_round_half_away(loss_e8, 1000000)) AS loss,
       CAST(complaints AS INTEGER) AS complaints, CAST(n.n_complaints AS INTEGER) AS n_complaints, CAST(k AS INTEGER) AS rank,
       CAST(sum(share_sum) OVER (PARTITION BY level ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) / level_total AS DOUBLE) AS cum_share
FROM o CROSS JOIN n
ORDER BY level, k;
