/**
 * A chart described once, drawn twice: on screen by ECharts (src/lib/charts/echarts.ts `specOption`) and in
 * print as SVG by Observable Plot (src/components/plot-chart.ts `plotChart`). A spec holds values the SQL
 * computed, labels already translated, and nothing computed here.
 */
import type { ValueKind } from '../format.ts';

/** One series: a value per category (null = no value, drawn as a gap, never as 0). */
export interface ChartSeries {
  name: string;
  values: (number | null)[];
  color: string;
}

export interface ChartSpec {
  /** Stable id (the DOM hooks and snapshot names use it). */
  id: string;
  /** `column`: categories along x, bars up; `bar`: categories down y, bars right (branch lists). */
  type: 'column' | 'bar';
  title: string;
  /** Under the title, e.g. "单位：%". */
  subtitle: string;
  categories: string[];
  series: ChartSeries[];
  /** Stack the series (a composition: cost categories, rating levels) instead of grouping them. */
  stacked?: boolean;
  /** How values are written (rates as %, money with ¥ …). */
  kind: ValueKind;
  /** One target for the whole chart: a dashed reference line. */
  target?: { value: number; label: string } | null;
  /** A target per category (each marked on its own bar group), e.g. the four promises. */
  categoryTargets?: { values: (number | null)[]; label: string } | null;
  /** Shown instead of bars when there is no value at all. */
  emptyText: string;
}

/** The site's chart colours: this month, the comparison months, the target, compositions. */
export const CHART_COLORS = {
  current: '#2a5f8f',
  previous: '#8fb3d4',
  lastYear: '#c5d3e0',
  target: '#c0392b',
  ink: '#1d2733',
  muted: '#5b6675',
  line: '#e3e7ec',
  /** Rating levels 1 (dissatisfied) … 4 (very satisfied). */
  levels: ['#c0392b', '#e6a23c', '#8fb3d4', '#2a5f8f'],
  /** The five cost categories. */
  categories: ['#2a5f8f', '#5b8fbf', '#a3c1dc', '#c8a04a', '#9aa5b4'],
} as const;

/** Does the spec have anything to draw? */
export function hasValues(spec: ChartSpec): boolean {
  return spec.series.some((s) => s.values.some((v) => v !== null && v !== 0));
}

/** The largest value drawn (targets included), for the axis; 0 when there is none. */
export function topValue(spec: ChartSpec): number {
  const vs = spec.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  if (spec.target) vs.push(spec.target.value);
  for (const v of spec.categoryTargets?.values ?? []) if (v !== null) vs.push(v);
  return vs.length ? Math.max(...vs) : 0;
}

/**
 * The axis maximum for rates: the full 0–100 % when a value or target passes 50 % (bars start at 0, so
 * a 94 % and a 96 % bar look alike — the labels carry the difference); a small rate such as the repeat
 * rate gets an axis fitted to its values instead. undefined = let the renderer choose.
 */
export function rateAxisMax(spec: ChartSpec): number | undefined {
  return spec.kind === 'rate' && !spec.stacked && topValue(spec) > 0.5 ? 1 : undefined;
}
