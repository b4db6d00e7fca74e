-- report.completeness_rate (docs/metrics.md#metrics; rules 9, 11): completed orders in period (not consultation)
-- whose report is complete (orders_x.report_complete: cause, solution, parts and customer_opinion all
-- non-empty after trimming; 无 and none count as filled) / those completed orders.
-- The orders: completed_cases (setup/42-rate-cases.sql), the population explain/shift-share.sql splits too.
-- Not measured (NULL) when the export lacks completed_at or any of the four report columns.
WITH o AS (
  SELECT branch_id, report_complete AS complete
  FROM completed_cases($start::TIMESTAMP, $end::TIMESTAMP)
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
),
-- Counted per branch, then summed over the report's groups (the roll-up adds counts, never rates).
b AS (
  SELECT branch_id, count(*) AS orders, count(*) FILTER (WHERE complete) AS complete FROM o GROUP BY branch_id
)
SELECT g.group_id AS branch_id, g.group_id IS NULL AS is_total,
       CASE WHEN has_column('service_orders', 'completed_at') AND has_column('service_orders', 'cause')
                 AND has_column('service_orders', 'solution') AND has_column('service_orders', 'parts')
                 AND has_column('service_orders', 'customer_opinion')
            THEN sum(b.complete) / nullif(sum(b.orders), 0) END AS "report.completeness_rate",
       CAST(coalesce(sum(b.orders), 0) AS INTEGER) AS "n:report.completeness_rate"
FROM report_groups($branch::VARCHAR, $rollup::BOOLEAN, by_branch := $by_branch::BOOLEAN) g
LEFT JOIN b ON b.branch_id = g.member_id
GROUP BY g.group_id
ORDER BY is_total, g.group_id;
