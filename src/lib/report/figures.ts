/**
 * A month's figures: every metric of queries/metrics for the whole company with roll-up, so that each
 * node of the branch tree has its row (a branch's row is its report: branchReport below).
 * It is what the monthly page computes once per month and shares between the branches.
 *
 * For the bundled data the months are computed ahead, at build time (src/cli/build-db.ts), by this
 * same function over the same SQL on native DuckDB, and stored as JSON per month in `_figures` — the way
 * Evidence runs a report's queries when the site is built. The page reads a stored month instead of
 * computing it only when the file's `_meta.figures` equals this site's figuresFingerprint (same setup
 * SQL, same metric SQL, same shape); otherwise, and always for data imported in the browser, it computes.
 */
import type { Db, Row } from '../db/types.ts';
import { computeReport } from './compute.ts';
import { sqlFingerprint } from './prepare.ts';
import type { Report, SqlFiles } from './types.ts';

export type Figures = Omit<Report, 'rejected' | 'orphans'>;

/** Bumped when the stored shape changes (what computeFigures returns, how it is stored). */
const FORMAT = 'figures-v1';

/** Which SQL the stored figures come from: the setup and the metric files, and the stored shape. */
export const figuresFingerprint = (sql: SqlFiles): string => sqlFingerprint(sql, ['setup', 'metrics'], FORMAT);

/** The month's figures, computed (`beforeQuery`: see ComputeOptions). */
export function computeFigures(db: Db, period: string, sql: SqlFiles, beforeQuery?: () => Promise<void>): Promise<Figures> {
  return computeReport(db, { period, branch: null, rollup: true }, sql, { tables: [], beforeQuery });
}

/**
 * A selection's report read out of the month's whole-company report with roll-up (`figures`: every
 * node of the branch tree has its row, over itself and everything below it) and the selection's own
 * tables. A branch's row there is exactly its report: the metric files count per branch first and sum
 * over each group's members, and a selected branch's members are the same set (report_groups). So one
 * computation of a month serves every branch — nothing is computed here, rows are only picked.
 * test/ui/monthly-slice.test.ts holds every branch of the sample to the branch's own computeReport.
 */
export function branchReport(figures: Figures, branch: string | null, tables: Figures['tables']): Figures {
  return {
    ...figures,
    branch,
    metrics: branch === null ? figures.metrics : (figures.by_branch[branch] ?? {}),
    cases: { total: branch === null ? figures.cases.total : (figures.cases.by_branch[branch] ?? {}), by_branch: figures.cases.by_branch },
    tables,
  };
}

/**
 * The month's figures: the stored ones when `stored` (the bundled file holds this site's, see
 * browser-sample.ts) and it has the month, else computed. `beforeQuery`: see ComputeOptions.
 */
export async function figuresOf(db: Db, period: string, sql: SqlFiles, stored: boolean, beforeQuery?: () => Promise<void>): Promise<Figures> {
  if (stored) {
    await beforeQuery?.();
    const f = await storedFigures(db, period);
    if (f) return f;
  }
  return computeFigures(db, period, sql, beforeQuery);
}

/** The table the build writes: one row per month, the figures as JSON text. */
export const FIGURES_TABLE = '_figures';

/** JSON text of figures; throws on a value JSON would change (a bigint, NaN, ±Infinity). */
export function figuresJson(f: Figures): string {
  return JSON.stringify(f, (_k, v: unknown) => {
    if (typeof v === 'bigint' || (typeof v === 'number' && !Number.isFinite(v)))
      throw new Error(`figures of ${f.period}: ${String(v)} cannot be stored as JSON`);
    return v;
  });
}

/** The stored figures of `period`, or null when the database has none for it. */
export function storedFigures(db: Db, period: string): Promise<Figures | null> {
  return storedJson(db, FIGURES_TABLE, 'period', period);
}

/** The `report` stored in `table` under `key` (its key column `column`), or null. */
async function storedJson(db: Db, table: string, column: string, key: string): Promise<Figures | null> {
  const [row] = await db.query(`SELECT report FROM ${table} WHERE ${column} = $key`, { key });
  return row ? (JSON.parse(String(row['report'])) as Figures) : null;
}

// ── Other selections stored whole ──────────────────────────────────────────
// The annual page's company reports — each year (and the same months a year before) and its quarters,
// with the tables the page shows — are also computed at build time (src/cli/build-db.ts), by the
// same computeReport call the page makes, and stored as JSON under the page's own key for the selection
// (annual-model.ts annualKey). They hold table rows too, so their fingerprint covers the table files.

/** The table the build writes: one row per stored selection, the report as JSON text. */
export const REPORTS_TABLE = '_reports';

/** Which SQL the stored reports come from: the setup, metric and table files, and the stored shape. */
export const reportsFingerprint = (sql: SqlFiles): string => sqlFingerprint(sql, ['setup', 'metrics', 'tables'], 'reports-v1');

/** The stored report under `key`, or null when the database has none for it. */
export function storedReport(db: Db, key: string): Promise<Figures | null> {
  return storedJson(db, REPORTS_TABLE, 'key', key);
}

// ── The pages' lists ───────────────────────────────────────────────────────
// The period picker's months and the branch filter's tree (queries/meta/*.sql) read every order; for
// the bundled data they are run at build time too and stored as JSON rows per file (they were a
// noticeable part of a cold open in the browser at 2 M orders).

/** The table the build writes: one row per meta file, its rows as JSON text. */
export const LISTS_TABLE = '_lists';

/** The meta files whose rows are stored. */
export const STORED_LISTS = ['meta/periods.sql', 'meta/branches.sql'] as const;

/** Which SQL the stored lists come from: the setup and the meta files, and the stored shape. */
export const listsFingerprint = (sql: SqlFiles): string => sqlFingerprint(sql, ['setup', 'meta'], 'lists-v1');

/** The stored rows of every meta file in STORED_LISTS, by file. */
export async function storedLists(db: Db): Promise<Record<string, Row[]>> {
  const rows = await db.query(`SELECT file, rows FROM ${LISTS_TABLE}`);
  return Object.fromEntries(rows.map((r) => [String(r['file']), JSON.parse(String(r['rows'])) as Row[]]));
}
