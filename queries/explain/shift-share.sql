-- A month's change explained (shift-share; docs/metrics.md "A month's change explained"), for
-- response.on_time_rate, resolution.same_day_rate, repeat.rate and report.completeness_rate, split over
-- the branches (the order's branch_id) and over the service types.
-- Parameters: the report month ($start, $end, $as_of), the comparison month ($then_start, $then_end,
-- $then_as_of: its own month-end), the branch selection ($branch, $rollup).
-- Grain: metric × dimension × group, over each rate's own population (rate_cases,
-- setup/42-rate-cases.sql). Per group g: d = denominator, n = numerator, in the comparison month
-- (then, 0) and the report month (now, 1):
--   w_g = d_g / D, r_g = n_g / d_g (NULL when d_g = 0), R = N / D the rate, Rm = (R0 + R1) / 2
--   rate_effect = (r1 − r0) × (w0 + w1) / 2
--   mix_effect  = (w1 − w0) × ((r0 + r1) / 2 − Rm)
--   a group with no denominator in one month: rate_effect 0, mix_effect = w1 (r1 − Rm) − w0 (r0 − Rm),
--   the missing side counting 0.
-- Σ (rate_effect + mix_effect) = Σ (w1 r1 − w0 r0) − Rm Σ (w1 − w0) = R1 − R0, exactly.
-- A metric with no denominator in either month has no rows (its decomposition is null).
-- Output: metric, dimension, grp, weight_then, weight_now, rate_then, rate_now, rate_effect, mix_effect,
-- then (R0), now (R1), d_then, n_then, d_now, n_now; ordered by metric, dimension, then
-- |rate_effect + mix_effect| descending (compared at 12 decimals, so groups whose contributions are
-- equal but for floating-point noise fall back to the group order), then group.
WITH c AS (
  SELECT true AS now, metric, branch_id, service_type, hit
  FROM rate_cases($as_of::TIMESTAMP, $start::TIMESTAMP, $end::TIMESTAMP)
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
  UNION ALL
  SELECT false, metric, branch_id, service_type, hit
  FROM rate_cases($then_as_of::TIMESTAMP, $then_start::TIMESTAMP, $then_end::TIMESTAMP)
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
),
-- Counted once per branch × service type; each dimension sums these cells.
cells AS (
  SELECT metric, now, branch_id, service_type, count(*) AS d, count(*) FILTER (WHERE hit) AS n
  FROM c GROUP BY ALL
),
g AS (
  SELECT metric, 'branch' AS dimension, branch_id AS grp,
         sum(d) FILTER (WHERE NOT now) AS d0, sum(n) FILTER (WHERE NOT now) AS n0,
         sum(d) FILTER (WHERE now) AS d1, sum(n) FILTER (WHERE now) AS n1
  FROM cells GROUP BY metric, branch_id
  UNION ALL
  SELECT metric, 'service_type', service_type,
         sum(d) FILTER (WHERE NOT now), sum(n) FILTER (WHERE NOT now),
         sum(d) FILTER (WHERE now), sum(n) FILTER (WHERE now)
  FROM cells GROUP BY metric, service_type
),
t AS (
  SELECT metric, dimension, sum(d0) AS big_d0, sum(n0) AS big_n0, sum(d1) AS big_d1, sum(n1) AS big_n1
  FROM g GROUP BY metric, dimension
),
x AS (
  SELECT g.metric, g.dimension, g.grp,
         CAST(coalesce(g.d0, 0) AS DOUBLE) / CAST(t.big_d0 AS DOUBLE) AS w0,
         CAST(coalesce(g.d1, 0) AS DOUBLE) / CAST(t.big_d1 AS DOUBLE) AS w1,
         CAST(g.n0 AS DOUBLE) / CAST(nullif(g.d0, 0) AS DOUBLE) AS r0,
         CAST(g.n1 AS DOUBLE) / CAST(nullif(g.d1, 0) AS DOUBLE) AS r1,
         CAST(t.big_n0 AS DOUBLE) / CAST(t.big_d0 AS DOUBLE) AS big_r0,
         CAST(t.big_n1 AS DOUBLE) / CAST(t.big_d1 AS DOUBLE) AS big_r1,
         g.d0, g.n0, g.d1, g.n1
  FROM g JOIN t ON t.metric = g.metric AND t.dimension = g.dimension
  WHERE t.big_d0 > 0 AND t.big_d1 > 0
),
e AS (
  SELECT *,
         CASE WHEN r0 IS NOT NULL AND r1 IS NOT NULL THEN (r1 - r0) * (w0 + w1) / 2 ELSE 0.0 END AS rate_effect,
         CASE WHEN r0 IS NOT NULL AND r1 IS NOT NULL THEN (w1 - w0) * ((r0 + r1) / 2 - (big_r0 + big_r1) / 2)
              ELSE coalesce(w1 * (r1 - (big_r0 + big_r1) / 2), 0.0) - coalesce(w0 * (r0 - (big_r0 + big_r1) / 2), 0.0) END AS mix_effect
  FROM x
)
SELECT metric, dimension, grp, w0 AS weight_then, w1 AS weight_now, r0 AS rate_then, r1 AS rate_now,
       rate_effect, mix_effect, big_r0 AS "then", big_r1 AS "now",
       CAST(coalesce(d0, 0) AS INTEGER) AS d_then, CAST(coalesce(n0, 0) AS INTEGER) AS n_then,
       CAST(coalesce(d1, 0) AS INTEGER) AS d_now, CAST(coalesce(n1, 0) AS INTEGER) AS n_now
FROM e
ORDER BY metric, dimension, round(abs(rate_effect + mix_effect), 12) DESC, grp;
