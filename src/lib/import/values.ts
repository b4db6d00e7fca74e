/**
 * Value parsers per schema type (docs/metrics.md#data-contract, rule 18): raw text → canonical text, or a reason.
 * All arithmetic is on strings (money and shares are exact), never through floats.
 */
import { YEAR_RANGE, type Column, type ColumnType } from '../schema.ts';
import { excelParser, unixParser } from './epoch.ts';
import { compileFormat, type FormatParser } from './formats.ts';
import type { ImportOptions } from './types.ts';

/** Why a value was refused: machine code + an English sentence that quotes the value. */
export interface ValueError {
  code: string;
  reason: string;
}

/** A parser gets trimmed, non-empty text and returns canonical text or a ValueError. */
export type ValueParser = (s: string) => string | ValueError;

const err = (code: string, reason: string): ValueError => ({ code, reason });

/** True for a parser's failure result. */
export function isValueError(v: string | ValueError | null): v is ValueError {
  return typeof v === 'object' && v !== null;
}

// ---------- dates and times ----------

// Date, then optionally T or spaces and H:MM[:SS[.fraction]]. The two date separators must agree.
const DATE_TIME = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

const pad2 = (s: string) => (s.length === 1 ? '0' + s : s);

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

/** Digits at s[i], s[i+1] as a number, or -1 (no allocation, for the fast path). */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Already canonical "YYYY-MM-DD HH:MM:SS" and valid: the common case, checked without a regex or copies. */
function isCanonicalTimestamp(s: string): boolean {
  if (s.length !== 19 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 32) return false;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const c = two(s, 0);
  const y = two(s, 2);
  const hh = two(s, 11);
  const mm = two(s, 14);
  const ss = two(s, 17);
  if (c < 0 || y < 0 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return false;
  return validDate(c * 100 + y, two(s, 5), two(s, 8));
}

/** Local wall-clock timestamp → "YYYY-MM-DD HH:MM:SS" (fraction of a second truncated; no time zones). */
export function parseTimestamp(s: string): string | ValueError {
  if (isCanonicalTimestamp(s)) return s;
  const m = DATE_TIME.exec(s);
  if (!m || !validDate(+m[1]!, +m[3]!, +m[4]!)) return err('bad_timestamp', `not a date: ${s}`);
  if (m[5] === undefined) return err('bad_timestamp', `no time of day in timestamp: ${s}`);
  const sec = m[7] ?? '00';
  if (+m[5] > 23 || +m[6]! > 59 || +sec > 59) return err('bad_timestamp', `not a time of day: ${s}`);
  return `${m[1]}-${pad2(m[3]!)}-${pad2(m[4]!)} ${pad2(m[5])}:${m[6]}:${sec}`;
}

/** Date → "YYYY-MM-DD"; a timestamp is cut to its date (its time must still be valid). */
export function parseDate(s: string): string | ValueError {
  const m = DATE_TIME.exec(s);
  if (!m || !validDate(+m[1]!, +m[3]!, +m[4]!)) return err('bad_date', `not a date: ${s}`);
  if (m[5] !== undefined && (+m[5] > 23 || +m[6]! > 59 || +(m[7] ?? 0) > 59)) return err('bad_date', `not a date: ${s}`);
  return `${m[1]}-${pad2(m[3]!)}-${pad2(m[4]!)}`;
}

// ---------- decimals ----------

/** A decimal number split into parts: sign, integer digits (no leading zeros, "0" at least), fraction digits. */
interface Decimal {
  neg: boolean;
  int: string;
  frac: string;
}

// Sign, digits with optional fraction (".5" and "5." allowed), optional exponent (Parquet DOUBLEs print as 1e-05).
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/;

/** Parse a plain decimal on the string; the exponent, if any, only moves the decimal point. */
function parseDecimal(s: string): Decimal | null {
  const m = DECIMAL.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  let int = m[2]!;
  let frac = m[3] ?? '';
  const exp = m[4] ? parseInt(m[4], 10) : 0;
  if (exp > 0) {
    const f = frac.padEnd(exp, '0');
    int += f.slice(0, exp);
    frac = f.slice(exp);
  } else if (exp < 0) {
    const i = int.padStart(-exp, '0');
    frac = i.slice(i.length + exp) + frac;
    int = i.slice(0, i.length + exp);
  }
  int = int.replace(/^0+/, '') || '0';
  return { neg: m[1] === '-', int, frac };
}

/** Canonical text of a decimal: no leading zeros, no trailing fraction zeros, no "-0". */
function formatDecimal(d: Decimal): string {
  const frac = d.frac.replace(/0+$/, '');
  const body = frac ? `${d.int}.${frac}` : d.int;
  return d.neg && body !== '0' ? '-' + body : body;
}

/**
 * Length of the digits of already canonical decimal text at the start of `s` ("0", or no leading zero):
 * the common case, checked without a regex or objects. 0 when `s` does not start so.
 */
function canonicalInt(s: string): number {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  return i > 1 && s.charCodeAt(0) === 48 ? 0 : i;
}

/** Already canonical "123" or "12.5" (no leading zero, no trailing fraction zero, no sign). */
function isCanonicalNumber(s: string): boolean {
  const i = canonicalInt(s);
  if (i === 0) return false;
  if (i === s.length) return true;
  if (s.charCodeAt(i) !== 46 || s.charCodeAt(s.length - 1) === 48) return false; // "." and no trailing 0
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return false;
  }
  return s.length > i + 1;
}

/** Plain decimal number (DOUBLE column) → canonical decimal text. */
export function parseNumber(s: string): string | ValueError {
  if (isCanonicalNumber(s)) return s;
  const d = parseDecimal(s);
  return d ? formatDecimal(d) : err('bad_number', `not a number: ${s}`);
}

/** Whole number (INTEGER column); "3.0" is accepted as 3, "3.5" is not. */
export function parseInt32(s: string): string | ValueError {
  if (s.length < 10 && canonicalInt(s) === s.length) return s; // canonical and in range
  const d = parseDecimal(s);
  if (!d || /[^0]/.test(d.frac)) return err('bad_int', `not a whole number: ${s}`);
  if (d.int.length > 10 || +d.int > 2147483647) return err('bad_int', `whole number out of range: ${s}`);
  return formatDecimal({ ...d, frac: '' });
}

// Optional sign (before or after ¥/￥), digits with optional thousands separators, optional fraction.
const MONEY = /^([+-]?)[¥￥]?\s*([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;

/** Money (CNY, DECIMAL(18,2)) → text with exactly 2 decimals; more than 2 decimals is an error, never rounded. */
export function parseMoney(s: string): string | ValueError {
  const m = MONEY.exec(s);
  if (!m || (m[1] && m[2]) || (m[3] === '' && (m[4] ?? '') === '')) return err('bad_money', `not an amount: ${s}`);
  const frac = m[4] ?? '';
  if (frac.length > 2) return err('money_decimals', `more than 2 decimals in amount: ${s}`);
  const int = m[3]!.replace(/,/g, '').replace(/^0+/, '') || '0';
  if (int.length > 16) return err('bad_money', `amount too large: ${s}`);
  const body = `${int}.${frac.padEnd(2, '0')}`;
  return (m[1] || m[2]) === '-' && body !== '0.00' ? '-' + body : body;
}

/** Scale of shares: DECIMAL(18,6), so a share is an integer number of millionths. */
export const SHARE_DECIMALS = 6;

/**
 * Responsibility share 0–1 (also "50%") → canonical decimal text with at most 6 decimals. More decimals
 * are rounded half away from zero to 6 (the column is DECIMAL(18,6); 1/3 written as 0.3333333 is fine).
 * The range is checked on the value as written, before rounding.
 */
export function parseShare(s: string): string | ValueError {
  const pct = s.endsWith('%');
  const d = parseDecimal(pct ? s.slice(0, -1).trim() : s);
  if (!d) return err('share_range', `not a share (0–1): ${s}`);
  if (pct) {
    // Divide by 100 by moving the decimal point two places left.
    const i = d.int.padStart(3, '0');
    d.frac = i.slice(-2) + d.frac;
    d.int = i.slice(0, -2).replace(/^0+/, '') || '0';
  }
  const nonZeroFrac = /[^0]/.test(d.frac);
  const zero = d.int === '0' && !nonZeroFrac;
  if ((d.neg && !zero) || d.int.length > 1 || d.int > '1' || (d.int === '1' && nonZeroFrac)) {
    return err('share_range', `share out of range 0–1: ${s}`);
  }
  let micro = Number(d.int + d.frac.slice(0, SHARE_DECIMALS).padEnd(SHARE_DECIMALS, '0'));
  if (d.frac.length > SHARE_DECIMALS && d.frac.charCodeAt(SHARE_DECIMALS) >= 53 /* '5' */) micro += 1;
  return formatMicro(micro);
}

/** Millionths → canonical decimal text ("900000" → "0.9"). */
export function formatMicro(micro: number): string {
  const neg = micro < 0;
  const digits = String(Math.abs(micro)).padStart(SHARE_DECIMALS + 1, '0');
  return formatDecimal({
    neg,
    int: digits.slice(0, -SHARE_DECIMALS).replace(/^0+/, '') || '0',
    frac: digits.slice(-SHARE_DECIMALS),
  });
}

/** Canonical share text → integer millionths (exact, since parseShare leaves at most 6 decimals). */
export function shareToMicro(share: string): number {
  const [int, frac = ''] = share.replace('-', '').split('.');
  const v = Number(int + frac.padEnd(SHARE_DECIMALS, '0'));
  return share.startsWith('-') ? -v : v;
}

// ---------- small domains ----------

// docs/metrics.md#data-contract surveys: 4 很满意, 3 满意, 2 一般, 1 不满意 — the Chinese labels are accepted like enum aliases.
// A Map, not an object literal: "constructor" or "toString" must not look like a label.
const RATING_LABELS = new Map([
  ['很满意', '4'],
  ['满意', '3'],
  ['一般', '2'],
  ['不满意', '1'],
]);

/** Survey rating: integer 1–4 (or its Chinese label). */
export function parseRating(s: string): string | ValueError {
  if (s.length === 1 && s >= '1' && s <= '4') return s;
  const label = RATING_LABELS.get(s);
  if (label) return label;
  const d = parseDecimal(s);
  if (!d || /[^0]/.test(d.frac)) return err('bad_rating', `not a rating 1–4: ${s}`);
  if (d.neg || d.int.length > 1 || d.int < '1' || d.int > '4') return err('rating_range', `rating out of range 1–4: ${s}`);
  return d.int;
}

/** Boolean spellings (lower-case or as written) → "true"/"false". */
export const BOOLS = new Map(
  Object.entries({
    true: 'true',
    false: 'false',
    '1': 'true',
    '0': 'false',
    yes: 'true',
    no: 'false',
    y: 'true',
    n: 'false',
    是: 'true',
    否: 'false',
    t: 'true',
    f: 'false',
  }),
);

/** Boolean: true/false, 1/0, yes/no, Y/N, 是/否 (any case) → "true"/"false". */
export function parseBool(s: string): string | ValueError {
  return BOOLS.get(s) ?? BOOLS.get(s.toLowerCase()) ?? err('bad_bool', `not a yes/no value: ${s}`);
}

/**
 * An enum's spellings → canonical value: each spelling lower-cased and as written (first one wins).
 * A value is looked up as written, then lower-cased (the Parquet SQL path reads the same map).
 */
export function enumLookup(values: Record<string, string[]>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [canon, aliases] of Object.entries(values)) {
    for (const a of [canon, ...aliases]) {
      const k = a.trim();
      if (!m.has(k.toLowerCase())) m.set(k.toLowerCase(), canon);
      // The spelling as written too, so the common exact match needs no toLowerCase copy.
      if (!m.has(k)) m.set(k, canon);
    }
  }
  return m;
}

/** Enum parser from canonical value → aliases, matched case-insensitively. */
function enumParser(values: Record<string, string[]>, code: string, unknown: string): ValueParser {
  const m = enumLookup(values);
  return (s) => m.get(s) ?? m.get(s.toLowerCase()) ?? err(code, `${unknown}: ${s}`);
}

/** The range check of a column (docs/import.md "Value ranges") around its parser; the parser itself when it has none. */
function bounded(column: Column, parse: ValueParser): ValueParser {
  if (column.type === 'timestamp' || column.type === 'date') {
    const code = column.type === 'timestamp' ? 'bad_timestamp' : 'bad_date';
    return (s) => {
      const v = parse(s);
      if (isValueError(v)) return v;
      // Canonical text starts with the year; a fifth digit (a formatted epoch far out) is out too.
      const y = +v.slice(0, 4);
      if (v.charCodeAt(4) !== 45 || !(y >= YEAR_RANGE.min && y <= YEAR_RANGE.max)) {
        return err(code, `year out of range ${YEAR_RANGE.min}–${YEAR_RANGE.max}: ${s}`);
      }
      return v;
    };
  }
  const range = column.range;
  if (!range) return parse;
  const { min, max } = range;
  return (s) => {
    const v = parse(s);
    if (isValueError(v)) return v;
    // Canonical decimal text: Number() is exact enough to compare with whole-number bounds, and a
    // huge value ("1e999" spelled out) becomes Infinity, which is out of range too.
    const x = Number(v);
    if (!(x >= min && x <= max)) return err('out_of_range', `${column.name} out of range ${min}–${max}: ${s}`);
    return v;
  };
}

/** The parser for one schema column; zones come from the config (`options.zones`) plus schema aliases. */
export function parserFor(column: Column, options: ImportOptions): ValueParser {
  return bounded(column, unboundedParser(column, options));
}

function unboundedParser(column: Column, options: ImportOptions): ValueParser {
  if (column.configEnum === 'zones') {
    const values: Record<string, string[]> = {};
    for (const z of options.zones) values[z] = column.values?.[z] ?? [];
    const allowed = options.zones.join(', ') || 'none';
    const p = enumParser(values, 'unknown_zone', 'unknown zone');
    return (s) => {
      const v = p(s);
      return isValueError(v) ? err(v.code, `${v.reason} (configured zones: ${allowed})`) : v;
    };
  }
  const format = options.formats?.[column.name];
  if (format && (column.type === 'timestamp' || column.type === 'date')) {
    const custom = formatParser(format, column.type, options.timeZone ?? DEFAULT_TIME_ZONE);
    // A mapping file's format is the only one (a cell that does not fit it is rejected).
    if (options.strictFormats) return custom;
    // Else the named format first, the contract formats second (a file may mix them); its reason if both fail.
    const spec = BY_TYPE[column.type](column);
    return (s) => {
      const v = custom(s);
      if (!isValueError(v)) return v;
      const w = spec(s);
      return isValueError(w) ? v : w;
    };
  }
  return BY_TYPE[column.type](column);
}

/** Zone of epoch timestamps when the options name none (the config's default). */
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The parser of a named format: a token pattern (formats.ts), `excel`, `unix` or `unix_ms` (epoch.ts). */
export function formatParser(format: string, kind: 'timestamp' | 'date', zone: string): FormatParser {
  if (format === 'excel') return excelParser(kind);
  if (format === 'unix') return unixParser(1000, zone, kind);
  if (format === 'unix_ms') return unixParser(1, zone, kind);
  return compileFormat(format, kind);
}

const keep: ValueParser = (s) => s;

const BY_TYPE: Record<ColumnType, (c: Column) => ValueParser> = {
  id: () => keep,
  text: () => keep,
  timestamp: () => parseTimestamp,
  date: () => parseDate,
  money: () => parseMoney,
  int: () => parseInt32,
  number: () => parseNumber,
  bool: () => parseBool,
  enum: (c) => enumParser(c.values ?? {}, 'bad_enum', `unknown ${c.name}`),
  rating: () => parseRating,
  share: () => parseShare,
};
