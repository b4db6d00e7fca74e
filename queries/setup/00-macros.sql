-- Shared SQL helpers (no metric here). Parameters of every report query: $start, $end (period bounds,
-- end exclusive), $as_of, $branch (NULL = all). Money is exact: amounts stay DECIMAL, and anything that
-- needs rounding (a quotient) is done once, at the end, in integer cents, half away from zero
-- (docs/metrics.md rule 14, 四舍五入).

-- A sum of money as text with exactly 2 decimals; no rows = "0.00" (rule 16).
CREATE OR REPLACE MACRO money_text(x) AS CAST(CAST(coalesce(x, 0) AS DECIMAL(38, 2)) AS VARCHAR);

-- round(num / den) half away from zero, on integers (den > 0).
CREATE OR REPLACE MACRO div_round_half_away(num, den) AS
  CASE WHEN num < 0 THEN -((2 * (-num) + den) // (2 * den)) ELSE (2 * num + den) // (2 * den) END;

-- Integer cents as money text: -1234 → "-12.34".
CREATE OR REPLACE MACRO cents_text(c) AS
  (CASE WHEN c < 0 THEN '-' ELSE '' END) || CAST(abs(c) // 100 AS VARCHAR) || '.' ||
  lpad(CAST(abs(c) % 100 AS VARCHAR), 2, '0');

-- A money sum divided by a count, rounded once to cents; NULL when the count is 0 (rule 16).
CREATE OR REPLACE MACRO money_per(total, n) AS
  CASE WHEN n > 0 THEN cents_text(div_round_half_away(CAST(coalesce(total, 0) * 100 AS HUGEINT), n)) END;

-- Timestamp in [start, end).
CREATE OR REPLACE MACRO in_period(ts, s, e) AS ts >= s AND ts < e;

-- Wall-clock timestamp as text (never converted through a time zone).
CREATE OR REPLACE MACRO ts_text(ts) AS strftime(ts, '%Y-%m-%d %H:%M:%S');

-- Not measured is null, never 0 (docs/metrics.md "Not measured"): _inputs (table_name, column_name)
-- lists each imported table's present columns (written by the loaders, src/lib/db/load.ts recordInputs).
-- has_table('costs'): was a costs file imported? has_column('service_orders', 'arrived_at'): was the
-- column in its header (after any mapping)? A present column with empty cells is measured.
CREATE OR REPLACE MACRO has_table(t) AS EXISTS (SELECT 1 FROM _inputs WHERE table_name = t);
CREATE OR REPLACE MACRO has_column(t, c) AS EXISTS (SELECT 1 FROM _inputs WHERE table_name = t AND column_name = c);
