-- tables.deduction_lines (docs/metrics.md#metrics deductions) [002#2 经济处罚准则 §三]: the arithmetic behind
-- tables.deductions, one line per (complaint, person) charged in a month of the period (deduction_items,
-- setup/60-deductions.sql; month = the month the complaint closed), so a manager can check it by hand:
--   basis 'person'       amount = loss × share × multiplier
--   basis 'base_points'  amount = loss × share × base_points ÷ unit_base_points × multiplier
--                        (the unit's / department's staff share it by base points)
--   multiplier           2 for a repeat complaint (repeat_of set), else 1
--   amount               this line rounded to cents; the month's accrued rounds the exact Σ once
--                        (rule 14), so the lines may differ from it by a cent
-- Branch cut: the person's branch (staff.branch_id), as tables.deductions.
SELECT strftime(i.month, '%Y-%m') AS month, i.staff_id, st.name, st.branch_id, i.department, i.unit,
       i.complaint_no, i.basis, money_text(i.loss) AS loss, CAST(i.share AS DOUBLE) AS share,
       i.base_points, i.unit_base_points, CAST(i.multiplier AS INTEGER) AS multiplier, i.sanction,
       cents_text(div_round_half_away(i.amount_e8, 1000000)) AS amount
FROM deduction_items($end::TIMESTAMP) i
LEFT JOIN staff st ON st.staff_id = i.staff_id
WHERE in_period(CAST(i.month AS TIMESTAMP), $start::TIMESTAMP, $end::TIMESTAMP)
  AND in_branch(st.branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
ORDER BY i.month, i.department, i.unit, i.staff_id, i.complaint_no;
