import type { Config } from '../config.ts';
import type { SqlFiles } from './types.ts';
import type { BrowserDb } from '../db/browser.ts';
import { openBundle } from './bundle.ts';
import { storedPartName } from '../db/stored-part.ts';

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
  /** 'user' = files imported in this browser (src/lib/userdata/, issue 6); 'sample' = the bundled file (the sample, or published data). */
  source: 'sample' | 'user';
  /** When the user's files were imported (local "YYYY-MM-DD HH:MM"); absent for the sample. */
  importedAt?: string;
  /**
   * The bundled file holds a company's own data, published with the site (`npm run publish-site`), not the
   * generated sample: when it was built (the build machine's "YYYY-MM-DD HH:MM"). Absent for the sample.
   */
  published?: string;
  /** Why the user's stored data could not be loaded, when the sample is shown instead. */
  fallback?: string;
  config: Config;
  files: DataFile[];
  /** Rows loaded (all files). */
  rows: number;
  rejected: number;
  orphans: number;
  /** The file holds every month's figures, computed at build time by this site's SQL (report/figures.ts). */
  storedFigures?: boolean;
  /** The file holds the annual page's company reports, computed at build time by this site's SQL. */
  storedReports?: boolean;
  /** The file holds the monthly page's drill tables of every month and selection (report/drill-store.ts). */
  storedDrill?: boolean;
  /** The file holds the rows of the period and branch lists (report/figures.ts storedLists). */
  storedLists?: boolean;
  /** The file holds the company's change explained of every month (report/explain-store.ts). */
  storedExplain?: boolean;
  /**
   * Opened on the stored part of the bundled database (stored-part.ts): attach the whole file, for a
   * query that reads a table the part does not hold (once; ui/session.ts calls it on such a query).
   */
  whole?: () => Promise<void>;
}

const SAMPLE_NAME = 'sample.duckdb';

/**
 * Load the bundled sample (public/data/sample.duckdb, built by src/cli/build-db.ts), given as its
 * bytes: the engine reads them as a file, and openBundle (bundle.ts) attaches it. DuckDB-WASM would download an
 * attached HTTP file whole anyway (docs/scaling.md); the page downloads it itself, while the engine starts.
 * `bytes` may be the file's stored part (sample.stored.duckdb); `whole` then fetches the whole file's
 * bytes when a query first needs them.
 */
export async function loadBundledSample(db: BrowserDb, sql: SqlFiles, bytes: Uint8Array, whole?: () => Promise<Uint8Array>): Promise<Dataset> {
  const name = whole ? storedPartName(SAMPLE_NAME) : SAMPLE_NAME;
  await db.registerFileBuffer(name, bytes);
  const wholeFile = whole
    ? async () => {
        await db.registerFileBuffer(SAMPLE_NAME, await whole());
        return { file: SAMPLE_NAME, release: () => db.dropFile(SAMPLE_NAME) };
      }
    : undefined;
  return openBundle(db, sql, name, () => db.dropFile(name), wholeFile);
}
