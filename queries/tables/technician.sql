-- tables.technician (docs/metrics.md#metrics technician) [技术员工作日报表 002#2 §15; fines 002#11 §四]: per technician
-- with orders in period (branch cut: the order's branch):
--   completed, class_a … class_d   orders completed in period (not consultation) by charge_class
--   labor_hours                   Σ labor_hours of those orders
--   on_time_rate, late_arrivals   the on-time promise (order_promises) over their orders received in period
--   repeats_charged               repeats received in period charged to them (repeats_x)
--   *_mean                        survey item means of their completed orders (responded surveys)
--   complaint_share               Σ responsibility share named to them, valid complaints closed in period
--   incomplete_reports            their completed orders whose report is not complete
--   late_fine, report_fine        late_arrivals × 50, incomplete_reports × 20 (CNY, estimates)
--   fine_estimate                 late_fine + report_fine
-- Not measured (NULL, docs/metrics.md "Not measured"): on_time_rate and late_arrivals without an
-- arrived_at column; completed, class_*, labor_hours and incomplete_reports without completed_at (and
-- labor_hours without its column, incomplete_reports without the four report columns); repeats_charged
-- as repeat.rate; complaint_share without the complaints or responsibility file. The fine is estimated
-- from what was measured only: late_fine, report_fine (each NULL when not measured), or both; NULL if neither.
WITH o AS (
  SELECT x.*, p.in_set, p.on_time
  FROM orders_x x
  LEFT JOIN order_promises($as_of::TIMESTAMP, s := $start::TIMESTAMP, e := $end::TIMESTAMP) p ON p.order_id = x.order_id
  WHERE x.technician_id IS NOT NULL AND in_branch(x.branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
),
done AS (
  SELECT * FROM o WHERE is_completed AND NOT is_consultation AND in_period(completed_at, $start::TIMESTAMP, $end::TIMESTAMP)
),
work AS (
  SELECT technician_id, count(*) AS completed,
         count(*) FILTER (WHERE charge_class = 'A') AS class_a, count(*) FILTER (WHERE charge_class = 'B') AS class_b,
         count(*) FILTER (WHERE charge_class = 'C') AS class_c, count(*) FILTER (WHERE charge_class = 'D') AS class_d,
         -- DECIMAL sum: a DOUBLE sum depends on the summation order (threads, engine) in its last digits.
         sum(CAST(labor_hours AS DECIMAL(38, 6))) AS labor_hours, count(*) FILTER (WHERE NOT report_complete) AS incomplete_reports
  FROM done GROUP BY technician_id
),
arrival AS (
  SELECT technician_id,
         count(*) FILTER (WHERE in_set AND on_time) AS kept,
         count(*) FILTER (WHERE in_set AND NOT on_time) AS late
  FROM o
  WHERE NOT is_cancelled AND NOT is_consultation AND in_period(called_at, $start::TIMESTAMP, $end::TIMESTAMP)
  GROUP BY technician_id
),
rep AS (
  SELECT r.charged_technician_id AS technician_id, count(*) AS repeats
  FROM repeats_x r
  WHERE in_branch(r.branch_id, $branch::VARCHAR, $rollup::BOOLEAN) AND in_period(r.called_at, $start::TIMESTAMP, $end::TIMESTAMP)
  GROUP BY 1
),
sat AS (
  -- surveys_x: the surveys of completed, non-consultation orders with their order's technician.
  SELECT technician_id, avg(attitude) AS attitude_mean, avg(skill) AS skill_mean,
         avg(timeliness) AS timeliness_mean, avg(promise) AS promise_mean
  FROM surveys_x
  WHERE responded AND technician_id IS NOT NULL AND in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
    AND in_period(completed_at, $start::TIMESTAMP, $end::TIMESTAMP)
  GROUP BY technician_id
),
resp AS (
  SELECT r.staff_id AS technician_id, CAST(sum(r.share) AS DOUBLE) AS complaint_share
  FROM complaint_responsibility r JOIN complaints c ON c.complaint_no = r.complaint_no
  WHERE c.valid = 'yes' AND in_period(c.closed_at, $start::TIMESTAMP, $end::TIMESTAMP)
    AND in_branch(c.branch_id, $branch::VARCHAR, $rollup::BOOLEAN) AND r.staff_id IS NOT NULL
  GROUP BY 1
),
m AS (
  SELECT has_column('service_orders', 'arrived_at') AS arrived,
         has_column('service_orders', 'completed_at') AS completed,
         has_column('service_orders', 'labor_hours') AS labor,
         has_column('service_orders', 'completed_at') AND has_column('service_orders', 'cause')
           AND has_column('service_orders', 'solution') AND has_column('service_orders', 'parts')
           AND has_column('service_orders', 'customer_opinion') AS reports,
         has_column('service_orders', 'completed_at') AND has_column('service_orders', 'customer_id')
           AND (has_column('service_orders', 'product_model') OR has_column('service_orders', 'serial_no')) AS repeats,
         has_table('complaints') AND has_table('complaint_responsibility') AS complaints
),
techs AS (
  SELECT technician_id FROM work UNION SELECT technician_id FROM arrival WHERE kept + late > 0
  UNION SELECT technician_id FROM rep
)
SELECT t.technician_id, s.name, s.branch_id, s.unit,
       CASE WHEN m.completed THEN CAST(coalesce(w.completed, 0) AS INTEGER) END AS completed,
       CASE WHEN m.completed THEN CAST(coalesce(w.class_a, 0) AS INTEGER) END AS class_a,
       CASE WHEN m.completed THEN CAST(coalesce(w.class_b, 0) AS INTEGER) END AS class_b,
       CASE WHEN m.completed THEN CAST(coalesce(w.class_c, 0) AS INTEGER) END AS class_c,
       CASE WHEN m.completed THEN CAST(coalesce(w.class_d, 0) AS INTEGER) END AS class_d,
       CASE WHEN m.completed AND m.labor THEN CAST(coalesce(w.labor_hours, 0) AS DOUBLE) END AS labor_hours,
       CASE WHEN m.arrived THEN a.kept / nullif(a.kept + a.late, 0) END AS on_time_rate,
       CASE WHEN m.arrived THEN CAST(coalesce(a.late, 0) AS INTEGER) END AS late_arrivals,
       CASE WHEN m.repeats THEN CAST(coalesce(r.repeats, 0) AS INTEGER) END AS repeats_charged,
       sa.attitude_mean, sa.skill_mean, sa.timeliness_mean, sa.promise_mean,
       CASE WHEN m.complaints THEN coalesce(rs.complaint_share, 0) END AS complaint_share,
       CASE WHEN m.reports THEN CAST(coalesce(w.incomplete_reports, 0) AS INTEGER) END AS incomplete_reports,
       CASE WHEN m.arrived THEN cents_text(100 * 50 * coalesce(a.late, 0)) END AS late_fine,
       CASE WHEN m.reports THEN cents_text(100 * 20 * coalesce(w.incomplete_reports, 0)) END AS report_fine,
       CASE WHEN m.arrived OR m.reports
            THEN cents_text(100 * (CASE WHEN m.arrived THEN 50 * coalesce(a.late, 0) ELSE 0 END
                                   + CASE WHEN m.reports THEN 20 * coalesce(w.incomplete_reports, 0) ELSE 0 END)) END AS fine_estimate
FROM techs t
CROSS JOIN m
LEFT JOIN staff s ON s.staff_id = t.technician_id
LEFT JOIN work w ON w.technician_id = t.technician_id
LEFT JOIN arrival a ON a.technician_id = t.technician_id
LEFT JOIN rep r ON r.technician_id = t.technician_id
LEFT JOIN sat sa ON sa.technician_id = t.technician_id
LEFT JOIN resp rs ON rs.technician_id = t.technician_id
ORDER BY s.branch_id NULLS LAST, t.technician_id;
