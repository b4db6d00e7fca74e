-- meta/branches: the branch filter's choices — every branch of the report (all_branches: branches.csv
-- plus any branch_id used by a row, docs/metrics.md rule 17) with its name and level from branches.csv, in
-- tree order (head office, then each centre followed by its branches; ids missing from branches.csv
-- last). depth = 0 for a root, 1 below it, …, for indenting; the filter itself cuts by branch_id only
-- (no roll-up, docs/metrics.md rule 17).
-- Columns: branch_id, branch_name, level, parent_id, depth INTEGER. No parameters.
WITH RECURSIVE tree AS (
  SELECT b.branch_id, b.parent_id, 0 AS depth, [b.branch_id] AS path
  FROM branches b
  WHERE b.parent_id IS NULL OR b.parent_id NOT IN (SELECT branch_id FROM branches)
  UNION ALL
  SELECT c.branch_id, c.parent_id, t.depth + 1, list_append(t.path, c.branch_id)
  FROM branches c
  JOIN tree t ON c.parent_id = t.branch_id
  WHERE NOT list_contains(t.path, c.branch_id) AND t.depth < 10
),
placed AS (
  SELECT branch_id, min(depth) AS depth, min(path) AS path FROM tree GROUP BY branch_id
)
SELECT a.branch_id, b.branch_name, b.level, b.parent_id, CAST(coalesce(p.depth, 0) AS INTEGER) AS depth
FROM all_branches a
LEFT JOIN branches b ON b.branch_id = a.branch_id
LEFT JOIN placed p ON p.branch_id = a.branch_id
ORDER BY p.path IS NULL, p.path, a.branch_id;
