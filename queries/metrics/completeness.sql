-- report.completeness_rate (SPEC §5; §5.1 rules 9, 11): completed orders in period (not consultation)
-- whose report is complete (orders_x.report_complete: cause, solution, parts and customer_opinion all
-- non-empty after trimming; 无 and none count as filled) / those completed orders.
WITH o AS (
  SELECT branch_id, report_complete AS complete
  FROM orders_x
  WHERE branch_ok(branch_id, $branch::VARCHAR) AND is_completed AND NOT is_consultation
    AND in_period(completed_at, $start::TIMESTAMP, $end::TIMESTAMP)
)
SELECT b.branch_id, grouping(b.branch_id) = 1 AS is_total,
       count(*) FILTER (WHERE complete) / nullif(count(o.branch_id), 0) AS "report.completeness_rate"
FROM sel_branches($branch::VARCHAR) b
LEFT JOIN o ON o.branch_id = b.branch_id
GROUP BY GROUPING SETS ((b.branch_id), ())
ORDER BY is_total, b.branch_id;
