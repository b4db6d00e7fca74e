-- surveys_x: each survey of a completed, non-consultation order, with the fields of its order that
-- satisfaction.* and the technician tables select on (docs/metrics.md#metrics satisfaction.*; rules 9, 10, 17:
-- a survey follows its order's branch and counts when its order is completed in period).
--   sent       has sent_at
--   covers     the first sent survey of its order (lowest survey_id): satisfaction.coverage counts
--              these instead of distinct orders (an order's surveys share its branch and completed_at)
--   responded  has sent_at (when the column exists) and responded_at
--   attitude … promise  the item ratings of a responded survey, NULL otherwise
-- Stored in completed_at order, so a month's surveys are a few row groups (no join per query).
CREATE OR REPLACE TABLE surveys_x AS
SELECT v.survey_id, v.order_id, x.branch_id, x.technician_id, x.completed_at,
       v.sent_at IS NOT NULL AS sent,
       v.sent_at IS NOT NULL
         AND v.survey_id = min(v.survey_id) FILTER (WHERE v.sent_at IS NOT NULL) OVER (PARTITION BY v.order_id) AS covers,
       -- Without a sent_at column (not measured) a reply alone makes a survey responded: the means
       -- need only responded_at (docs/metrics.md "Not measured").
       (v.sent_at IS NOT NULL OR NOT has_column('surveys', 'sent_at')) AND v.responded_at IS NOT NULL AS responded,
       CASE WHEN v.responded_at IS NOT NULL THEN v.attitude END AS attitude,
       CASE WHEN v.responded_at IS NOT NULL THEN v.skill END AS skill,
       CASE WHEN v.responded_at IS NOT NULL THEN v.timeliness END AS timeliness,
       CASE WHEN v.responded_at IS NOT NULL THEN v.promise END AS promise
FROM surveys v JOIN orders_x x ON x.order_id = v.order_id
WHERE x.is_completed AND NOT x.is_consultation
ORDER BY x.completed_at, v.survey_id;
