-- tables.responsibility (docs/metrics.md#metrics responsibility; rules 14, 15): over valid (= yes) complaints closed
-- in period, one row per (department, unit, staff_id) as written (empty unit / staff_id → null; no
-- subtotal rows), sorted by department, unit, staff_id:
--   share_sum = Σ share (count share), ratio = share_sum ÷ the number of valid complaints closed in
--   period that have responsibility rows, loss = round(Σ loss_amount × share) to cents, once, half away
--   from zero (an empty loss_amount is 0).
-- Complaints whose shares do not sum to 1 ± 0.001 were rejected at import (rule 15), so none is here.
-- Branch cut: the complaint's branch.
WITH c AS (
  SELECT complaint_no, CAST(coalesce(loss_amount, 0) AS DECIMAL(38, 2)) AS loss
  FROM complaints
  WHERE valid = 'yes' AND in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
    AND in_period(closed_at, $start::TIMESTAMP, $end::TIMESTAMP)
),
r AS (
  SELECT r.department, r.unit, r.staff_id, r.share, c.loss, c.complaint_no
  FROM complaint_responsibility r JOIN c ON c.complaint_no = r.complaint_no
),
n AS (SELECT count(DISTINCT complaint_no) AS complaints FROM r)
SELECT r.department, r.unit, r.staff_id, s.name AS staff_name,
       CAST(sum(r.share) AS DOUBLE) AS share_sum,
       CAST(sum(r.share) AS DOUBLE) / n.complaints AS ratio,
       -- Σ loss × share is exact (DECIMAL with 8 decimals); ×10^8 to an integer, then to cents.
       cents_text(div_round_half_away(CAST(sum(r.loss * r.share) * 100000000 AS HUGEINT), 1000000)) AS loss,
       CAST(count(DISTINCT r.complaint_no) AS INTEGER) AS complaints
FROM r CROSS JOIN n
LEFT JOIN staff s ON s.staff_id = r.staff_id
GROUP BY r.department, r.unit, r.staff_id, s.name, n.complaints
ORDER BY r.department, r.unit NULLS FIRST, r.staff_id NULLS FIRST;
