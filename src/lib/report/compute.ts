import type { Db, Params } from '../db/types.ts';
import { storedPrivateRows } from './personal-data.ts';
import { filesUnder } from './prepare.ts';
import { selectionParams } from './period.ts';
import type { Metrics, Report, Selection, SqlFiles } from './types.ts';

export { selectionParams } from './period.ts';

/**
 * Run every metric file (each returns one row per branch plus the company row, columns named by
 * their metric id) and every table file, and shape the result as the docs/metrics.md#report-cli document.
 * No metric is computed here: this only files the SQL's columns under their ids.
 */
/** What to compute: by default every metric file and every table file. */
export interface ComputeOptions {
  /** Run queries/metrics/*.sql (default true). */
  metrics?: boolean;
  /** Names of queries/tables/*.sql to run (default all); [] runs none. */
  tables?: string[];
  /** Rows per branch in `by_branch` (default true); false = the totals only (a comparison month). */
  byBranch?: boolean;
  /** Awaited before each query: lets a background computation yield the engine (and throw to stop). */
  beforeQuery?: () => Promise<void>;
}

export async function computeReport(db: Db, sel: Selection, sql: SqlFiles, options: ComputeOptions = {}): Promise<Omit<Report, 'rejected' | 'orphans'>> {
  const params: Params = { ...selectionParams(sel), by_branch: options.byBranch ?? true };
  const metrics: Metrics = {};
  const byBranch: Record<string, Metrics> = {};
  const cases: Report['cases'] = { total: {}, by_branch: {} };
  for (const f of options.metrics === false ? [] : filesUnder(sql, 'metrics')) {
    await options.beforeQuery?.();
    const rows = await run(db, f, sql[f]!, params);
    for (const { branch_id, is_total, ...values } of rows) {
      const target = is_total ? metrics : (byBranch[String(branch_id)] ??= {});
      const counts = is_total ? cases.total : (cases.by_branch[String(branch_id)] ??= {});
      for (const [k, v] of Object.entries(values)) {
        // "n:<id>" columns are the case counts behind a rate, kept apart from the metric ids.
        if (k.startsWith('n:')) counts[k.slice(2)] = v;
        else target[k] = v;
      }
    }
  }
  const tables: Report['tables'] = {};
  for (const f of filesUnder(sql, 'tables')) {
    const name = f.slice('tables/'.length, -'.sql'.length);
    if (options.tables && !options.tables.includes(name)) continue;
    await options.beforeQuery?.();
    // A published database without the personal data stores these tables, computed at its build.
    tables[name] = (await storedPrivateRows(db, name, sel)) ?? (await run(db, f, sql[f]!, params));
  }
  return {
    period: sel.period,
    as_of: String(params['as_of']),
    branch: sel.branch,
    metrics,
    by_branch: byBranch,
    tables,
    cases,
  };
}

async function run(db: Db, file: string, text: string, params: Params) {
  try {
    return await db.query(text, params);
  } catch (e) {
    throw new Error(`queries/${file}: ${(e as Error).message}`);
  }
}
