/**
 * The stored part of a bundled database: a small file the build writes beside the whole one
 * (src/cli/build-db.ts), holding what the monthly page reads — the stored results (`_figures`,
 * `_drill_*`, `_lists`, `_reports`), `_meta`, the rejected and orphan rows, and the small reference
 * tables its stored reads use (the branch tree for in_branch) — but none of the service data. At L the
 * whole file is 179 MB and this part 14 MB: the page opens on the part, and downloads the whole file
 * only when a query needs a table the part does not hold (bundle.ts openBundle, `whole`).
 *
 * The part's `_meta` is the whole file's, with `part` = 'stored', `tables` = the part's own tables and
 * `whole_tables` = the whole file's; `build` (a random id, in both) tells that the two go together.
 */
import { quoted } from './bind.ts';
import type { Db } from './types.ts';

/** The part's name beside the whole file: sample.duckdb → sample.stored.duckdb. */
export const storedPartName = (whole: string): string => whole.replace(/(\.duckdb)?$/, '.stored.duckdb');

/** Tables of the organisation and calendar (small at any scale) that the stored reads may use. */
const REFERENCE_TABLES = ['branches', 'all_branches', 'branch_ancestors', 'staff', 'calendar', 'step_standards', 'source_files'];

/** Which of the whole file's tables the part holds: the stored results and meta (`_*`), and the reference tables. */
export const partTables = (whole: readonly string[]): string[] => whole.filter((t) => t.startsWith('_') || REFERENCE_TABLES.includes(t));

/**
 * Write the stored part of database file `whole` (built by build-sample-db, with its `_meta.tables` and
 * `_meta.build`) to `out`, in the storage version the browser's engine reads. Native DuckDB (the build).
 */
export async function writeStoredPart(db: Db, whole: string, out: string): Promise<void> {
  await db.exec(`ATTACH ${quoted(whole)} AS part_src (READ_ONLY)`);
  await db.exec(`ATTACH ${quoted(out)} AS part_out (STORAGE_VERSION 'v1.4.0')`);
  try {
    const meta = Object.fromEntries((await db.query('SELECT key, value FROM part_src.main._meta')).map((r) => [String(r['key']), String(r['value'])]));
    if (!meta['tables'] || !meta['build']) throw new Error(`${whole}: its _meta has no tables or build id — rebuild it`);
    const all = JSON.parse(meta['tables']) as string[];
    const tables = partTables(all);
    for (const t of tables) {
      if (t !== '_meta') await db.exec(`CREATE TABLE part_out."${t}" AS SELECT * FROM part_src.main."${t}" ORDER BY rowid`);
    }
    await db.exec(`CREATE TABLE part_out._meta AS SELECT * FROM part_src.main._meta WHERE key NOT IN ('tables', 'part', 'whole_tables')`);
    const extra: [string, string][] = [
      ['part', 'stored'],
      ['tables', JSON.stringify(tables)],
      ['whole_tables', JSON.stringify(all)],
    ];
    for (const [key, value] of extra) await db.query('INSERT INTO part_out._meta VALUES ($key, $value)', { key, value });
  } finally {
    await db.exec('DETACH DATABASE IF EXISTS part_src');
    await db.exec('DETACH DATABASE IF EXISTS part_out');
  }
}
