/**
 * The annual report (年报) as data: which years the data offers, the periods computed for a year (the
 * year or its months to date, the same months a year earlier, its quarters and months), and the pivots of
 * the SQL's results the page lays out — quarterly complaint summaries and satisfaction distributions,
 * best and worst branches and technicians. Pure; every value is the SQL's.
 */
import type { Row } from '../db/types.ts';
import type { Metrics } from './types.ts';
import { numeric, type Better } from '../kpis.ts';
import { monthRange, yearMonths } from './compare-periods.ts';
import type { PeriodChoice } from './selection.ts';

/** A year of the picker. */
export interface YearChoice {
  year: number;
  /** First and last month with data in the year ("YYYY-MM"). */
  firstMonth: string;
  lastMonth: string;
  /** The data covers the year to its last day (December, complete). */
  complete: boolean;
}

/** Years with data, newest first. */
export function yearChoices(periods: readonly PeriodChoice[]): YearChoice[] {
  const byYear = new Map<number, PeriodChoice[]>();
  for (const p of periods) {
    const y = Number(p.period.slice(0, 4));
    byYear.set(y, [...(byYear.get(y) ?? []), p]);
  }
  return [...byYear.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([year, ps]) => {
      const months = ps.map((p) => p.period).sort();
      const dec = ps.find((p) => p.period === `${year}-12`);
      return { year, firstMonth: months[0]!, lastMonth: months.at(-1)!, complete: !!dec?.is_complete };
    });
}

/** The year an annual report opens on: the latest complete year, else the latest year. */
export const defaultYear = (choices: readonly YearChoice[]): YearChoice => choices.find((c) => c.complete) ?? choices[0]!;

const pad = (n: number) => String(n).padStart(2, '0');
const monthNo = (m: string) => Number(m.slice(5, 7));

/** The period of the annual report: the year ("2025"), or a year still running to its last month ("2026-01..2026-10"). */
export const annualPeriod = (c: YearChoice): string => (c.complete ? String(c.year) : `${c.year}-01..${c.lastMonth}`);

/**
 * The same months a year earlier, or null unless the data covers each of them for every month it covers
 * this year (no year-on-year comparison against a partly covered year).
 */
export function priorPeriod(c: YearChoice, available: ReadonlySet<string>): string | null {
  const y = c.year - 1;
  const months = c.complete ? yearMonths(c.year) : monthRange(`${c.year}-01`, c.lastMonth);
  const covered = months.filter((m) => available.has(m));
  if (covered.length === 0 || !covered.every((m) => available.has(`${y}${m.slice(4)}`))) return null;
  return c.complete ? String(y) : `${y}-01..${y}-${pad(monthNo(c.lastMonth))}`;
}

/** The months of the year that are computed: those the data covers (the rest are gaps). */
export const computedMonths = (c: YearChoice, available: ReadonlySet<string>): string[] => yearMonths(c.year).filter((m) => available.has(m));

/** A quarter of the year with data: "2026-Q3", or a quarter still running cut at the last month ("2026-10..2026-10"). */
export interface QuarterPeriod {
  q: 1 | 2 | 3 | 4;
  period: string;
}

/** The quarters with at least one month of data, each as the period to compute. */
export function quarterPeriods(c: YearChoice, available: ReadonlySet<string>): QuarterPeriod[] {
  const out: QuarterPeriod[] = [];
  for (const q of [1, 2, 3, 4] as const) {
    const first = `${c.year}-${pad(q * 3 - 2)}`;
    const last = `${c.year}-${pad(q * 3)}`;
    const months = monthRange(first, last);
    if (!months.some((m) => available.has(m))) continue;
    out.push({ q, period: c.complete || last <= c.lastMonth ? `${c.year}-Q${q}` : `${first}..${c.lastMonth}` });
  }
  return out;
}

/**
 * What the annual page computes for a year, in order — the page (annual-page.ts) and the benchmark
 * (bench/run.ts) run this same list. `quarterSql`: only the SQL a quarter needs (its satisfaction
 * metrics and its complaint summary); `byBranch` false: the totals only (a trend month).
 */
export interface AnnualWork {
  year: { period: string; tables: string[] };
  prior: { period: string; tables: string[] } | null;
  quarters: (QuarterPeriod & { tables: string[] })[];
  months: { period: string; tables: string[]; byBranch: false }[];
}

export function annualWork(c: YearChoice, available: ReadonlySet<string>): AnnualWork {
  const prior = priorPeriod(c, available);
  return {
    year: { period: annualPeriod(c), tables: ['technician_satisfaction', 'complaint_summary'] },
    prior: prior ? { period: prior, tables: [] } : null,
    quarters: quarterPeriods(c, available).map((q) => ({ ...q, tables: ['complaint_summary'] })),
    months: computedMonths(c, available).map((period) => ({ period, tables: [], byBranch: false })),
  };
}

/**
 * The key of one computation of the annual page (its cache, and the build's stored reports): the period,
 * the scope, the tables, which SQL (`quarter`: quarterSql's) and whether with branch rows.
 */
export const annualKey = (period: string, branch: string | null, tables: readonly string[], quarter: boolean, byBranch: boolean): string =>
  `${period}|${branch ?? ''}|${tables.join(',')}|${quarter ? 'part' : 'all'}|${byBranch}`;

/**
 * What the build computes ahead for the annual page (src/cli/build-db.ts): for the whole company,
 * every year's report and the same months a year before, and its quarters — annualWork's list, less
 * the trend months (stored as the months' figures already).
 */
export function storedAnnualWork(periods: readonly PeriodChoice[]): { period: string; tables: string[]; quarter: boolean }[] {
  const available = new Set(periods.map((p) => p.period));
  const out = new Map<string, { period: string; tables: string[]; quarter: boolean }>();
  for (const c of yearChoices(periods)) {
    const w = annualWork(c, available);
    const items = [w.year, ...(w.prior ? [w.prior] : [])].map((x) => ({ period: x.period, tables: x.tables, quarter: false }));
    items.push(...w.quarters.map((q) => ({ period: q.period, tables: q.tables, quarter: true })));
    for (const item of items) out.set(annualKey(item.period, null, item.tables, item.quarter, true), item);
  }
  return [...out.values()];
}

/** The SQL files a quarter needs: every table file, and of the metrics only satisfaction. */
export function quarterSql<T>(sql: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(sql).filter(([f]) => !f.startsWith('metrics/') || f === 'metrics/satisfaction.sql'));
}

/** One value of a complaint-summary dimension across the quarters. */
export interface SummaryLine {
  value: string | null;
  /** Complaints received per quarter Q1–Q4; null = the quarter has no data (not computed). */
  quarters: (number | null)[];
  year: number;
  closedOnTime: number;
  stillOpen: number;
}

/** The dimensions of tables.complaint_summary, in the order the report lists them. */
export const SUMMARY_DIMENSIONS = ['cause', 'market', 'severity', 'nature', 'branch'] as const;
export type SummaryDimension = (typeof SUMMARY_DIMENSIONS)[number];

/**
 * The quarterly complaint summary: per dimension, per value, the complaints of each quarter (a quarter
 * without data is null, one with data but no such complaint 0) beside the year's row (complaints, closed
 * on time, still open). Values in the order of the year's table (most complaints first).
 */
export function pivotComplaintSummary(year: readonly Row[], quarters: ReadonlyMap<number, readonly Row[]>): Record<SummaryDimension, SummaryLine[]> {
  const key = (r: Row) => `${String(r['dimension'])}\u0000${r['value'] === null ? '' : String(r['value'])}`;
  const qIndex = [1, 2, 3, 4].map((q) => {
    const rows = quarters.get(q);
    return rows ? new Map(rows.map((r) => [key(r), numeric(r['complaints']) ?? 0])) : null;
  });
  const out = Object.fromEntries(SUMMARY_DIMENSIONS.map((d) => [d, [] as SummaryLine[]])) as Record<SummaryDimension, SummaryLine[]>;
  for (const r of year) {
    const d = String(r['dimension']) as SummaryDimension;
    if (!out[d]) continue;
    out[d].push({
      value: r['value'] === null || r['value'] === undefined ? null : String(r['value']),
      quarters: qIndex.map((m) => (m ? (m.get(key(r)) ?? 0) : null)),
      year: numeric(r['complaints']) ?? 0,
      closedOnTime: numeric(r['closed_on_time']) ?? 0,
      stillOpen: numeric(r['still_open']) ?? 0,
    });
  }
  return out;
}

/** The satisfaction items of docs/metrics.md#metrics (attitude, skill, timeliness, promise). */
export const SATISFACTION_ITEMS = ['attitude', 'skill', 'timeliness', 'promise'] as const;
export type SatisfactionItem = (typeof SATISFACTION_ITEMS)[number];

/** One item in one quarter: its mean and the counts of ratings 1–4 (null: the quarter has no data). */
export interface ItemQuarter {
  mean: number | null;
  counts: [number, number, number, number] | null;
}

/** Per item, per quarter Q1–Q4: mean and distribution, from each quarter's satisfaction metrics. */
export function pivotSatisfaction(quarters: ReadonlyMap<number, Metrics>): Record<SatisfactionItem, ItemQuarter[]> {
  return Object.fromEntries(
    SATISFACTION_ITEMS.map((item) => [
      item,
      [1, 2, 3, 4].map((q): ItemQuarter => {
        const m = quarters.get(q);
        if (!m) return { mean: null, counts: null };
        const d = (m[`satisfaction.${item}_distribution`] ?? {}) as Record<string, unknown>;
        const n = (k: string) => numeric(d[k]) ?? 0;
        return { mean: numeric(m[`satisfaction.${item}_mean`]), counts: [n('1'), n('2'), n('3'), n('4')] };
      }),
    ]),
  ) as Record<SatisfactionItem, ItemQuarter[]>;
}

/** Each level's share of the ratings (for the 100 % stacked bars); null without ratings. */
export function levelShares(counts: readonly number[] | null): number[] | null {
  if (!counts) return null;
  const total = counts.reduce((a, b) => a + b, 0);
  return total > 0 ? counts.map((c) => c / total) : null;
}

/** An entry of a best / worst list. */
export interface Ranked {
  id: string;
  name: string | null;
  branch: string | null;
  value: number;
  responses: number;
}

/**
 * The best and worst `n` of `entries` by value among those with at least `minCases` responses; the two
 * lists never share an entry (with fewer than 2n entries they split them, the best list taking the odd one).
 */
export function bestAndWorst(entries: readonly Ranked[], minCases: number, n: number, better: Better = 'higher'): { best: Ranked[]; worst: Ranked[] } {
  const solid = entries.filter((e) => e.responses >= minCases);
  const sign = better === 'higher' ? -1 : 1;
  const sorted = [...solid].sort((a, b) => sign * (a.value - b.value) || a.id.localeCompare(b.id));
  const best = sorted.slice(0, Math.min(n, Math.ceil(sorted.length / 2)));
  const rest = sorted.slice(best.length);
  const worst = rest.slice(Math.max(0, rest.length - n)).reverse();
  return { best, worst };
}
