import { parseConfig, type Config } from '../config.ts';
import { runSetup } from '../report/prepare.ts';
import type { SqlFiles } from '../report/types.ts';
import type { BrowserDb } from './browser.ts';

/** One data file of a dataset and its row counts (from `_meta.files`). */
export interface DataFile {
  table: string;
  file: string;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  encoding: string;
}

/** What the page knows about the data it reports on. */
export interface Dataset {
  /** 'user' = files imported in this browser (src/lib/userdata/, issue 6); 'sample' = the bundled sample. */
  source: 'sample' | 'user';
  /** When the user's files were imported (local "YYYY-MM-DD HH:MM"); absent for the sample. */
  importedAt?: string;
  /** Why the user's stored data could not be loaded, when the sample is shown instead. */
  fallback?: string;
  config: Config;
  files: DataFile[];
  /** Rows loaded (all files). */
  rows: number;
  rejected: number;
  orphans: number;
}

const SAMPLE_NAME = 'sample.duckdb';

/**
 * Load the bundled sample (public/data/sample.duckdb, built by scripts/build-sample-db.ts): attach it
 * read-only over HTTP range requests, copy every table into the in-memory database under its canonical
 * name, then build the report views with the same setup SQL as the CLI.
 */
export async function loadBundledSample(db: BrowserDb, sql: SqlFiles, url: string): Promise<Dataset> {
  await db.registerFileUrl(SAMPLE_NAME, url);
  await db.exec(`ATTACH '${SAMPLE_NAME}' AS sample (READ_ONLY)`);
  try {
    const tables = await db.query(
      "SELECT table_name FROM duckdb_tables() WHERE database_name = 'sample' AND schema_name = 'main' ORDER BY table_name",
    );
    if (!tables.some((r) => r['table_name'] === '_meta')) throw new Error(`${SAMPLE_NAME}: no _meta table — not a sample database`);
    // One script: the worker runs it in one round trip per statement, without a query per table from here.
    await db.exec(
      tables.map((r) => `CREATE OR REPLACE TABLE main."${String(r['table_name'])}" AS SELECT * FROM sample.main."${String(r['table_name'])}"`).join(';\n'),
    );
  } finally {
    await db.exec('DETACH sample');
    await db.dropFile(SAMPLE_NAME);
  }
  const meta = Object.fromEntries((await db.query('SELECT key, value FROM _meta')).map((r) => [String(r['key']), r['value']]));
  const configText = typeof meta['config'] === 'string' && meta['config'] !== '' ? meta['config'] : null;
  const config = parseConfig(configText);
  const files = JSON.parse(String(meta['files'] ?? '[]')) as DataFile[];
  await runSetup(db, config, sql);
  const [counts] = await db.query(
    'SELECT CAST((SELECT count(*) FROM _rejected) AS INTEGER) AS rejected, CAST((SELECT count(*) FROM _orphans) AS INTEGER) AS orphans',
  );
  return {
    source: 'sample',
    config,
    files,
    rows: files.reduce((n, f) => n + f.rows_loaded, 0),
    rejected: Number(counts!['rejected']),
    orphans: Number(counts!['orphans']),
  };
}
