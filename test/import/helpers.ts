/** Small helpers for the importer tests: build CSV bytes from lines, check the row-count invariant. */
import { expect } from 'vitest';
import type { ImportedTable, ImportOptions } from '../../src/lib/import/types.ts';

/** The default zones of docs/metrics.md#configuration. */
export const OPTIONS: ImportOptions = { zones: ['urban', 'suburban', 'remote'] };

/** UTF-8 bytes of the given lines joined with `eol` (and ending with it). */
export function csvBytes(lines: string[], eol = '\n'): Uint8Array {
  return new TextEncoder().encode(lines.join(eol) + eol);
}

/** docs/metrics.md#data-contract: loaded + rejected = rows in the file, always (each rejected row is reported once). */
export function expectCountsAddUp(t: ImportedTable, rowsRead: number): void {
  expect(t.rowsRead).toBe(rowsRead);
  expect(t.rows.length + t.rejected.length).toBe(t.rowsRead);
  expect(new Set(t.rejected.map((r) => r.line)).size).toBe(t.rejected.length);
  expect(t.lines.length).toBe(t.rows.length);
}

/** The loaded rows as objects keyed by canonical column, for readable assertions. */
export function objects(t: ImportedTable): Record<string, string | null>[] {
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i] ?? null])));
}
