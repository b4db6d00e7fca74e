/**
 * Worker thread of the CLI's loader (report/data-dir-node.ts): imports CSV files into canonical CSV
 * bytes (importCsvFileBatches into CanonicalRows) while the main thread hands earlier batches to DuckDB.
 * Validation is all JavaScript on one thread; with a worker per core, files import side by side.
 *
 * Protocol, one file at a time: the main thread sends a CsvJob; the worker answers with batches, each
 * to be acknowledged once loaded (so at most one waits while the next is made: bounded memory), then
 * `done` with the import's result, or `error`.
 */
import { parentPort } from 'node:worker_threads';
import { CanonicalRows, type CanonicalBatch } from './canonical-csv.ts';
import type { TableName } from '../schema.ts';
import type { CsvEncoding } from './decode.ts';
import { importCsvFileBatches } from './import-node.ts';
import type { ImportOptions, ImportedTable } from './types.ts';

export interface CsvJob {
  type: 'import';
  path: string;
  options: ImportOptions;
  table: TableName;
  batchRows: number;
  force?: CsvEncoding;
  readBytes?: number;
}

/** What an error thrown in the worker needs to be thrown again, the same, in the main thread. */
export interface ErrorFields {
  name: string;
  message: string;
  stack?: string;
  file?: string;
  code?: string;
  missingColumns?: string[];
  offset?: number;
}

export type FromWorker =
  | { type: 'batch'; batch: CanonicalBatch }
  | { type: 'done'; result: Omit<ImportedTable, 'rows' | 'lines'> }
  | { type: 'error'; error: ErrorFields };

const port = parentPort!;
let acknowledged: (() => void) | null = null;

port.on('message', (m: CsvJob | { type: 'ack' }) => {
  if (m.type === 'ack') acknowledged?.();
  else run(m);
});

async function run(job: CsvJob): Promise<void> {
  const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  try {
    const it = importCsvFileBatches(job.path, job.options, job.table, job.batchRows, new CanonicalRows(), job.force, job.readBytes);
    let loaded: Promise<void> = Promise.resolve();
    for (;;) {
      const r = it.next();
      await loaded;
      if (r.done) {
        const { rows: _rows, lines: _lines, ...result } = r.value;
        post({ type: 'done', result });
        return;
      }
      loaded = new Promise((resolve) => (acknowledged = resolve));
      post({ type: 'batch', batch: r.value }, [r.value.csv.buffer as ArrayBuffer]);
    }
  } catch (e) {
    const { name, message, stack, file, code, missingColumns, offset } = e as Error & Omit<ErrorFields, 'name' | 'message'>;
    post({ type: 'error', error: { name, message, stack, file, code, missingColumns, offset } });
  }
}
