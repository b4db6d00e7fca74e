/**
 * Periods of the comparison and annual pages: a month or a year to date ("2026-01..2026-10"), the period
 * each is compared with, the months of a trend, and the trend series themselves — where a month the data
 * does not cover is a gap (null), never a zero.
 */
import { previousMonth } from './period.ts';
import type { Metrics } from './types.ts';
import type { PeriodChoice } from './selection.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** A choice of the comparison's period picker. */
export interface CompareChoice {
  /** The period as computeReport takes it: "2026-10" or "2026-01..2026-10". */
  period: string;
  kind: 'month' | 'ytd';
  year: number;
  /** The last month covered, "YYYY-MM". */
  lastMonth: string;
  /** The month is not covered to its last day (month choices only). */
  partial: boolean;
  isDefault: boolean;
}

/** The year-to-date period of `year` up to `lastMonth` ("2026-01..2026-10"). */
export const ytdPeriod = (lastMonth: string): string => `${lastMonth.slice(0, 4)}-01..${lastMonth}`;

/**
 * The picker's choices: one year-to-date per year with data (to its latest complete month, or its latest
 * month if none is complete) first, newest year first; then every month, newest first.
 */
export function compareChoices(periods: readonly PeriodChoice[]): CompareChoice[] {
  const months = [...periods].sort((a, b) => (a.period < b.period ? 1 : -1));
  const years = [...new Set(months.map((p) => Number(p.period.slice(0, 4))))];
  const ytd = years.map((year): CompareChoice => {
    const inYear = months.filter((p) => p.period.startsWith(`${year}-`));
    const last = (inYear.find((p) => p.is_complete) ?? inYear[0]!).period;
    return { period: ytdPeriod(last), kind: 'ytd', year, lastMonth: last, partial: false, isDefault: false };
  });
  const monthly = months.map(
    (p): CompareChoice => ({
      period: p.period,
      kind: 'month',
      year: Number(p.period.slice(0, 4)),
      lastMonth: p.period,
      partial: !p.is_complete,
      isDefault: p.is_default,
    }),
  );
  return [...ytd, ...monthly];
}

/** The months of a period string ("2026-10", "2026-01..2026-10", "2026", "2026-Q4"), oldest first. */
export function monthsOf(period: string): string[] {
  let m = /^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$/.exec(period);
  if (m) return monthRange(`${m[1]}-${m[2]}`, `${m[3]}-${m[4]}`);
  if (/^\d{4}-\d{2}$/.test(period)) return [period];
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return [0, 1, 2].map((i) => `${m![1]}-${pad(Number(m![2]) * 3 - 2 + i)}`);
  if (/^\d{4}$/.test(period)) return yearMonths(Number(period));
  return [];
}

/** Every month from `first` to `last` inclusive ("YYYY-MM"). */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last && out.length < 1200; m = nextMonth(m)) out.push(m);
  return out;
}

/** The month after "YYYY-MM". */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
}

/** The twelve months of a year. */
export const yearMonths = (year: number): string[] => Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);

/** The `n` months ending with `last`, oldest first. */
export function trailingMonths(last: string, n = 12): string[] {
  const out = [last];
  while (out.length < n) out.unshift(previousMonth(out[0]!));
  return out;
}

/** The same months one year earlier: "2026-01..2026-10" → "2025-01..2025-10"; "2026" → "2025". */
export function sameMonthsLastYear(period: string): string {
  return period.replace(/(\d{4})/g, (y) => String(Number(y) - 1));
}

/**
 * The period a selection is compared with: a month with the month before, a year to date (or year) with
 * the same months a year earlier — or null unless the data covers the counterpart of every month of the
 * period it covers (a year against a year with two months of data would read as a sevenfold growth).
 */
export function previousPeriod(period: string, available: ReadonlySet<string>): string | null {
  const isMonth = /^\d{4}-\d{2}$/.test(period);
  const prev = isMonth ? previousMonth(period) : sameMonthsLastYear(period);
  const counterpart = (m: string) => (isMonth ? previousMonth(m) : sameMonthsLastYear(m));
  const covered = monthsOf(period).filter((m) => available.has(m));
  return covered.length > 0 && covered.every((m) => available.has(counterpart(m))) ? prev : null;
}

/** One point of a trend: its month, the value (null = a gap), and whether it rests on too few cases. */
export interface TrendPoint {
  month: string;
  value: number | null;
  /** The data does not cover this month at all: drawn as a gap, listed as "no data". */
  gap: boolean;
  low: boolean;
}

/** What a trend reads from each month's report: the value (number) and whether it is low-confidence. */
export type TrendPick = (metrics: Metrics, cases: Metrics) => { value: number | null; low?: boolean };

/**
 * The series of a trend over `months`: each month's value from its report; a month with no report (the
 * data does not cover it, so it was never computed) is a gap — null, never 0, even for a count.
 */
export function trendSeries(
  months: readonly string[],
  reports: ReadonlyMap<string, { metrics: Metrics; cases: Metrics } | undefined>,
  pick: TrendPick,
): TrendPoint[] {
  return months.map((month) => {
    const r = reports.get(month);
    if (!r) return { month, value: null, gap: true, low: false };
    const { value, low = false } = pick(r.metrics, r.cases);
    return { month, value, gap: false, low: value !== null && low };
  });
}
