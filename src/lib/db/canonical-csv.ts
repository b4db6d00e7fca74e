/**
 * Canonical CSV: the text every loaded table is handed to DuckDB in (src/lib/db/load.ts `loadTables`)
 * and a browser stores an imported file in (src/lib/userdata/canonical.ts) — every schema column in
 * schema order, then `_line`; RFC 4180 quoting; empty = NULL; no header.
 *
 * Written straight into UTF-8 bytes, without a string or an object per field: building strings field
 * by field and encoding them afterwards took longer than the import itself (100 MB of orders: 2.1 s,
 * much of it garbage collection among the imported rows).
 */
import type { ImportedTable } from '../import/types.ts';
import { TABLE_BY_NAME } from '../schema.ts';

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

/** A growing byte buffer for one chunk of CSV, written without allocating per field. */
class Bytes {
  buf: Uint8Array;
  at = 0;
  constructor(size: number) {
    this.buf = new Uint8Array(size);
  }
  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }
  byte(b: number): void {
    this.room(1);
    this.buf[this.at++] = b;
  }
  /** A field as UTF-8, quoted (RFC 4180) when it holds a comma, quote, CR or LF. */
  field(v: string): void {
    const start = this.at;
    if (!this.utf8(v, false)) {
      this.at = start; // rare: start again, quoted
      this.byte(QUOTE);
      this.utf8(v, true);
      this.byte(QUOTE);
    }
  }
  /** Encode `v` (as TextEncoder does: a lone surrogate becomes U+FFFD). Unquoted: false at a special character. */
  private utf8(v: string, quoted: boolean): boolean {
    const n = v.length;
    this.room(n * 3 + 2); // UTF-16 unit → at most 3 bytes; a doubled quote is 2
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      let c = v.charCodeAt(i);
      if (c < 0x80) {
        if (c === COMMA || c === QUOTE || c === LF || c === CR) {
          if (!quoted) return false;
          if (c === QUOTE) buf[at++] = QUOTE; // doubled; the room above covers it (2 bytes < 3)
        }
        buf[at++] = c;
      } else if (c < 0x800) {
        buf[at++] = 0xc0 | (c >> 6);
        buf[at++] = 0x80 | (c & 0x3f);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const d = i + 1 < n ? v.charCodeAt(i + 1) : 0;
          if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
            const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            buf[at++] = 0xf0 | (cp >> 18);
            buf[at++] = 0x80 | ((cp >> 12) & 0x3f);
            buf[at++] = 0x80 | ((cp >> 6) & 0x3f);
            buf[at++] = 0x80 | (cp & 0x3f);
            i++;
            continue;
          }
          c = 0xfffd;
        }
        buf[at++] = 0xe0 | (c >> 12);
        buf[at++] = 0x80 | ((c >> 6) & 0x3f);
        buf[at++] = 0x80 | (c & 0x3f);
      }
    }
    this.at = at;
    return true;
  }
  /** A non-negative integer in decimal. */
  int(x: number): void {
    this.room(16);
    if (x === 0) {
      this.buf[this.at++] = 48;
      return;
    }
    let digits = 0;
    for (let y = x; y > 0; y = Math.floor(y / 10)) digits++;
    let at = this.at + digits;
    this.at = at;
    for (let y = x; y > 0; y = Math.floor(y / 10)) this.buf[--at] = 48 + (y % 10);
  }
  /** The bytes written so far (a copy), and start again. */
  take(): Uint8Array {
    const bytes = this.buf.slice(0, this.at);
    this.at = 0;
    return bytes;
  }
}

/**
 * Canonical CSV body lines of an imported table as UTF-8, in chunks of at most `chunkRows` rows (a
 * million rows never make one giant buffer or string).
 */
export function* canonicalBytes(t: ImportedTable, chunkRows = 20_000): Generator<Uint8Array> {
  const table = TABLE_BY_NAME[t.table];
  const pos = table.columns.map((c) => t.columns.indexOf(c.name));
  const out = new Bytes(64 << 10);
  let rows = 0;
  for (let i = 0; i < t.rows.length; i++) {
    const row = t.rows[i]!;
    for (let j = 0; j < pos.length; j++) {
      if (j > 0) out.byte(COMMA);
      const p = pos[j]!;
      const v = p < 0 ? null : (row[p] ?? null);
      if (v !== null) out.field(v);
    }
    out.byte(COMMA);
    out.int(t.lines[i]!);
    out.byte(LF);
    if (++rows >= chunkRows) {
      yield out.take(); // a copy: the buffer is reused for the next chunk
      rows = 0;
    }
  }
  if (rows > 0) yield out.take();
}

/**
 * The same lines as text, for the engines' loadCsv (which takes a string). Built as strings, not by
 * decoding canonicalBytes: in V8 that is faster when a string is what is wanted (M: 1.5 s against 3.3 s);
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
