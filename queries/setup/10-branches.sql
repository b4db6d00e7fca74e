-- all_branches: every branch of branches.csv plus any branch_id used by a row (SPEC §5.1 rule 17),
-- the row set of `by_branch`. Surveys follow their order's branch, so they add none.
CREATE OR REPLACE TABLE all_branches AS
SELECT branch_id FROM branches
UNION SELECT branch_id FROM service_orders
UNION SELECT branch_id FROM costs
UNION SELECT branch_id FROM complaints
ORDER BY branch_id;

-- The selected branches of a report ($branch NULL = all).
CREATE OR REPLACE MACRO sel_branches(sel) AS TABLE
  SELECT branch_id FROM all_branches WHERE branch_ok(branch_id, sel);
