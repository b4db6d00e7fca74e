import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, type Config } from '../config.ts';
import { appendRows, createTable, recordLoad, type SourceFile } from '../db/load.ts';
import type { Db } from '../db/types.ts';
import { NotUtf8Error } from '../import/decode.ts';
import { importCsvFileBatches } from '../import/node.ts';
import { importParquetFile } from '../import/parquet-node.ts';
import { UnusableFileError, type ImportedTable, type Rejected } from '../import/types.ts';
import { TABLES, type TableName } from '../schema.ts';

/** Tables a data folder must have to make a report at all. */
const REQUIRED_FILES = ['branches', 'service_orders'];

/** Rows a CSV file is streamed into the engine by (one canonical chunk each). */
const BATCH_ROWS = 200_000;

/** What became of one file: everything of its import but the rows, which are in the database. */
export type LoadedFile = Omit<ImportedTable, 'rows' | 'lines'> & { rowsLoaded: number };

/** How a CSV file is streamed: rows per batch, bytes per read (tests make both tiny). */
export interface StreamSizes {
  batchRows?: number;
  readBytes?: number;
}

/** A data folder loaded: its config, and one entry per file found. */
export interface DataDir {
  config: Config;
  files: LoadedFile[];
}

/**
 * Load a data folder (SPEC §2 file names, `.csv` or `.parquet`, plus `config.json`) into `db`, as
 * loadTables does — same tables, `source_files`, `_rejected`. CSV files are streamed: read, validated
 * and loaded a batch at a time, so a file of any size loads in bounded memory. Throws
 * UnusableFileError (→ exit 2) for a missing required file or column; rejected rows are not errors.
 */
export async function loadDataDir(db: Db, dir: string, chunks: StreamSizes = {}): Promise<DataDir> {
  if (!existsSync(dir)) throw new UnusableFileError(dir, 'no such data folder');
  const configPath = join(dir, 'config.json');
  const config = parseConfig(existsSync(configPath) ? readFileSync(configPath, 'utf8') : null);
  const options = { zones: Object.keys(config.zones) };
  const files: LoadedFile[] = [];
  const sources: SourceFile[] = [];
  for (const table of TABLES) {
    await createTable(db, table.name);
    const csv = join(dir, `${table.name}.csv`);
    const parquet = join(dir, `${table.name}.parquet`);
    let loaded: LoadedFile;
    if (existsSync(csv)) {
      loaded = await streamCsv(db, csv, options, table.name, chunks);
    } else if (existsSync(parquet)) {
      const { rows, lines, ...t } = await importParquetFile(parquet, options, table.name);
      loaded = { ...t, rowsLoaded: await appendRows(db, { ...t, rows, lines }) };
    } else if (REQUIRED_FILES.includes(table.name)) {
      throw new UnusableFileError(`${table.name}.csv`, `not found in ${dir} (required: ${REQUIRED_FILES.join(', ')})`);
    } else {
      continue;
    }
    files.push(loaded);
    sources.push({ table_name: table.name, file: loaded.file, first_row: 0, row_count: loaded.rowsLoaded });
  }
  await recordLoad(db, sources, files.flatMap((f) => f.rejected));
  return { config, files };
}

/** Every rejected row of the files, in file order within each file. */
export function rejectedOf(data: DataDir): Rejected[] {
  return data.files.flatMap((f) => f.rejected);
}

/**
 * One CSV file into its (empty) table, a batch at a time. The next batch is read and validated while
 * the engine loads the one before (the engine works on its own threads). A file that starts as UTF-8
 * and later turns out not to be is loaded again from the start as GB18030 (decodeCsvChunks).
 */
async function streamCsv(db: Db, path: string, options: { zones: string[] }, table: TableName, sizes: StreamSizes): Promise<LoadedFile> {
  try {
    return await streamCsvAs(db, path, options, table, sizes);
  } catch (e) {
    if (!(e instanceof NotUtf8Error)) throw e;
    await createTable(db, table);
    return streamCsvAs(db, path, options, table, sizes, 'gb18030');
  }
}

async function streamCsvAs(
  db: Db,
  path: string,
  options: { zones: string[] },
  table: TableName,
  sizes: StreamSizes,
  force?: 'gb18030',
): Promise<LoadedFile> {
  const it = importCsvFileBatches(path, options, table, sizes.batchRows ?? BATCH_ROWS, force, sizes.readBytes);
  let loading: Promise<number> = Promise.resolve(0);
  let rowsLoaded = 0;
  try {
    for (;;) {
      const r = it.next();
      rowsLoaded += await loading;
      if (r.done) {
        const { rows: _rows, lines: _lines, ...t } = r.value;
        return { ...t, rowsLoaded };
      }
      loading = appendRows(db, r.value);
    }
  } finally {
    // A failure while a batch loads must not leave that load running into the next attempt.
    await loading.catch(() => 0);
  }
}
