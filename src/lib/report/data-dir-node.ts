import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseConfig, type Config } from '../config.ts';
import { appendCanonical, appendRows, createTable, recordLoad, type SourceFile } from '../db/load.ts';
import type { Db } from '../db/types.ts';
import type { CsvJob, ErrorFields, FromWorker } from '../import/csv-worker-node.ts';
import { NotUtf8Error } from '../import/decode.ts';
import { importParquetFile } from '../import/parquet-node.ts';
import { detectFileEncoding } from '../import/import-node.ts';
import { loadTypedParquet } from './parquet-sql-node.ts';
import { UnusableFileError, type ImportOptions, type ImportedTable, type Rejected } from '../import/types.ts';
import { MappingError, mappedOptions, parseMapping, ruleFor, type MappingFile } from '../mapping/index.ts';
import { TABLES, type TableName } from '../schema.ts';
import { checkDataFolder, checkReadable } from '../import/fs-check-node.ts';

/** Tables a data folder must have to make a report at all (without a mapping file). */
const REQUIRED_FILES = ['branches', 'service_orders'];

/** Rows a CSV file is streamed into the engine by (one canonical chunk each). */
const BATCH_ROWS = 200_000;

/** What became of one file: everything of its import but the rows, which are in the database. */
export type LoadedFile = Omit<ImportedTable, 'rows' | 'lines'> & { rowsLoaded: number };

/** How a CSV file is streamed: rows per batch, bytes per read (tests make both tiny). */
export interface StreamSizes {
  batchRows?: number;
  readBytes?: number;
  /** Longest line read (csv.ts MAX_LINE by default). */
  maxLineChars?: number;
}

/** A data folder loaded: its config, and one entry per file found. */
export interface DataDir {
  config: Config;
  files: LoadedFile[];
}

/**
 * Load a data folder (docs/metrics.md#data-contract file names, `.csv` or `.parquet`, plus `config.json`) into `db`, as
 * loadTables does — same tables, `source_files`, `_rejected`. CSV files are streamed: read, validated
 * and loaded a batch at a time, so a file of any size loads in bounded memory. Throws
 * UnusableFileError (→ exit 2) for a missing required file or column; rejected rows are not errors.
 *
 * CSV files are validated in worker threads, one per core, largest file first, while this thread hands
 * their batches to the engine one at a time. The outcome is the sequential one: tables in TABLES order,
 * and the error thrown is the one of the first table (in that order) that fails.
 */
export async function loadDataDir(db: Db, dir: string, chunks: StreamSizes = {}, mappingPath?: string): Promise<DataDir> {
  if (!existsSync(dir)) throw new UnusableFileError(dir, 'no such data folder');
  checkDataFolder(dir);
  const configPath = join(dir, 'config.json');
  let configText: string | null = null;
  if (existsSync(configPath)) {
    checkReadable(configPath);
    configText = readFileSync(configPath, 'utf8');
  }
  const config = parseConfig(configText);
  const base = {
    zones: Object.keys(config.zones),
    timeZone: config.time_zone,
    ...(chunks.maxLineChars ? { maxLineChars: chunks.maxLineChars } : {}),
  };
  const mapping = mappingPath === undefined ? null : readMapping(mappingPath, base);
  for (const table of TABLES) await createTable(db, table.name);

  // The files, in table order, up to a missing required one (nothing after it could be reported).
  const { found, missing } = mapping ? mappedFiles(dir, mapping, base) : contractFiles(dir, base);

  for (const f of found) checkReadable(f.path);

  const serial = new Serial(); // the engine gets one statement at a time, whichever file it is from
  // The files of one table load one after another (their rows stay together, in file order); tables
  // load side by side, the largest first.
  const groups = TABLES.map((t) => found.filter((f) => f.table === t.name)).filter((g) => g.length > 0);
  const size = (g: FoundFile[]) => g.reduce((n, f) => n + statSync(f.path).size, 0);
  const csvGroups = groups.filter((g) => g.some((f) => f.csv)).sort((a, b) => size(b) - size(a));
  const workers = new CsvWorkers(Math.min(csvGroups.length, availableParallelism()));
  let outcomes: PromiseSettledResult<LoadedFile[]>[];
  try {
    const loading = new Map<TableName, Promise<LoadedFile[]>>();
    for (const g of groups) {
      const run = async (w: Worker | null) => {
        const out: LoadedFile[] = [];
        for (const f of g) {
          if (f.csv) out.push(await streamCsv(db, serial, w!, f.path, f.options, f.table, chunks, g.length > 1));
          else {
            out.push(
              await serial.run(async () => {
                let imported;
                try {
                  // Typed columns are checked in SQL and loaded in one statement (not under a mapping,
                  // whose rules work on text); any other file as text.
                  const typed = f.options.mapping ? null : await loadTypedParquet(db, f.path, f.options, f.table);
                  if (typed) return typed;
                  imported = await importParquetFile(f.path, f.options, f.table);
                } catch (e) {
                  // A damaged Parquet file: the engine's first line, named by the file.
                  if (e instanceof UnusableFileError) throw e;
                  throw new UnusableFileError(basename(f.path), `not a readable Parquet file: ${String((e as Error).message).split('\n')[0]}`, 'unreadable');
                }
                const { rows, lines, ...t } = imported;
                return { ...t, rowsLoaded: await appendRows(db, { ...t, rows, lines }) };
              }),
            );
          }
        }
        return out;
      };
      loading.set(g[0]!.table, g.some((f) => f.csv) ? workers.use(run) : run(null));
    }
    outcomes = await Promise.allSettled(groups.map((g) => loading.get(g[0]!.table)!));
  } finally {
    await workers.close();
  }
  const files: LoadedFile[] = [];
  const sources: SourceFile[] = [];
  for (const o of outcomes) {
    if (o.status === 'rejected') throw o.reason;
    let first = 0;
    for (const f of o.value) {
      files.push(f);
      sources.push({ table_name: f.table, file: f.file, first_row: first, row_count: f.rowsLoaded });
      first += f.rowsLoaded;
    }
  }
  if (missing) throw missing;
  await recordLoad(
    db,
    sources,
    files.flatMap((f) => f.rejected),
    files,
  );
  return { config, files };
}

/** A file of the folder to load, with its table and import options. */
interface FoundFile {
  table: TableName;
  path: string;
  csv: boolean;
  options: ImportOptions;
}

/** Files named by the contract (`<table>.csv`, else `<table>.parquet`); a missing required one ends the list. */
function contractFiles(dir: string, base: { zones: string[]; timeZone: string }): { found: FoundFile[]; missing: UnusableFileError | null } {
  const found: FoundFile[] = [];
  for (const table of TABLES) {
    const csv = join(dir, `${table.name}.csv`);
    const parquet = join(dir, `${table.name}.parquet`);
    if (existsSync(csv)) found.push({ table: table.name, path: csv, csv: true, options: base });
    else if (existsSync(parquet)) found.push({ table: table.name, path: parquet, csv: false, options: base });
    else if (REQUIRED_FILES.includes(table.name)) {
      return { found, missing: new UnusableFileError(`${table.name}.csv`, `not found in ${dir} (required: ${REQUIRED_FILES.join(', ')})`) };
    }
  }
  return { found, missing: null };
}

/**
 * Files decided by a mapping file: each file of the folder (by name) goes to the first entry whose
 * glob matches it; a file no entry matches is read by its contract name, or ignored. Only
 * service_orders is required (every branch_id used by a row is a branch).
 */
function mappedFiles(
  dir: string,
  mapping: MappingFile,
  base: { zones: string[]; timeZone: string },
): { found: FoundFile[]; missing: UnusableFileError | null } {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
  const found: FoundFile[] = [];
  for (const name of names) {
    if (name === 'config.json') continue;
    const rule = ruleFor(mapping, name);
    const csv = !/\.parquet$/i.test(name);
    if (rule) {
      found.push({ table: rule.table, path: join(dir, name), csv, options: mappedOptions(rule, base) });
      continue;
    }
    const m = /^(.*)\.(csv|parquet)$/.exec(name);
    const table = m ? TABLES.find((t) => t.name === m[1]) : undefined;
    // table.csv before table.parquet, as without a mapping.
    if (table && !(m![2] === 'parquet' && names.includes(`${table.name}.csv`))) {
      found.push({ table: table.name, path: join(dir, name), csv: m![2] === 'csv', options: base });
    }
  }
  const missing = found.some((f) => f.table === 'service_orders')
    ? null
    : new UnusableFileError(dir, 'no file of the folder is service_orders (no mapping entry matches one, and there is no service_orders.csv)');
  return { found: found.filter((f) => TABLES.some((t) => t.name === f.table)), missing };
}

/** Read and check a mapping file (MappingError naming the problem, an exit 2 in the CLI). */
function readMapping(path: string, base: { zones: string[]; timeZone: string }): MappingFile {
  const name = basename(path);
  if (!existsSync(path)) throw new MappingError(name, 'mapping file not found');
  return parseMapping(readFileSync(path, 'utf8'), name, base);
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
  options: ImportOptions,
  table: TableName,
  sizes: StreamSizes,
  shared: boolean,
): Promise<LoadedFile> {
  const job: CsvJob = { type: 'import', path, options, table, batchRows: sizes.batchRows ?? BATCH_ROWS, readBytes: sizes.readBytes };
  // A table fed by several files cannot be emptied to read one of them again: its encoding is found first.
  if (shared && (options.mapping?.encoding ?? 'auto') === 'auto') job.force = detectFileEncoding(path, sizes.readBytes);
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
        void loading.then(
          () => (m.type === 'done' ? resolve({ ...m.result, rowsLoaded }) : reject(revive(m.error))),
          () => undefined,
        );
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
  else if (e.name === 'MappingError') error = new MappingError(e.file!, '');
  else if (e.name === 'UnusableFileError') error = new UnusableFileError(e.file!, '', e.code, e.missingColumns);
  else error = Object.assign(new Error(), { name: e.name });
  error.message = e.message;
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}
