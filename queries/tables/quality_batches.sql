-- tables.quality_batches (docs/metrics.md#metrics quality; issue 4 "each batch's repair rate against its model's"): one
-- row per product_model × product_batch with repair orders received in period (not cancelled):
--   batch_orders / repairs / repair_rate   the batch's orders (every service type), repairs, repairs ÷ orders
--   model_orders / model_repairs / model_rate   the same over the model (all its batches)
--   ratio        repair_rate ÷ model_rate
--   repeats      repair orders of the batch that are repeats (docs/metrics.md rule 8, setup/40-repeats.sql)
--   quality_complaints  complaints received in period with nature quality, valid ≠ no, naming the batch
--   flag, flag_fault    the worst flag of the batch's fault rows (setup/70-quality.sql: 'alert' before
--                       'watch') and the fault code that raised it (highest ratio among those flagged)
-- Sorted flagged first, then by repairs (the batches that cost the most service first), then ratio.
WITH f AS (SELECT * FROM quality_fault_rates($start::TIMESTAMP, $end::TIMESTAMP, $branch::VARCHAR, $rollup::BOOLEAN)),
b AS (
  SELECT product_model, product_batch, any_value(batch_orders) AS batch_orders, sum(repairs) AS repairs,
         any_value(model_orders) AS model_orders,
         min(CASE flag WHEN 'alert' THEN 0 WHEN 'watch' THEN 1 END) AS flag_rank,
         arg_max(fault_code, CASE WHEN flag IS NOT NULL THEN (CASE flag WHEN 'alert' THEN 2 ELSE 1 END) * 1e9 + ratio END) AS flag_fault
  FROM f GROUP BY product_model, product_batch
),
m AS (SELECT product_model, sum(repairs) AS model_repairs FROM b GROUP BY product_model),
rep AS (
  SELECT o.product_model, o.product_batch, count(*) AS repeats
  FROM repeats_x x JOIN orders_x o ON o.order_id = x.order_id
  WHERE in_branch(o.branch_id, $branch::VARCHAR, $rollup::BOOLEAN) AND in_period(o.called_at, $start::TIMESTAMP, $end::TIMESTAMP)
  GROUP BY ALL
),
qc AS (
  SELECT product_model, product_batch, count(*) AS quality_complaints
  FROM complaints
  WHERE nature = 'quality' AND valid IS DISTINCT FROM 'no' AND in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
    AND in_period(received_at, $start::TIMESTAMP, $end::TIMESTAMP)
  GROUP BY ALL
)
SELECT b.product_model, b.product_batch, CAST(b.batch_orders AS INTEGER) AS batch_orders, CAST(b.repairs AS INTEGER) AS repairs,
       b.repairs / b.batch_orders AS repair_rate,
       CAST(b.model_orders AS INTEGER) AS model_orders, CAST(m.model_repairs AS INTEGER) AS model_repairs,
       m.model_repairs / b.model_orders AS model_rate,
       (b.repairs / b.batch_orders) / (m.model_repairs / b.model_orders) AS ratio,
       CAST(coalesce(rep.repeats, 0) AS INTEGER) AS repeats,
       CAST(coalesce(qc.quality_complaints, 0) AS INTEGER) AS quality_complaints,
       CASE b.flag_rank WHEN 0 THEN 'alert' WHEN 1 THEN 'watch' END AS flag,
       CASE WHEN b.flag_rank IS NOT NULL THEN b.flag_fault END AS flag_fault
FROM b JOIN m ON m.product_model = b.product_model
LEFT JOIN rep ON rep.product_model = b.product_model AND rep.product_batch IS NOT DISTINCT FROM b.product_batch
LEFT JOIN qc ON qc.product_model = b.product_model AND qc.product_batch IS NOT DISTINCT FROM b.product_batch
ORDER BY coalesce(b.flag_rank, 2), b.repairs DESC, ratio DESC, b.product_model, b.product_batch NULLS LAST;
