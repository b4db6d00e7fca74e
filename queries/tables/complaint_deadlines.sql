-- tables.complaint_deadlines (docs/metrics.md#complaint-workflow, rule 12) [002#2 投诉 §十]: one row per complaint
-- handled in the period — valid ≠ no, and received in period, or closed in period, or open at as_of —
-- with each workflow step's time against its standard and the whole case against its limit.
--   <step>_days   days in the step: a finished step left_at − entered_at; the current step (entered_at <
--                 as_of, no left_at or left_at ≥ as_of) as_of − entered_at; NULL when the case did not
--                 (yet) pass the step. 1 d = 24 h.
--   <step>_over   that time > the step's standard for the market (gm_office 0.5 d, quality / manufacturing
--                 / rnd 1 d, sales_negotiation 5 d domestic / 12 d foreign, gm_review 0.5 d; sales_intake
--                 has none → NULL)
--   status        'closed' (closed_at < as_of) or 'open';  current_step  the step open at as_of
--   days          closed_at (or as_of while open) − received_at;  limit_days 13 domestic / 17 foreign
--   on_time       closed within the limit (closed_at ≤ received_at + N × 24 h); NULL while open
--   past_limit    open and received_at + N × 24 h < as_of, or closed after the limit
--   steps_over    how many steps ran over their standard
WITH c AS (
  SELECT *, closed_at < $as_of::TIMESTAMP AS is_closed
  FROM complaints_x
  WHERE valid IS DISTINCT FROM 'no' AND in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
    AND (in_period(received_at, $start::TIMESTAMP, $end::TIMESTAMP)
         OR in_period(closed_at, $start::TIMESTAMP, $end::TIMESTAMP)
         OR (received_at < $as_of::TIMESTAMP AND (closed_at IS NULL OR closed_at >= $as_of::TIMESTAMP)))
),
s AS (
  SELECT s.complaint_no, s.step, s.entered_at,
         s.left_at IS NULL OR s.left_at >= $as_of::TIMESTAMP AS is_current,
         date_diff('second', s.entered_at, CASE WHEN s.left_at IS NULL OR s.left_at >= $as_of::TIMESTAMP
                                                THEN $as_of::TIMESTAMP ELSE s.left_at END) / 86400.0 AS days,
         CASE c.market WHEN 'foreign' THEN st.foreign_hours ELSE st.domestic_hours END / 24.0 AS standard_days
  FROM complaint_steps s
  JOIN c ON c.complaint_no = s.complaint_no
  JOIN step_standards st ON st.step = s.step
  WHERE s.entered_at < $as_of::TIMESTAMP
),
p AS (
  SELECT complaint_no,
         max(days) FILTER (WHERE step = 'sales_intake') AS sales_intake_days,
         max(days) FILTER (WHERE step = 'gm_office') AS gm_office_days,
         max(days) FILTER (WHERE step = 'quality') AS quality_days,
         max(days) FILTER (WHERE step = 'manufacturing') AS manufacturing_days,
         max(days) FILTER (WHERE step = 'rnd') AS rnd_days,
         max(days) FILTER (WHERE step = 'sales_negotiation') AS sales_negotiation_days,
         max(days) FILTER (WHERE step = 'gm_review') AS gm_review_days,
         bool_or(days > standard_days) FILTER (WHERE step = 'gm_office') AS gm_office_over,
         bool_or(days > standard_days) FILTER (WHERE step = 'quality') AS quality_over,
         bool_or(days > standard_days) FILTER (WHERE step = 'manufacturing') AS manufacturing_over,
         bool_or(days > standard_days) FILTER (WHERE step = 'rnd') AS rnd_over,
         bool_or(days > standard_days) FILTER (WHERE step = 'sales_negotiation') AS sales_negotiation_over,
         bool_or(days > standard_days) FILTER (WHERE step = 'gm_review') AS gm_review_over,
         count(*) FILTER (WHERE days > standard_days) AS steps_over,
         arg_max(step, entered_at) FILTER (WHERE is_current) AS current_step
  FROM s GROUP BY complaint_no
)
SELECT c.complaint_no, c.branch_id, c.market, c.cause_code, c.severity, ts_text(c.received_at) AS received_at,
       ts_text(c.closed_at) AS closed_at, CASE WHEN c.is_closed THEN 'closed' ELSE 'open' END AS status,
       p.current_step,
       p.sales_intake_days, p.gm_office_days, p.quality_days, p.manufacturing_days, p.rnd_days,
       p.sales_negotiation_days, p.gm_review_days,
       p.gm_office_over, p.quality_over, p.manufacturing_over, p.rnd_over, p.sales_negotiation_over, p.gm_review_over,
       CAST(coalesce(p.steps_over, 0) AS INTEGER) AS steps_over,
       date_diff('second', c.received_at, CASE WHEN c.is_closed THEN c.closed_at ELSE $as_of::TIMESTAMP END) / 86400.0 AS days,
       CAST(c.limit_days AS DOUBLE) AS limit_days,
       CASE WHEN c.is_closed THEN c.closed_at <= c.close_deadline END AS on_time,
       CASE WHEN c.is_closed THEN c.closed_at > c.close_deadline ELSE c.close_deadline < $as_of::TIMESTAMP END AS past_limit
FROM c LEFT JOIN p ON p.complaint_no = c.complaint_no
ORDER BY c.received_at, c.complaint_no;
