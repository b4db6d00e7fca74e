-- tables.quality_faults (docs/metrics.md#metrics quality; issue 4 "batches far above their model"): per product_model ×
-- product_batch × fault_code of the repairs received in period, the batch's repairs of that fault per
-- order of the batch against the model's, and the flag of the batch rule (setup/70-quality.sql):
-- 'alert' (异常) ratio ≥ 2 and ≥ 10 repairs; 'watch' (关注) ratio ≥ 3 and 5–9 repairs.
-- Columns: product_model, product_batch, fault_code, repairs, batch_orders, fault_rate, model_orders,
-- model_fault_repairs, model_fault_rate, ratio, flag. Sorted alert, watch, then the rest; by repairs, then ratio.
SELECT product_model, product_batch, fault_code,
       CAST(repairs AS INTEGER) AS repairs, CAST(batch_orders AS INTEGER) AS batch_orders, fault_rate,
       CAST(model_orders AS INTEGER) AS model_orders, CAST(model_fault_repairs AS INTEGER) AS model_fault_repairs,
       model_fault_rate, ratio, flag
FROM quality_fault_rates($start::TIMESTAMP, $end::TIMESTAMP, $branch::VARCHAR, $rollup::BOOLEAN)
ORDER BY CASE flag WHEN 'alert' THEN 0 WHEN 'watch' THEN 1 ELSE 2 END, repairs DESC, ratio DESC,
         product_model, product_batch NULLS LAST, fault_code NULLS LAST;
