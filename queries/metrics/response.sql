-- Response: response.on_time_rate, response.p50_hours, response.p90_hours, response.reply_24h_rate,
-- install.within_2d_rate, repair.next_day_rate (SPEC §5; §5.1 rules 2–6).
-- "The set" of the four promises (rule 4): received in period, not consultation, not resolved without
-- a visit (completed with no arrived_at), with a standard (deadline from promised_at or zone hours).
-- Each promise: kept = event by its deadline; missed = event later, or no event and the deadline has
-- passed at as_of; no event and not yet due = left out (NULL). Recorded events count even when
-- stamped after as_of (rule 2).
--   on-time:    event arrived_at, deadline = response.deadline, kept iff arrived_at ≤ deadline,
--               missed-unarrived iff deadline < as_of
--   24 h reply: event dispatched_at, deadline = called_at + 24 h (inclusive), same tests
--   2-day install / next-day repair (rule 5): install resp. repair orders of the set; m = 00:00 of
--               called date + 3 resp. + 2 days; kept iff arrived_at < m; missed-unarrived iff m ≤ as_of
-- P50/P90 (rule 6): working hours called → arrived over received, not-consultation, arrived orders
-- (with or without a standard), continuous percentiles.
WITH o AS (
  SELECT branch_id, service_type, response_hours, arrived_at IS NOT NULL AS arrived,
         deadline IS NOT NULL AND NOT (is_completed AND arrived_at IS NULL) AS in_set,
         CASE WHEN arrived_at IS NOT NULL THEN arrived_at <= deadline
              WHEN deadline < $as_of::TIMESTAMP THEN false END AS on_time,
         CASE WHEN dispatched_at IS NOT NULL THEN dispatched_at <= called_at + INTERVAL 24 HOUR
              WHEN called_at + INTERVAL 24 HOUR < $as_of::TIMESTAMP THEN false END AS reply_24h,
         CASE WHEN arrived_at IS NOT NULL THEN arrived_at < CAST(CAST(called_at AS DATE) + 3 AS TIMESTAMP)
              WHEN CAST(CAST(called_at AS DATE) + 3 AS TIMESTAMP) <= $as_of::TIMESTAMP THEN false END AS within_2d,
         CASE WHEN arrived_at IS NOT NULL THEN arrived_at < CAST(CAST(called_at AS DATE) + 2 AS TIMESTAMP)
              WHEN CAST(CAST(called_at AS DATE) + 2 AS TIMESTAMP) <= $as_of::TIMESTAMP THEN false END AS next_day
  FROM orders_x
  WHERE branch_ok(branch_id, $branch::VARCHAR)
    AND in_period(called_at, $start::TIMESTAMP, $end::TIMESTAMP)
    AND NOT is_cancelled AND NOT is_consultation
)
SELECT b.branch_id, grouping(b.branch_id) = 1 AS is_total,
       count(*) FILTER (WHERE in_set AND on_time)
         / nullif(count(*) FILTER (WHERE in_set AND on_time IS NOT NULL), 0) AS "response.on_time_rate",
       quantile_cont(response_hours, 0.5) FILTER (WHERE arrived) AS "response.p50_hours",
       quantile_cont(response_hours, 0.9) FILTER (WHERE arrived) AS "response.p90_hours",
       count(*) FILTER (WHERE in_set AND reply_24h)
         / nullif(count(*) FILTER (WHERE in_set AND reply_24h IS NOT NULL), 0) AS "response.reply_24h_rate",
       count(*) FILTER (WHERE in_set AND service_type = 'install' AND within_2d)
         / nullif(count(*) FILTER (WHERE in_set AND service_type = 'install' AND within_2d IS NOT NULL), 0)
         AS "install.within_2d_rate",
       count(*) FILTER (WHERE in_set AND service_type = 'repair' AND next_day)
         / nullif(count(*) FILTER (WHERE in_set AND service_type = 'repair' AND next_day IS NOT NULL), 0)
         AS "repair.next_day_rate"
FROM sel_branches($branch::VARCHAR) b
LEFT JOIN o ON o.branch_id = b.branch_id
GROUP BY GROUPING SETS ((b.branch_id), ())
ORDER BY is_total, b.branch_id;
