-- complaints_x: complaints with their market's closing limit (docs/metrics.md#configuration complaint_limit_days, rule 12):
-- on time iff closed_at ≤ received_at + N × 24 h (N = 13 domestic, 17 foreign by default).
CREATE OR REPLACE TABLE complaints_x AS
SELECT c.*,
       CASE c.market WHEN 'foreign' THEN g.limit_foreign_days ELSE g.limit_domestic_days END AS limit_days,
       c.received_at + to_seconds(CAST(round(86400 * CASE c.market WHEN 'foreign' THEN g.limit_foreign_days
                                                         ELSE g.limit_domestic_days END) AS BIGINT)) AS close_deadline
FROM complaints c CROSS JOIN cfg g;

-- Standard duration of each workflow step in hours (docs/metrics.md#complaint-workflow; 1 d = 24 h). sales_intake has none.
CREATE OR REPLACE TABLE step_standards AS
SELECT * FROM (VALUES
  ('sales_intake', 1, NULL, NULL),
  ('gm_office', 2, 12, 12),
  ('quality', 3, 24, 24),
  ('manufacturing', 4, 24, 24),
  ('rnd', 5, 24, 24),
  ('sales_negotiation', 6, 120, 288),
  ('gm_review', 7, 12, 12)
) AS t(step, step_order, domestic_hours, foreign_hours);
