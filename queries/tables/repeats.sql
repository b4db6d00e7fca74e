-- tables.repeats: the repeat repairs received in period, each with the earlier repair it repeats and the
-- technician it is charged to (docs/metrics.md#metrics repeat.rate; rule 8). Sorted by called_at, order_id.
SELECT x.order_id, x.branch_id, ts_text(x.called_at) AS called_at, x.customer_id, x.serial_no,
       x.product_model, x.product_batch, x.fault_code, r.previous_order_id,
       ts_text(r.previous_completed_at) AS previous_completed_at,
       r.charged_technician_id, s.name AS charged_technician_name,
       round(date_diff('second', r.previous_completed_at, x.called_at) / 86400.0, 2) AS days_since_previous
FROM repeats_x r
JOIN orders_x x ON x.order_id = r.order_id
LEFT JOIN staff s ON s.staff_id = r.charged_technician_id
-- The period on both sides: each scan is pruned to the period's row groups (both are in call order).
WHERE in_branch(r.branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
  AND in_period(r.called_at, $start::TIMESTAMP, $end::TIMESTAMP)
  AND in_period(x.called_at, $start::TIMESTAMP, $end::TIMESTAMP)
ORDER BY x.called_at, x.order_id;
