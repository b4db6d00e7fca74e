import type { EChartsCoreOption } from 'echarts/core';
import { formatCount } from './format.ts';

/** The palette of the site (styles/global.css): brand blue, ink, muted text, hairlines. */
export const COLORS = { brand: '#2a5f8f', ink: '#1d2733', muted: '#5b6675', line: '#e3e7ec' } as const;
const FONT = '-apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

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
    title: [
      {
        text: spec.title,
        left: 0,
        top: 0,
        textStyle: { fontSize: 14, fontWeight: 600, color: COLORS.ink, fontFamily: FONT },
        subtext: spec.subtitle,
        subtextStyle: { fontSize: 12, color: COLORS.muted, fontFamily: FONT },
        itemGap: 6,
      },
      // No rows in the period: say so over the empty axes rather than draw a row of zeros.
      ...(empty
        ? [{ text: spec.emptyText, left: 'center', top: 'middle', textStyle: { fontSize: 13, fontWeight: 400, color: COLORS.muted, fontFamily: FONT } }]
        : []),
    ],
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
