-- tables.responsibility_excluded (docs/metrics.md rule 15): the valid (= yes) complaints closed in period that
-- tables.responsibility leaves out because their responsibility shares did not sum to 1 ± 0.001 — the
-- importer rejected all their rows (code share_sum; `_rejected` holds every rejected row, reason
-- "shares of complaint <no> sum to <x>, not 1", src/lib/import/shares.ts). One row per complaint:
-- complaint_no, branch_id, closed_at, share_sum (the sum found), rejected_rows.
WITH bad AS (
  SELECT regexp_extract(reason, '^shares of complaint (.+) sum to (-?[0-9.]+), not 1$', 1) AS complaint_no,
         any_value(regexp_extract(reason, '^shares of complaint (.+) sum to (-?[0-9.]+), not 1$', 2)) AS share_sum,
         count(*) AS rejected_rows
  FROM _rejected WHERE code = 'share_sum'
  GROUP BY 1
)
SELECT c.complaint_no, c.branch_id, ts_text(c.closed_at) AS closed_at,
       CAST(b.share_sum AS DOUBLE) AS share_sum, CAST(b.rejected_rows AS INTEGER) AS rejected_rows
FROM bad b JOIN complaints c ON c.complaint_no = b.complaint_no
WHERE c.valid = 'yes' AND in_branch(c.branch_id, $branch::VARCHAR, $rollup::BOOLEAN)
  AND in_period(c.closed_at, $start::TIMESTAMP, $end::TIMESTAMP)
ORDER BY c.closed_at, c.complaint_no;
