import type { Config } from '../config.ts';
import { loadConfig, loadTables } from '../db/load.ts';
import { splitStatements } from '../db/bind.ts';
import type { Db } from '../db/types.ts';
import type { ImportedTable } from '../import/types.ts';
import type { Orphan, SqlFiles } from './types.ts';

/** Names of the files under `dir/` of `queries/`, in order. */
export function filesUnder(sql: SqlFiles, dir: string): string[] {
  return Object.keys(sql)
    .filter((k) => k.startsWith(`${dir}/`))
    .sort();
}

/** The table a setup statement builds (`CREATE OR REPLACE TABLE name AS …`), or null for a macro. */
export function builtTable(statement: string): string | null {
  const m = /^(?:\s|--[^\n]*\n)*CREATE\s+OR\s+REPLACE\s+TABLE\s+"?(\w+)"?/i.exec(statement);
  return m ? m[1]! : null;
}

/** The tables queries/setup builds (calendar, orders_x, repeats_x, …), in build order. */
export function setupTables(sql: SqlFiles): string[] {
  return filesUnder(sql, 'setup').flatMap((f) =>
    splitStatements(sql[f]!)
      .map(builtTable)
      .filter((t): t is string => t !== null),
  );
}

/**
 * Does any query the pages run read `table`? The report, table and meta queries and the setup's macros
 * count; the setup's table builds do not (a bundled database ships what they built). Lets
 * src/cli/build-db.ts leave out raw tables only the setup reads (service_orders → orders_x).
 */
export function readAtRuntime(sql: SqlFiles, table: string): boolean {
  const word = new RegExp(`\\b${table}\\b`, 'i');
  // splitStatements drops the comments: a table named in a file's header comment is not read.
  const statements = (dir: string) => filesUnder(sql, dir).flatMap((f) => splitStatements(sql[f]!));
  const texts = [...statements('metrics'), ...statements('tables'), ...statements('meta'), ...statements('setup').filter((st) => builtTable(st) === null)];
  return texts.some((t) => word.test(t));
}

/**
 * A fingerprint of the setup SQL (FNV-1a over the files' names and texts): a bundled database records
 * the one it was built with, and its prebuilt tables are used only by the same setup SQL.
 */
export function setupFingerprint(sql: SqlFiles): string {
  return sqlFingerprint(sql, ['setup']);
}

/** FNV-1a over the names and texts of the files under `folders` (and `salt`), as 8 hex digits. */
export function sqlFingerprint(sql: SqlFiles, folders: string[], salt = ''): string {
  let h = 0x811c9dc5;
  const text = folders.flatMap((d) => filesUnder(sql, d).map((f) => `${f}\n${sql[f]!}\n`)).join('') + salt;
  for (const ch of text) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Run the setup SQL (macros, calendar, enriched tables) over tables already loaded in `db`.
 * `prebuilt`: setup tables `db` already holds (a bundled database built by the same setup SQL,
 * src/cli/build-db.ts): their statements are skipped, the macros still run. `later`: tables not
 * there yet (the stored part of a bundled database, report/bundle.ts) — a statement that names one, or a
 * macro put off before it, is not run but added to the list, to be run once they are there (a table
 * macro binds its tables when created).
 */
export async function runSetup(
  db: Db,
  config: Config,
  sql: SqlFiles,
  prebuilt: ReadonlySet<string> = new Set(),
  later?: { missing: readonly string[]; statements: string[] },
): Promise<void> {
  await loadConfig(db, config);
  const putOff = new Set(later?.missing ?? []);
  const names = (st: string) => [...putOff].some((n) => new RegExp(`\\b${n}\\b`, 'i').test(st));
  for (const f of filesUnder(sql, 'setup')) {
    try {
      let statements = splitStatements(sql[f]!).filter((s) => !prebuilt.has(builtTable(s) ?? ''));
      if (later) {
        statements = statements.filter((st) => {
          if (!names(st)) return true;
          later.statements.push(st);
          const macro = /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?MACRO\s+(\w+)/i.exec(st)?.[1];
          if (macro) putOff.add(macro);
          return false;
        });
      }
      const text = prebuilt.size === 0 && !later ? sql[f]! : statements.join(';\n');
      if (text.trim() !== '') await db.exec(text);
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
