-- tables.technician_satisfaction (annual satisfaction analysis, best and worst technicians [002#15 §四.4④];
-- docs/metrics.md#metrics satisfaction.* and rule 10 applied per technician). Grain: one row per technician with at
-- least one responded survey on an order of theirs completed in period (not consultation); branch cut: the
-- order's branch, as in tables.technician.
--   responses                     responded surveys (sent_at and responded_at) — the case count behind the means
--   attitude_mean … promise_mean  mean of the item's non-empty ratings of those surveys
--   overall_mean                  mean of the four item means (NULL if any is NULL), as satisfaction.overall_mean
--   satisfied_rate                ratings ≥ 3 / all ratings, the four items pooled, as satisfaction.satisfied_rate
-- Columns: technician_id, name, branch_id (staff), responses INTEGER, the means and rates DOUBLE.
WITH s AS (
  SELECT technician_id, attitude, skill, timeliness, promise
  FROM surveys_x
  WHERE technician_id IS NOT NULL AND responded
    AND in_period(completed_at, $start::TIMESTAMP, $end::TIMESTAMP)
    AND in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
),
g AS (
  SELECT technician_id, count(*) AS responses,
         avg(attitude) AS attitude_mean, avg(skill) AS skill_mean,
         avg(timeliness) AS timeliness_mean, avg(promise) AS promise_mean,
         count(attitude) + count(skill) + count(timeliness) + count(promise) AS ratings,
         count(*) FILTER (WHERE attitude >= 3) + count(*) FILTER (WHERE skill >= 3)
           + count(*) FILTER (WHERE timeliness >= 3) + count(*) FILTER (WHERE promise >= 3) AS satisfied
  FROM s GROUP BY technician_id
)
SELECT g.technician_id, st.name, st.branch_id,
       CAST(g.responses AS INTEGER) AS responses,
       g.attitude_mean, g.skill_mean, g.timeliness_mean, g.promise_mean,
       (g.attitude_mean + g.skill_mean + g.timeliness_mean + g.promise_mean) / 4 AS overall_mean,
       g.satisfied / nullif(g.ratings, 0) AS satisfied_rate
FROM g LEFT JOIN staff st ON st.staff_id = g.technician_id
ORDER BY g.technician_id;
