-- tables.responsibility_complaints: the drill-down of tables.responsibility (docs/metrics.md#metrics responsibility) —
-- every responsibility row of the valid (= yes) complaints closed in period, with its complaint:
-- complaint_no, closed_at, market, cause_code, severity, repeat_of, loss_amount (the complaint's loss),
-- department, unit, staff_id, staff_name, share, sanction, and attributed = loss_amount × share rounded
-- to cents for this one row (the table's totals round Σ once, rule 14, so rows may differ by a cent).
-- Sorted by department, complaint, unit, person.
SELECT r.department, r.unit, r.staff_id, s.name AS staff_name, c.complaint_no, c.branch_id,
       ts_text(c.closed_at) AS closed_at, c.market, c.cause_code, c.severity, c.repeat_of,
       money_text(c.loss_amount) AS loss_amount, CAST(r.share AS DOUBLE) AS share, r.sanction,
       cents_text(div_round_half_away(CAST(CAST(coalesce(c.loss_amount, 0) AS DECIMAL(38, 2)) * r.share * 100000000 AS HUGEINT), 1000000)) AS attributed
FROM complaint_responsibility r
JOIN complaints c ON c.complaint_no = r.complaint_no
LEFT JOIN staff s ON s.staff_id = r.staff_id
WHERE c.valid = 'yes' AND in_branch(c.branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
  AND in_period(c.closed_at, $start::TIMESTAMP, $end::TIMESTAMP)
ORDER BY r.department, c.complaint_no, r.unit NULLS FIRST, r.staff_id NULLS FIRST;
