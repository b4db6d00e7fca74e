-- tables.complaint_numbering: complaint numbers that break the numbering rule [002#2 投诉 §八]:
-- YYMM + a serial of at least 3 digits (2611003 = 2026-11 #003), the serial restarting at 001 each month,
-- and YYMM matching the month of received_at. One row per problem, for complaints received in period:
--   'format'        not 4 digits of YYMM + ≥ 3 digits of serial (or month 00/13+)
--   'month'         YYMM differs from received_at's month
--   'first_serial'  the month's lowest serial is not 001 (the serial did not restart)
-- The serial is the company's (总经理室 numbers every complaint [002#2 投诉 §九.4]), so the restart is
-- checked over every branch's complaints; a branch view lists the problems of its own complaints.
WITH c AS (
  SELECT complaint_no, branch_id, received_at, strftime(received_at, '%y%m') AS yymm,
         regexp_full_match(complaint_no, '[0-9]{2}(0[1-9]|1[0-2])[0-9]{3,}') AS well_formed
  FROM complaints
  WHERE in_period(received_at, $start::TIMESTAMP, $end::TIMESTAMP)
),
good AS (
  SELECT *, substr(complaint_no, 1, 4) AS no_yymm, CAST(substr(complaint_no, 5) AS BIGINT) AS serial
  FROM c WHERE well_formed
),
first_serial AS (
  SELECT no_yymm, min(serial) AS lowest, arg_min(complaint_no, serial) AS complaint_no
  FROM good WHERE no_yymm = yymm  -- a mis-dated number is reported once, as 'month'
  GROUP BY no_yymm HAVING min(serial) <> 1
)
SELECT complaint_no, problem, received_at, detail
FROM (
  SELECT complaint_no, branch_id, 'format' AS problem, ts_text(received_at) AS received_at,
         'not YYMM + serial: ' || complaint_no AS detail
  FROM c WHERE NOT well_formed
  UNION ALL
  SELECT complaint_no, branch_id, 'month', ts_text(received_at),
         'number month ' || no_yymm || ' ≠ received ' || yymm
  FROM good WHERE no_yymm <> yymm
  UNION ALL
  SELECT f.complaint_no, g.branch_id, 'first_serial', ts_text(g.received_at),
         'month ' || f.no_yymm || ' starts at serial ' || CAST(f.lowest AS VARCHAR) || ', not 001'
  FROM first_serial f JOIN good g ON g.complaint_no = f.complaint_no
) p
WHERE in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
ORDER BY received_at, complaint_no, problem;
