-- Resolution and repeats: resolution.same_day_rate, repeat.rate (docs/metrics.md#metrics; rules 7, 8).
--   same_day_rate = completed on the calendar day of called_at / received, not consultation
--                   (phone-resolved and still-open orders included in the denominator)
--   repeat.rate   = repeats (repeats_x) / repair orders received in period, not cancelled;
--                   a repeat counts for its own (the later order's) branch
-- The orders: received_cases (setup/42-rate-cases.sql), the population explain/shift-share.sql splits too.
-- Not measured (NULL): both without a completed_at column; repeat.rate also without customer_id, or
-- without both product_model and serial_no.
WITH o AS (
  SELECT branch_id, service_type, same_day
  FROM received_cases($start::TIMESTAMP, $end::TIMESTAMP)
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
),
-- repeats_x holds exactly the repeats among those orders' repairs, with their branch and call time.
rep AS (
  SELECT branch_id, count(*) AS repeats
  FROM repeats_x
  WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
    AND in_period(called_at, $start::TIMESTAMP, $end::TIMESTAMP)
  GROUP BY branch_id
),
-- Counted per branch, then summed over the report's groups (the roll-up adds counts, never rates).
b AS (
  SELECT branch_id, count(*) AS orders, count(*) FILTER (WHERE same_day) AS same_day,
         count(*) FILTER (WHERE service_type = 'repair') AS repairs
  FROM o GROUP BY branch_id
)
SELECT g.group_id AS branch_id, g.group_id IS NULL AS is_total,
       CASE WHEN has_column('service_orders', 'completed_at')
            THEN sum(b.same_day) / nullif(sum(b.orders), 0) END AS "resolution.same_day_rate",
       CASE WHEN has_column('service_orders', 'completed_at') AND has_column('service_orders', 'customer_id')
                 AND (has_column('service_orders', 'product_model') OR has_column('service_orders', 'serial_no'))
            THEN coalesce(sum(rep.repeats), 0) / nullif(sum(b.repairs), 0) END AS "repeat.rate",
       CAST(coalesce(sum(b.orders), 0) AS INTEGER) AS "n:resolution.same_day_rate",
       CAST(coalesce(sum(b.repairs), 0) AS INTEGER) AS "n:repeat.rate"
FROM report_groups($branch::VARCHAR, $rollup::BOOLEAN, by_branch := $by_branch::BOOLEAN) g
LEFT JOIN b ON b.branch_id = g.member_id
LEFT JOIN rep ON rep.branch_id = g.member_id
GROUP BY g.group_id
ORDER BY is_total, g.group_id;
