-- Complaints: complaints.received, .rate_per_100, .closed, .on_time_close_rate, .open_overdue
-- (docs/metrics.md#metrics complaints.*; rule 12). All count valid ≠ no (pending and empty count).
--   received      = received_at in period
--   rate_per_100  = complaints.received / orders.received × 100 (NULL when no order was received)
--   closed        = closed_at in period, whenever received
--   on_time_close_rate = closed with closed_at ≤ received_at + N × 24 h / closed
--   open_overdue  = open at as_of (received_at < as_of, no closed_at or closed_at ≥ as_of — a stock,
--                   earlier months count) and either received_at + N × 24 h < as_of or the current
--                   step (entered_at < as_of, no left_at or left_at ≥ as_of) has run longer than its
--                   standard (elapsed = as_of − entered_at; sales_intake has none)
-- Not measured (NULL): every complaints.* when no complaints file was imported.
WITH c AS (
  SELECT complaint_no, branch_id, received_at, closed_at, close_deadline, market
  FROM complaints_x
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN) AND valid IS DISTINCT FROM 'no'
),
step_overrun AS (
  SELECT DISTINCT s.complaint_no
  FROM complaint_steps s
  JOIN c ON c.complaint_no = s.complaint_no
  JOIN step_standards st ON st.step = s.step
  WHERE s.entered_at < $as_of::TIMESTAMP AND (s.left_at IS NULL OR s.left_at >= $as_of::TIMESTAMP)
    AND date_diff('second', s.entered_at, $as_of::TIMESTAMP)
        > 3600 * CASE c.market WHEN 'foreign' THEN st.foreign_hours ELSE st.domestic_hours END
),
per_branch AS (
  SELECT c.branch_id,
         count(*) FILTER (WHERE in_period(received_at, $start::TIMESTAMP, $end::TIMESTAMP)) AS received,
         count(*) FILTER (WHERE in_period(closed_at, $start::TIMESTAMP, $end::TIMESTAMP)) AS closed,
         count(*) FILTER (WHERE in_period(closed_at, $start::TIMESTAMP, $end::TIMESTAMP)
                          AND closed_at <= close_deadline) AS closed_on_time,
         count(*) FILTER (WHERE received_at < $as_of::TIMESTAMP
                          AND (closed_at IS NULL OR closed_at >= $as_of::TIMESTAMP)
                          AND (close_deadline < $as_of::TIMESTAMP OR o.complaint_no IS NOT NULL)) AS open_overdue
  FROM c LEFT JOIN step_overrun o ON o.complaint_no = c.complaint_no
  GROUP BY c.branch_id
),
orders_received AS (
  SELECT branch_id, count(*) AS n FROM orders_x
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN) AND NOT is_cancelled
    AND in_period(called_at, $start::TIMESTAMP, $end::TIMESTAMP)
  GROUP BY branch_id
),
g AS (
  SELECT g.group_id AS branch_id, g.group_id IS NULL AS is_total,
         coalesce(sum(p.received), 0) AS received, coalesce(sum(p.closed), 0) AS closed,
         coalesce(sum(p.closed_on_time), 0) AS closed_on_time, coalesce(sum(p.open_overdue), 0) AS open_overdue,
         coalesce(sum(r.n), 0) AS orders
  FROM report_groups($branch::VARCHAR, $rollup::BOOLEAN, by_branch := $by_branch::BOOLEAN) g
  LEFT JOIN per_branch p ON p.branch_id = g.member_id
  LEFT JOIN orders_received r ON r.branch_id = g.member_id
  GROUP BY g.group_id
)
SELECT branch_id, is_total,
       CASE WHEN m.has THEN CAST(received AS INTEGER) END AS "complaints.received",
       CASE WHEN m.has THEN received * 100 / nullif(orders, 0) END AS "complaints.rate_per_100",
       CASE WHEN m.has THEN CAST(closed AS INTEGER) END AS "complaints.closed",
       CASE WHEN m.has THEN closed_on_time / nullif(closed, 0) END AS "complaints.on_time_close_rate",
       CASE WHEN m.has THEN CAST(open_overdue AS INTEGER) END AS "complaints.open_overdue",
       CAST(closed AS INTEGER) AS "n:complaints.on_time_close_rate"
FROM g, (SELECT has_table('complaints') AS has) m
ORDER BY is_total, branch_id;
