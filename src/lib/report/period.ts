/** A report period (docs/metrics.md#metrics): a month YYYY-MM, a quarter YYYY-Qn or a year YYYY, with wall-clock bounds. */
export interface Period {
  label: string;
  kind: 'month' | 'quarter' | 'year' | 'range';
  /** First instant, "YYYY-MM-DD 00:00:00". */
  start: string;
  /** First instant after the period (exclusive end) — also the default as_of. */
  end: string;
}

import type { Params } from '../db/types.ts';
import { YEAR_RANGE } from '../schema.ts';
import type { Selection } from './types.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (y: number, m: number) => (m > 12 ? `${y + 1}-01-01 00:00:00` : `${y}-${pad(m)}-01 00:00:00`);

/**
 * Parse "2026-10", "2026-Q4", "2026" or a range of months "2026-01..2026-10"; null when it is none, or
 * when it leaves the years data can hold (YEAR_RANGE): a period in 9999 would make the monthly series
 * (deductions carried month by month) run over thousands of years for nothing.
 */
export function parsePeriod(text: string): Period | null {
  const p = parseAnyPeriod(text);
  return p && inYears(p.start) && inYears(p.end) ? p : null;
}

/** True when a "YYYY-MM-DD …" instant is in YEAR_RANGE (the exclusive end may be Jan 1 after the last year). */
function inYears(instant: string): boolean {
  const y = Number(instant.slice(0, 4));
  return y >= YEAR_RANGE.min && (y <= YEAR_RANGE.max || instant === `${YEAR_RANGE.max + 1}-01-01 00:00:00`);
}

/** The message for a --period that parsePeriod refuses. */
export const PERIOD_FORMS = `YYYY-MM, YYYY-Qn, YYYY or YYYY-MM..YYYY-MM with years ${YEAR_RANGE.min}–${YEAR_RANGE.max}`;

function parseAnyPeriod(text: string): Period | null {
  let m = /^(\d{4})-(0[1-9]|1[0-2])\.\.(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (m) {
    const start = monthStart(Number(m[1]), Number(m[2]));
    const end = monthStart(Number(m[3]), Number(m[4]) + 1);
    return start < end ? { label: text, kind: 'range', start, end } : null;
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { label: text, kind: 'month', start: monthStart(y, mo), end: monthStart(y, mo + 1) };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return { label: text, kind: 'quarter', start: monthStart(y, q * 3 - 2), end: monthStart(y, q * 3 + 1) };
  }
  m = /^(\d{4})$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    return { label: text, kind: 'year', start: monthStart(y, 1), end: monthStart(y + 1, 1) };
  }
  return null;
}

/** Normalise an as_of text ("YYYY-MM-DD[ HH:MM[:SS]]") to "YYYY-MM-DD HH:MM:SS"; null if invalid. */
export function parseAsOf(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h = '00', mi = '00', s = '00'] = m.slice(1);
  if (Number(y) < YEAR_RANGE.min || Number(y) > YEAR_RANGE.max) return null;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const back = new Date(t);
  if (back.getUTCMonth() + 1 !== Number(mo) || back.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return null;
  }
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** The month before a "YYYY-MM" month, for month-on-month comparisons. */
export function previousMonth(label: string): string {
  const [y, m] = label.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/** The same month one year earlier. */
export function sameMonthLastYear(label: string): string {
  const [y, m] = label.split('-').map(Number) as [number, number];
  return `${y - 1}-${pad(m)}`;
}

/** Bound parameters of every report query, from a selection. Throws on a bad period or as_of. */
export function selectionParams(sel: Selection): Params {
  const period = parsePeriod(sel.period);
  if (!period) throw new RangeError(`period must be ${PERIOD_FORMS}, got ${JSON.stringify(sel.period)}`);
  const asOf = sel.asOf ? parseAsOf(sel.asOf) : period.end;
  if (!asOf) throw new RangeError(`as-of must be "YYYY-MM-DD HH:MM:SS", got ${JSON.stringify(sel.asOf)}`);
  return { start: period.start, end: period.end, as_of: asOf, branch: sel.branch, rollup: sel.rollup ?? false, by_branch: true };
}
