-- tables.deductions (docs/metrics.md#metrics deductions) [002#2 经济处罚准则, 行政罰扣折算]: per person and month of the
-- period with something charged or carried (deduction_months, setup/60-deductions.sql), in yuan:
--   accrued      this month's attributed losses (person: loss × share; unit: by base points; repeat × 2)
--   carried_in   excess carried from earlier months; due = carried_in + accrued
--   cap          50 % of monthly_bonus (major: the full bonus)
--   deducted     min(carried_in + accrued, cap) — a major sanction deducts the full monthly bonus
--   carried_out  what is left for the following months; schedule = the monthly deductions that will
--                clear it at the normal cap
--   sanction_minimum  the minimum of the month's worst sanction: warning 400, minor 800 × base points
--                     (shown, not added) [行政罰扣折算 1–2]
-- Branch cut: the person's branch (staff.branch_id).
WITH d AS (
  SELECT m.*, st.branch_id,
         CASE WHEN m.major THEN CAST(m.monthly_bonus * 100 AS HUGEINT) ELSE m.carried_in + m.accrued - m.balance END AS deducted,
         div_round_half_away(CAST(m.monthly_bonus * 100 AS HUGEINT), 2) AS normal_cap
  FROM deduction_months($end::TIMESTAMP) m
  LEFT JOIN staff st ON st.staff_id = m.staff_id
  WHERE in_period(CAST(m.month AS TIMESTAMP), $start::TIMESTAMP, $end::TIMESTAMP)
    AND in_branch(st.branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
    -- a sanctioned person is listed even when the loss is 0 (a major sanction still takes the full bonus)
    AND (m.accrued > 0 OR m.carried_in > 0 OR m.sanction_rank > 0)
)
SELECT staff_id, name, branch_id, department, unit, base_points, money_text(monthly_bonus) AS monthly_bonus,
       strftime(month, '%Y-%m') AS month, CAST(complaints AS INTEGER) AS complaints,
       cents_text(accrued) AS accrued, cents_text(carried_in) AS carried_in, cents_text(carried_in + accrued) AS due,
       CASE WHEN cap IS NOT NULL THEN cents_text(cap) END AS cap,
       cents_text(deducted) AS deducted, cents_text(balance) AS carried_out,
       CASE sanction_rank WHEN 3 THEN 'major' WHEN 2 THEN 'minor' WHEN 1 THEN 'warning' END AS sanction,
       CASE sanction_rank WHEN 2 THEN money_text(800 * CAST(base_points AS DECIMAL(18, 2))) WHEN 1 THEN '400.00' END AS sanction_minimum,
       CASE WHEN balance > 0 AND normal_cap > 0
            THEN list_transform(range(CAST(ceil(balance / normal_cap) AS BIGINT)),
                                lambda i: cents_text(least(normal_cap, balance - i * normal_cap))) END AS schedule
FROM d
ORDER BY month, department, unit, staff_id;
