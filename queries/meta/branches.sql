-- meta/branches: the branch filter's choices — every branch of the report (all_branches: branches.csv
-- plus any branch_id used by a row, SPEC §5.1 rule 17) with its name, level and parent from branches.csv
-- (NULL for an id used by a row but missing from branches.csv). Sorted by branch_id.
-- Columns: branch_id, branch_name, level, parent_id, region, city. No parameters.
SELECT a.branch_id, b.branch_name, b.level, b.parent_id, b.region, b.city
FROM all_branches a
LEFT JOIN branches b ON b.branch_id = a.branch_id
ORDER BY a.branch_id;
