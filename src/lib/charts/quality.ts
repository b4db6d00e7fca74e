/**
 * Chart specs of the quality page (pure: rows already computed by SQL in, ECharts option out; labels
 * already translated). Same conventions as charts.ts: no animation, richText tooltips (strict CSP).
 */
import type { EChartsCoreOption } from 'echarts/core';
import { chartTitles, COLORS, FONT } from './echarts.ts';
import { formatCount, formatNumber, formatRate } from '../format.ts';

export const Q_COLORS = { ...COLORS, p90: '#9fb9d3', alert: '#b42318', watch: '#c8a04a', line: '#c8a04a', standard: '#1d2733' } as const;

interface Titled {
  title: string;
  subtitle: string;
  /** Shown over the plot when there is nothing to draw. */
  emptyText: string;
}

const legend = (names: string[]) => ({
  data: names,
  right: 0,
  top: 2,
  itemWidth: 10,
  itemHeight: 10,
  textStyle: { color: COLORS.muted, fontSize: 12 },
  selectedMode: false,
});

const valueAxis = (formatter: (v: number) => string, extra: object = {}) => ({
  type: 'value',
  axisLabel: { color: COLORS.muted, fontSize: 11, formatter },
  splitLine: { lineStyle: { color: COLORS.line, type: 'dashed' } },
  ...extra,
});

const categoryAxis = (categories: string[], rotate = 0) => ({
  type: 'category',
  data: categories,
  axisTick: { show: false },
  axisLine: { lineStyle: { color: COLORS.line } },
  axisLabel: { color: COLORS.muted, fontSize: 11, interval: 0, hideOverlap: false, rotate, width: rotate ? 110 : 90, overflow: 'truncate' },
});

/** Where complaint time goes: median and P90 days per workflow step, the step's standard as a tick. */
export interface StepTimesSpec extends Titled {
  steps: string[];
  median: (number | null)[];
  p90: (number | null)[];
  standard: (number | null)[];
  names: { median: string; p90: string; standard: string; unit: string };
}

export function stepTimesOption(spec: StepTimesSpec): EChartsCoreOption {
  const empty = spec.median.every((v) => v === null);
  const days = (v: unknown) => (typeof v === 'number' ? `${formatNumber(v, 2, 2)} ${spec.names.unit}` : '—');
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: COLORS.ink },
    title: chartTitles(spec, empty),
    legend: legend([spec.names.median, spec.names.p90, spec.names.standard]),
    tooltip: { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow', shadowStyle: { color: 'rgba(42,95,143,0.08)' } }, valueFormatter: days },
    grid: { left: 4, right: 8, top: 64, bottom: 4, containLabel: true },
    xAxis: categoryAxis(spec.steps, spec.steps.some((s) => s.length > 5) ? 20 : 0),
    yAxis: valueAxis((v) => formatNumber(v, 1)),
    series: [
      { name: spec.names.median, type: 'bar', data: spec.median, barMaxWidth: 22, itemStyle: { color: COLORS.brand } },
      { name: spec.names.p90, type: 'bar', data: spec.p90, barMaxWidth: 22, itemStyle: { color: Q_COLORS.p90 } },
      {
        name: spec.names.standard,
        type: 'scatter',
        data: spec.standard,
        symbol: 'rect',
        symbolSize: [34, 3],
        itemStyle: { color: Q_COLORS.standard },
        z: 5,
      },
    ],
  };
}

/** A Pareto chart: bars (largest first) and the cumulative share as a line on a 0–100 % axis. */
export interface ParetoSpec extends Titled {
  categories: string[];
  values: number[];
  /** Cumulative share 0–1 per bar (from SQL). */
  cumulative: number[];
  names: { bar: string; line: string; unit: string };
  /** Bar values are counts (integers) or shares (decimals). */
  decimals?: number;
}

export function paretoOption(spec: ParetoSpec): EChartsCoreOption {
  const empty = spec.values.length === 0;
  const fmt = (v: unknown) => (spec.decimals ? formatNumber(v, spec.decimals) : formatCount(v));
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: COLORS.ink },
    title: chartTitles(spec, empty),
    legend: legend([spec.names.bar, spec.names.line]),
    tooltip: {
      trigger: 'axis',
      renderMode: 'richText',
      axisPointer: { type: 'shadow', shadowStyle: { color: 'rgba(42,95,143,0.08)' } },
      formatter: (ps: { seriesIndex: number; name: string; value: unknown }[]) => {
        const p = Array.isArray(ps) ? ps : [ps];
        const bar = p.find((x) => x.seriesIndex === 0);
        const line = p.find((x) => x.seriesIndex === 1);
        return `${p[0]?.name ?? ''}\n${spec.names.bar}: ${fmt(bar?.value)} ${spec.names.unit}\n${spec.names.line}: ${formatRate(line?.value)}`;
      },
    },
    grid: { left: 4, right: 4, top: 64, bottom: 4, containLabel: true },
    xAxis: categoryAxis(spec.categories, spec.categories.length > 5 ? 35 : 0),
    yAxis: [
      valueAxis((v) => fmt(v), { minInterval: spec.decimals ? 0 : 1 }),
      valueAxis((v) => `${Math.round(v * 100)}%`, { min: 0, max: 1, interval: 0.25, splitLine: { show: false } }),
    ],
    series: [
      {
        name: spec.names.bar,
        type: 'bar',
        data: spec.values,
        barMaxWidth: 30,
        itemStyle: { color: COLORS.brand, borderRadius: [2, 2, 0, 0] },
        label: { show: spec.values.length <= 15, position: 'top', color: COLORS.ink, fontSize: 10, formatter: (p: { value: unknown }) => fmt(p.value) },
      },
      {
        name: spec.names.line,
        type: 'line',
        yAxisIndex: 1,
        data: spec.cumulative,
        symbol: 'circle',
        symbolSize: 5,
        lineStyle: { color: Q_COLORS.line, width: 2 },
        itemStyle: { color: Q_COLORS.line },
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: true, formatter: '80%', color: COLORS.muted, fontSize: 10, position: 'insideEndTop' },
          lineStyle: { color: COLORS.muted, type: 'dotted' },
          data: [{ yAxis: 0.8 }],
        },
      },
    ],
  };
}

/** Each batch's repair rate against its model's (a horizontal line); flagged batches in red / amber. */
export interface BatchRatesSpec extends Titled {
  batches: string[];
  rates: number[];
  /** Repairs and orders behind each rate (label and tooltip: a 100 % of 1 order reads as what it is). */
  repairs: number[];
  orders: number[];
  flags: (string | null)[];
  modelRate: number | null;
  names: { batch: string; model: string };
}

export function batchRatesOption(spec: BatchRatesSpec): EChartsCoreOption {
  const empty = spec.batches.length === 0;
  const color = (f: string | null) => (f === 'alert' ? Q_COLORS.alert : f === 'watch' ? Q_COLORS.watch : COLORS.brand);
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: COLORS.ink },
    title: chartTitles(spec, empty),
    legend: legend([spec.names.batch, spec.names.model]),
    tooltip: {
      trigger: 'axis',
      renderMode: 'richText',
      axisPointer: { type: 'shadow', shadowStyle: { color: 'rgba(42,95,143,0.08)' } },
      formatter: (ps: { dataIndex: number; name: string }[]) => {
        const i = (Array.isArray(ps) ? ps[0] : ps)?.dataIndex ?? 0;
        return `${spec.batches[i] ?? ''}\n${spec.names.batch}: ${formatRate(spec.rates[i])} (${formatCount(spec.repairs[i])} / ${formatCount(spec.orders[i])})\n${spec.names.model}: ${formatRate(spec.modelRate)}`;
      },
    },
    grid: { left: 4, right: 8, top: 64, bottom: 4, containLabel: true },
    xAxis: categoryAxis(spec.batches, spec.batches.length > 8 ? 35 : 0),
    yAxis: valueAxis((v) => `${Math.round(v * 100)}%`),
    series: [
      {
        name: spec.names.batch,
        type: 'bar',
        data: spec.rates.map((v, i) => ({ value: v, itemStyle: { color: color(spec.flags[i] ?? null) } })),
        barMaxWidth: 26,
        itemStyle: { color: COLORS.brand, borderRadius: [2, 2, 0, 0] },
        label: {
          show: spec.batches.length <= 14,
          position: 'top',
          color: COLORS.ink,
          fontSize: 10,
          lineHeight: 13,
          formatter: (p: { value: unknown; dataIndex: number }) =>
            `${formatRate(p.value)}\n${formatCount(spec.repairs[p.dataIndex])}/${formatCount(spec.orders[p.dataIndex])}`,
        },
      },
      {
        // The model's rate: a flat line series (legend, tooltip) across every batch.
        name: spec.names.model,
        type: 'line',
        data: spec.batches.map(() => spec.modelRate),
        symbol: 'none',
        lineStyle: { color: Q_COLORS.standard, type: 'dashed', width: 1.5 },
        itemStyle: { color: Q_COLORS.standard },
      },
    ],
  };
}
