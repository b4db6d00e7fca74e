/**
 * The stored form of an imported file: its loaded rows as canonical CSV in the exact layout
 * src/lib/db/load.ts `loadTables` gives DuckDB (every schema column in schema order, then `_line`;
 * empty = NULL), without the header — so parts of a table concatenate, and a reload needs no parsing.
 * test/userdata/canonical.test.ts checks that both paths build identical tables.
 */
import { canonicalBytes } from '../import/canonical-csv.ts';
import type { ImportedTable } from '../import/types.ts';
import { LINE_COLUMN, TABLE_BY_NAME, sqlType, type TableName } from '../schema.ts';
import type { LoadColumn } from '../db/types.ts';

export { canonicalChunks, csvField } from '../import/canonical-csv.ts';

/** The columns (name, DuckDB type) a table is loaded with — the same list as loadTables. */
export function loadColumns(table: TableName): LoadColumn[] {
  return [...TABLE_BY_NAME[table].columns.map((c) => ({ name: c.name, type: sqlType(c.type) })), { name: LINE_COLUMN, type: 'INTEGER' }];
}

/** The header line of a table's canonical CSV. */
export const headerLine = (table: TableName): string =>
  loadColumns(table)
    .map((c) => c.name)
    .join(',') + '\n';

/** Key column positions of a table in its canonical CSV (for duplicate checks against stored parts). */
export function keyPositions(table: TableName): number[] {
  const t = TABLE_BY_NAME[table];
  return t.key.map((k) => t.columns.findIndex((c) => c.name === k));
}

/** A table's canonical CSV body as one Blob with the byte offsets of its record-aligned pieces. */
export function canonicalBlob(t: ImportedTable, chunkRows = 50_000): { csv: Blob; pieces: number[] } {
  const bytes: Uint8Array[] = [];
  const pieces: number[] = [];
  let at = 0;
  for (const b of canonicalBytes(t, chunkRows)) {
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
