-- order_promises(as_of, s, e): per order called in [s, e) (all orders when s is NULL), the four promises of docs/metrics.md#metrics evaluated at as_of (rules 2, 4, 5).
-- Each column is true (kept), false (missed) or NULL (not yet due, or not in that promise's set):
--   in_set     received-type order (not cancelled, not consultation), not resolved without a visit
--              (completed with no arrived_at, when the export has the column), with a standard
--              (response.deadline not NULL)
--   on_time    arrived_at ≤ deadline; not arrived: missed iff deadline < as_of
--   reply_24h  dispatched_at ≤ called_at + 24 h (inclusive); not dispatched: missed iff that < as_of
--   within_2d  install: arrived_at < 00:00 of called date + 3; not arrived: missed iff that ≤ as_of
--   next_day   repair: arrived_at < 00:00 of called date + 2; not arrived: missed iff that ≤ as_of
-- Recorded events count even when stamped after as_of (rule 2). Pass the period so only its orders are
-- evaluated (a join against every order of the data costs a full scan per query). Every column of
-- orders_x comes along, so a query over the period's orders needs no join back to orders_x.
CREATE OR REPLACE MACRO order_promises(as_of, s := NULL, e := NULL) AS TABLE
SELECT *,
       NOT is_cancelled AND NOT is_consultation AND deadline IS NOT NULL
         -- Without an arrived_at column (not measured) no order can be told resolved without a visit:
         -- the 24 h reply keeps them all (docs/metrics.md "Not measured").
         AND NOT (is_completed AND arrived_at IS NULL AND has_column('service_orders', 'arrived_at')) AS in_set,
       CASE WHEN arrived_at IS NOT NULL THEN arrived_at <= deadline
            WHEN deadline < as_of THEN false END AS on_time,
       CASE WHEN dispatched_at IS NOT NULL THEN dispatched_at <= called_at + INTERVAL 24 HOUR
            WHEN called_at + INTERVAL 24 HOUR < as_of THEN false END AS reply_24h,
       CASE WHEN service_type <> 'install' THEN NULL
            WHEN arrived_at IS NOT NULL THEN arrived_at < CAST(CAST(called_at AS DATE) + 3 AS TIMESTAMP)
            WHEN CAST(CAST(called_at AS DATE) + 3 AS TIMESTAMP) <= as_of THEN false END AS within_2d,
       CASE WHEN service_type <> 'repair' THEN NULL
            WHEN arrived_at IS NOT NULL THEN arrived_at < CAST(CAST(called_at AS DATE) + 2 AS TIMESTAMP)
            WHEN CAST(CAST(called_at AS DATE) + 2 AS TIMESTAMP) <= as_of THEN false END AS next_day
FROM orders_x
WHERE s IS NULL OR in_period(called_at, s, e);
