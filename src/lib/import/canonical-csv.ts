/**
 * Canonical CSV: the text every loaded table is handed to DuckDB in (src/lib/db/load.ts `loadTables`)
 * and a browser stores an imported file in (src/lib/userdata/canonical.ts) — every schema column in
 * schema order, then `_line`; RFC 4180 quoting; empty = NULL; no header.
 *
 * Bytes are made a few hundred rows at a time: each row's line is built as a string and the lines
 * are encoded together. One native encode per 256 rows beat both a JavaScript byte loop and a native
 * call per field (docs/scaling.md), and the strings die young. (The
 * whole table as strings, encoded afterwards, was slower than the import itself: garbage collection
 * among the imported rows.)
 */
import type { RowSink } from './import-table.ts';
import type { ImportedTable } from './types.ts';
import { TABLE_BY_NAME, type TableName } from '../schema.ts';

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** One field in RFC 4180 form; null → empty (read back as NULL). */
export function csvField(v: string | null): string {
  if (v === null) return '';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === COMMA || c === QUOTE || c === LF || c === CR) return `"${v.replace(/"/g, '""')}"`;
  }
  return v;
}

/** A character that makes csvField quote (a native scan, before the per-character one). */
const SPECIAL = /[,"\r\n]/;

/** Rows whose lines are encoded together. */
const ENCODE_ROWS = 256;

const encoder = new TextEncoder();

/** Canonical CSV body lines (no header) of `count` rows of a table, as UTF-8. */
export interface CanonicalBatch {
  table: TableName;
  count: number;
  csv: Uint8Array;
}

/**
 * An importer sink (import-table.ts importInto) that turns each row straight into canonical CSV bytes:
 * the CLI hands those to the engine, and no array or string per row is kept until the batch is loaded.
 */
export class CanonicalRows implements RowSink<CanonicalBatch> {
  private table!: TableName;
  /** For each schema column, its index in the imported row (−1: not in the file, NULL). */
  private pos: number[] = [];
  private buf = new Uint8Array(64 << 10);
  private at = 0;
  /** Lines not yet encoded, and how many. */
  private lines = '';
  private pending = 0;
  size = 0;
  begin(table: TableName, columns: string[]): void {
    this.table = table;
    this.pos = TABLE_BY_NAME[table].columns.map((c) => columns.indexOf(c.name));
  }
  add(row: (string | null)[], line: number): void {
    const pos = this.pos;
    let s = this.lines;
    for (let j = 0; j < pos.length; j++) {
      const p = pos[j]!;
      const v = p < 0 ? null : (row[p] ?? null);
      if (v !== null) s += SPECIAL.test(v) ? csvField(v) : v;
      s += ',';
    }
    this.lines = s + line + '\n';
    this.size++;
    if (++this.pending >= ENCODE_ROWS) this.encode();
  }
  private encode(): void {
    const need = this.at + this.lines.length * 3; // a UTF-16 unit is at most 3 bytes of UTF-8
    if (need > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, need));
      next.set(this.buf.subarray(0, this.at));
      this.buf = next;
    }
    // As TextEncoder, a lone surrogate becomes U+FFFD (what the engines read from a JavaScript string).
    this.at += encoder.encodeInto(this.lines, this.buf.subarray(this.at)).written;
    this.lines = '';
    this.pending = 0;
  }
  /** The rows added since the last take (a copy: the buffer is reused). */
  take(): CanonicalBatch {
    this.encode();
    const batch = { table: this.table, count: this.size, csv: this.buf.slice(0, this.at) };
    this.at = 0;
    this.size = 0;
    return batch;
  }
}

/**
 * Canonical CSV body lines of an imported table as UTF-8, in chunks of at most `chunkRows` rows (a
 * million rows never make one giant buffer or string).
 */
export function* canonicalBytes(t: ImportedTable, chunkRows = 20_000): Generator<Uint8Array> {
  const rows = new CanonicalRows();
  rows.begin(t.table, t.columns);
  for (let i = 0; i < t.rows.length; i++) {
    rows.add(t.rows[i]!, t.lines[i]!);
    if (rows.size >= chunkRows) yield rows.take().csv;
  }
  if (rows.size > 0) yield rows.take().csv;
}

/**
 * The same lines as text, for the engines' loadCsv (which takes a string). Built as strings, not by
 * decoding canonicalBytes: in V8 that is about twice as fast when a string is what is wanted;
 * test/import/canonical-csv.test.ts holds the two to the same text.
 */
export function* canonicalChunks(t: Pick<ImportedTable, 'table' | 'columns' | 'rows' | 'lines'>, chunkRows = 20_000): Generator<string> {
  const table = TABLE_BY_NAME[t.table];
  const pos = table.columns.map((c) => t.columns.indexOf(c.name));
  let lines: string[] = [];
  for (let i = 0; i < t.rows.length; i++) {
    const row = t.rows[i]!;
    const out = pos.map((p) => (p < 0 ? '' : csvField(row[p] ?? null)));
    out.push(String(t.lines[i]));
    lines.push(out.join(','));
    if (lines.length >= chunkRows) {
      yield lines.join('\n') + '\n';
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('\n') + '\n';
}
