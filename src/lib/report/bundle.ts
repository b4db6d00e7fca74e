/**
 * A database file built by src/cli/build-db.ts, opened in place — by the page (the bundled
 * sample, src/lib/report/browser-sample.ts) and by the report CLI (`--data FILE.duckdb`).
 */
import { parseConfig } from '../config.ts';
import { DRILL_INDEX, drillFingerprint } from './drill-store.ts';
import { EXPLAIN_TABLE, explainFingerprint } from './explain-store.ts';
import { FIGURES_TABLE, figuresFingerprint, LISTS_TABLE, listsFingerprint, REPORTS_TABLE, reportsFingerprint } from './figures.ts';
import { runSetup, setupFingerprint, setupTables } from './prepare.ts';
import type { SqlFiles } from './types.ts';
import type { DataFile, Dataset } from './browser-sample.ts';
import { quoted } from '../db/bind.ts';
import type { Db } from '../db/types.ts';

/** The name the file is attached under: its tables, with their insertion order (rowid), are `${BUNDLE_DB}.main.<table>`. */
export const BUNDLE_DB = 'sample';

/**
 * Open a database file built by src/cli/build-db.ts that the engine can read as `file` (the
 * page: the bundled sample's bytes; the report CLI: a path): attach it read-only and put a view over
 * each of its tables in the main database, so a query reads only the columns and row groups it needs
 * (nothing is copied into tables). The file holds the setup's tables (orders_x, calendar, …), built by
 * the same setup SQL as this code's (`_meta.setup`), so only the setup's macros run here. `release`
 * frees the file when it cannot be used.
 */
export async function openBundle(db: Db, sql: SqlFiles, file: string, release: () => Promise<void> = async () => {}, whole?: WholeFile): Promise<Dataset> {
  const detach = async () => {
    await db.exec(`DETACH DATABASE IF EXISTS ${BUNDLE_DB}`).catch(() => {});
    await release();
  };
  let tables: string[];
  let allTables: string[];
  let meta: Record<string, unknown>;
  try {
    await db.exec(`ATTACH ${quoted(file)} AS ${BUNDLE_DB} (READ_ONLY)`);
    const metaRows = await db.query(`SELECT key, value FROM ${BUNDLE_DB}.main._meta`).catch((e: unknown) => {
      const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      throw new Error(`${file}: no readable _meta table — not a database built by build-sample-db (${why})`);
    });
    meta = Object.fromEntries(metaRows.map((r) => [String(r['key']), r['value']]));
    // The build lists the file's tables in _meta (a catalog query is slow in WASM); older files do not.
    tables =
      typeof meta['tables'] === 'string'
        ? (JSON.parse(meta['tables']) as string[])
        : (await db.query(`SELECT table_name FROM duckdb_tables() WHERE database_name = '${BUNDLE_DB}' AND schema_name = 'main' ORDER BY table_name`)).map(
            (r) => String(r['table_name']),
          );
    // The stored part of a bundled database (stored-part.ts) holds a few of the whole file's tables.
    if (meta['part'] === 'stored') {
      if (!whole) throw new Error(`${file} is the stored part of a bundled database: open the whole file`);
      allTables = JSON.parse(String(meta['whole_tables'])) as string[];
    } else allTables = tables;
    // The file ships the setup's tables instead of the raw tables only the setup reads, so a file built
    // by another version of the setup SQL cannot be set up here: it must be rebuilt with this code.
    if (meta['setup'] !== setupFingerprint(sql) || !setupTables(sql).every((t) => allTables.includes(t))) {
      throw new Error(`${file} was built by another version of queries/setup — rebuild it (npm run build)`);
    }
  } catch (e) {
    await detach();
    throw e;
  }
  await db.exec(viewsSql(tables, BUNDLE_DB));
  const configText = typeof meta['config'] === 'string' && meta['config'] !== '' ? meta['config'] : null;
  const config = parseConfig(configText);
  const files = JSON.parse(String(meta['files'] ?? '[]')) as DataFile[];
  // On the stored part, the macros over the service data wait for the whole file (they bind their tables).
  const later = { missing: allTables.filter((t) => !tables.includes(t)), statements: [] as string[] };
  await runSetup(db, config, sql, new Set(setupTables(sql)), meta['part'] === 'stored' ? later : undefined);
  let attached: Promise<void> | null = null;
  const attachWhole = (): Promise<void> =>
    (attached ??= (async () => {
      const f = await whole!().catch((e: unknown) => {
        attached = null; // a failed download: a later query may try again
        throw e;
      });
      try {
        await db.exec(`ATTACH ${quoted(f.file)} AS ${WHOLE_DB} (READ_ONLY)`);
        const [build] = await db.query(`SELECT value FROM ${WHOLE_DB}.main._meta WHERE key = 'build'`);
        if (build?.['value'] !== meta['build']) throw new Error(`${f.file} is not from the same build as ${file} — reload the page`);
        await db.exec(
          viewsSql(
            allTables.filter((t) => !tables.includes(t)),
            WHOLE_DB,
          ),
        );
        if (later.statements.length > 0) await db.exec(later.statements.join(';\n'));
      } catch (e) {
        await db.exec(`DETACH DATABASE IF EXISTS ${WHOLE_DB}`).catch(() => {});
        await f.release();
        attached = null; // a later query may try again
        throw e;
      }
    })());
  const [counts] = await db.query(
    'SELECT CAST((SELECT count(*) FROM _rejected) AS INTEGER) AS rejected, CAST((SELECT count(*) FROM _orphans) AS INTEGER) AS orphans',
  );
  return {
    source: 'sample',
    ...(meta['kind'] === 'published' ? { published: String(meta['built_at'] ?? '') } : {}),
    config,
    files,
    rows: files.reduce((n, f) => n + f.rows_loaded, 0),
    rejected: Number(counts!['rejected']),
    orphans: Number(counts!['orphans']),
    storedFigures: tables.includes(FIGURES_TABLE) && meta['figures'] === figuresFingerprint(sql),
    storedReports: tables.includes(REPORTS_TABLE) && meta['reports'] === reportsFingerprint(sql),
    storedDrill: tables.includes(DRILL_INDEX) && meta['drill'] === drillFingerprint(sql),
    storedLists: tables.includes(LISTS_TABLE) && meta['lists'] === listsFingerprint(sql),
    storedExplain: tables.includes(EXPLAIN_TABLE) && meta['explain'] === explainFingerprint(sql),
    ...(meta['part'] === 'stored' ? { whole: attachWhole } : {}),
  };
}

/** The name the whole file is attached under, when the stored part was opened first. */
const WHOLE_DB = 'sample_whole';

/** The whole database file, fetched when first needed: its name for the engine, and how to free it. */
export type WholeFile = () => Promise<{ file: string; release: () => Promise<void> }>;

/**
 * A view in the main database over each of `tables` of attached database `from`, replacing a table of
 * the same name (user data that failed half-way, before this fallback). One script: the worker runs it
 * in one round trip per statement, without a query per table from here.
 */
const viewsSql = (tables: readonly string[], from: string): string =>
  tables.map((t) => `DROP TABLE IF EXISTS main."${t}"; CREATE OR REPLACE VIEW main."${t}" AS SELECT * FROM ${from}.main."${t}"`).join(';\n');
