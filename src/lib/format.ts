/**
 * Display formatting of report values (never arithmetic on a metric: the SQL computed it).
 * null/undefined → "—". Counts with thousands separators; money from its exact 2-decimal text
 * (never through a float) with ¥ and separators; rates (fractions 0–1) as % with one decimal; 万/亿
 * compact numbers where space is short. Numbers go through Intl.NumberFormat.
 */
export const NULL_TEXT = '—';

/** How a metric's value is shown. */
export type ValueKind = 'count' | 'money' | 'rate' | 'hours' | 'number' | 'score' | 'per100';

// Grouping through Intl.NumberFormat in a fixed locale, so a value reads the same in both languages
// (zh-CN and en-US both group by three with "," and use "." for decimals).
const LOCALE = 'zh-CN';
const INTEGER = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const decimals = new Map<string, Intl.NumberFormat>();
/** A cached formatter with `min`–`max` decimals. */
function fixed(min: number, max: number): Intl.NumberFormat {
  const key = `${min}:${max}`;
  let f = decimals.get(key);
  if (!f) decimals.set(key, (f = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: min, maximumFractionDigits: max })));
  return f;
}

/** 1234567 → "1,234,567" (the fraction is cut off, not rounded). */
export function formatCount(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return NULL_TEXT;
  return (v < 0 ? '-' : '') + INTEGER.format(Math.trunc(Math.abs(v)));
}

/**
 * "1234567.50" → "¥1,234,567.50". The text is exact: its integer digits are grouped as a BigInt and its
 * decimals kept as written (padded to two), never passed through a float or re-rounded.
 */
export function formatMoney(v: unknown, symbol = '¥'): string {
  if (v === null || v === undefined) return NULL_TEXT;
  const text = typeof v === 'number' ? v.toFixed(2) : String(v);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return text;
  const cents = (m[3] ?? '').padEnd(2, '0');
  return `${m[1]}${symbol}${INTEGER.format(BigInt(m[2]!))}.${cents}`;
}

/** 0.9512 → "95.1%". */
export function formatRate(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return NULL_TEXT;
  return `${fixed(1, 1).format(v * 100 || 0)}%`; // || 0: a -0 reads "0.0%"
}

/** A number with up to `digits` decimals (trailing zeros kept to `min`), grouped: 1234.5 → "1,234.5". */
export function formatNumber(v: unknown, digits = 2, min = 0): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return NULL_TEXT;
  const text = fixed(min, digits).format(Math.abs(v));
  // A negative value that rounds to zero is shown as zero, without a sign.
  return (v < 0 && /[1-9]/.test(text) ? '-' : '') + text;
}

const compact = new Map<string, Intl.NumberFormat>();
/**
 * A short number for a card or a chart axis: 万 / 亿 in Chinese (12,345 → "1.2万", 123,456,789 →
 * "1.2亿"), K / M / B in English; at most one decimal. Below 10,000 the whole number ("9,999").
 */
export function formatCompact(v: unknown, lng: 'zh' | 'en' = 'zh'): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return NULL_TEXT;
  if (Math.abs(v) < 10_000) return formatCount(v);
  let f = compact.get(lng);
  if (!f) compact.set(lng, (f = new Intl.NumberFormat(lng === 'zh' ? 'zh-CN' : 'en-US', { notation: 'compact', maximumFractionDigits: 1 })));
  return f.format(v);
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
