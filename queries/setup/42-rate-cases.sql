-- The populations of the four rates a month's change is explained for (docs/metrics.md "A month's
-- change explained"), each in one place: the metric files count them (metrics/resolution.sql,
-- metrics/completeness.sql; response.sql reads order_promises) and explain/shift-share.sql splits them
-- by group, so a metric and its explanation never disagree about which orders count.

-- received_cases(s, e): orders received in [s, e) that are not consultations — the denominator of
-- resolution.same_day_rate (phone-resolved and still-open orders included; rules 7, 9); its repairs are
-- the denominator of repeat.rate (rule 8).
--   same_day  completed on the calendar date of called_at
CREATE OR REPLACE MACRO received_cases(s, e) AS TABLE
SELECT *, is_completed AND CAST(completed_at AS DATE) = CAST(called_at AS DATE) AS same_day
FROM orders_x
WHERE in_period(called_at, s, e) AND NOT is_cancelled AND NOT is_consultation;

-- completed_cases(s, e): orders completed in [s, e) that are not consultations — the denominator of
-- report.completeness_rate (rules 9, 11); report_complete (orders_x) is its numerator.
CREATE OR REPLACE MACRO completed_cases(s, e) AS TABLE
SELECT * FROM orders_x
WHERE is_completed AND NOT is_consultation AND in_period(completed_at, s, e);

-- rate_cases(as_of, s, e): one row per order of each explained rate's denominator for the period
-- [s, e) judged at as_of, with hit = the order is in the numerator.
--   metric        the rate's id
--   branch_id, service_type  the order's own (the groups of the explanation)
--   response.on_time_rate     in the promise set and kept or missed (not yet due left out; rule 4)
--   resolution.same_day_rate  received_cases; hit = same_day
--   repeat.rate               received_cases that are repairs; hit = a repeat (repeats_x, rule 8)
--   report.completeness_rate  completed_cases; hit = report_complete
CREATE OR REPLACE MACRO rate_cases(as_of, s, e) AS TABLE
SELECT 'response.on_time_rate' AS metric, branch_id, service_type, on_time AS hit
FROM order_promises(as_of, s := s, e := e)
WHERE in_set AND on_time IS NOT NULL
UNION ALL
SELECT 'resolution.same_day_rate', branch_id, service_type, same_day FROM received_cases(s, e)
UNION ALL
SELECT 'repeat.rate', c.branch_id, c.service_type, r.order_id IS NOT NULL
FROM received_cases(s, e) c LEFT JOIN repeats_x r ON r.order_id = c.order_id
WHERE c.service_type = 'repair'
UNION ALL
SELECT 'report.completeness_rate', branch_id, service_type, report_complete FROM completed_cases(s, e);
