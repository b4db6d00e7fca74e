-- repeats_x: every repeat repair with the earlier repair it repeats (docs/metrics.md#metrics repeat.rate, rule 8).
-- The later order r: a repair, not cancelled (open ones too). An earlier repair e qualifies when it is
-- completed, e.completed_at < r.called_at, r.called_at − e.completed_at ≤ repeat_window_days × 24 h,
-- both have the same non-empty customer_id, the same serial_no when both have one (then models are not
-- compared) else the same non-empty product_model, and the same fault_code when both have one.
-- The repeat is charged to the technician of the most recent qualifying earlier repair.
-- It carries the later order's branch_id and called_at and is stored in called_at order, so counting
-- a period's repeats needs no join to orders_x (resolution.sql, technician.sql).
CREATE OR REPLACE TABLE repeats_x AS
WITH r AS (
  SELECT order_id, branch_id, customer_id, serial_no, product_model, fault_code, called_at
  FROM orders_x WHERE service_type = 'repair' AND NOT is_cancelled AND customer_id IS NOT NULL
),
e AS (
  SELECT order_id, customer_id, serial_no, product_model, fault_code, completed_at, technician_id
  FROM orders_x WHERE service_type = 'repair' AND is_completed AND customer_id IS NOT NULL
),
pairs AS (
  SELECT r.order_id, r.branch_id, r.called_at, e.order_id AS previous_order_id, e.completed_at AS previous_completed_at,
         e.technician_id AS charged_technician_id,
         row_number() OVER (PARTITION BY r.order_id ORDER BY e.completed_at DESC, e.order_id DESC) AS k
  FROM r
  JOIN e ON e.customer_id = r.customer_id
        AND e.order_id <> r.order_id
        AND e.completed_at < r.called_at
        AND date_diff('second', e.completed_at, r.called_at) <= (SELECT repeat_window_days * 86400 FROM cfg)
        AND CASE WHEN r.serial_no IS NOT NULL AND e.serial_no IS NOT NULL THEN r.serial_no = e.serial_no
                 ELSE r.product_model IS NOT NULL AND r.product_model = e.product_model END
        AND (r.fault_code IS NULL OR e.fault_code IS NULL OR r.fault_code = e.fault_code)
)
SELECT order_id, branch_id, called_at, previous_order_id, previous_completed_at, charged_technician_id
FROM pairs WHERE k = 1
ORDER BY called_at, order_id;
