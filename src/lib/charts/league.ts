/**
 * Trend charts of the comparison and annual pages (pure: values in, ECharts option out): a full trend
 * with its target line, and the small multiples' mini trend on a shared scale. A month without data is a
 * gap in the line (null, connectNulls off), never a zero. No animation (print, screenshots); tooltips are
 * drawn by ECharts itself (richText), so nothing inline-styled is injected under the CSP.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { chartTitles, COLORS, FONT } from './echarts.ts';
import { formatValue, type ValueKind } from '../format.ts';

/** Lines other than the main one: the company / last year (grey), the target (red, dashed). */
export const TREND_COLORS = { main: COLORS.brand, reference: '#9aa5b4', target: '#c0392b', low: '#b8c0cc' } as const;

/** Axis bounds shared by several charts, on a round step. */
export interface Scale {
  min: number;
  max: number;
  interval: number;
}

const niceStep = (raw: number): number => {
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
};

/**
 * One scale for every chart of a set (small multiples compare by position): covering all values and the
 * target, on ~4 round steps; rates stay within 0–1 and non-negative kinds at or above 0.
 */
export function sharedScale(values: readonly (number | null)[], kind: ValueKind, target: number | null = null): Scale {
  const all = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (target !== null) all.push(target);
  if (all.length === 0) return kind === 'rate' ? { min: 0, max: 1, interval: 0.25 } : { min: 0, max: 1, interval: 0.25 };
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi === lo) {
    const pad = Math.abs(hi) * 0.1 || (kind === 'rate' ? 0.05 : 1);
    lo -= pad;
    hi += pad;
  }
  const step = niceStep((hi - lo) / 4);
  // A hair of tolerance: 0.6 / 0.1 is 5.999…, which must floor to 6, not 5.
  let min = Math.floor(lo / step + 1e-9) * step;
  let max = Math.ceil(hi / step - 1e-9) * step;
  if (kind !== 'number' && min < 0) min = 0;
  if (kind === 'rate' && max > 1) max = 1;
  // Clean floating steps (0.1 + 0.2 …) so axis labels read 0.3, not 0.30000000000000004.
  const clean = (x: number) => Number(x.toPrecision(12));
  return { min: clean(min), max: clean(max), interval: clean(step) };
}

/** A short axis label of a value: rates as whole (or one-decimal) percents, money without decimals. */
export function axisLabel(v: number, kind: ValueKind, interval: number): string {
  if (kind === 'rate') {
    const pct = interval * 100;
    return `${(v * 100).toFixed(Math.abs(pct - Math.round(pct)) > 1e-9 ? 1 : 0)}%`;
  }
  if (kind === 'money') return `¥${Math.round(v).toLocaleString('en-US')}`;
  if (kind === 'count') return Math.round(v).toLocaleString('en-US');
  return String(Number(v.toFixed(2)));
}

/** One line of a trend. */
export interface TrendLine {
  name: string;
  values: (number | null)[];
  /** Points resting on too few cases: drawn hollow and grey. */
  low?: boolean[];
  role: 'main' | 'reference';
}

/** A full trend chart: title, unit, legend, tooltip, the target as a dashed line. */
export interface TrendSpec {
  title: string;
  subtitle: string;
  categories: string[];
  lines: TrendLine[];
  kind: ValueKind;
  target: number | null;
  targetLabel: string;
  /** Tooltip text of a gap ("无数据"). */
  gapText: string;
  scale?: Scale;
  /** Tooltip heading per category (e.g. "2025 年 3 月" for the axis label "3"); default the category. */
  tooltipLabels?: string[];
}

function seriesOf(line: TrendLine, kind: ValueKind, compact: boolean) {
  const main = line.role === 'main';
  const color = main ? TREND_COLORS.main : TREND_COLORS.reference;
  return {
    name: line.name,
    type: 'line',
    connectNulls: false,
    showSymbol: true,
    symbol: 'circle',
    symbolSize: main ? (compact ? 4 : 6) : compact ? 0 : 4,
    lineStyle: { width: main ? 2 : 1.5, color, type: main ? 'solid' : 'dashed' },
    itemStyle: { color },
    z: main ? 3 : 2,
    data: line.values.map((v, i) =>
      line.low?.[i] && v !== null
        ? { value: v, symbol: 'emptyCircle', symbolSize: compact ? 5 : 7, itemStyle: { color: TREND_COLORS.low, borderColor: TREND_COLORS.low } }
        : v,
    ),
    label: { show: false },
    emphasis: { disabled: compact },
    tooltip: { valueFormatter: (v: unknown) => formatValue(v ?? null, kind) },
  };
}

/** The target as a dashed line across the plot (its value is in the subtitle and the legend, not on the line). */
function targetLine(target: number | null) {
  if (target === null) return undefined;
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color: TREND_COLORS.target, type: 'dashed', width: 1 },
    label: { show: false },
    data: [{ yAxis: target }],
  };
}

/** A full-size trend (annual report): one chart per KPI. */
export function trendOption(spec: TrendSpec): EChartsCoreOption {
  const scale =
    spec.scale ??
    sharedScale(
      spec.lines.flatMap((l) => l.values),
      spec.kind,
      spec.target,
    );
  const series: Record<string, unknown>[] = spec.lines.map((l) => seriesOf(l, spec.kind, false));
  const mark = targetLine(spec.target);
  if (mark && series[0]) Object.assign(series[0], { markLine: mark });
  const legend = [...spec.lines.map((l) => l.name), ...(spec.target !== null ? [spec.targetLabel] : [])];
  // The target as a legend entry: an empty series carrying its colour and dash.
  if (spec.target !== null) {
    series.push({
      ...seriesOf({ name: spec.targetLabel, values: [], role: 'reference' }, spec.kind, false),
      lineStyle: { width: 1, color: TREND_COLORS.target, type: 'dashed' },
      itemStyle: { color: TREND_COLORS.target },
    });
  }
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: COLORS.ink },
    title: chartTitles(spec, false),
    legend: { data: legend, right: 0, top: 24, itemWidth: 16, itemHeight: 8, textStyle: { color: COLORS.muted, fontSize: 12 }, selectedMode: false },
    tooltip: {
      trigger: 'axis',
      renderMode: 'richText',
      formatter: (params: { seriesName: string; value: unknown; axisValueLabel: string; dataIndex: number }[]) => {
        const rows = params.filter((p) => p.seriesName !== spec.targetLabel);
        const head = rows[0] ? (spec.tooltipLabels?.[rows[0].dataIndex] ?? rows[0].axisValueLabel) : '';
        const body = rows.map((p) => {
          const v = typeof p.value === 'object' && p.value !== null ? (p.value as { value: unknown }).value : p.value;
          return `${p.seriesName}: ${v === null || v === undefined || v === '-' ? spec.gapText : formatValue(v, spec.kind)}`;
        });
        return [head, ...body].join('\n');
      },
    },
    grid: { left: 4, right: 12, top: 64, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: spec.categories,
      boundaryGap: false,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: COLORS.line } },
      axisLabel: { color: COLORS.muted, fontSize: 11, interval: 0, hideOverlap: false },
    },
    yAxis: {
      type: 'value',
      min: scale.min,
      max: scale.max,
      interval: scale.interval,
      axisLabel: { color: COLORS.muted, fontSize: 11, formatter: (v: number) => axisLabel(v, spec.kind, scale.interval) },
      splitLine: { lineStyle: { color: COLORS.line, type: 'dashed' } },
    },
    series,
  };
}

/** A mini trend of the small multiples: the plot only (name and latest value are in the page), shared scale. */
export interface MiniSpec {
  categories: string[];
  main: TrendLine;
  reference: TrendLine | null;
  kind: ValueKind;
  target: number | null;
  scale: Scale;
  gapText: string;
}

export function miniTrendOption(spec: MiniSpec): EChartsCoreOption {
  const series: Record<string, unknown>[] = [spec.main, ...(spec.reference ? [spec.reference] : [])].map((l) => seriesOf(l, spec.kind, true));
  const mark = targetLine(spec.target);
  if (mark) Object.assign(series[0]!, { markLine: mark });
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: COLORS.ink },
    tooltip: {
      trigger: 'axis',
      renderMode: 'richText',
      formatter: (params: { seriesName: string; value: unknown; axisValueLabel: string }[]) => {
        const head = params[0]?.axisValueLabel ?? '';
        const body = params.map((p) => {
          const v = typeof p.value === 'object' && p.value !== null ? (p.value as { value: unknown }).value : p.value;
          return `${p.seriesName}: ${v === null || v === undefined || v === '-' ? spec.gapText : formatValue(v, spec.kind)}`;
        });
        return [head, ...body].join('\n');
      },
    },
    grid: { left: 2, right: 6, top: 8, bottom: 2, containLabel: true },
    xAxis: {
      type: 'category',
      data: spec.categories,
      boundaryGap: false,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: COLORS.line } },
      axisLabel: { color: COLORS.muted, fontSize: 10, interval: (i: number) => i === 0 || i === spec.categories.length - 1 },
    },
    yAxis: {
      type: 'value',
      min: spec.scale.min,
      max: spec.scale.max,
      interval: spec.scale.interval,
      axisLabel: { color: COLORS.muted, fontSize: 10, formatter: (v: number) => axisLabel(v, spec.kind, spec.scale.interval) },
      splitLine: { lineStyle: { color: COLORS.line, type: 'dashed' } },
    },
    series,
  };
}
