-- Costs: cost.install, .travel, .material, .shipping, .other, .total, .contract_guided_install,
-- .person_times, .person_days, .per_completed_order (docs/metrics.md#metrics cost.*, rules 13, 14, 16).
-- Over cost rows dated in period. Rows with contract_guided_install = true are left out of the
-- categories and summed alone into contract_guided_install (empty = false). person_times/person_days
-- come from the non-guided install and travel rows. total = the five categories;
-- per_completed_order = total / orders.completed, rounded once to cents; NULL when no order completed.
WITH c AS (
  SELECT branch_id, category, amount, person_times, person_days,
         coalesce(contract_guided_install, false) AS guided
  FROM costs
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
    AND in_period(CAST(date AS TIMESTAMP), $start::TIMESTAMP, $end::TIMESTAMP)
),
by_branch AS (
  SELECT branch_id,
         sum(amount) FILTER (WHERE NOT guided AND category = 'install') AS install,
         sum(amount) FILTER (WHERE NOT guided AND category = 'travel') AS travel,
         sum(amount) FILTER (WHERE NOT guided AND category = 'material') AS material,
         sum(amount) FILTER (WHERE NOT guided AND category = 'shipping') AS shipping,
         sum(amount) FILTER (WHERE NOT guided AND category = 'other') AS other,
         sum(amount) FILTER (WHERE guided) AS guided,
         sum(person_times) FILTER (WHERE NOT guided AND category IN ('install', 'travel')) AS person_times,
         -- Summed as DECIMAL so the total does not depend on the engine's summation order (a DOUBLE sum
         -- gave 276.99999999999994 in DuckDB-WASM and 277.00000000000006 natively for the same rows).
         sum(CAST(person_days AS DECIMAL(38, 6))) FILTER (WHERE NOT guided AND category IN ('install', 'travel')) AS person_days
  FROM c GROUP BY branch_id
),
completed AS (
  SELECT branch_id, count(*) AS n
  FROM orders_x
  WHERE is_completed AND in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
    AND in_period(completed_at, $start::TIMESTAMP, $end::TIMESTAMP)
  GROUP BY branch_id
),
sums AS (
  SELECT g.group_id AS branch_id, g.group_id IS NULL AS is_total,
         sum(x.install) AS install, sum(x.travel) AS travel, sum(x.material) AS material,
         sum(x.shipping) AS shipping, sum(x.other) AS other, sum(x.guided) AS guided,
         sum(x.person_times) AS person_times, sum(x.person_days) AS person_days,
         coalesce(sum(n.n), 0) AS completed
  FROM report_groups($branch::VARCHAR, $rollup::BOOLEAN, by_branch := $by_branch::BOOLEAN) g
  LEFT JOIN by_branch x ON x.branch_id = g.member_id
  LEFT JOIN completed n ON n.branch_id = g.member_id
  GROUP BY g.group_id
)
SELECT branch_id, is_total,
       money_text(install) AS "cost.install",
       money_text(travel) AS "cost.travel",
       money_text(material) AS "cost.material",
       money_text(shipping) AS "cost.shipping",
       money_text(other) AS "cost.other",
       money_text(coalesce(install, 0) + coalesce(travel, 0) + coalesce(material, 0) + coalesce(shipping, 0)
                  + coalesce(other, 0)) AS "cost.total",
       money_text(guided) AS "cost.contract_guided_install",
       CAST(coalesce(person_times, 0) AS BIGINT) AS "cost.person_times",
       CAST(coalesce(person_days, 0) AS DOUBLE) AS "cost.person_days",
       money_per(coalesce(install, 0) + coalesce(travel, 0) + coalesce(material, 0) + coalesce(shipping, 0)
                 + coalesce(other, 0), completed) AS "cost.per_completed_order"
FROM sums
ORDER BY is_total, branch_id;
