/**
 * File readers of the import worker: CSV (the importer's own decoder and reader, so docs/metrics.md
 * rule 18 line numbers and quote rules hold), Excel .xlsx (read-excel-file) and Parquet (hyparquet,
 * pure JS — no DuckDB extension, no network). Each turns a file into a header and records of text
 * fields, which the importer then validates exactly like a CSV. Runs in a worker and in Node (tests).
 */
import { decompress as zstd } from 'fzstd';
import { unzipSync, zipSync } from 'fflate';
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type Compressors, type FileMetaData, type SchemaElement } from 'hyparquet';
import { decompressBrotli } from 'hyparquet-compressors/src/brotli.js';
import { gunzip } from 'hyparquet-compressors/src/gzip.js';
import { decompressLz4, decompressLz4Raw } from 'hyparquet-compressors/src/lz4.js';
// Why read-excel-file: maintained (9.x, releases through 2026), MIT, small (fflate + a SAX parser),
// runs in a worker and keeps numbers as their exact text (parseNumber), so money stays exact.
// SheetJS's `xlsx` on npm is frozen at 0.18.5 (2022; newer builds only from its own CDN, which a
// registry-only install cannot reach), and exceljs (4.4.0, 2023) pulls in Node streams and archiver.
import { readSheet } from 'read-excel-file/universal';
import { readCsv, detectDelimiter } from '../import/csv.ts';
import { DecodeError, decodeCsv, type CsvEncoding } from '../import/decode.ts';
import type { SourceRecord } from '../import/import-table.ts';
import { UnusableFileError } from '../import/types.ts';
import { PARQUET_OFFSET_HOURS } from './parquet-zone.ts';

/** A file as header + records of text fields. `records()` can be iterated more than once. */
export interface SourceTable {
  header: string[];
  records(): Iterable<SourceRecord>;
  /** 'utf-8', 'utf-8-bom', 'gb18030', … for CSV; 'xlsx'; 'parquet'. */
  encoding: string;
  /** Rough record count (for progress), or the exact count when known. */
  expectedRecords: number;
}

export type FileKind = 'csv' | 'xlsx' | 'parquet' | 'config';

/** What a file is, by its name (and, for a misnamed file, its first bytes). */
export function fileKind(name: string, head?: Uint8Array): FileKind {
  if (head && head.length >= 4) {
    if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx'; // zip
    if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return 'parquet'; // PAR1
  }
  if (/\.xlsx$/i.test(name)) return 'xlsx';
  if (/\.parquet$/i.test(name)) return 'parquet';
  if (/\.json$/i.test(name)) return 'config';
  return 'csv';
}

// ---------- CSV ----------

/** A whole CSV file (encoding and delimiter detected by the importer's own rules). */
export function csvSource(file: string, bytes: Uint8Array, delimiter?: string, encodingRule?: 'auto' | 'utf-8' | 'gb18030'): SourceTable {
  let text: string;
  let encoding: CsvEncoding;
  try {
    // A mapping may name the encoding (utf-8 / gb18030) and the delimiter; else both are detected.
    ({ text, encoding } = decodeCsv(bytes, encodingRule === 'utf-8' || encodingRule === 'gb18030' ? encodingRule : undefined));
  } catch (e) {
    if (e instanceof DecodeError) throw new UnusableFileError(file, e.message, 'bad_encoding');
    throw e;
  }
  return csvFromText(file, text, encoding, false, delimiter === 'auto' ? undefined : delimiter);
}

/**
 * The first `bytes` of a CSV file, for the mapping step: decoded in streaming mode so a character cut
 * at the end is not an error, and the last (possibly cut) record dropped when the file goes on.
 */
export function csvHeadSource(file: string, bytes: Uint8Array, complete: boolean): SourceTable {
  if (complete) return csvSource(file, bytes);
  let text: string;
  let encoding: CsvEncoding;
  const stream = (label: string, skip: number) => new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(skip), { stream: true });
  try {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) [text, encoding] = [stream('utf-8', 3), 'utf-8-bom'];
    else if (bytes[0] === 0xff && bytes[1] === 0xfe) [text, encoding] = [stream('utf-16le', 2), 'utf-16le'];
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) [text, encoding] = [stream('utf-16be', 2), 'utf-16be'];
    else {
      try {
        [text, encoding] = [stream('utf-8', 0), 'utf-8'];
      } catch {
        [text, encoding] = [stream('gb18030', 0), 'gb18030'];
      }
    }
  } catch {
    throw new UnusableFileError(file, 'not valid UTF-8 or GB18030/GBK text', 'bad_encoding');
  }
  const cut = text.lastIndexOf('\n');
  return csvFromText(file, cut >= 0 ? text.slice(0, cut + 1) : text, encoding, true);
}

function csvFromText(file: string, text: string, encoding: string, head: boolean, given?: string): SourceTable {
  const delimiter = given ?? detectDelimiter(text);
  const first = readCsv(text, delimiter).next();
  if (first.done) throw new UnusableFileError(file, 'empty file: no header line', 'empty_file');
  if (first.value.error) throw new UnusableFileError(file, `unterminated quote in the header (line ${first.value.line})`, 'bad_header');
  const header = first.value.fields;
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return {
    header,
    encoding,
    expectedRecords: Math.max(lines - (head ? 1 : 0), 0),
    records: () => ({
      [Symbol.iterator]: () => {
        const it = readCsv(text, delimiter);
        it.next(); // the header
        return it;
      },
    }),
  };
}

// ---------- Excel ----------

/** Cell text of an .xlsx value: numbers as written in the file, dates as wall-clock text, booleans as true/false. */
function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  // Excel keeps times as fractions of a day (a double): 09:30 may come back as 09:29:59.999.
  if (v instanceof Date) return wallClock(Math.round(v.getTime() / 1000) * 1000, 0);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

/**
 * The first sheet of an .xlsx file. Excel stores dates as day numbers without a zone; read-excel-file
 * returns them as UTC instants of that wall-clock time, so they are formatted in UTC. Row numbers are
 * the sheet's (header = row 1), so rejected rows name the row the user sees in Excel.
 */
export async function xlsxSource(file: string, buffer: ArrayBuffer): Promise<SourceTable> {
  let rows: unknown[][];
  try {
    rows = (await readSheet(storedZip(new Uint8Array(buffer)), { parseNumber: (s: string) => s, trim: false })) as unknown[][];
  } catch (e) {
    throw new UnusableFileError(file, `cannot read the Excel file: ${(e as Error).message}`, 'unreadable');
  }
  const headerAt = rows.findIndex((r) => r.some((v) => v !== null && String(v).trim() !== ''));
  if (headerAt < 0) throw new UnusableFileError(file, 'empty sheet: no header row', 'empty_file');
  const header = rows[headerAt]!.map((v) => cellText(v) ?? '');
  return {
    header,
    encoding: 'xlsx',
    expectedRecords: rows.length - headerAt - 1,
    records: () =>
      (function* (): Generator<SourceRecord> {
        for (let i = headerAt + 1; i < rows.length; i++) {
          const fields = rows[i]!.map(cellText);
          // Empty rows are skipped like empty CSV lines (they still count as rows for the numbering).
          if (fields.every((f) => f === null || f.trim() === '')) continue;
          while (fields.length > header.length && (fields[fields.length - 1] ?? '') === '') fields.pop();
          yield { line: i + 1, fields };
        }
      })(),
  };
}

/**
 * The same .xlsx with its XML parts stored uncompressed. fflate's asynchronous unzip (used inside
 * read-excel-file) starts a blob: Worker for large parts, which a worker's Content-Security-Policy
 * (script-src 'self', src/cli/serve.ts) forbids; a stored archive is read synchronously in place.
 */
function storedZip(bytes: Uint8Array): ArrayBuffer {
  const files = unzipSync(bytes, { filter: (f) => /\.(xml|rels)$/i.test(f.name) });
  const out = zipSync(files, { level: 0 });
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
}

// ---------- Parquet ----------

/** Decompressors beyond hyparquet's built-in SNAPPY (pyarrow / DuckDB default) — Polars writes ZSTD. */
const COMPRESSORS: Compressors = {
  GZIP: (input, length) => gunzip(input, new Uint8Array(length)),
  BROTLI: decompressBrotli,
  ZSTD: (input) => zstd(input),
  LZ4: decompressLz4,
  LZ4_RAW: decompressLz4Raw,
};

/** A Blob (File) as hyparquet's random-access buffer: only the byte ranges it asks for are read. */
export function blobBuffer(blob: Blob): AsyncBuffer {
  return { byteLength: blob.size, slice: (start: number, end?: number) => blob.slice(start, end).arrayBuffer() };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Epoch milliseconds shifted by `hours` → "YYYY-MM-DD HH:MM:SS" read off UTC (no viewer time zone). */
function wallClock(ms: number, hours: number): string {
  const d = new Date(ms + hours * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A converter from a hyparquet value of this column to importer text (like parquet-node.ts does in SQL). */
function parquetText(el: SchemaElement): (v: unknown) => string | null {
  const lt = el.logical_type;
  const isTimestamp = lt?.type === 'TIMESTAMP' || el.converted_type === 'TIMESTAMP_MILLIS' || el.converted_type === 'TIMESTAMP_MICROS' || el.type === 'INT96';
  // An instant (isAdjustedToUTC, e.g. pandas tz-aware) is read as China time; a plain TIMESTAMP as written.
  const shift = lt?.type === 'TIMESTAMP' && lt.isAdjustedToUTC ? PARQUET_OFFSET_HOURS : 0;
  const isDate = lt?.type === 'DATE' || el.converted_type === 'DATE';
  const scale = lt?.type === 'DECIMAL' ? lt.scale : el.converted_type === 'DECIMAL' ? (el.scale ?? 0) : null;
  return (v) => {
    if (v === null || v === undefined) return null;
    if (v instanceof Date) {
      if (isDate) return wallClock(v.getTime(), 0).slice(0, 10);
      return wallClock(v.getTime(), isTimestamp ? shift : 0);
    }
    if (scale !== null && typeof v === 'number') {
      // hyparquet hands DECIMALs over as doubles; the column's scale restores the written digits, and
      // zeros past the second decimal go (12.300 → 12.30) as in parquet-node.ts.
      return v.toFixed(scale).replace(/(\.\d{2}\d*?)0+$/, '$1');
    }
    if (typeof v === 'bigint' || typeof v === 'number') return String(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'string') return v;
    if (v instanceof Uint8Array) return new TextDecoder().decode(v);
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x));
  };
}

/** Top-level columns of a Parquet file with their schema elements. */
function parquetColumns(meta: FileMetaData): { name: string; element: SchemaElement }[] {
  return parquetSchema(meta).children.map((c) => ({ name: c.element.name, element: c.element }));
}

/**
 * A Parquet file: row groups read one after the other (`onProgress` after each), only `columns` when
 * given (the others come out empty), at most `limit` rows. Line = row number + 1 (as if a header were
 * line 1), like parquet-node.ts.
 */
export async function parquetSource(
  file: string,
  buffer: AsyncBuffer,
  options: { columns?: readonly string[]; limit?: number; onProgress?: (fraction: number) => void } = {},
): Promise<SourceTable> {
  let meta: FileMetaData;
  try {
    meta = await parquetMetadataAsync(buffer);
  } catch (e) {
    throw new UnusableFileError(file, `cannot read Parquet: ${(e as Error).message}`, 'unreadable');
  }
  const cols = parquetColumns(meta);
  const header = cols.map((c) => c.name);
  const wanted = options.columns ? header.filter((h) => options.columns!.includes(h)) : header;
  const total = Math.min(Number(meta.num_rows), options.limit ?? Infinity);
  const convert = wanted.map((w) => parquetText(cols.find((c) => c.name === w)!.element));
  const where = wanted.map((w) => header.indexOf(w));
  const rows: (string | null)[][] = [];
  let start = 0;
  for (const g of meta.row_groups) {
    if (start >= total) break;
    const end = Math.min(start + Number(g.num_rows), total);
    let chunk: unknown[][] = [];
    try {
      await parquetRead({
        file: buffer,
        metadata: meta,
        columns: wanted,
        rowStart: start,
        rowEnd: end,
        compressors: COMPRESSORS,
        rowFormat: 'array',
        onComplete: (r) => (chunk = r),
      });
    } catch (e) {
      throw new UnusableFileError(file, `cannot read Parquet: ${(e as Error).message}`, 'unreadable');
    }
    for (const r of chunk) {
      const fields: (string | null)[] = new Array(header.length).fill(null);
      for (let j = 0; j < where.length; j++) fields[where[j]!] = convert[j]!(r[j]);
      rows.push(fields);
    }
    start = end;
    options.onProgress?.(start / Math.max(total, 1));
  }
  return {
    header,
    encoding: 'parquet',
    expectedRecords: rows.length,
    records: () =>
      (function* (): Generator<SourceRecord> {
        for (let i = 0; i < rows.length; i++) yield { line: i + 2, fields: rows[i]! };
      })(),
  };
}
