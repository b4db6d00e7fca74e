-- calendar: one row per date covering the orders, from the config (docs/metrics.md#configuration; DESIGN.md "calendar trick").
-- A date is a working day if it is an extra workday, else not if a holiday, else if its ISO weekday
-- is a workday. win_start = date + window start; len = window seconds (0 on a day off);
-- cum_before = working seconds of all earlier dates. Then the working seconds up to t are
--   W(t) = cum_before(date t) + clamp(t − win_start, 0, len),
-- monotone in t: working time between a and b is W(b) − W(a).
CREATE OR REPLACE TABLE calendar AS
WITH span AS (
  SELECT min(called_at) AS lo,
         max(greatest(called_at, coalesce(dispatched_at, called_at), coalesce(promised_at, called_at),
                      coalesce(arrived_at, called_at), coalesce(completed_at, called_at))) AS hi
  FROM service_orders
),
days AS (
  -- 400 days of margin after the last stamp: a deadline never runs past it, even with long holidays.
  SELECT CAST(unnest(generate_series(CAST(CAST(coalesce(lo, TIMESTAMP '2000-01-01') AS DATE) - 1 AS TIMESTAMP),
                                     CAST(CAST(coalesce(hi, TIMESTAMP '2000-01-01') AS DATE) + 400 AS TIMESTAMP),
                                     INTERVAL 1 DAY)) AS DATE) AS day
  FROM span
),
flags AS (
  SELECT d.day,
         CASE WHEN x.day IS NOT NULL THEN true
              WHEN h.day IS NOT NULL THEN false
              ELSE isodow(d.day) IN (SELECT isodow FROM cfg_workdays) END AS work
  FROM days d
  LEFT JOIN (SELECT DISTINCT day FROM cfg_days WHERE kind = 'extra') x ON x.day = d.day
  LEFT JOIN (SELECT DISTINCT day FROM cfg_days WHERE kind = 'holiday') h ON h.day = d.day
),
windows AS (
  SELECT f.day, f.work, CAST(f.day AS TIMESTAMP) + to_seconds(c.work_start_s) AS win_start,
         CAST(CASE WHEN f.work THEN c.work_end_s - c.work_start_s ELSE 0 END AS BIGINT) AS len
  FROM flags f CROSS JOIN cfg c
)
SELECT day, work, win_start, len,
       CAST(coalesce(sum(len) OVER (ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS BIGINT) AS cum_before
FROM windows
ORDER BY day;
