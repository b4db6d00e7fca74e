-- Response: response.on_time_rate, response.p50_hours, response.p90_hours, response.reply_24h_rate,
-- install.within_2d_rate, repair.next_day_rate (docs/metrics.md#metrics; rules 2–6).
-- Over orders received in period (called_at in period, not cancelled), not consultation.
-- Each promise rate = kept / (kept + missed) among the set (order_promises, setup/35-promises.sql);
-- orders not yet due at as_of are left out. NULL when nothing is evaluated.
-- P50/P90 (rule 6): working hours called → arrived over arrived orders (with or without a standard),
-- continuous percentiles (quantile_cont).
-- Not measured (NULL): all but reply_24h_rate without an arrived_at column; reply_24h_rate without a
-- dispatched_at column.
-- o is read twice (the counts, the percentiles): MATERIALIZED evaluates the period's promises once.
WITH o AS MATERIALIZED (
  SELECT branch_id, response_hours, arrived_at IS NOT NULL AS arrived, in_set, on_time, reply_24h, within_2d, next_day
  FROM order_promises($as_of::TIMESTAMP, s := $start::TIMESTAMP, e := $end::TIMESTAMP)
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN) AND NOT is_cancelled AND NOT is_consultation
),
-- The promise counts are taken per branch, then summed over the report's groups (the roll-up adds
-- counts, never rates); only the percentiles need each group's own hours. Both percentiles come from
-- one quantile_cont over a list: one sort of the hours per group, not two.
b AS (
  SELECT branch_id,
         count(*) FILTER (WHERE in_set AND on_time) AS on_time, count(*) FILTER (WHERE in_set AND on_time IS NOT NULL) AS on_time_n,
         count(*) FILTER (WHERE in_set AND reply_24h) AS reply, count(*) FILTER (WHERE in_set AND reply_24h IS NOT NULL) AS reply_n,
         count(*) FILTER (WHERE in_set AND within_2d) AS within, count(*) FILTER (WHERE in_set AND within_2d IS NOT NULL) AS within_n,
         count(*) FILTER (WHERE in_set AND next_day) AS next, count(*) FILTER (WHERE in_set AND next_day IS NOT NULL) AS next_n,
         count(*) FILTER (WHERE arrived) AS arrived_n
  FROM o GROUP BY branch_id
),
q AS (
  SELECT g.group_id, quantile_cont(o.response_hours, [0.5, 0.9]) AS hours
  FROM report_groups($branch::VARCHAR, $rollup::BOOLEAN, by_branch := $by_branch::BOOLEAN) g
  JOIN o ON o.branch_id = g.member_id AND o.arrived
  GROUP BY g.group_id
),
r AS (
  SELECT g.group_id,
         sum(b.on_time) / nullif(sum(b.on_time_n), 0) AS on_time_rate,
         sum(b.reply) / nullif(sum(b.reply_n), 0) AS reply_24h_rate,
         sum(b.within) / nullif(sum(b.within_n), 0) AS within_2d_rate,
         sum(b.next) / nullif(sum(b.next_n), 0) AS next_day_rate,
         coalesce(sum(b.on_time_n), 0) AS n_on_time,
         coalesce(sum(b.arrived_n), 0) AS n_arrived
  FROM report_groups($branch::VARCHAR, $rollup::BOOLEAN, by_branch := $by_branch::BOOLEAN) g
  LEFT JOIN b ON b.branch_id = g.member_id
  GROUP BY g.group_id
)
SELECT r.group_id AS branch_id, r.group_id IS NULL AS is_total,
       CASE WHEN has_column('service_orders', 'arrived_at') THEN r.on_time_rate END AS "response.on_time_rate",
       CASE WHEN has_column('service_orders', 'arrived_at') THEN q.hours[1] END AS "response.p50_hours",
       CASE WHEN has_column('service_orders', 'arrived_at') THEN q.hours[2] END AS "response.p90_hours",
       CASE WHEN has_column('service_orders', 'dispatched_at') THEN r.reply_24h_rate END AS "response.reply_24h_rate",
       CASE WHEN has_column('service_orders', 'arrived_at') THEN r.within_2d_rate END AS "install.within_2d_rate",
       CASE WHEN has_column('service_orders', 'arrived_at') THEN r.next_day_rate END AS "repair.next_day_rate",
       -- Case counts behind the rates ("n:" columns, report.cases): a rate on few cases is low-confidence.
       CAST(r.n_on_time AS INTEGER) AS "n:response.on_time_rate",
       CAST(r.n_arrived AS INTEGER) AS "n:response.p90_hours"
FROM r
LEFT JOIN q ON q.group_id IS NOT DISTINCT FROM r.group_id
ORDER BY is_total, r.group_id;
