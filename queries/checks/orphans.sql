-- Reference integrity (docs/metrics.md#data-contract): order → branch / technician, survey → order, responsibility → complaint,
-- complaint step → complaint, cost → branch / order. An orphan is kept in the totals and reported here
-- with its file and line. Only checked when the referenced table has rows at all (a missing optional
-- file is not an orphan storm). A row's file is the one whose rows (source_files.first_row, row_count:
-- the files of a table are loaded one after another) hold its rowid — several monthly files appended.
WITH o AS (
  SELECT 'service_orders' AS t, rowid AS r, _line AS line, 'branch_id' AS col, 'unknown branch_id: ' || branch_id AS reason
  FROM service_orders WHERE (SELECT count(*) FROM branches) > 0 AND branch_id NOT IN (SELECT branch_id FROM branches)
  UNION ALL
  SELECT 'service_orders', rowid, _line, 'technician_id', 'unknown technician_id: ' || technician_id
  FROM service_orders WHERE technician_id IS NOT NULL AND (SELECT count(*) FROM staff) > 0
    AND technician_id NOT IN (SELECT staff_id FROM staff)
  UNION ALL
  SELECT 'surveys', rowid, _line, 'order_id', 'unknown order_id: ' || order_id
  FROM surveys WHERE order_id NOT IN (SELECT order_id FROM service_orders)
  UNION ALL
  SELECT 'complaint_responsibility', rowid, _line, 'complaint_no', 'unknown complaint_no: ' || complaint_no
  FROM complaint_responsibility WHERE complaint_no NOT IN (SELECT complaint_no FROM complaints)
  UNION ALL
  SELECT 'complaint_steps', rowid, _line, 'complaint_no', 'unknown complaint_no: ' || complaint_no
  FROM complaint_steps WHERE complaint_no NOT IN (SELECT complaint_no FROM complaints)
  UNION ALL
  SELECT 'costs', rowid, _line, 'branch_id', 'unknown branch_id: ' || branch_id
  FROM costs WHERE (SELECT count(*) FROM branches) > 0 AND branch_id NOT IN (SELECT branch_id FROM branches)
  UNION ALL
  SELECT 'costs', rowid, _line, 'order_id', 'unknown order_id: ' || order_id
  FROM costs WHERE order_id IS NOT NULL AND order_id NOT IN (SELECT order_id FROM service_orders)
  UNION ALL
  SELECT 'complaints', rowid, _line, 'branch_id', 'unknown branch_id: ' || branch_id
  FROM complaints WHERE (SELECT count(*) FROM branches) > 0 AND branch_id NOT IN (SELECT branch_id FROM branches)
)
SELECT coalesce(src.file, o.t) AS file, o.line, o.col AS "column", o.reason
FROM o LEFT JOIN source_files src
  ON src.table_name = o.t AND o.r >= src.first_row AND o.r < src.first_row + src.row_count
ORDER BY file, line, "column";
