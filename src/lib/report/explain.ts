/**
 * A month's change explained (docs/metrics.md "A month's change explained"): runs
 * queries/explain/shift-share.sql for the month before and the same month a year before and files its
 * rows as the report's `explain` object. Nothing is computed here: the weights, rates and effects are
 * the SQL's columns.
 */
import type { Db, Params, Row } from '../db/types.ts';
import { selectionParams } from './compute.ts';
import { parsePeriod, previousMonth, sameMonthLastYear } from './period.ts';
import type { Metrics, Selection, SqlFiles } from './types.ts';

/** The rates a change is explained for, in report order. */
export const EXPLAINED_METRICS = ['response.on_time_rate', 'resolution.same_day_rate', 'repeat.rate', 'report.completeness_rate'] as const;
export type ExplainedMetric = (typeof EXPLAINED_METRICS)[number];

/** The comparisons: the month before, the same month a year before. */
export const COMPARISONS = ['mom', 'yoy'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** The dimensions a change is split over. */
export const DIMENSIONS = ['branch', 'service_type'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** One group's part of the change (fractions 0–1; a rate is null where its denominator is 0). */
export interface ExplainRow {
  group: string;
  weight_then: number;
  weight_now: number;
  rate_then: number | null;
  rate_now: number | null;
  rate_effect: number;
  mix_effect: number;
}

/** The change of one rate against one comparison month, split over one dimension. */
export interface Decomposition {
  then: number;
  now: number;
  rows: ExplainRow[];
}

/** Per metric and comparison: the split per dimension, or null (no denominator in a month, or not measured). */
export type Explain = Record<ExplainedMetric, Record<Comparison, Record<Dimension, Decomposition> | null>>;

/** The query file. */
export const EXPLAIN_FILE = 'explain/shift-share.sql';

/** The comparison month of a "YYYY-MM" month. */
export function comparisonMonth(month: string, cmp: Comparison): string {
  return cmp === 'mom' ? previousMonth(month) : sameMonthLastYear(month);
}

/** Bound parameters of the explain query: the selection's month against `then` at its own month-end. */
export function explainParams(sel: Selection, then: string): Params {
  const now = selectionParams(sel);
  const p = parsePeriod(then)!;
  return {
    start: now['start']!,
    end: now['end']!,
    as_of: now['as_of']!,
    branch: now['branch']!,
    rollup: now['rollup']!,
    then_start: p.start,
    then_end: p.end,
    then_as_of: p.end,
  };
}

/** Shape the query's rows (all metrics and dimensions of one comparison) per metric and dimension. */
export function decompositions(rows: Row[]): Partial<Record<ExplainedMetric, Record<Dimension, Decomposition>>> {
  const out: Partial<Record<ExplainedMetric, Record<Dimension, Decomposition>>> = {};
  for (const r of rows) {
    const metric = r['metric'] as ExplainedMetric;
    const dim = r['dimension'] as Dimension;
    const byDim = (out[metric] ??= {} as Record<Dimension, Decomposition>);
    const d = (byDim[dim] ??= { then: Number(r['then']), now: Number(r['now']), rows: [] });
    d.rows.push({
      group: String(r['grp']),
      weight_then: Number(r['weight_then']),
      weight_now: Number(r['weight_now']),
      rate_then: r['rate_then'] === null ? null : Number(r['rate_then']),
      rate_now: r['rate_now'] === null ? null : Number(r['rate_now']),
      rate_effect: Number(r['rate_effect']),
      mix_effect: Number(r['mix_effect']),
    });
  }
  return out;
}

/**
 * The `explain` object of a month's report. `metrics`: the report's own figures — a rate that is null
 * there (not measured: its source is absent from the data, or no denominator) is not explained, so the
 * explanation is never a split of a figure the report does not show.
 */
export async function computeExplain(db: Db, sel: Selection, sql: SqlFiles, metrics?: Metrics): Promise<Explain> {
  const period = parsePeriod(sel.period);
  if (period?.kind !== 'month') throw new RangeError(`--explain needs a month (YYYY-MM), got ${JSON.stringify(sel.period)}`);
  const text = sql[EXPLAIN_FILE];
  if (!text) throw new Error(`queries/${EXPLAIN_FILE} is missing`);
  const byCmp = {} as Record<Comparison, ReturnType<typeof decompositions>>;
  for (const cmp of COMPARISONS) {
    try {
      byCmp[cmp] = decompositions(await db.query(text, explainParams(sel, comparisonMonth(sel.period, cmp))));
    } catch (e) {
      throw new Error(`queries/${EXPLAIN_FILE}: ${(e as Error).message}`);
    }
  }
  const out = {} as Explain;
  for (const m of EXPLAINED_METRICS) out[m] = { mom: byCmp.mom[m] ?? null, yoy: byCmp.yoy[m] ?? null };
  return metrics === undefined ? out : onlyMeasured(out, metrics);
}

/** `x` with the rates that are null in the report's `metrics` (not measured, or no cases) not explained. */
export function onlyMeasured(x: Explain, metrics: Metrics): Explain {
  const out = {} as Explain;
  for (const m of EXPLAINED_METRICS) {
    const measured = metrics[m] !== null && metrics[m] !== undefined;
    out[m] = measured ? x[m] : { mom: null, yoy: null };
  }
  return out;
}
