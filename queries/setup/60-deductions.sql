-- deduction_items(end): every person's share of every valid complaint's loss, for complaints closed
-- before `end` (docs/metrics.md#metrics deductions) [002#2 经济处罚准则 §三-五]. One row per (complaint, person):
--   basis 'person'      a responsibility row naming staff_id: loss × share
--   basis 'base_points' a row naming only a unit (or only a department): loss × share split over the
--                       staff of that department (and unit) by base points:
--                       loss × share ÷ the unit's total base points × the person's base points
--   multiplier          2 for a repeat complaint (repeat_of set), else 1
-- Amounts are exact integers in 10⁻⁸ yuan (loss × share has 8 decimals; a base-point split is rounded
-- there, far below a cent), so the monthly sums round to cents once (rule 14). Staff with no positive
-- base points take no split share. month = the month the complaint was closed.
CREATE OR REPLACE MACRO deduction_items(period_end) AS TABLE
WITH c AS (
  SELECT complaint_no, branch_id, CAST(coalesce(loss_amount, 0) AS DECIMAL(38, 2)) AS loss,
         CASE WHEN repeat_of IS NOT NULL THEN 2 ELSE 1 END AS multiplier,
         CAST(date_trunc('month', closed_at) AS DATE) AS month
  FROM complaints
  WHERE valid = 'yes' AND closed_at < period_end
),
person AS (
  SELECT c.month, c.complaint_no, c.branch_id, r.department, r.unit, r.staff_id, r.sanction, r.share, c.loss,
         c.multiplier, 'person' AS basis, CAST(NULL AS DOUBLE) AS base_points, CAST(NULL AS DOUBLE) AS unit_base_points,
         CAST(c.loss * r.share * 100000000 AS HUGEINT) * c.multiplier AS amount_e8
  FROM complaint_responsibility r JOIN c ON c.complaint_no = r.complaint_no
  WHERE r.staff_id IS NOT NULL
),
members AS (
  SELECT c.month, c.complaint_no, c.branch_id, r.department, r.unit, s.staff_id, r.sanction, r.share, c.loss,
         c.multiplier, s.base_points,
         sum(s.base_points) OVER (PARTITION BY r.complaint_no, r.department, r.unit) AS unit_base_points
  FROM complaint_responsibility r
  JOIN c ON c.complaint_no = r.complaint_no
  JOIN staff s ON s.department = r.department AND (r.unit IS NULL OR s.unit = r.unit) AND s.base_points > 0
  WHERE r.staff_id IS NULL
)
SELECT * FROM person
UNION ALL BY NAME
SELECT month, complaint_no, branch_id, department, unit, staff_id, sanction, share, loss, multiplier,
       'base_points' AS basis, base_points, unit_base_points,
       CAST(round(CAST(loss * share * 100000000 AS HUGEINT) * base_points / unit_base_points) AS HUGEINT) * multiplier AS amount_e8
FROM members;

-- deduction_months(end): per person and month, from the person's first charged month to the month
-- before `end`, the monthly deduction with the 50 %-of-monthly-bonus cap and the excess carried into
-- the following months [经济处罚准则 §三.4: 超过50%以上者逐月分期罰扣]. In cents:
--   accrued  = Σ amounts of complaints closed that month, rounded once to cents
--   cap      = 50 % of monthly_bonus (a `major` sanction that month: the full monthly bonus, which is
--              then deducted in full [行政罰扣折算 3]); no monthly_bonus recorded → no cap
--   balance  = carried out of the month = max(0, carried_in + accrued − cap)  (Lindley recursion, as
--              running sums: S = Σ (accrued − cap), balance = S − min(0, min of S so far))
--   deducted = carried_in + accrued − balance (major month: the full bonus)
CREATE OR REPLACE MACRO deduction_months(period_end) AS TABLE
WITH monthly AS (
  SELECT staff_id, month, sum(amount_e8) AS amount_e8,
         bool_or(sanction = 'major') AS major,
         max(CASE sanction WHEN 'major' THEN 3 WHEN 'minor' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END) AS sanction_rank,
         count(DISTINCT complaint_no) AS complaints
  FROM deduction_items(period_end) GROUP BY staff_id, month
),
span AS (SELECT staff_id, min(month) AS first_month FROM monthly GROUP BY staff_id),
months AS (
  SELECT s.staff_id, CAST(unnest(generate_series(CAST(s.first_month AS TIMESTAMP),
           CAST(date_trunc('month', CAST(period_end AS TIMESTAMP) - INTERVAL 1 SECOND) AS TIMESTAMP), INTERVAL 1 MONTH)) AS DATE) AS month
  FROM span s
),
series AS (
  SELECT m.staff_id, m.month, st.name, st.department, st.unit, st.base_points, st.monthly_bonus,
         coalesce(div_round_half_away(x.amount_e8, 1000000), 0) AS accrued,
         coalesce(x.major, false) AS major, coalesce(x.sanction_rank, 0) AS sanction_rank,
         coalesce(x.complaints, 0) AS complaints,
         CAST(st.monthly_bonus * 100 AS HUGEINT) AS bonus
  FROM months m
  LEFT JOIN monthly x ON x.staff_id = m.staff_id AND x.month = m.month
  LEFT JOIN staff st ON st.staff_id = m.staff_id
),
capped AS (
  SELECT *, CASE WHEN bonus IS NULL THEN NULL WHEN major THEN bonus ELSE div_round_half_away(bonus, 2) END AS cap
  FROM series
),
summed AS (
  SELECT *, sum(accrued - coalesce(cap, accrued)) OVER (PARTITION BY staff_id ORDER BY month) AS s
  FROM capped
),
running AS (
  SELECT *, least(0, min(s) OVER (PARTITION BY staff_id ORDER BY month)) AS s_min
  FROM summed
)
SELECT staff_id, month, name, department, unit, base_points, monthly_bonus, major, sanction_rank, complaints,
       accrued, cap, s - s_min AS balance,
       coalesce(lag(s - s_min) OVER (PARTITION BY staff_id ORDER BY month), 0) AS carried_in
FROM running;
