-- tables.late_orders: the late arrivals behind response.on_time_rate, for the monthly report's drill list
-- (docs/metrics.md#metrics response.on_time_rate; rules 2–4). Grain: one row per order received in period
-- (called_at in period) that is in the on-time set and missed it — order_promises (setup/35-promises.sql)
-- decides both, the rule is not re-derived here: in_set AND on_time = false, i.e. arrived after its
-- deadline, or not arrived and the deadline before as_of. Branch cut: the order's branch.
-- Columns:
--   order_id, branch_id, branch_name, technician_id, technician_name (staff), service_type, zone
--   promised      the deadline is the customer's promised_at (else the zone standard in working hours)
--   called_at, deadline, arrived_at   wall-clock texts; arrived_at NULL = not arrived by as_of
--   status        the order's status as exported
--   hours_late    working hours from the deadline to the arrival (or to as_of when not arrived), on the
--                 calendar of rule 3: (W(arrived_at or as_of) − W(deadline)) / 3600. A promise outside the
--                 working window that was missed outside it too is late by 0 working hours.
-- Sorted by hours_late DESC, order_id.
WITH late AS (
  SELECT x.order_id, x.branch_id, x.technician_id, x.service_type, x.zone, x.status,
         x.promised_at IS NOT NULL AS promised, x.called_at, x.deadline, x.arrived_at,
         coalesce(x.arrived_at, $as_of::TIMESTAMP) AS late_until
  FROM order_promises($as_of::TIMESTAMP, s := $start::TIMESTAMP, e := $end::TIMESTAMP) x
  WHERE x.in_set AND x.on_time = false AND in_branch(x.branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
)
SELECT l.order_id, l.branch_id, b.branch_name, l.technician_id, s.name AS technician_name, l.service_type, l.zone,
       l.promised, ts_text(l.called_at) AS called_at, ts_text(l.deadline) AS deadline, ts_text(l.arrived_at) AS arrived_at,
       l.status,
       (cu.cum_before + least(greatest(date_diff('second', cu.win_start, l.late_until), 0), cu.len)
        - cd.cum_before - least(greatest(date_diff('second', cd.win_start, l.deadline), 0), cd.len)) / 3600.0 AS hours_late
FROM late l
LEFT JOIN calendar cd ON cd.day = CAST(l.deadline AS DATE)
LEFT JOIN calendar cu ON cu.day = CAST(l.late_until AS DATE)
LEFT JOIN branches b ON b.branch_id = l.branch_id
LEFT JOIN staff s ON s.staff_id = l.technician_id
ORDER BY hours_late DESC, l.order_id;
