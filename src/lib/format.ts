/**
 * Display formatting of report values (never arithmetic on a metric: the SQL computed it).
 * null/undefined → "—". Counts with thousands separators; money from its exact 2-decimal text
 * (never through a float) with ¥ and separators; rates (fractions 0–1) as % with one decimal.
 */
export const NULL_TEXT = '—';

/** How a metric's value is shown. */
export type ValueKind = 'count' | 'money' | 'rate' | 'hours' | 'number' | 'score' | 'per100';

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 1234567 → "1,234,567". */
export function formatCount(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return NULL_TEXT;
  const sign = v < 0 ? '-' : '';
  return sign + group(String(Math.trunc(Math.abs(v))));
}

/** "1234567.50" → "¥1,234,567.50" (the text is exact; it is regrouped, not re-rounded). */
export function formatMoney(v: unknown, symbol = '¥'): string {
  if (v === null || v === undefined) return NULL_TEXT;
  const text = typeof v === 'number' ? v.toFixed(2) : String(v);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return text;
  const cents = (m[3] ?? '').padEnd(2, '0');
  return `${m[1]}${symbol}${group(m[2]!)}.${cents}`;
}

/** 0.9512 → "95.1%". */
export function formatRate(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return NULL_TEXT;
  return `${(v * 100).toFixed(1)}%`;
}

/** A number with up to `digits` decimals (trailing zeros kept to `min`), grouped: 1234.5 → "1,234.5". */
export function formatNumber(v: unknown, digits = 2, min = 0): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return NULL_TEXT;
  const fixed = v.toFixed(digits);
  const [int, frac = ''] = fixed.replace('-', '').split('.');
  let f = frac.replace(/0+$/, '');
  if (f.length < min) f = f.padEnd(min, '0');
  return `${v < 0 && Number(fixed) !== 0 ? '-' : ''}${group(int!)}${f ? `.${f}` : ''}`;
}

/** Format `v` as `kind`. */
export function formatValue(v: unknown, kind: ValueKind): string {
  switch (kind) {
    case 'count':
      return formatCount(v);
    case 'money':
      return formatMoney(v);
    case 'rate':
      return formatRate(v);
    case 'hours':
      return formatNumber(v, 1, 1);
    case 'score':
      return formatNumber(v, 2, 2);
    case 'per100':
      return formatNumber(v, 2, 2);
    case 'number':
      return formatNumber(v, 2);
  }
}

/**
 * The raw value for `data-value`, exactly as in the CLI JSON: a number as its JSON text, money as its
 * 2-decimal string, null as "null", an object (breakdown) as JSON.
 */
export function rawValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** A branch's display name: "B01 北京分公司", or the id alone when branches.csv does not name it. */
export const nodeLabel = (id: string, name: string | null | undefined): string => (name ? `${id} ${name}` : id);
