-- Satisfaction: satisfaction.coverage, .response_rate, .{attitude,skill,timeliness,promise}_mean and
-- _distribution, .satisfied_rate, .overall_mean (docs/metrics.md#metrics satisfaction.*; rules 9, 10, 17).
-- Orders = completed in period, not consultation; their surveys (surveys_x) count whenever sent;
-- surveys follow their order's branch.
--   coverage       = orders with ≥ 1 survey with sent_at / orders
--   response_rate  = surveys with sent_at and responded_at / surveys with sent_at (counted in surveys)
--   item mean, distribution (levels 1–4) = over the non-empty ratings of responded surveys
--   satisfied_rate = ratings ≥ 3 / all ratings, the four items pooled
--   overall_mean   = mean of the four item means (NULL if any is NULL)
-- Counted per branch first (an order and its surveys belong to one branch), then summed over the
-- report's groups: the roll-up adds sums and counts, never rates. No DISTINCT count: order_id is unique
-- in orders_x (the importer rejects a repeated key), and each covered order has one survey that
-- `covers` it (setup/45-surveys.sql).
-- Not measured (NULL): everything without a surveys file or without the orders' completed_at column;
-- coverage and response_rate without sent_at; all but coverage without responded_at; an item's mean
-- and distribution (and overall_mean) without that item's column.
WITH o AS (
  SELECT branch_id, count(*) AS orders FROM orders_x
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN) AND is_completed AND NOT is_consultation
    AND in_period(completed_at, $start::TIMESTAMP, $end::TIMESTAMP)
  GROUP BY branch_id
),
s AS (
  SELECT branch_id,
         count(*) FILTER (WHERE covers) AS covered,
         count(*) FILTER (WHERE sent) AS sent,
         count(*) FILTER (WHERE responded) AS responded,
         sum(attitude) AS attitude_sum, count(attitude) AS attitude_n,
         sum(skill) AS skill_sum, count(skill) AS skill_n,
         sum(timeliness) AS timeliness_sum, count(timeliness) AS timeliness_n,
         sum(promise) AS promise_sum, count(promise) AS promise_n,
         count(*) FILTER (WHERE attitude >= 3) + count(*) FILTER (WHERE skill >= 3)
           + count(*) FILTER (WHERE timeliness >= 3) + count(*) FILTER (WHERE promise >= 3) AS satisfied,
         count(*) FILTER (WHERE attitude = 1) AS a1, count(*) FILTER (WHERE attitude = 2) AS a2,
         count(*) FILTER (WHERE attitude = 3) AS a3, count(*) FILTER (WHERE attitude = 4) AS a4,
         count(*) FILTER (WHERE skill = 1) AS s1, count(*) FILTER (WHERE skill = 2) AS s2,
         count(*) FILTER (WHERE skill = 3) AS s3, count(*) FILTER (WHERE skill = 4) AS s4,
         count(*) FILTER (WHERE timeliness = 1) AS t1, count(*) FILTER (WHERE timeliness = 2) AS t2,
         count(*) FILTER (WHERE timeliness = 3) AS t3, count(*) FILTER (WHERE timeliness = 4) AS t4,
         count(*) FILTER (WHERE promise = 1) AS p1, count(*) FILTER (WHERE promise = 2) AS p2,
         count(*) FILTER (WHERE promise = 3) AS p3, count(*) FILTER (WHERE promise = 4) AS p4
  FROM surveys_x
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
    AND in_period(completed_at, $start::TIMESTAMP, $end::TIMESTAMP)
  GROUP BY branch_id
),
g AS (
  SELECT g.group_id AS branch_id, g.group_id IS NULL AS is_total,
         coalesce(sum(o.orders), 0) AS orders, coalesce(sum(s.covered), 0) AS covered,
         coalesce(sum(s.sent), 0) AS sent, coalesce(sum(s.responded), 0) AS responded,
         sum(s.attitude_sum) / nullif(sum(s.attitude_n), 0) AS attitude_mean,
         sum(s.skill_sum) / nullif(sum(s.skill_n), 0) AS skill_mean,
         sum(s.timeliness_sum) / nullif(sum(s.timeliness_n), 0) AS timeliness_mean,
         sum(s.promise_sum) / nullif(sum(s.promise_n), 0) AS promise_mean,
         coalesce(sum(s.attitude_n + s.skill_n + s.timeliness_n + s.promise_n), 0) AS ratings,
         coalesce(sum(s.satisfied), 0) AS satisfied,
         {'1': CAST(coalesce(sum(s.a1), 0) AS INTEGER), '2': CAST(coalesce(sum(s.a2), 0) AS INTEGER),
          '3': CAST(coalesce(sum(s.a3), 0) AS INTEGER), '4': CAST(coalesce(sum(s.a4), 0) AS INTEGER)} AS attitude_dist,
         {'1': CAST(coalesce(sum(s.s1), 0) AS INTEGER), '2': CAST(coalesce(sum(s.s2), 0) AS INTEGER),
          '3': CAST(coalesce(sum(s.s3), 0) AS INTEGER), '4': CAST(coalesce(sum(s.s4), 0) AS INTEGER)} AS skill_dist,
         {'1': CAST(coalesce(sum(s.t1), 0) AS INTEGER), '2': CAST(coalesce(sum(s.t2), 0) AS INTEGER),
          '3': CAST(coalesce(sum(s.t3), 0) AS INTEGER), '4': CAST(coalesce(sum(s.t4), 0) AS INTEGER)} AS timeliness_dist,
         {'1': CAST(coalesce(sum(s.p1), 0) AS INTEGER), '2': CAST(coalesce(sum(s.p2), 0) AS INTEGER),
          '3': CAST(coalesce(sum(s.p3), 0) AS INTEGER), '4': CAST(coalesce(sum(s.p4), 0) AS INTEGER)} AS promise_dist
  FROM report_groups($branch::VARCHAR, $rollup::BOOLEAN, by_branch := $by_branch::BOOLEAN) g
  LEFT JOIN o ON o.branch_id = g.member_id
  LEFT JOIN s ON s.branch_id = g.member_id
  GROUP BY g.group_id
)
SELECT branch_id, is_total,
       CASE WHEN m.has_base AND m.has_sent THEN covered / nullif(orders, 0) END AS "satisfaction.coverage",
       CASE WHEN m.has_base AND m.has_sent AND m.has_responded THEN responded / nullif(sent, 0) END AS "satisfaction.response_rate",
       CASE WHEN m.has_base AND m.has_responded AND m.has_attitude THEN attitude_mean END AS "satisfaction.attitude_mean",
       CASE WHEN m.has_base AND m.has_responded AND m.has_skill THEN skill_mean END AS "satisfaction.skill_mean",
       CASE WHEN m.has_base AND m.has_responded AND m.has_timeliness THEN timeliness_mean END AS "satisfaction.timeliness_mean",
       CASE WHEN m.has_base AND m.has_responded AND m.has_promise THEN promise_mean END AS "satisfaction.promise_mean",
       CASE WHEN m.has_base AND m.has_responded THEN satisfied / nullif(ratings, 0) END AS "satisfaction.satisfied_rate",
       CASE WHEN m.has_base AND m.has_responded AND m.has_attitude AND m.has_skill AND m.has_timeliness AND m.has_promise
            THEN (attitude_mean + skill_mean + timeliness_mean + promise_mean) / 4 END AS "satisfaction.overall_mean",
       CASE WHEN m.has_base AND m.has_responded AND m.has_attitude THEN attitude_dist END AS "satisfaction.attitude_distribution",
       CASE WHEN m.has_base AND m.has_responded AND m.has_skill THEN skill_dist END AS "satisfaction.skill_distribution",
       CASE WHEN m.has_base AND m.has_responded AND m.has_timeliness THEN timeliness_dist END AS "satisfaction.timeliness_distribution",
       CASE WHEN m.has_base AND m.has_responded AND m.has_promise THEN promise_dist END AS "satisfaction.promise_distribution",
       CAST(responded AS INTEGER) AS "n:satisfaction.satisfied_rate"
FROM g, (SELECT has_table('surveys') AND has_column('service_orders', 'completed_at') AS has_base,
                has_column('surveys', 'sent_at') AS has_sent, has_column('surveys', 'responded_at') AS has_responded,
                has_column('surveys', 'attitude') AS has_attitude, has_column('surveys', 'skill') AS has_skill,
                has_column('surveys', 'timeliness') AS has_timeliness, has_column('surveys', 'promise') AS has_promise) m
ORDER BY is_total, branch_id;
