-- all_branches: every branch of branches.csv plus any branch_id used by a row (docs/metrics.md rule 17),
-- the row set of `by_branch`. Surveys follow their order's branch, so they add none.
CREATE OR REPLACE TABLE all_branches AS
SELECT branch_id FROM branches
UNION SELECT branch_id FROM service_orders
UNION SELECT branch_id FROM costs
UNION SELECT branch_id FROM complaints
ORDER BY branch_id;

-- branch_ancestors: each branch with itself and every ancestor up the tree (parent_id), depth 0 = itself.
-- An id missing from branches.csv has only itself. Cycles in parent_id are cut.
CREATE OR REPLACE TABLE branch_ancestors AS
WITH RECURSIVE up AS (
  SELECT a.branch_id, a.branch_id AS ancestor_id, 0 AS depth, [a.branch_id] AS path
  FROM all_branches a
  UNION ALL
  SELECT up.branch_id, b.parent_id, up.depth + 1, list_append(up.path, b.parent_id)
  FROM up JOIN branches b ON b.branch_id = up.ancestor_id
  WHERE b.parent_id IS NOT NULL AND NOT list_contains(up.path, b.parent_id) AND up.depth < 20
)
SELECT DISTINCT branch_id, ancestor_id, depth FROM up;

-- in_branch(b, sel, rollup): is branch b in the selection? sel NULL = every branch; without rollup only
-- sel itself (docs/metrics.md rule 17: --branch B computes everything for B); with rollup sel and everything
-- below it in the tree (a regional centre with its branches).
CREATE OR REPLACE MACRO in_branch(b, sel, rollup) AS
  sel IS NULL OR b = sel OR (rollup AND b IN (SELECT branch_id FROM branch_ancestors WHERE ancestor_id = sel));

-- report_groups(sel, rollup): the rows every metric query groups by. group_id NULL = the report's total
-- (all selected branches). Without rollup each branch is its own group (docs/metrics.md rule 17: by_branch
-- counts each row for its own branch_id). With rollup each node of the branch tree is a group of
-- itself and all its descendants, so a centre's rates are recomputed from its branches' rows, never
-- averaged (the league table of regional centres). by_branch false = the total only (a comparison
-- month needs no branch rows, and each row then joins once instead of once per group).
CREATE OR REPLACE MACRO report_groups(sel, rollup, by_branch := true) AS TABLE
  SELECT CAST(NULL AS VARCHAR) AS group_id, branch_id AS member_id FROM all_branches WHERE in_branch(branch_id, sel, rollup)
  UNION ALL
  SELECT branch_id, branch_id FROM all_branches WHERE by_branch AND NOT rollup AND in_branch(branch_id, sel, rollup)
  UNION ALL
  SELECT ancestor_id, branch_id FROM branch_ancestors
  WHERE by_branch AND rollup AND in_branch(branch_id, sel, rollup) AND in_branch(ancestor_id, sel, rollup);
