/**
 * One file → ImportedTable: header mapping, per-value parsing, row rejection (docs/metrics.md rule 18),
 * duplicate keys and the share-sum rule. Browser-safe: bytes in, rows out.
 */
import { mapRecords } from '../mapping/apply.ts';
import { dedupeRows } from '../mapping/dedupe.ts';
import type { TableName } from '../schema.ts';
import { LineTooLongError, readCsvChunks } from './csv.ts';
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
  /** Set by the CSV reader when the record could not be read (docs/metrics.md rule 18). */
  error?: 'unterminated_quote';
  /** Set by a reader that already knows the record is rejected (a mapped file's too many fields). */
  reject?: { column: string | null; code: string; reason: string };
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
 * First line of each key seen. Exports are mostly sorted by their key, and while keys only grow a new
 * key cannot have been seen: it is compared with the last one and kept in a list (a Map insert per row
 * cost more than all the value parsing). The first key out of order moves the list into maps. A V8 Map
 * holds at most 2^24 (16.7 M) entries — fewer than the orders of a large export (20 M) — so keys are
 * spread over 64 maps by their last characters (cheap, and ids like SO2026100001234 vary there).
 */
class KeyLines {
  private sortedKeys: string[] | null = [];
  private sortedLines: number[] = [];
  private readonly maps: Map<string, number>[] = Array.from({ length: 64 }, () => new Map());
  private shard(key: string): Map<string, number> {
    const n = key.length;
    const h = n === 0 ? 0 : key.charCodeAt(n - 1) + 7 * (n > 1 ? key.charCodeAt(n - 2) : 0) + 49 * (n > 2 ? key.charCodeAt(n - 3) : 0);
    return this.maps[h & 63]!;
  }
  /** The first line of `key` if it was seen; else undefined, and `key` is recorded as first seen on `line`. */
  firstLine(key: string, line: number): number | undefined {
    const keys = this.sortedKeys;
    if (keys !== null) {
      const n = keys.length;
      if (n === 0 || key > keys[n - 1]!) {
        keys.push(key);
        this.sortedLines.push(line);
        return undefined;
      }
      for (let i = 0; i < n; i++) this.shard(keys[i]!).set(keys[i]!, this.sortedLines[i]!);
      this.sortedKeys = null;
      this.sortedLines = [];
    }
    const map = this.shard(key);
    const first = map.get(key);
    if (first === undefined) map.set(key, line);
    return first;
  }
}

/** Longest reason kept: a reason quotes the value, and a hostile value may be megabytes long. */
const REASON_CHARS = 200;

/** A reason cut to REASON_CHARS, marked with "…" where it was cut. */
function shortReason(reason: string): string {
  return reason.length <= REASON_CHARS ? reason : reason.slice(0, REASON_CHARS - 1) + '…';
}

/** Loaded rows handed on before the file is finished. */
export type RowBatch = Pick<ImportedTable, 'table' | 'columns' | 'rows' | 'lines'>;

/**
 * Where importInto keeps loaded rows until it hands them on as a batch: as arrays (RowArrays: the
 * browser, loadTables), or already as the engine's input (import/canonical-csv.ts CanonicalRows: the CLI,
 * so that no object per row outlives its row — holding 200k rows of arrays was a third of the import).
 */
export interface RowSink<B> {
  /** The file's table and columns (canonical names, schema order), before the first row. */
  begin(table: TableName, columns: string[]): void;
  /** Rows added since the last take. */
  readonly size: number;
  /** A loaded row (`row` belongs to the sink from now on) and its line. */
  add(row: (string | null)[], line: number): void;
  /** The rows added since the last take, as one batch. */
  take(): B;
}

/** Rows kept as arrays, as ImportedTable holds them. */
export class RowArrays implements RowSink<RowBatch> {
  private table!: TableName;
  private columns: string[] = [];
  rows: (string | null)[][] = [];
  lines: number[] = [];
  begin(table: TableName, columns: string[]): void {
    this.table = table;
    this.columns = columns;
  }
  get size(): number {
    return this.rows.length;
  }
  add(row: (string | null)[], line: number): void {
    this.rows.push(row);
    this.lines.push(line);
  }
  take(): RowBatch {
    const batch = { table: this.table, columns: this.columns, rows: this.rows, lines: this.lines };
    this.rows = [];
    this.lines = [];
    return batch;
  }
}

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
  const sink = new RowArrays();
  const result = yield* importInto(file, table, header, records, encoding, options, batchRows, sink);
  result.rows = sink.rows; // every row when there is no limit; none (all yielded) otherwise
  result.lines = sink.lines;
  return result;
}

/** importBatches with the rows kept in, and yielded as batches of, `sink`; the table returned holds no rows. */
export function* importInto<B>(
  file: string,
  table: TableName,
  header: readonly string[],
  records: Iterable<SourceRecord>,
  encoding: string,
  options: ImportOptions,
  batchRows: number,
  sink: RowSink<B>,
): Generator<B, ImportedTable> {
  // A mapping-file entry turns the file's records into records of the contract columns it names.
  let mappedIgnored: string[] | null = null;
  if (options.mapping) {
    const m = mapRecords(file, options.mapping, header, records);
    ({ header, records } = m);
    table = options.mapping.table;
    mappedIgnored = m.ignored;
  }
  const dedupe = options.mapping?.dedupe ?? null;
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
    ignoredColumns: mappedIgnored ?? mapping.ignoredColumns,
    merged: 0,
  };
  const reject = (line: number, column: string | null, code: string, reason: string) => {
    result.rejected.push({ file, line, column, reason: shortReason(reason), code } satisfies Rejected);
  };
  sink.begin(table, result.columns);
  // Rows are held to the end when a rule reads all rows of a key: complaint_responsibility's share sum,
  // and a mapping's dedupe (with each row's key).
  const held = table === 'complaint_responsibility' || dedupe ? new RowArrays() : null;
  const heldKeys: string[] = [];

  next: for (const rec of records) {
    result.rowsRead++;
    const line = rec.line;
    if (rec.error === 'unterminated_quote') {
      reject(line, null, 'unterminated_quote', 'unterminated quote');
      continue;
    }
    if (rec.reject) {
      reject(line, rec.reject.column, rec.reject.code, rec.reject.reason);
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
    if (dedupe) heldKeys.push(key);
    const first = dedupe ? undefined : firstLineOfKey.firstLine(key, line);
    if (first !== undefined) {
      const shown = mapping.table.key.map((k, j) => `${k}=${keyIdx[j]! < 0 ? '' : (row[keyIdx[j]!] ?? '')}`).join(', ');
      reject(line, keyColumn, 'duplicate_key', `duplicate key ${shown} (first on line ${first})`);
      continue;
    }
    if (held) {
      held.add(row, line);
    } else {
      sink.add(row, line);
      if (sink.size >= batchRows) yield sink.take();
    }
  }

  if (held) {
    const all = { ...result, rows: held.rows, lines: held.lines };
    if (dedupe) {
      const byIdx = dedupe.by === undefined ? -1 : cols.findIndex((c) => c.name === dedupe.by);
      const keep = dedupeRows(all.rows, heldKeys, dedupe, byIdx < 0 ? null : { index: byIdx, type: cols[byIdx]!.type });
      result.merged = all.rows.length - keep.length;
      all.rows = keep.map((i) => all.rows[i]!);
      all.lines = keep.map((i) => all.lines[i]!);
    }
    if (table === 'complaint_responsibility') rejectBadShareSums(all); // its rejections go to result.rejected (the same array)
    for (let i = 0; i < all.rows.length; i++) {
      sink.add(all.rows[i]!, all.lines[i]!);
      if (sink.size >= batchRows) yield sink.take();
    }
  }
  // One list in file order, whichever rule found the problem.
  result.rejected.sort((a, b) => a.line - b.line);
  if (batchRows !== Infinity && sink.size > 0) yield sink.take();
  return result;
}

/** Import one CSV file's bytes (encoding and delimiter detected; table from `table`, else name/headers). */
export function importCsv(file: string, bytes: Uint8Array, options: ImportOptions, table?: TableName): ImportedTable {
  let text: string;
  let encoding: string;
  try {
    ({ text, encoding } = decodeCsv(bytes, forcedEncoding(options)));
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
  try {
    const { header, records } = csvRecords(file, pieces, options);
    return yield* importBatches(file, table ?? options.mapping?.table ?? detectTable(file, header), header, records, encoding(), options, batchRows);
  } catch (e) {
    throw unusableLine(file, e);
  }
}

/** importCsvText with the rows kept in, and yielded as batches of, `sink` (importInto). */
export function* importCsvTextInto<B>(
  file: string,
  pieces: Iterable<string>,
  encoding: () => string,
  options: ImportOptions,
  table: TableName | undefined,
  batchRows: number,
  sink: RowSink<B>,
): Generator<B, ImportedTable> {
  try {
    const { header, records } = csvRecords(file, pieces, options);
    return yield* importInto(file, table ?? options.mapping?.table ?? detectTable(file, header), header, records, encoding(), options, batchRows, sink);
  } catch (e) {
    throw unusableLine(file, e);
  }
}

/** A line too long to read makes the file unusable (exit 2 naming the file and line); other errors pass. */
function unusableLine(file: string, e: unknown): unknown {
  return e instanceof LineTooLongError ? new UnusableFileError(file, e.message, 'line_too_long') : e;
}

/** The header and the data records of CSV text in pieces. */
function csvRecords(file: string, pieces: Iterable<string>, options: ImportOptions): { header: string[]; records: Iterable<SourceRecord> } {
  // A mapping may name the delimiter; "auto" (and no mapping) detects it from the header line.
  const d = options.mapping?.delimiter;
  const it = readCsvChunks(pieces, d === undefined || d === 'auto' ? undefined : d, options.maxLineChars);
  const head = it.next();
  if (head.done) throw new UnusableFileError(file, 'empty file: no header line', 'empty_file');
  if (head.value.error) throw new UnusableFileError(file, `unterminated quote in the header (line ${head.value.line})`, 'bad_header');
  return { header: head.value.fields, records: { [Symbol.iterator]: () => it } };
}

/** The encoding a mapping entry forces ('utf-8' or 'gb18030'), or undefined to detect it. */
export function forcedEncoding(options: ImportOptions): 'utf-8' | 'gb18030' | undefined {
  const e = options.mapping?.encoding;
  return e === 'utf-8' || e === 'gb18030' ? e : undefined;
}
