import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseConfig, type Config } from '../config.ts';
import { appendCanonical, appendRows, createTable, recordLoad, type SourceFile } from '../db/load.ts';
import type { Db } from '../db/types.ts';
import type { CsvJob, ErrorFields, FromWorker } from '../import/csv-worker-node.ts';
import { NotUtf8Error } from '../import/decode.ts';
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
 *
 * CSV files are validated in worker threads, one per core, largest file first, while this thread hands
 * their batches to the engine one at a time. The outcome is the sequential one: tables in TABLES order,
 * and the error thrown is the one of the first table (in that order) that fails.
 */
export async function loadDataDir(db: Db, dir: string, chunks: StreamSizes = {}): Promise<DataDir> {
  if (!existsSync(dir)) throw new UnusableFileError(dir, 'no such data folder');
  const configPath = join(dir, 'config.json');
  const config = parseConfig(existsSync(configPath) ? readFileSync(configPath, 'utf8') : null);
  const options = { zones: Object.keys(config.zones) };
  for (const table of TABLES) await createTable(db, table.name);

  // The files, in table order, up to a missing required one (nothing after it could be reported).
  const found: { table: TableName; path: string; csv: boolean }[] = [];
  let missing: UnusableFileError | null = null;
  for (const table of TABLES) {
    const csv = join(dir, `${table.name}.csv`);
    const parquet = join(dir, `${table.name}.parquet`);
    if (existsSync(csv)) found.push({ table: table.name, path: csv, csv: true });
    else if (existsSync(parquet)) found.push({ table: table.name, path: parquet, csv: false });
    else if (REQUIRED_FILES.includes(table.name)) {
      missing = new UnusableFileError(`${table.name}.csv`, `not found in ${dir} (required: ${REQUIRED_FILES.join(', ')})`);
      break;
    }
  }

  const serial = new Serial(); // the engine gets one statement at a time, whichever file it is from
  const csvFiles = found.filter((f) => f.csv).sort((a, b) => statSync(b.path).size - statSync(a.path).size);
  const workers = new CsvWorkers(Math.min(csvFiles.length, availableParallelism()));
  let outcomes: PromiseSettledResult<LoadedFile>[];
  try {
    const loading = new Map<TableName, Promise<LoadedFile>>();
    for (const f of csvFiles) loading.set(f.table, workers.use((w) => streamCsv(db, serial, w, f.path, options, f.table, chunks)));
    for (const f of found) {
      if (f.csv) continue;
      loading.set(
        f.table,
        serial.run(async () => {
          const { rows, lines, ...t } = await importParquetFile(f.path, options, f.table);
          return { ...t, rowsLoaded: await appendRows(db, { ...t, rows, lines }) };
        }),
      );
    }
    outcomes = await Promise.allSettled(found.map((f) => loading.get(f.table)!));
  } finally {
    await workers.close();
  }
  const files: LoadedFile[] = [];
  const sources: SourceFile[] = [];
  for (const o of outcomes) {
    if (o.status === 'rejected') throw o.reason;
    files.push(o.value);
    sources.push({ table_name: o.value.table, file: o.value.file, first_row: 0, row_count: o.value.rowsLoaded });
  }
  if (missing) throw missing;
  await recordLoad(db, sources, files.flatMap((f) => f.rejected), files);
  return { config, files };
}

/** Every rejected row of the files, in file order within each file. */
export function rejectedOf(data: DataDir): Rejected[] {
  return data.files.flatMap((f) => f.rejected);
}

/** Runs async steps one after another, in the order they are given. */
class Serial {
  private last: Promise<unknown> = Promise.resolve();
  run<T>(step: () => Promise<T>): Promise<T> {
    const next = this.last.then(step, step);
    this.last = next.catch(() => undefined);
    return next;
  }
}

/** Worker threads that import CSV files (import/csv-worker-node.ts), each one file at a time. */
class CsvWorkers {
  private readonly all: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: ((w: Worker) => void)[] = [];
  /** The error a worker died of, if one did (it would never answer another file). */
  private failed: unknown = null;
  constructor(count: number) {
    for (let i = 0; i < count; i++) {
      const w = new Worker(new URL('../import/csv-worker-node.ts', import.meta.url));
      // Listened to even while the worker has no file: an 'error' nobody listens to ends the process.
      w.on('error', (e) => (this.failed ??= e));
      this.all.push(w);
      this.idle.push(w);
    }
  }
  /** Run `task` on the next free worker. */
  async use<T>(task: (w: Worker) => Promise<T>): Promise<T> {
    const w = this.idle.pop() ?? (await new Promise<Worker>((resolve) => this.waiting.push(resolve)));
    try {
      if (this.failed !== null) throw this.failed;
      return await task(w);
    } finally {
      const next = this.waiting.shift();
      if (next) next(w);
      else this.idle.push(w);
    }
  }
  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}

/**
 * One CSV file into its (empty) table, a batch at a time: the worker validates the next batch while
 * the engine loads the one before. A file that starts as UTF-8 and later turns out not to be is loaded
 * again from the start as GB18030 (decodeCsvChunks).
 */
async function streamCsv(
  db: Db,
  serial: Serial,
  worker: Worker,
  path: string,
  options: { zones: string[] },
  table: TableName,
  sizes: StreamSizes,
): Promise<LoadedFile> {
  const job: CsvJob = { type: 'import', path, options, table, batchRows: sizes.batchRows ?? BATCH_ROWS, readBytes: sizes.readBytes };
  try {
    return await streamCsvAs(db, serial, worker, job);
  } catch (e) {
    if (!(e instanceof NotUtf8Error)) throw e;
    await serial.run(() => createTable(db, table)); // after the loads of the first attempt
    return streamCsvAs(db, serial, worker, { ...job, force: 'gb18030' });
  }
}

function streamCsvAs(db: Db, serial: Serial, worker: Worker, job: CsvJob): Promise<LoadedFile> {
  return new Promise((resolve, reject) => {
    let rowsLoaded = 0;
    let loading: Promise<unknown> = Promise.resolve();
    const stopListening = () => {
      worker.off('message', onMessage);
      worker.off('error', stop);
      worker.off('exit', onExit);
    };
    const stop = (e: unknown) => {
      stopListening();
      reject(e);
    };
    const onExit = (code: number) => stop(new Error(`the CSV import worker stopped (exit code ${code})`));
    const onMessage = (m: FromWorker) => {
      if (m.type === 'batch') {
        loading = serial.run(async () => {
          rowsLoaded += await appendCanonical(db, m.batch);
          worker.postMessage({ type: 'ack' });
        });
        loading.catch(stop);
      } else {
        stopListening();
        // Only once its batches are in: a failure must not leave a load running into the next attempt.
        void loading.then(() => (m.type === 'done' ? resolve({ ...m.result, rowsLoaded }) : reject(revive(m.error))), () => undefined);
      }
    };
    worker.on('message', onMessage);
    worker.on('error', stop);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}

/** The error a worker threw, as the same kind of error (the CLI and the retry above tell them apart). */
function revive(e: ErrorFields): Error {
  let error: Error;
  if (e.name === 'NotUtf8Error') error = new NotUtf8Error(e.offset!);
  else if (e.name === 'UnusableFileError') error = new UnusableFileError(e.file!, '', e.code, e.missingColumns);
  else error = Object.assign(new Error(), { name: e.name });
  error.message = e.message;
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}
