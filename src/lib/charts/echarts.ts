import type { EChartsCoreOption } from 'echarts/core';
import { CHART_COLORS, hasValues, rateAxisMax, type ChartSpec } from './spec.ts';
import { formatCompact, formatCount, formatNumber, formatValue } from '../format.ts';
import { lang } from '../i18n/index.ts';

/** The palette of the site (views/shell/global.css): brand blue, ink, muted text, hairlines. */
export const COLORS = { brand: '#2a5f8f', ink: '#1d2733', muted: '#5b6675', line: '#e3e7ec' } as const;
/** The CJK-first font stack of every chart. */
export const FONT = '-apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

/**
 * A chart's title block: title and unit subtitle top left, and when there is nothing to draw a
 * notice over the empty axes (rather than a row of zeros). Shared by every chart builder.
 */
export function chartTitles(spec: { title: string; subtitle?: string; emptyText?: string }, empty: boolean) {
  return [
    {
      text: spec.title,
      left: 0,
      top: 0,
      textStyle: { fontSize: 14, fontWeight: 600, color: COLORS.ink, fontFamily: FONT },
      subtext: spec.subtitle,
      subtextStyle: { fontSize: 12, color: COLORS.muted, fontFamily: FONT },
      itemGap: 6,
    },
    ...(empty
      ? [{ text: spec.emptyText, left: 'center', top: 'middle', textStyle: { fontSize: 13, fontWeight: 400, color: COLORS.muted, fontFamily: FONT } }]
      : []),
  ];
}

/** What a breakdown bar chart shows: one bar per category, labels and units already translated. */
export interface BarSpec {
  title: string;
  /** Under the title, e.g. "单位：单". */
  subtitle: string;
  /** Unit of the values, e.g. "单" (tooltip). */
  unit: string;
  seriesName: string;
  categories: string[];
  values: (number | null)[];
  /** Shown over the plot when every value is 0 or missing, e.g. "本期无数据". */
  emptyText: string;
}

/**
 * A small vertical bar chart (pure: rows in, ECharts option out). No animation, so a rendered chart is
 * final (print, screenshots); tooltip drawn by ECharts itself (`richText`), so no inline-styled HTML
 * is injected under the strict Content-Security-Policy.
 */
export function barOption(spec: BarSpec): EChartsCoreOption {
  const empty = spec.values.every((v) => !v);
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: COLORS.ink },
    title: chartTitles(spec, empty),
    legend: {
      data: [spec.seriesName],
      right: 0,
      top: 2,
      itemWidth: 10,
      itemHeight: 10,
      textStyle: { color: COLORS.muted, fontSize: 12 },
      selectedMode: false,
    },
    tooltip: {
      trigger: 'axis',
      renderMode: 'richText',
      axisPointer: { type: 'shadow', shadowStyle: { color: 'rgba(42,95,143,0.08)' } },
      valueFormatter: (v: unknown) => `${formatCount(v)} ${spec.unit}`,
    },
    grid: { left: 4, right: 8, top: 64, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: spec.categories,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: COLORS.line } },
      axisLabel: { color: COLORS.muted, fontSize: 12, interval: 0, hideOverlap: false },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: COLORS.muted, fontSize: 11, formatter: (v: number) => formatCount(v) },
      splitLine: { lineStyle: { color: COLORS.line, type: 'dashed' } },
    },
    series: [
      {
        name: spec.seriesName,
        type: 'bar',
        data: spec.values,
        barMaxWidth: 34,
        itemStyle: { color: COLORS.brand, borderRadius: [2, 2, 0, 0] },
        label: {
          show: !empty,
          position: 'top',
          color: COLORS.ink,
          fontSize: 11,
          formatter: (p: { value: unknown }) => formatCount(p.value),
        },
      },
    ],
  };
}

/** Value text of a chart number (money values arrive as numbers for the geometry: shown with 2 decimals). */
const chartValue = (v: unknown, kind: ChartSpec['kind']): string => formatValue(kind === 'money' && typeof v === 'number' ? v.toFixed(2) : v, kind);

/** Axis tick text of a chart number. */
const axisValue = (v: number, kind: ChartSpec['kind']): string =>
  kind === 'rate' ? `${Math.round(v * 100)}%` : kind === 'money' || kind === 'count' ? formatCompact(v, lang()) : formatNumber(v, 2);

/**
 * A ChartSpec (src/lib/charts/spec.ts) as an ECharts option (pure): title and unit line, legend, tooltip
 * with formatted values, the target as a dashed red line (or a red mark per category), nulls as gaps.
 * Horizontal (`bar`) charts list the categories top-down in the order given.
 */
export function specOption(spec: ChartSpec): EChartsCoreOption {
  const empty = !hasValues(spec);
  const horizontal = spec.type === 'bar';
  const max = rateAxisMax(spec);
  const valueAxis = {
    type: 'value',
    min: 0,
    max,
    ...(max === 1 ? { interval: 0.2 } : { splitNumber: 4 }),
    ...(spec.kind === 'count' ? { minInterval: 1 } : {}),
    axisLabel: { color: COLORS.muted, fontSize: 11, formatter: (v: number) => axisValue(v, spec.kind) },
    splitLine: { lineStyle: { color: COLORS.line, type: 'dashed' } },
  };
  const categoryAxis = {
    type: 'category',
    data: spec.categories,
    inverse: horizontal,
    axisTick: { show: false },
    axisLine: { lineStyle: { color: COLORS.line } },
    axisLabel: { color: COLORS.muted, fontSize: 12, interval: 0, hideOverlap: false },
  };
  const targetLine = spec.target
    ? {
        silent: true,
        symbol: 'none',
        lineStyle: { color: CHART_COLORS.target, type: 'dashed', width: 1.5 },
        label: {
          formatter: `${spec.target.label} ${chartValue(spec.target.value, spec.kind)}`,
          color: CHART_COLORS.target,
          fontSize: 11,
          // The category axis of a horizontal chart runs top-down (inverse), so the line starts at the top.
          position: horizontal ? 'start' : 'insideEndTop',
        },
        data: [horizontal ? { xAxis: spec.target.value } : { yAxis: spec.target.value }],
      }
    : undefined;
  const single = spec.series.length === 1 && !spec.stacked;
  const series: Record<string, unknown>[] = spec.series.map((s, i) => ({
    name: s.name,
    type: 'bar',
    data: s.values,
    stack: spec.stacked ? 'total' : undefined,
    barMaxWidth: horizontal ? 16 : 28,
    itemStyle: { color: s.color, borderRadius: spec.stacked ? 0 : horizontal ? [0, 2, 2, 0] : [2, 2, 0, 0] },
    label: {
      show: single && !empty,
      position: horizontal ? 'right' : 'top',
      color: COLORS.ink,
      fontSize: 11,
      formatter: (p: { value: unknown }) => chartValue(p.value, spec.kind),
    },
    ...(i === 0 && targetLine ? { markLine: targetLine } : {}),
  }));
  if (spec.categoryTargets) {
    series.push({
      name: spec.categoryTargets.label,
      type: 'scatter',
      data: spec.categoryTargets.values,
      symbol: 'rect',
      symbolSize: horizontal ? [3, 26] : [64, 3],
      itemStyle: { color: CHART_COLORS.target },
      z: 5,
    });
  }
  const legendNames = [...spec.series.map((s) => s.name), ...(spec.categoryTargets ? [spec.categoryTargets.label] : [])];
  // Many legend entries go on their own line under the title instead of beside it.
  const longLegend = legendNames.length > 3;
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: COLORS.ink },
    title: chartTitles(spec, empty),
    legend: {
      data: legendNames,
      ...(longLegend ? { left: 0, top: 44 } : { right: 0, top: 2 }),
      itemWidth: 10,
      itemHeight: 10,
      textStyle: { color: COLORS.muted, fontSize: 12 },
      selectedMode: false,
    },
    tooltip: {
      trigger: 'axis',
      renderMode: 'richText',
      axisPointer: { type: 'shadow', shadowStyle: { color: 'rgba(42,95,143,0.08)' } },
      valueFormatter: (v: unknown) => chartValue(v, spec.kind),
    },
    grid: { left: 4, right: horizontal && single ? 56 : 12, top: longLegend ? 80 : 64, bottom: 4, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series,
  };
}
