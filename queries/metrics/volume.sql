-- Volume: orders.received, orders.completed, orders.by_type, orders.by_class (SPEC §5 rows 1–3).
--   received  = called_at in period, not cancelled (consultations included, rule 9)
--   completed = completed_at in period, completed (has completed_at, not cancelled; rule 1)
--   by_type / by_class = received counted by service_type / charge_class A–D
WITH o AS (
  SELECT branch_id, service_type, charge_class,
         NOT is_cancelled AND in_period(called_at, $start::TIMESTAMP, $end::TIMESTAMP) AS received,
         is_completed AND in_period(completed_at, $start::TIMESTAMP, $end::TIMESTAMP) AS completed
  FROM orders_x
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
    AND (in_period(called_at, $start::TIMESTAMP, $end::TIMESTAMP)
         OR in_period(completed_at, $start::TIMESTAMP, $end::TIMESTAMP))
)
SELECT g.group_id AS branch_id, g.group_id IS NULL AS is_total,
       CAST(count(*) FILTER (WHERE received) AS INTEGER) AS "orders.received",
       CAST(count(*) FILTER (WHERE completed) AS INTEGER) AS "orders.completed",
       {'install': CAST(count(*) FILTER (WHERE received AND service_type = 'install') AS INTEGER),
        'repair': CAST(count(*) FILTER (WHERE received AND service_type = 'repair') AS INTEGER),
        'maintenance': CAST(count(*) FILTER (WHERE received AND service_type = 'maintenance') AS INTEGER),
        'inspection': CAST(count(*) FILTER (WHERE received AND service_type = 'inspection') AS INTEGER),
        'consultation': CAST(count(*) FILTER (WHERE received AND service_type = 'consultation') AS INTEGER),
        'return': CAST(count(*) FILTER (WHERE received AND service_type = 'return') AS INTEGER)} AS "orders.by_type",
       {'A': CAST(count(*) FILTER (WHERE received AND charge_class = 'A') AS INTEGER),
        'B': CAST(count(*) FILTER (WHERE received AND charge_class = 'B') AS INTEGER),
        'C': CAST(count(*) FILTER (WHERE received AND charge_class = 'C') AS INTEGER),
        'D': CAST(count(*) FILTER (WHERE received AND charge_class = 'D') AS INTEGER)} AS "orders.by_class"
FROM report_groups($branch::VARCHAR, $rollup::BOOLEAN, by_branch := $by_branch::BOOLEAN) g
LEFT JOIN o ON o.branch_id = g.member_id
GROUP BY g.group_id
ORDER BY is_total, g.group_id;
