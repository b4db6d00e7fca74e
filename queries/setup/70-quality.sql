-- quality_fault_rates(start, end, branch, rollup): the batch rule of the quality analysis [000 二 3.2.1
-- 详查型号和批次] (issue 4), in one place for tables/quality_faults.sql and tables/quality_batches.sql.
-- Grain: product_model × product_batch × fault_code of the repair orders received in [start, end)
-- (service_type repair, not cancelled, model known), in the branch selection.
--   batch_orders      orders of that model × batch received in the period, every service type, not
--                     cancelled — the batch's service volume, the denominator of its rates
--   repairs           repair orders of the model × batch with this fault code
--   fault_rate        repairs ÷ batch_orders (repairs of this fault per order of the batch)
--   model_orders, model_fault_repairs, model_fault_rate = the same over the whole model (all its
--                     batches, this one included): the model's repairs with this fault ÷ its orders
--   ratio             fault_rate ÷ model_fault_rate (how many times the model's rate)
--   flag              'alert' (异常) when ratio ≥ 2 and repairs ≥ 10;
--                     'watch' (关注) when ratio ≥ 3 and 5 ≤ repairs < 10 (fewer cases are noisier, so
--                     they must stand further out); else NULL.
--                     Never for an empty batch or fault code (nothing to attribute it to).
-- "≥ k ×" is tested on integers (repairs × model_orders ≥ k × model_fault_repairs × batch_orders), so a
-- ratio of exactly 2 (or 3) is flagged whatever the floating point does.
-- Why this rule: a batch's share of the model's repairs alone rises with the batch's size; per order of
-- the batch it does not. 2 × is "far above"; the repair counts keep a handful of cases from raising an
-- alarm (on the sample, no other batch reaches 2 × with 10 repairs in a month; KF-50LW 2505B E4 does).
-- Over a longer window more cells reach 5 repairs by chance, hence the stricter 3 × for 'watch'.
CREATE OR REPLACE MACRO quality_fault_rates(p_start, p_end, p_branch, p_rollup) AS TABLE
WITH o AS (
  SELECT product_model, product_batch, fault_code, service_type = 'repair' AS is_repair
  FROM orders_x
  WHERE NOT is_cancelled AND product_model IS NOT NULL AND in_branch(branch_id, p_branch, p_rollup)
    AND in_period(called_at, p_start, p_end)
),
batch AS (SELECT product_model, product_batch, count(*) AS batch_orders FROM o GROUP BY ALL),
model AS (SELECT product_model, count(*) AS model_orders FROM o GROUP BY ALL),
rep AS (SELECT product_model, product_batch, fault_code, count(*) AS repairs FROM o WHERE is_repair GROUP BY ALL),
model_fault AS (SELECT product_model, fault_code, count(*) AS model_fault_repairs FROM o WHERE is_repair GROUP BY ALL),
j AS (
  SELECT rep.product_model, rep.product_batch, rep.fault_code, rep.repairs, batch.batch_orders,
         model.model_orders, mf.model_fault_repairs,
         rep.repairs / batch.batch_orders AS fault_rate,
         mf.model_fault_repairs / model.model_orders AS model_fault_rate
  FROM rep
  JOIN batch ON batch.product_model = rep.product_model AND batch.product_batch IS NOT DISTINCT FROM rep.product_batch
  JOIN model ON model.product_model = rep.product_model
  JOIN model_fault mf ON mf.product_model = rep.product_model AND mf.fault_code IS NOT DISTINCT FROM rep.fault_code
)
SELECT *, fault_rate / model_fault_rate AS ratio,
       CASE WHEN product_batch IS NULL OR fault_code IS NULL THEN NULL
            WHEN repairs * model_orders >= 2 * model_fault_repairs * batch_orders AND repairs >= 10 THEN 'alert'
            WHEN repairs * model_orders >= 3 * model_fault_repairs * batch_orders AND repairs >= 5 THEN 'watch' END AS flag
FROM j;
