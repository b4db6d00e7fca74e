/**
 * Suggestions the mapping step makes from a file's distinct values (DOM-free): missing-value markers,
 * a rule putting another rating scale onto the four levels, and how to collapse repeated keys.
 */
import { TABLE_BY_NAME, type TableName } from '../schema.ts';
import type { Dedupe } from './types.ts';

/** Cells that mean "no value" in common exports. */
export const NULL_MARKERS = ['?', 'NULL', 'null', 'N/A', 'n/a', '#N/A', '-', '—', 'NA'];

/** The markers that occur in the file (per column distinct values), in NULL_MARKERS order. */
export function suggestNullMarkers(distinct: readonly { values: readonly (readonly [string, number])[] }[]): string[] {
  const seen = new Set<string>();
  for (const d of distinct) for (const [v] of d.values) seen.add(v.trim());
  return NULL_MARKERS.filter((m) => seen.has(m));
}

/** A rating scale recognised in a column's values. */
export type RatingScale = '1-4' | '1-5' | '1-10' | '0-10' | 'labels' | 'unknown';

/** Satisfaction labels and their level (4 很满意 … 1 不满意), more than the four the importer reads. */
const LABELS: Record<string, string> = {
  非常满意: '4',
  很满意: '4',
  满意: '3',
  比较满意: '3',
  基本满意: '2',
  一般: '2',
  不满意: '1',
  较不满意: '1',
  很不满意: '1',
  非常不满意: '1',
};

/** Which scale a column's non-empty values are on. */
export function ratingScale(values: readonly string[]): RatingScale {
  const v = values.map((x) => x.trim()).filter((x) => x !== '');
  if (v.length === 0) return '1-4';
  if (v.every((x) => x in LABELS)) return 'labels';
  if (!v.every((x) => /^\d+$/.test(x))) return 'unknown';
  const n = v.map(Number);
  const max = Math.max(...n);
  const min = Math.min(...n);
  if (min >= 1 && max <= 4) return '1-4';
  if (min >= 1 && max <= 5) return '1-5';
  if (min >= 1 && max <= 10) return '1-10';
  if (min >= 0 && max <= 10) return '0-10';
  return 'unknown';
}

/**
 * The values map putting `scale` onto the four levels, for the values present: 1–5 → 5:4 4:3 3:2 2,1:1;
 * 0/1–10 → 9–10:4 7–8:3 5–6:2 0–4:1; labels by their meaning. Empty for 1–4 and unknown scales.
 */
export function ratingRule(scale: RatingScale, values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of values) {
    const x = raw.trim();
    if (x === '') continue;
    if (scale === 'labels' && x in LABELS) out[x] = LABELS[x]!;
    else if (scale === '1-5') out[x] = String(Math.max(1, Number(x) - 1));
    else if (scale === '1-10' || scale === '0-10') {
      const n = Number(x);
      out[x] = n >= 9 ? '4' : n >= 7 ? '3' : n >= 5 ? '2' : '1';
    }
  }
  return out;
}

/** Rows (by count) of a rating column whose value, after `map`, is not a level 1–4 — the warning before Check. */
export function ratingsOutOfRange(values: readonly (readonly [string, number])[], map: Record<string, string>, other?: string): number {
  let n = 0;
  for (const [raw, count] of values) {
    const x = raw.trim();
    if (x === '') continue;
    const v = map[x] ?? other ?? x;
    if (!/^[1-4]$/.test(v) && !['很满意', '满意', '一般', '不满意'].includes(v)) n += count;
  }
  return n;
}

/** Time columns a repeated key is best collapsed by, latest state first. */
const BY_PREFERENCE = [
  'completed_at',
  'closed_at',
  'responded_at',
  'left_at',
  'arrived_at',
  'dispatched_at',
  'called_at',
  'received_at',
  'started_at',
  'sent_at',
  'entered_at',
  'date',
];

/**
 * The dedupe offered when Check finds repeated keys: keep the last row by the latest-state time column
 * the mapping feeds (an event log's final state), else the last in file order.
 */
export function dedupeOffer(table: TableName, mapped: readonly string[]): Dedupe {
  const cols = new Set(TABLE_BY_NAME[table].columns.map((c) => c.name));
  const by = BY_PREFERENCE.find((c) => cols.has(c) && mapped.includes(c));
  return by ? { keep: 'last', by } : { keep: 'last' };
}
