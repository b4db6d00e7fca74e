/** Node-only entry points of the importer: files on disk (CSV or Parquet). Re-exports the core API. */
import { closeSync, openSync, readSync } from 'node:fs';
import type { TableName } from '../schema.ts';
import { DecodeError, NotUtf8Error, decodeCsvChunks, type CsvEncoding } from './decode.ts';
import { forcedEncoding, importCsvTextInto, type RowSink } from './import-table.ts';
import { UnusableFileError, type ImportOptions, type ImportedTable } from './types.ts';
import { asUnusable } from './fs-check-node.ts';

export * from './index.ts';
export { importParquetFile } from './parquet-node.ts';

/** Bytes read from disk at a time by importCsvFileBatches. */
const READ_BYTES = 32 << 20;

/**
 * Import a CSV file of any size, a chunk of bytes at a time: loaded rows are yielded every `batchRows`
 * as batches of `sink` (importInto), so memory holds one chunk and one batch, never the file. Same
 * rules and results as importCsv on the whole file's bytes. Throws NotUtf8Error (a DecodeError) when a
 * file whose start read as UTF-8 turns out not to be: call again with `force` 'gb18030' and a new sink
 * (discarding the rows yielded).
 */
export function* importCsvFileBatches<B>(
  path: string,
  options: ImportOptions,
  table: TableName | undefined,
  batchRows: number,
  sink: RowSink<B>,
  force?: CsvEncoding,
  readBytes = READ_BYTES,
): Generator<B, ImportedTable> {
  const file = path.split(/[\\/]/).pop()!;
  const found: { encoding?: CsvEncoding } = {};
  force ??= forcedEncoding(options);
  const pieces = decodeCsvChunks(readChunks(path, readBytes), found, force);
  try {
    return yield* importCsvTextInto(file, pieces, () => found.encoding!, options, table, batchRows, sink);
  } catch (e) {
    // A file the mapping says is UTF-8 is never taken for GB18030.
    if (e instanceof DecodeError && (e.name !== 'NotUtf8Error' || forcedEncoding(options))) throw new UnusableFileError(file, e.message, 'bad_encoding');
    throw asUnusable(path, e); // a file-system error (unreadable, vanished) names the file
  }
}

/** The encoding of a CSV file, read to its end (utf-8 / utf-8-bom / utf-16, else gb18030). */
export function detectFileEncoding(path: string, readBytes = READ_BYTES): CsvEncoding {
  const found: { encoding?: CsvEncoding } = {};
  try {
    for (const _ of decodeCsvChunks(readChunks(path, readBytes), found));
    return found.encoding!;
  } catch (e) {
    if (e instanceof NotUtf8Error) return 'gb18030';
    throw new UnusableFileError(path.split(/[\\/]/).pop()!, (e as Error).message, 'bad_encoding');
  }
}

/** A file's bytes, `size` at a time. */
function* readChunks(path: string, size: number): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const buf = new Uint8Array(size);
      const n = readSync(fd, buf, 0, size, null);
      if (n === 0) return;
      yield n === size ? buf : buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}
