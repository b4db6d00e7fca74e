/**
 * The company's month's change explained, stored in the bundled file (src/cli/build-db.ts): computed at
 * build time by the same queries/explain SQL and report/explain.ts the page runs, one JSON row per month,
 * so the monthly page on the bundled data shows the 综述's contributors and the waterfall without
 * downloading the service data. A branch selection is computed in the browser (storing every month ×
 * selection cost ≈ 0.12 s each on the build, 50 s at the sample's size).
 */
import type { Db } from '../db/types.ts';
import { computeExplain, type Explain } from './explain.ts';
import { sqlFingerprint } from './prepare.ts';
import type { SqlFiles } from './types.ts';

/** The table: one row per month (period "YYYY-MM"), the company's explanation as JSON text. */
export const EXPLAIN_TABLE = '_explain';

/** Which SQL the stored explanations come from (setup and explain files) and their shape. */
export const explainFingerprint = (sql: SqlFiles): string => sqlFingerprint(sql, ['setup', 'explain'], 'explain-v1');

/**
 * Store the company's explanation of each month in `schema`.`_explain`. Stored without the report's
 * figures: the page applies the not-measured rule when it reads one (onlyMeasured).
 */
export async function storeExplanations(db: Db, sql: SqlFiles, schema: string, months: readonly string[]): Promise<void> {
  await db.exec(`CREATE TABLE ${schema}.${EXPLAIN_TABLE} (period VARCHAR PRIMARY KEY, explain VARCHAR)`);
  for (const period of months) {
    const x = await computeExplain(db, { period, branch: null }, sql);
    await db.query(`INSERT INTO ${schema}.${EXPLAIN_TABLE} VALUES ($period, $explain)`, { period, explain: JSON.stringify(x) });
  }
}

/** The stored company explanation of `period`, or null when the file has none for it. */
export async function storedExplain(db: Db, period: string): Promise<Explain | null> {
  const [row] = await db.query(`SELECT explain FROM ${EXPLAIN_TABLE} WHERE period = $period`, { period });
  return row ? (JSON.parse(String(row['explain'])) as Explain) : null;
}
