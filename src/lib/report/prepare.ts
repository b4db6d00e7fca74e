import type { Config } from '../config.ts';
import { loadConfig, loadTables } from '../db/load.ts';
import type { Db } from '../db/types.ts';
import type { ImportedTable } from '../import/types.ts';
import type { Orphan, SqlFiles } from './types.ts';

/** Names of the files under `dir/` of `queries/`, in order. */
export function filesUnder(sql: SqlFiles, dir: string): string[] {
  return Object.keys(sql)
    .filter((k) => k.startsWith(`${dir}/`))
    .sort();
}

/** Run the setup SQL (macros, calendar, enriched views) over tables already loaded in `db`. */
export async function runSetup(db: Db, config: Config, sql: SqlFiles): Promise<void> {
  await loadConfig(db, config);
  for (const f of filesUnder(sql, 'setup')) {
    try {
      await db.exec(sql[f]!);
    } catch (e) {
      throw new Error(`queries/${f}: ${(e as Error).message}`);
    }
  }
}

/** Load imported tables and the config into `db`, then build the report views. */
export async function prepareDatabase(db: Db, imported: ImportedTable[], config: Config, sql: SqlFiles): Promise<void> {
  await loadTables(db, imported);
  await runSetup(db, config, sql);
}

/** Reference-integrity problems (orphans), from queries/checks/orphans.sql. */
export async function findOrphans(db: Db, sql: SqlFiles): Promise<Orphan[]> {
  return (await db.query(sql['checks/orphans.sql']!)) as unknown as Orphan[];
}
