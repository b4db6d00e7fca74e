/**
 * What a published site leaves out by default (`npm run publish-site`; `--include-personal-data` keeps
 * it): salaries and bonuses, base points and customer identifiers. The pages still render: the tables
 * that need those values (the quality page's bonus deductions) are computed at build time, from the
 * whole data, and stored per month (`_stored_<table>`); the page reads them through computeReport.
 * Everything else ships with these columns emptied (NULL), so a reader who downloads the database file
 * finds no bonus, base points or customer id in it.
 */
import type { Db, Params, Row } from '../db/types.ts';
import { selectionParams } from './period.ts';
import type { Selection, SqlFiles } from './types.ts';

/** Columns emptied in every shipped table: customer identifiers, bonuses, base points. */
export const PERSONAL_COLUMNS = ['customer_id', 'monthly_bonus', 'base_points', 'unit_base_points'];

/**
 * Tables computed at build time from the whole data and stored per month, with the columns that show
 * (or give away) a bonus or base points emptied: the cap is half the bonus, the instalments are the
 * cap, the minor sanction's minimum is 800 × base points. Each table's only branch condition is
 * in_branch(<its branch_id>, …) and its rows of a month do not depend on the period asked (the month
 * series runs forward), so a period's rows are its months' company rows, cut by in_branch.
 */
export const STORED_PRIVATE: Readonly<Record<string, readonly string[]>> = {
  deductions: ['monthly_bonus', 'base_points', 'cap', 'sanction_minimum', 'schedule'],
  deduction_lines: ['base_points', 'unit_base_points'],
};

/** The stored rows of table `name`. */
export const storedName = (name: string): string => `_stored_${name}`;

/** The reason a rejected value of a personal column ships with instead of its own (which quotes the value). */
export const WITHHELD_REASON = '(value withheld: personal data)';

/**
 * `SELECT * …` of `from` with `columns` (those it has) emptied, types kept: `CASE WHEN false THEN c END`
 * is NULL of c's type.
 */
export function strippedSelect(from: string, has: readonly string[], columns: readonly string[]): string {
  const drop = columns.filter((c) => has.includes(c));
  return drop.length === 0
    ? `SELECT * FROM ${from}`
    : `SELECT * REPLACE (${drop.map((c) => `CASE WHEN false THEN "${c}" END AS "${c}"`).join(', ')}) FROM ${from}`;
}

/**
 * Compute the STORED_PRIVATE tables of every month in `months` (YYYY-MM, in order) for the whole
 * company into `into`.`_stored_<name>` (columns: period, ord, then the table's own, personal ones
 * emptied), by the same table files the page would run.
 */
export async function storePrivateTables(db: Db, sql: SqlFiles, into: string, months: readonly string[]): Promise<void> {
  for (const [name, hidden] of Object.entries(STORED_PRIVATE)) {
    const text = sql[`tables/${name}.sql`];
    if (!text) throw new Error(`queries/tables/${name}.sql is missing`);
    for (const [i, period] of months.entries()) {
      const sel: Selection = { period, branch: null, rollup: true };
      // A temporary table keeps the query's order as its rowid, stored as `ord`.
      await db.query(`CREATE OR REPLACE TEMP TABLE _private_rows AS ${text.trim().replace(/;$/, '')}`, selectionParams(sel));
      const cols = (await db.query("SELECT column_name FROM duckdb_columns() WHERE table_name = '_private_rows'")).map((r) => String(r['column_name']));
      const body = strippedSelect('_private_rows', cols, hidden).replace('SELECT *', 'SELECT CAST($period AS VARCHAR) AS period, rowid AS ord, *');
      const target = `${into}."${storedName(name)}"`;
      await db.query(i === 0 ? `CREATE TABLE ${target} AS ${body} ORDER BY rowid` : `INSERT INTO ${target} ${body} ORDER BY rowid`, { period });
    }
  }
  await db.exec(`DROP TABLE IF EXISTS _private_rows; CREATE TABLE ${into}.${STORED_MONTHS} (period VARCHAR)`);
  for (const period of months) await db.query(`INSERT INTO ${into}.${STORED_MONTHS} VALUES ($period)`, { period });
}

/** The months the stored tables cover (a month with nothing charged has no rows, but is covered). */
export const STORED_MONTHS = '_stored_months';

/** Months "YYYY-MM" from a period's [start, end) bounds ("YYYY-MM-DD HH:MM:SS"). */
function monthsOf(start: string, end: string): string[] {
  const out: string[] = [];
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  for (;;) {
    const label = `${y}-${String(m).padStart(2, '0')}`;
    if (`${label}-01 00:00:00` >= end) return out;
    out.push(label);
    if (++m > 12) (m = 1), y++;
  }
}

/**
 * The stored rows of a STORED_PRIVATE table for a selection, as its table file would give them — or
 * null when the database stores none (then the file runs as usual).
 */
export async function storedPrivateRows(db: Db, name: string, sel: Selection): Promise<Row[] | null> {
  if (!(name in STORED_PRIVATE)) return null;
  const p = selectionParams(sel);
  const months = monthsOf(String(p['start']), String(p['end']));
  const params: Params = { first: months[0] ?? '', last: months[months.length - 1] ?? '', branch: p['branch'] ?? null, rollup: p['rollup'] ?? false };
  try {
    await db.query(`SELECT 1 FROM ${STORED_MONTHS} LIMIT 1`);
  } catch {
    return null; // nothing stored: a database with the personal data, or data imported in the browser
  }
  // A published database without the personal data never runs these files: without the bonuses and
  // base points they would give other amounts. A month it did not store (outside the data) has no rows.
  return db.query(
    `SELECT * EXCLUDE (period, ord) FROM "${storedName(name)}" WHERE period BETWEEN $first AND $last AND in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN) ORDER BY period, ord`,
    params,
  );
}
