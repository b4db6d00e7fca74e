/**
 * One file → ImportedTable: header mapping, per-value parsing, row rejection (SPEC §5.1 rule 18),
 * duplicate keys and the share-sum rule. Browser-safe: bytes in, rows out.
 */
import type { TableName } from '../schema.ts';
import { readCsvChunks } from './csv.ts';
import { DecodeError, decodeCsv } from './decode.ts';
import { detectTable, mapHeaders } from './headers.ts';
import { rejectBadShareSums } from './shares.ts';
import { UnusableFileError } from './types.ts';
import type { ImportOptions, ImportedTable, Rejected } from './types.ts';
import { isValueError, parserFor } from './values.ts';

/** A data record as any reader produces it: physical start line, raw fields (null = SQL NULL). */
export interface SourceRecord {
  line: number;
  fields: readonly (string | null)[];
  /** Set by the CSV reader when the record could not be read (SPEC rule 18). */
  error?: 'unterminated_quote';
}

/** Import decoded records of one file into `table` (shared by the CSV and Parquet paths). */
export function importRecords(
  file: string,
  table: TableName,
  header: readonly string[],
  records: Iterable<SourceRecord>,
  encoding: string,
  options: ImportOptions,
): ImportedTable {
  return drain(importBatches(file, table, header, records, encoding, options));
}

/** Run a generator that yields nothing (no batch limit) to its result. */
function drain(it: Generator<RowBatch, ImportedTable>): ImportedTable {
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/**
 * First line of each key seen. A V8 Map holds at most 2^24 (16.7 M) entries — fewer than the orders of
 * a large export (20 M) — so keys are spread over 64 maps by their last characters (cheap, and ids
 * like SO2026100001234 vary there).
 */
class KeyLines {
  private readonly maps: Map<string, number>[] = Array.from({ length: 64 }, () => new Map());
  private shard(key: string): Map<string, number> {
    const n = key.length;
    const h = n === 0 ? 0 : key.charCodeAt(n - 1) + 7 * (n > 1 ? key.charCodeAt(n - 2) : 0) + 49 * (n > 2 ? key.charCodeAt(n - 3) : 0);
    return this.maps[h & 63]!;
  }
  get(key: string): number | undefined {
    return this.shard(key).get(key);
  }
  set(key: string, line: number): void {
    this.shard(key).set(key, line);
  }
}

/** Loaded rows handed on before the file is finished. */
export type RowBatch = Pick<ImportedTable, 'table' | 'columns' | 'rows' | 'lines'>;

/**
 * importRecords a batch at a time: every `batchRows` loaded rows are yielded (and dropped), the last
 * partial batch at the end; the returned table then holds no rows — only what was rejected and counted.
 * So a file of any size imports in bounded memory (the CLI streams it into DuckDB). With the default
 * (no limit) nothing is yielded and the returned table holds every row. complaint_responsibility is
 * yielded whole at the end: its share-sum rule reads every row of a complaint.
 */
export function* importBatches(
  file: string,
  table: TableName,
  header: readonly string[],
  records: Iterable<SourceRecord>,
  encoding: string,
  options: ImportOptions,
  batchRows = Infinity,
): Generator<RowBatch, ImportedTable> {
  const limit = table === 'complaint_responsibility' ? Infinity : batchRows;
  const mapping = mapHeaders(file, table, header);
  const cols = mapping.columns;
  const ncols = cols.length;
  const source = mapping.source;
  const parsers = cols.map((c) => parserFor(c, options));
  const required = cols.map((c) => c.required === true);
  const keyIdx = mapping.table.key.map((k) => cols.findIndex((c) => c.name === k));
  const keyColumn = keyIdx.length === 1 ? mapping.table.key[0]! : null;
  const firstLineOfKey = new KeyLines();

  const result: ImportedTable = {
    file,
    table,
    columns: cols.map((c) => c.name),
    rows: [],
    lines: [],
    rejected: [],
    rowsRead: 0,
    encoding,
    ignoredColumns: mapping.ignoredColumns,
  };
  const reject = (line: number, column: string | null, code: string, reason: string) => {
    result.rejected.push({ file, line, column, reason, code } satisfies Rejected);
  };

  next: for (const rec of records) {
    result.rowsRead++;
    const line = rec.line;
    if (rec.error === 'unterminated_quote') {
      reject(line, null, 'unterminated_quote', 'unterminated quote');
      continue;
    }
    const fields = rec.fields;
    if (fields.length > header.length) {
      reject(line, null, 'too_many_fields', `too many fields: ${fields.length}, header has ${header.length}`);
      continue;
    }
    const row: (string | null)[] = new Array(ncols);
    // Schema order, so the reported column is the first bad one (rule 18).
    for (let i = 0; i < ncols; i++) {
      const raw = fields[source[i]!]; // undefined when the record is short: missing fields are empty
      const s = raw == null ? '' : raw.trim();
      if (s === '') {
        if (required[i]) {
          reject(line, cols[i]!.name, 'required_empty', 'empty required value');
          continue next;
        }
        row[i] = null;
        continue;
      }
      const v = parsers[i]!(s);
      if (isValueError(v)) {
        reject(line, cols[i]!.name, v.code, v.reason);
        continue next;
      }
      row[i] = v;
    }
    // Duplicate key: the first loaded occurrence wins. An empty key part (unit, staff_id) counts as "".
    const key = keyIdx.length === 1 ? (row[keyIdx[0]!] ?? '') : keyIdx.map((k) => (k < 0 ? '' : (row[k] ?? ''))).join('\u0000');
    const first = firstLineOfKey.get(key);
    if (first !== undefined) {
      const shown = mapping.table.key.map((k, j) => `${k}=${keyIdx[j]! < 0 ? '' : (row[keyIdx[j]!] ?? '')}`).join(', ');
      reject(line, keyColumn, 'duplicate_key', `duplicate key ${shown} (first on line ${first})`);
      continue;
    }
    firstLineOfKey.set(key, line);
    result.rows.push(row);
    result.lines.push(line);
    if (result.rows.length >= limit) {
      yield { table, columns: result.columns, rows: result.rows, lines: result.lines };
      result.rows = [];
      result.lines = [];
    }
  }

  if (table === 'complaint_responsibility') rejectBadShareSums(result);
  // One list in file order, whichever rule found the problem.
  result.rejected.sort((a, b) => a.line - b.line);
  if (batchRows !== Infinity && result.rows.length > 0) {
    yield { table, columns: result.columns, rows: result.rows, lines: result.lines };
    result.rows = [];
    result.lines = [];
  }
  return result;
}

/** Import one CSV file's bytes (encoding and delimiter detected; table from `table`, else name/headers). */
export function importCsv(file: string, bytes: Uint8Array, options: ImportOptions, table?: TableName): ImportedTable {
  let text: string;
  let encoding: string;
  try {
    ({ text, encoding } = decodeCsv(bytes));
  } catch (e) {
    if (e instanceof DecodeError) throw new UnusableFileError(file, e.message, 'bad_encoding');
    throw e;
  }
  return drain(importCsvText(file, [text], () => encoding, options, table));
}

/**
 * Import CSV text given in pieces (one piece, or a large file decoded a chunk at a time), yielding
 * loaded rows every `batchRows` (see importBatches). `encoding()` is asked once the header is read.
 */
export function* importCsvText(
  file: string,
  pieces: Iterable<string>,
  encoding: () => string,
  options: ImportOptions,
  table?: TableName,
  batchRows = Infinity,
): Generator<RowBatch, ImportedTable> {
  const it = readCsvChunks(pieces);
  const head = it.next();
  if (head.done) throw new UnusableFileError(file, 'empty file: no header line', 'empty_file');
  if (head.value.error) throw new UnusableFileError(file, `unterminated quote in the header (line ${head.value.line})`, 'bad_header');
  const header = head.value.fields;
  const records: Iterable<SourceRecord> = { [Symbol.iterator]: () => it };
  return yield* importBatches(file, table ?? detectTable(file, header), header, records, encoding(), options, batchRows);
}
