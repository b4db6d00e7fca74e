/**
 * The headline KPIs compared across branches (issue 5) and how a value is judged for display: against
 * its target (config.targets), and whether the cases behind it are enough to compare (config.min_cases).
 * Presentation only: every value comes out of queries/ (computeReport); nothing here computes a metric.
 */
import type { Target } from './config.ts';
import type { Metrics } from './report/types.ts';

/** Which direction is good. */
export type Better = 'higher' | 'lower';

/** A headline KPI of the comparison: its SPEC id and where the case count behind it comes from. */
export interface HeadlineKpi {
  id: string;
  better: Better;
  /** `cases`: a report.cases id (the rate's denominator); `metric`: a volume metric that is its denominator. */
  cases: { cases: string } | { metric: string };
}

/** The eight headline KPIs of the branch league table and the annual report, in display order. */
export const HEADLINE_KPIS: readonly HeadlineKpi[] = [
  { id: 'response.on_time_rate', better: 'higher', cases: { cases: 'response.on_time_rate' } },
  { id: 'response.p90_hours', better: 'lower', cases: { cases: 'response.p90_hours' } },
  { id: 'resolution.same_day_rate', better: 'higher', cases: { cases: 'resolution.same_day_rate' } },
  { id: 'repeat.rate', better: 'lower', cases: { cases: 'repeat.rate' } },
  { id: 'complaints.rate_per_100', better: 'lower', cases: { metric: 'orders.received' } },
  { id: 'satisfaction.satisfied_rate', better: 'higher', cases: { cases: 'satisfaction.satisfied_rate' } },
  { id: 'cost.per_completed_order', better: 'lower', cases: { metric: 'orders.completed' } },
  { id: 'report.completeness_rate', better: 'higher', cases: { cases: 'report.completeness_rate' } },
];

export const KPI_BY_ID: ReadonlyMap<string, HeadlineKpi> = new Map(HEADLINE_KPIS.map((k) => [k.id, k]));

/** Met the target; missed it by at most NEAR_TOLERANCE of the target value (amber); missed it. */
export type TargetStatus = 'met' | 'near' | 'missed';

/** Amber band: a miss by no more than 5 % of the target value (e.g. on time ≥ 90.25 % against 95 %). */
export const NEAR_TOLERANCE = 0.05;

/** A value as a number for ordering and placing (money texts included); null when there is none. */
export function numeric(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
}

/** Red / amber / green of `value` against `target` ({min} or {max}); null without either. */
export function targetStatus(value: number | null, target: Target | undefined): TargetStatus | null {
  if (value === null || !target) return null;
  const { min, max } = target;
  if (min === undefined && max === undefined) return null;
  if ((min === undefined || value >= min) && (max === undefined || value <= max)) return 'met';
  const slack = (t: number) => Math.abs(t) * NEAR_TOLERANCE;
  const near = (min === undefined || value >= min - slack(min)) && (max === undefined || value <= max + slack(max));
  return near ? 'near' : 'missed';
}

/** The number of cases behind a KPI's value in one report row (metrics + their report.cases); null if unknown. */
export function caseCount(kpi: HeadlineKpi, metrics: Metrics | undefined, cases: Metrics | undefined): number | null {
  const v = 'cases' in kpi.cases ? cases?.[kpi.cases.cases] : metrics?.[kpi.cases.metric];
  return typeof v === 'number' ? v : null;
}

/**
 * A value computed on fewer than `minCases` cases: shown, marked, and not ranked as if it were solid.
 * No cases at all means no value (null), not a low-confidence one.
 */
export function isLowConfidence(cases: number | null, minCases: number): boolean {
  return cases !== null && cases > 0 && cases < minCases;
}

/** Is `a` better than `b` for a KPI of direction `better`? */
export const isBetter = (a: number, b: number, better: Better): boolean => (better === 'higher' ? a > b : a < b);

/** Median of the values (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Competition ranks ("1224") of the entries with a value, best first; entries without one (null: no data
 * or low-confidence) get no rank.
 */
export function competitionRanks<K>(entries: readonly (readonly [K, number | null])[], better: Better): Map<K, number | null> {
  const solid = entries.filter((e): e is readonly [K, number] => e[1] !== null);
  const out = new Map<K, number | null>();
  for (const [k, v] of entries) {
    out.set(k, v === null ? null : 1 + solid.filter(([, w]) => isBetter(w, v, better)).length);
  }
  return out;
}
