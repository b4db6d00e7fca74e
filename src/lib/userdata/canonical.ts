/**
 * The stored form of an imported file: its loaded rows as canonical CSV in the exact layout
 * src/lib/db/load.ts `loadTables` gives DuckDB (every schema column in schema order, then `_line`;
 * empty = NULL), without the header — so parts of a table concatenate, and a reload needs no parsing.
 * test/userdata/canonical.test.ts checks that both paths build identical tables.
 */
import type { ImportedTable } from '../import/types.ts';
import { LINE_COLUMN, TABLE_BY_NAME, sqlType, type TableName } from '../schema.ts';
import type { LoadColumn } from '../db/types.ts';

/** The columns (name, DuckDB type) a table is loaded with — the same list as loadTables. */
export function loadColumns(table: TableName): LoadColumn[] {
  return [...TABLE_BY_NAME[table].columns.map((c) => ({ name: c.name, type: sqlType(c.type) })), { name: LINE_COLUMN, type: 'INTEGER' }];
}

/** The header line of a table's canonical CSV. */
export const headerLine = (table: TableName): string => loadColumns(table).map((c) => c.name).join(',') + '\n';

/** One field in RFC 4180 form; null → empty (read back as NULL). */
export function csvField(v: string | null): string {
  if (v === null) return '';
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Canonical CSV body lines of an imported table, in chunks of at most `chunkRows` rows (strings, so a
 * worker can build a Blob of a million rows without one giant string).
 */
export function* canonicalChunks(t: ImportedTable, chunkRows = 20_000): Generator<string> {
  const table = TABLE_BY_NAME[t.table];
  const pos = table.columns.map((c) => t.columns.indexOf(c.name));
  let lines: string[] = [];
  for (let i = 0; i < t.rows.length; i++) {
    const row = t.rows[i]!;
    let s = '';
    for (let j = 0; j < pos.length; j++) {
      const p = pos[j]!;
      s += (j === 0 ? '' : ',') + csvField(p < 0 ? null : (row[p] ?? null));
    }
    lines.push(`${s},${t.lines[i]}\n`);
    if (lines.length >= chunkRows) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('');
}

/** Key column positions of a table in its canonical CSV (for duplicate checks against stored parts). */
export function keyPositions(table: TableName): number[] {
  const t = TABLE_BY_NAME[table];
  return t.key.map((k) => t.columns.findIndex((c) => c.name === k));
}

/** A table's canonical CSV body as one Blob with the byte offsets of its record-aligned pieces. */
export function canonicalBlob(t: ImportedTable, chunkRows = 50_000): { csv: Blob; pieces: number[] } {
  const enc = new TextEncoder();
  const bytes: Uint8Array[] = [];
  const pieces: number[] = [];
  let at = 0;
  for (const chunk of canonicalChunks(t, chunkRows)) {
    const b = enc.encode(chunk);
    pieces.push(at);
    bytes.push(b);
    at += b.length;
  }
  return { csv: new Blob(bytes as BlobPart[], { type: 'text/csv' }), pieces: pieces.length ? pieces : [0] };
}

/** The record-aligned pieces of a stored part's CSV (Blob slices; no bytes are read here). */
export function csvPieces(csv: Blob, pieces: readonly number[] | undefined): Blob[] {
  const cuts = pieces && pieces.length ? pieces : [0];
  return cuts.map((start, i) => csv.slice(start, i + 1 < cuts.length ? cuts[i + 1] : csv.size));
}
