-- Satisfaction: satisfaction.coverage, .response_rate, .{attitude,skill,timeliness,promise}_mean and
-- _distribution, .satisfied_rate, .overall_mean (SPEC §5 satisfaction.*; §5.1 rules 9, 10, 17).
-- Orders = completed in period, not consultation; their surveys count whenever sent; surveys follow
-- their order's branch.
--   coverage       = orders with ≥ 1 survey with sent_at / orders
--   response_rate  = surveys with sent_at and responded_at / surveys with sent_at (counted in surveys)
--   item mean, distribution (levels 1–4) = over the non-empty ratings of responded surveys
--   satisfied_rate = ratings ≥ 3 / all ratings, the four items pooled
--   overall_mean   = mean of the four item means (NULL if any is NULL)
WITH o AS (
  SELECT order_id, branch_id FROM orders_x
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN) AND is_completed AND NOT is_consultation
    AND in_period(completed_at, $start::TIMESTAMP, $end::TIMESTAMP)
),
s AS (
  SELECT o.branch_id, o.order_id, v.survey_id,
         v.sent_at IS NOT NULL AS sent,
         v.sent_at IS NOT NULL AND v.responded_at IS NOT NULL AS responded,
         CASE WHEN v.responded_at IS NOT NULL THEN v.attitude END AS attitude,
         CASE WHEN v.responded_at IS NOT NULL THEN v.skill END AS skill,
         CASE WHEN v.responded_at IS NOT NULL THEN v.timeliness END AS timeliness,
         CASE WHEN v.responded_at IS NOT NULL THEN v.promise END AS promise
  FROM o LEFT JOIN surveys v ON v.order_id = o.order_id
),
g AS (
  SELECT g.group_id AS branch_id, g.group_id IS NULL AS is_total,
         count(DISTINCT s.order_id) AS orders,
         count(DISTINCT s.order_id) FILTER (WHERE sent) AS covered,
         count(*) FILTER (WHERE sent) AS sent,
         count(*) FILTER (WHERE responded) AS responded,
         avg(attitude) AS attitude_mean, avg(skill) AS skill_mean,
         avg(timeliness) AS timeliness_mean, avg(promise) AS promise_mean,
         count(attitude) + count(skill) + count(timeliness) + count(promise) AS ratings,
         count(*) FILTER (WHERE attitude >= 3) + count(*) FILTER (WHERE skill >= 3)
           + count(*) FILTER (WHERE timeliness >= 3) + count(*) FILTER (WHERE promise >= 3) AS satisfied,
         {'1': CAST(count(*) FILTER (WHERE attitude = 1) AS INTEGER), '2': CAST(count(*) FILTER (WHERE attitude = 2) AS INTEGER),
          '3': CAST(count(*) FILTER (WHERE attitude = 3) AS INTEGER), '4': CAST(count(*) FILTER (WHERE attitude = 4) AS INTEGER)} AS attitude_dist,
         {'1': CAST(count(*) FILTER (WHERE skill = 1) AS INTEGER), '2': CAST(count(*) FILTER (WHERE skill = 2) AS INTEGER),
          '3': CAST(count(*) FILTER (WHERE skill = 3) AS INTEGER), '4': CAST(count(*) FILTER (WHERE skill = 4) AS INTEGER)} AS skill_dist,
         {'1': CAST(count(*) FILTER (WHERE timeliness = 1) AS INTEGER), '2': CAST(count(*) FILTER (WHERE timeliness = 2) AS INTEGER),
          '3': CAST(count(*) FILTER (WHERE timeliness = 3) AS INTEGER), '4': CAST(count(*) FILTER (WHERE timeliness = 4) AS INTEGER)} AS timeliness_dist,
         {'1': CAST(count(*) FILTER (WHERE promise = 1) AS INTEGER), '2': CAST(count(*) FILTER (WHERE promise = 2) AS INTEGER),
          '3': CAST(count(*) FILTER (WHERE promise = 3) AS INTEGER), '4': CAST(count(*) FILTER (WHERE promise = 4) AS INTEGER)} AS promise_dist
  FROM report_groups($branch::VARCHAR, $rollup::BOOLEAN, by_branch := $by_branch::BOOLEAN) g
  LEFT JOIN s ON s.branch_id = g.member_id
  GROUP BY g.group_id
)
SELECT branch_id, is_total,
       covered / nullif(orders, 0) AS "satisfaction.coverage",
       responded / nullif(sent, 0) AS "satisfaction.response_rate",
       attitude_mean AS "satisfaction.attitude_mean",
       skill_mean AS "satisfaction.skill_mean",
       timeliness_mean AS "satisfaction.timeliness_mean",
       promise_mean AS "satisfaction.promise_mean",
       satisfied / nullif(ratings, 0) AS "satisfaction.satisfied_rate",
       (attitude_mean + skill_mean + timeliness_mean + promise_mean) / 4 AS "satisfaction.overall_mean",
       attitude_dist AS "satisfaction.attitude_distribution",
       skill_dist AS "satisfaction.skill_distribution",
       timeliness_dist AS "satisfaction.timeliness_distribution",
       promise_dist AS "satisfaction.promise_distribution",
       CAST(responded AS INTEGER) AS "n:satisfaction.satisfied_rate"
FROM g
ORDER BY is_total, branch_id;
