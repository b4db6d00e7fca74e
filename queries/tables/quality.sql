-- tables.quality (docs/metrics.md#metrics quality) [000 二 3.2.1 详查型号和批次]: for product engineering, repair orders
-- received in period (not cancelled) and quality complaints received in period (nature quality,
-- valid ≠ no) by product_model × product_batch × fault_code. A complaint takes the fault code of its
-- linked order (order_id) when it has one. model_share = the row's repairs / its model's repairs.
WITH rep AS (
  SELECT product_model, product_batch, fault_code, count(*) AS repairs
  FROM orders_x
  WHERE service_type = 'repair' AND NOT is_cancelled AND in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
    AND in_period(called_at, $start::TIMESTAMP, $end::TIMESTAMP)
  GROUP BY ALL
),
qc AS (
  SELECT c.product_model, c.product_batch, o.fault_code, count(*) AS complaints
  FROM complaints c LEFT JOIN orders_x o ON o.order_id = c.order_id
  WHERE c.nature = 'quality' AND c.valid IS DISTINCT FROM 'no' AND in_branch(c.branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
    AND in_period(c.received_at, $start::TIMESTAMP, $end::TIMESTAMP)
  GROUP BY ALL
),
j AS (
  SELECT coalesce(rep.product_model, qc.product_model) AS product_model,
         coalesce(rep.product_batch, qc.product_batch) AS product_batch,
         coalesce(rep.fault_code, qc.fault_code) AS fault_code,
         coalesce(rep.repairs, 0) AS repairs, coalesce(qc.complaints, 0) AS complaints
  FROM rep FULL OUTER JOIN qc
    ON rep.product_model IS NOT DISTINCT FROM qc.product_model
   AND rep.product_batch IS NOT DISTINCT FROM qc.product_batch
   AND rep.fault_code IS NOT DISTINCT FROM qc.fault_code
)
SELECT product_model, product_batch, fault_code,
       CAST(repairs AS INTEGER) AS repairs, CAST(complaints AS INTEGER) AS quality_complaints,
       repairs / nullif(sum(repairs) OVER (PARTITION BY product_model), 0) AS model_share
FROM j
ORDER BY product_model NULLS LAST, repairs DESC, product_batch NULLS LAST, fault_code NULLS LAST;
