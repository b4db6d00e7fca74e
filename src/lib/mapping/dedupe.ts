/**
 * A mapping's `dedupe`: the loaded rows of one key (an event log's row per state change) collapse to
 * one — the first or last in file order, or the one with the smallest (`first`) / greatest (`last`)
 * value of a column, ties by file order, empty values lowest. Only loaded rows take part (rejected
 * ones were never loaded); the rows dropped are "merged", not rejected.
 */
import type { ColumnType } from '../schema.ts';
import type { Dedupe } from './types.ts';

const NUMERIC = new Set<ColumnType>(['money', 'int', 'number', 'rating', 'share']);

/** Compare two canonical values of a column (null lowest); numbers by value, the rest as text (canonical timestamps sort as text). */
function comparer(type: ColumnType): (a: string | null, b: string | null) => number {
  const numeric = NUMERIC.has(type);
  return (a, b) => {
    if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
    if (numeric) return Number(a) - Number(b);
    return a < b ? -1 : a > b ? 1 : 0;
  };
}

/**
 * Indexes of the rows to keep, in file order, given each row's key. `by` is the index of the dedupe
 * column in the rows and its type (absent: file order decides).
 */
export function dedupeRows(
  rows: readonly (readonly (string | null)[])[],
  keys: readonly string[],
  dedupe: Dedupe,
  by: { index: number; type: ColumnType } | null,
): number[] {
  const best = new Map<string, number>();
  const cmp = by ? comparer(by.type) : null;
  const last = dedupe.keep === 'last';
  for (let i = 0; i < rows.length; i++) {
    const k = keys[i]!;
    const j = best.get(k);
    if (j === undefined) {
      best.set(k, i);
      continue;
    }
    let replace: boolean;
    if (!cmp) replace = last;
    else {
      const c = cmp(rows[i]![by!.index] ?? null, rows[j]![by!.index] ?? null);
      // Ties by file order: keep last takes the later row, keep first the earlier.
      replace = last ? c >= 0 : c < 0;
    }
    if (replace) best.set(k, i);
  }
  return [...best.values()].sort((a, b) => a - b);
}
