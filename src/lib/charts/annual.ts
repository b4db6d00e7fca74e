/**
 * The annual report's satisfaction chart (pure: values in, ECharts option out): one item's ratings by
 * quarter as 100 % stacked bars, levels 1 (不满意) to 4 (很满意). A quarter without data has no bar.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { chartTitles, COLORS, FONT } from './echarts.ts';
import { formatCount } from '../format.ts';
import { levelShares } from '../report/annual.ts';

/** Levels 1–4: red → amber → light green → green. */
export const LEVEL_COLORS = ['#c0392b', '#e0a030', '#8cc084', '#2e8b57'] as const;

export interface DistributionSpec {
  title: string;
  subtitle: string;
  quarters: string[];
  /** Level names "1 不满意" … "4 很满意", for the legend. */
  levels: [string, string, string, string];
  /** Per quarter the counts of levels 1–4, or null (no data). */
  counts: (readonly number[] | null)[];
  emptyText: string;
}

export function distributionOption(spec: DistributionSpec): EChartsCoreOption {
  const shares = spec.counts.map((c) => levelShares(c));
  const empty = shares.every((s) => s === null);
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: COLORS.ink },
    title: chartTitles(spec, empty),
    legend: { data: spec.levels, bottom: 0, left: 0, itemWidth: 10, itemHeight: 10, textStyle: { color: COLORS.muted, fontSize: 11 }, selectedMode: false },
    tooltip: {
      trigger: 'axis',
      renderMode: 'richText',
      axisPointer: { type: 'shadow', shadowStyle: { color: 'rgba(42,95,143,0.08)' } },
      formatter: (params: { dataIndex: number; seriesIndex: number; seriesName: string; axisValueLabel: string }[]) => {
        const i = params[0]?.dataIndex ?? 0;
        const c = spec.counts[i];
        if (!c) return `${params[0]?.axisValueLabel ?? ''}\n${spec.emptyText}`;
        const s = shares[i]!;
        return [params[0]!.axisValueLabel, ...[3, 2, 1, 0].map((l) => `${spec.levels[l]}: ${(s[l]! * 100).toFixed(1)}% (${formatCount(c[l])})`)].join('\n');
      },
    },
    grid: { left: 4, right: 8, top: 56, bottom: 36, containLabel: true },
    xAxis: {
      type: 'category',
      data: spec.quarters,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: COLORS.line } },
      axisLabel: { color: COLORS.muted, fontSize: 12 },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 25,
      axisLabel: { color: COLORS.muted, fontSize: 11, formatter: (v: number) => `${v}%` },
      splitLine: { lineStyle: { color: COLORS.line, type: 'dashed' } },
    },
    series: [0, 1, 2, 3].map((l) => ({
      name: spec.levels[l],
      type: 'bar',
      stack: 'levels',
      barMaxWidth: 44,
      itemStyle: { color: LEVEL_COLORS[l] },
      data: shares.map((s) => (s ? Number((s[l]! * 100).toFixed(2)) : null)),
      label: { show: false },
    })),
  };
}
