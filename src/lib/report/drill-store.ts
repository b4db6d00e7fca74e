/**
 * The monthly page's drill tables (late orders, repeats, 催办/洽办, technicians' satisfaction), stored
 * ahead at build time like the months' figures (figures.ts): a switch to a month or branch then reads
 * rows instead of running the table queries — at L those were most of a switch in a just-opened
 * page (docs/scaling.md). The rows are the table files' own results, computed by the same
 * SQL on native DuckDB (src/cli/build-db.ts); nothing is computed here, rows are only picked.
 *
 * Two ways a table is stored, by how its rows depend on the branch selected:
 *  - `subset`: the query's only branch condition is in_branch(<the row's branch_id>, $branch, $rollup),
 *    so a selection's rows are the whole company's rows for which in_branch holds, in the same order.
 *    Stored once per month (the company's rows), read with that same condition.
 *  - `selection`: the rows are grouped over the selection (technician_satisfaction: a technician's
 *    means over the selection's surveys), not a subset. Stored per month and selection.
 * test/figures.test.ts holds every selection of the sample, read back in DuckDB-WASM, to the tables
 * computed live there.
 */
import type { Db, Row } from '../db/types.ts';
import { selectionParams } from './compute.ts';
import { sqlFingerprint } from './prepare.ts';
import type { Selection, SqlFiles } from './types.ts';

/**
 * The stored tables and how each is stored. Every table the monthly page shows (MONTHLY_TABLES) must be
 * here: test/figures.test.ts reads them all back. A `subset` table's rows must carry `branch_id`, the
 * column its query's in_branch cuts by.
 */
export const DRILL_TABLES: Readonly<Record<string, 'subset' | 'selection'>> = {
  late_orders: 'subset',
  repeats: 'subset',
  overdue: 'subset',
  technician_satisfaction: 'selection',
  calls_by_hour: 'selection',
  calls_by_kind: 'selection',
};

/** Which SQL the stored rows come from: the setup and table files, and the stored shape. */
export const drillFingerprint = (sql: SqlFiles): string => sqlFingerprint(sql, ['setup', 'tables'], 'drill-v2');

/** The stored rows of table `name` (columns: period, [sel, rollup,] ord, then the table's own). */
const tableOf = (name: string) => `_drill_${name}`;
/** One row per stored selection (period, sel, rollup): what the stored tables answer exactly. */
export const DRILL_INDEX = '_drill_index';

/** A selection as stored: the page's rule — the company and every branch with its roll-up. */
export interface DrillSelection {
  branch: string | null;
  rollup: boolean;
}

/**
 * Compute and store the drill tables of every period × selection into database `into` (the build's
 * output file, attached). `periods` in order (the stored rows follow it, so a month's rows are together).
 */
export async function storeDrillTables(db: Db, sql: SqlFiles, into: string, periods: readonly string[], selections: readonly DrillSelection[]): Promise<void> {
  const created = new Set<string>();
  const put = async (name: string, extra: string, params: Record<string, string | boolean | null>) => {
    const target = `${into}."${tableOf(name)}"`;
    const head = `SELECT CAST($period AS VARCHAR) AS period, ${extra}rowid AS ord, * FROM _drill_rows`;
    await db.query(created.has(target) ? `INSERT INTO ${target} ${head}` : `CREATE TABLE ${target} AS ${head}`, params);
    created.add(target);
  };
  const rows = async (name: string, sel: Selection) => {
    const text = sql[`tables/${name}.sql`];
    if (!text) throw new Error(`queries/tables/${name}.sql is missing`);
    // A temporary table keeps the query's order as its rowid (insertion order), stored as `ord`.
    await db.query(`CREATE OR REPLACE TEMP TABLE _drill_rows AS ${text.trim().replace(/;$/, '')}`, selectionParams(sel));
  };
  await db.exec(`CREATE TABLE ${into}.${DRILL_INDEX} (period VARCHAR, sel VARCHAR, rollup BOOLEAN)`);
  for (const period of periods) {
    for (const [name, kind] of Object.entries(DRILL_TABLES)) {
      if (kind === 'subset') {
        await rows(name, { period, branch: null, rollup: true });
        await put(name, '', { period });
      } else {
        for (const s of selections) {
          await rows(name, { period, branch: s.branch, rollup: s.rollup });
          // The company is stored as sel '' (no branch id is empty), not NULL: a table whose only rows are
          // the company's (the hotline's) has an all-NULL sel column, and DuckDB-WASM 1.4.3 reading the
          // file found no row for `sel IS NULL` there (measured on the sample's calls_by_hour).
          await put(name, "CAST(coalesce($sel, '') AS VARCHAR) AS sel, CAST($rollup AS BOOLEAN) AS rollup, ", { period, sel: s.branch, rollup: s.rollup });
        }
      }
    }
    for (const s of selections)
      await db.query(`INSERT INTO ${into}.${DRILL_INDEX} VALUES ($period, $sel, $rollup)`, { period, sel: s.branch, rollup: s.rollup });
  }
  await db.exec('DROP TABLE IF EXISTS _drill_rows');
}

/** A stored selection's key in storedSelections' set. */
export const drillKey = (sel: Selection): string => JSON.stringify([sel.period, sel.branch, sel.rollup ?? false]);

/** Every selection the database holds the drill tables of (drillKey), read once per database. */
export async function storedSelections(db: Db): Promise<Set<string>> {
  const rows = await db.query(`SELECT period, sel, rollup FROM ${DRILL_INDEX}`);
  return new Set(rows.map((r) => drillKey({ period: String(r['period']), branch: r['sel'] === null ? null : String(r['sel']), rollup: r['rollup'] === true })));
}

/**
 * The stored drill tables `names` of a selection, as computeReport's `tables` would hold them. Only for
 * a selection in storedSelections (the caller computes the others). `beforeQuery`: see ComputeOptions;
 * without it (a selection on screen waits) the reads are asked for together, so the engine runs them
 * back to back (db/browser.ts).
 */
export async function storedDrillTables(db: Db, sel: Selection, names: readonly string[], beforeQuery?: () => Promise<void>): Promise<Record<string, Row[]>> {
  const params = { period: sel.period, branch: sel.branch, rollup: sel.rollup ?? false };
  const read = (name: string): Promise<Row[]> => {
    const kind = DRILL_TABLES[name];
    if (!kind) throw new Error(`${name} is not a stored drill table`);
    const where =
      kind === 'subset' ? 'in_branch(branch_id, $branch::VARCHAR, $rollup::BOOLEAN)' : "sel = coalesce($branch::VARCHAR, '') AND rollup = $rollup::BOOLEAN";
    const drop = kind === 'subset' ? 'period, ord' : 'period, sel, rollup, ord';
    return db.query(`SELECT * EXCLUDE (${drop}) FROM ${tableOf(name)} WHERE period = $period AND ${where} ORDER BY ord`, params);
  };
  const tables: Record<string, Row[]> = {};
  if (beforeQuery) {
    for (const name of names) {
      await beforeQuery();
      tables[name] = await read(name);
    }
  } else {
    const rows = await Promise.all(names.map(read));
    names.forEach((name, i) => (tables[name] = rows[i]!));
  }
  return tables;
}
