-- report.completeness_rate (SPEC §5; §5.1 rules 9, 11): completed orders in period (not consultation)
-- whose report is complete (orders_x.report_complete: cause, solution, parts and customer_opinion all
-- non-empty after trimming; 无 and none count as filled) / those completed orders.
WITH o AS (
  SELECT branch_id, report_complete AS complete
  FROM orders_x
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN) AND is_completed AND NOT is_consultation
    AND in_period(completed_at, $start::TIMESTAMP, $end::TIMESTAMP)
)
SELECT g.group_id AS branch_id, g.group_id IS NULL AS is_total,
       count(*) FILTER (WHERE complete) / nullif(count(o.branch_id), 0) AS "report.completeness_rate",
       CAST(count(o.branch_id) AS INTEGER) AS "n:report.completeness_rate"
FROM report_groups($branch::VARCHAR, $rollup::BOOLEAN, by_branch := $by_branch::BOOLEAN) g
LEFT JOIN o ON o.branch_id = g.member_id
GROUP BY g.group_id
ORDER BY is_total, g.group_id;
