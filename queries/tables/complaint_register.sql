-- tables.complaint_register: every complaint received in period (all validity values, so the register is
-- complete) with its status at as_of, age and current step [002#2 投诉 §八–§十].
--   status      'closed' (closed_at < as_of) or 'open'; age_days = (closed_at or as_of) − received_at
--   current_step the step open at as_of (entered_at < as_of, no left_at or left_at ≥ as_of)
--   on_time     closed within the market's limit (NULL while open)
--   past_limit  closed after the limit, or still open at as_of with the limit passed
SELECT c.complaint_no, c.branch_id, c.market, c.channel, c.nature, c.cause_code, c.severity, c.valid,
       c.repeat_of, c.resolution, money_text(c.loss_amount) AS loss_amount,
       ts_text(c.received_at) AS received_at, ts_text(c.closed_at) AS closed_at,
       CASE WHEN c.closed_at < $as_of::TIMESTAMP THEN 'closed' ELSE 'open' END AS status,
       round(date_diff('second', c.received_at,
             CASE WHEN c.closed_at < $as_of::TIMESTAMP THEN c.closed_at ELSE $as_of::TIMESTAMP END) / 86400.0, 2) AS age_days,
       CAST(c.limit_days AS DOUBLE) AS limit_days,
       CASE WHEN c.closed_at < $as_of::TIMESTAMP THEN c.closed_at <= c.close_deadline END AS on_time,
       CASE WHEN c.closed_at < $as_of::TIMESTAMP THEN c.closed_at > c.close_deadline
            ELSE c.close_deadline < $as_of::TIMESTAMP END AS past_limit,
       (SELECT arg_max(s.step, s.entered_at) FROM complaint_steps s
         WHERE s.complaint_no = c.complaint_no AND s.entered_at < $as_of::TIMESTAMP
           AND (s.left_at IS NULL OR s.left_at >= $as_of::TIMESTAMP)) AS current_step
FROM complaints_x c
WHERE in_branch(c.branch_id, $branch::VARCHAR, $rollup::BOOLEAN) AND in_period(c.received_at, $start::TIMESTAMP, $end::TIMESTAMP)
ORDER BY c.received_at, c.complaint_no;
