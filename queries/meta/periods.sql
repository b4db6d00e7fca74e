-- meta/periods: the months that have service orders (by called_at, any status), newest first, for the
-- period picker; which one opens by default; whether the data covers the whole month.
--   is_complete  the data runs to the month's last day (a later month has orders, or the latest
--                called_at falls on the month's last day)
--   is_default   the latest complete month: the month of the latest called_at if that day is the
--                month's last day, else the month before (if it has orders; else the latest month)
-- Reads orders_x (every service order, built by queries/setup), so it runs after the setup.
-- Columns: period 'YYYY-MM', orders INTEGER, is_complete BOOLEAN, is_default BOOLEAN. No parameters.
-- Grouped by the month as a timestamp, formatted after: strftime on every order cost 3× the query.
WITH m AS (
  SELECT strftime(month, '%Y-%m') AS period, orders
  FROM (SELECT date_trunc('month', called_at) AS month, CAST(count(*) AS INTEGER) AS orders
        FROM orders_x WHERE called_at IS NOT NULL GROUP BY 1)
),
latest AS (
  SELECT max(called_at) AS ts FROM orders_x
),
pick AS (
  SELECT CASE WHEN CAST(ts AS DATE) = last_day(CAST(ts AS DATE)) THEN strftime(ts, '%Y-%m')
              ELSE strftime(CAST(date_trunc('month', ts) AS DATE) - INTERVAL 1 MONTH, '%Y-%m') END AS wanted,
         strftime(ts, '%Y-%m') AS last_month,
         CAST(ts AS DATE) = last_day(CAST(ts AS DATE)) AS last_complete
  FROM latest
),
chosen AS (
  SELECT CASE WHEN wanted IN (SELECT period FROM m) THEN wanted ELSE last_month END AS period FROM pick
)
SELECT m.period, m.orders,
       m.period < p.last_month OR p.last_complete AS is_complete,
       m.period = c.period AS is_default
FROM m CROSS JOIN pick p CROSS JOIN chosen c
ORDER BY m.period DESC;
