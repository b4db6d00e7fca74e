-- Costs: cost.install, .travel, .material, .shipping, .other, .total, .contract_guided_install,
-- .person_times, .person_days, .per_completed_order (docs/metrics.md#metrics cost.*, rules 13, 14, 16).
-- Over cost rows dated in period. Rows with contract_guided_install = true are left out of the
-- categories and summed alone into contract_guided_install (empty = false). person_times/person_days
-- come from the non-guided install and travel rows. total = the five categories;
-- per_completed_order = total / orders.completed, rounded once to cents; NULL when no order completed.
-- Not measured (NULL): every cost.* when no costs file was imported; per_completed_order also when the
-- orders have no completed_at column.
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
       CASE WHEN m.costs THEN money_text(install) END AS "cost.install",
       CASE WHEN m.costs THEN money_text(travel) END AS "cost.travel",
       CASE WHEN m.costs THEN money_text(material) END AS "cost.material",
       CASE WHEN m.costs THEN money_text(shipping) END AS "cost.shipping",
       CASE WHEN m.costs THEN money_text(other) END AS "cost.other",
       CASE WHEN m.costs THEN money_text(coalesce(install, 0) + coalesce(travel, 0) + coalesce(material, 0)
                                         + coalesce(shipping, 0) + coalesce(other, 0)) END AS "cost.total",
       CASE WHEN m.costs THEN money_text(guided) END AS "cost.contract_guided_install",
       CASE WHEN m.costs THEN CAST(coalesce(person_times, 0) AS BIGINT) END AS "cost.person_times",
       CASE WHEN m.costs THEN CAST(coalesce(person_days, 0) AS DOUBLE) END AS "cost.person_days",
       CASE WHEN m.costs AND m.completed_at
            THEN money_per(coalesce(install, 0) + coalesce(travel, 0) + coalesce(material, 0) + coalesce(shipping, 0)
                           + coalesce(other, 0), completed) END AS "cost.per_completed_order"
FROM sums, (SELECT has_table('costs') AS costs, has_column('service_orders', 'completed_at') AS completed_at) m
ORDER BY is_total, branch_id;
