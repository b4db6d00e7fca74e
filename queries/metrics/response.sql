-- Response: response.on_time_rate, response.p50_hours, response.p90_hours, response.reply_24h_rate,
-- install.within_2d_rate, repair.next_day_rate (SPEC §5; §5.1 rules 2–6).
-- Over orders received in period (called_at in period, not cancelled), not consultation.
-- Each promise rate = kept / (kept + missed) among the set (order_promises, setup/35-promises.sql);
-- orders not yet due at as_of are left out. NULL when nothing is evaluated.
-- P50/P90 (rule 6): working hours called → arrived over arrived orders (with or without a standard),
-- continuous percentiles (quantile_cont).
WITH o AS (
  SELECT branch_id, response_hours, arrived_at IS NOT NULL AS arrived, in_set, on_time, reply_24h, within_2d, next_day
  FROM order_promises($as_of::TIMESTAMP, s := $start::TIMESTAMP, e := $end::TIMESTAMP)
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN) AND NOT is_cancelled AND NOT is_consultation
),
-- Both percentiles come from one quantile_cont over a list: one sort of the hours per group, not two.
r AS (
  SELECT g.group_id,
         count(*) FILTER (WHERE in_set AND on_time)
           / nullif(count(*) FILTER (WHERE in_set AND on_time IS NOT NULL), 0) AS on_time_rate,
         quantile_cont(response_hours, [0.5, 0.9]) FILTER (WHERE arrived) AS hours,
         count(*) FILTER (WHERE in_set AND reply_24h)
           / nullif(count(*) FILTER (WHERE in_set AND reply_24h IS NOT NULL), 0) AS reply_24h_rate,
         count(*) FILTER (WHERE in_set AND within_2d)
           / nullif(count(*) FILTER (WHERE in_set AND within_2d IS NOT NULL), 0) AS within_2d_rate,
         count(*) FILTER (WHERE in_set AND next_day)
           / nullif(count(*) FILTER (WHERE in_set AND next_day IS NOT NULL), 0) AS next_day_rate,
         count(*) FILTER (WHERE in_set AND on_time IS NOT NULL) AS n_on_time,
         count(*) FILTER (WHERE arrived) AS n_arrived
  FROM report_groups($branch::VARCHAR, $rollup::BOOLEAN, by_branch := $by_branch::BOOLEAN) g
  LEFT JOIN o ON o.branch_id = g.member_id
  GROUP BY g.group_id
)
SELECT group_id AS branch_id, group_id IS NULL AS is_total,
       on_time_rate AS "response.on_time_rate",
       hours[1] AS "response.p50_hours",
       hours[2] AS "response.p90_hours",
       reply_24h_rate AS "response.reply_24h_rate",
       within_2d_rate AS "install.within_2d_rate",
       next_day_rate AS "repair.next_day_rate",
       -- Case counts behind the rates ("n:" columns, report.cases): a rate on few cases is low-confidence.
       CAST(n_on_time AS INTEGER) AS "n:response.on_time_rate",
       CAST(n_arrived AS INTEGER) AS "n:response.p90_hours"
FROM r
ORDER BY is_total, group_id;
