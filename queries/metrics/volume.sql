-- Volume: orders.received, orders.completed, orders.by_type, orders.by_class (docs/metrics.md#metrics, rows 1–3).
--   received  = called_at in period, not cancelled (consultations included, rule 9)
--   completed = completed_at in period, completed (has completed_at, not cancelled; rule 1)
--   by_type / by_class = received counted by service_type / charge_class A–D
-- Not measured (NULL): orders.completed when the export has no completed_at column.
-- Two scans, each pruned to the period by its own column (orders_x is stored in called_at order and
-- completed_at follows it closely): the orders called in period, and those completed in period but
-- called outside it. Counted per branch, type and class in one hash aggregate (a dozen FILTER counts
-- over every order took twice as long over a year), then per branch, then summed over the report's groups.
WITH o AS (
  SELECT branch_id, service_type, charge_class, NOT is_cancelled AS received,
         is_completed AND in_period(completed_at, $start::TIMESTAMP, $end::TIMESTAMP) AS completed
  FROM orders_x
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN) AND in_period(called_at, $start::TIMESTAMP, $end::TIMESTAMP)
  UNION ALL
  SELECT branch_id, service_type, charge_class, false, true
  FROM orders_x
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN) AND is_completed
    AND in_period(completed_at, $start::TIMESTAMP, $end::TIMESTAMP)
    AND (called_at IS NULL OR NOT in_period(called_at, $start::TIMESTAMP, $end::TIMESTAMP))
),
k AS (
  SELECT branch_id, service_type, charge_class,
         count(*) FILTER (WHERE received) AS received, count(*) FILTER (WHERE completed) AS completed
  FROM o GROUP BY ALL
),
b AS (
  SELECT branch_id, sum(received) AS received, sum(completed) AS completed,
         sum(received) FILTER (WHERE service_type = 'install') AS t_install,
         sum(received) FILTER (WHERE service_type = 'repair') AS t_repair,
         sum(received) FILTER (WHERE service_type = 'maintenance') AS t_maintenance,
         sum(received) FILTER (WHERE service_type = 'inspection') AS t_inspection,
         sum(received) FILTER (WHERE service_type = 'consultation') AS t_consultation,
         sum(received) FILTER (WHERE service_type = 'return') AS t_return,
         sum(received) FILTER (WHERE charge_class = 'A') AS c_A,
         sum(received) FILTER (WHERE charge_class = 'B') AS c_B,
         sum(received) FILTER (WHERE charge_class = 'C') AS c_C,
         sum(received) FILTER (WHERE charge_class = 'D') AS c_D
  FROM k GROUP BY branch_id
)
SELECT g.group_id AS branch_id, g.group_id IS NULL AS is_total,
       CAST(coalesce(sum(b.received), 0) AS INTEGER) AS "orders.received",
       CASE WHEN has_column('service_orders', 'completed_at')
            THEN CAST(coalesce(sum(b.completed), 0) AS INTEGER) END AS "orders.completed",
       {
        'install': CAST(coalesce(sum(b.t_install), 0) AS INTEGER),
        'repair': CAST(coalesce(sum(b.t_repair), 0) AS INTEGER),
        'maintenance': CAST(coalesce(sum(b.t_maintenance), 0) AS INTEGER),
        'inspection': CAST(coalesce(sum(b.t_inspection), 0) AS INTEGER),
        'consultation': CAST(coalesce(sum(b.t_consultation), 0) AS INTEGER),
        'return': CAST(coalesce(sum(b.t_return), 0) AS INTEGER)} AS "orders.by_type",
       {
        'A': CAST(coalesce(sum(b.c_A), 0) AS INTEGER),
        'B': CAST(coalesce(sum(b.c_B), 0) AS INTEGER),
        'C': CAST(coalesce(sum(b.c_C), 0) AS INTEGER),
        'D': CAST(coalesce(sum(b.c_D), 0) AS INTEGER)} AS "orders.by_class"
FROM report_groups($branch::VARCHAR, $rollup::BOOLEAN, by_branch := $by_branch::BOOLEAN) g
LEFT JOIN b ON b.branch_id = g.member_id
GROUP BY g.group_id
ORDER BY is_total, g.group_id;
