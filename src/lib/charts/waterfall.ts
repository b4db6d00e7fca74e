/**
 * The waterfall of a month's change explained (report/explain.ts): from the comparison month's rate to
 * this month's, one step per group (its rate effect + mix effect, largest first), the smallest folded
 * into "其他 N 个". Pure: a decomposition in, bars and an ECharts option out (values in percentage points).
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { Decomposition } from '../report/explain.ts';
import { COLORS, FONT } from './echarts.ts';

/** One bar: the two ends (levels) or a step (a group's contribution). Values in percentage points. */
export interface WaterfallBar {
  label: string;
  /** The group id of a step bar; null for the ends and the folded rest. */
  group: string | null;
  kind: 'end' | 'step' | 'rest';
  /** An end: its level; a step: its contribution (signed). */
  value: number;
  /** Where the visible bar starts and ends on the axis. */
  from: number;
  to: number;
}

/** The words of the chart, already translated. */
export interface WaterfallText {
  title: string;
  subtitle: string;
  then: string;
  now: string;
  /** "其他 {n} 个" with n filled. */
  rest: (n: number) => string;
  /** A group's display name. */
  name: (group: string) => string;
}

/** Steps shown before the rest is folded. */
export const WATERFALL_STEPS = 8;

/** The bars of `d`: the comparison month's rate, the groups (at most `steps`, then the rest), this month's rate. */
export function waterfallBars(d: Decomposition, text: WaterfallText, steps = WATERFALL_STEPS): WaterfallBar[] {
  const pp = (x: number) => x * 100;
  const bars: WaterfallBar[] = [{ label: text.then, group: null, kind: 'end', value: pp(d.then), from: 0, to: pp(d.then) }];
  // The rows come ordered by the size of their contribution; fold only when it saves two bars or more.
  const shown = d.rows.length > steps + 1 ? d.rows.slice(0, steps) : d.rows;
  const rest = d.rows.slice(shown.length);
  let level = pp(d.then);
  const step = (label: string, group: string | null, kind: WaterfallBar['kind'], c: number) => {
    bars.push({ label, group, kind, value: c, from: level, to: level + c });
    level += c;
  };
  for (const r of shown) step(text.name(r.group), r.group, 'step', pp(r.rate_effect + r.mix_effect));
  if (rest.length) step(text.rest(rest.length), null, 'rest', pp(rest.reduce((s, r) => s + r.rate_effect + r.mix_effect, 0)));
  bars.push({ label: text.now, group: null, kind: 'end', value: pp(d.now), from: 0, to: pp(d.now) });
  return bars;
}

/** Colours: an end in the brand blue; a step that helps in green, one that hurts in red. */
export const WATERFALL_COLORS = { end: COLORS.brand, good: '#2e8b57', bad: '#c0392b', rest: '#9aa5b4' } as const;

/**
 * The ECharts option of the bars: a transparent base under each visible bar (the classic stacked
 * waterfall), the axis cut just below the lowest level so small steps are visible. `better`: which
 * direction of the rate is good (colours the steps).
 */
export function waterfallOption(bars: WaterfallBar[], text: WaterfallText, better: 'higher' | 'lower'): EChartsCoreOption {
  const lows = bars.map((b) => Math.min(b.from, b.to)).filter((_, i) => bars[i]!.kind !== 'end');
  const ends = bars.filter((b) => b.kind === 'end').map((b) => b.to);
  const lowest = Math.min(...ends, ...lows);
  const highest = Math.max(...ends, ...bars.map((b) => Math.max(b.from, b.to)));
  const pad = Math.max((highest - lowest) * 0.15, 0.1);
  const min = Math.max(0, Math.floor((lowest - pad) * 10) / 10);
  const max = Math.min(100, Math.ceil((highest + pad) * 10) / 10);
  const color = (b: WaterfallBar) =>
    b.kind === 'end'
      ? WATERFALL_COLORS.end
      : b.kind === 'rest'
        ? WATERFALL_COLORS.rest
        : b.value >= 0 === (better === 'higher')
          ? WATERFALL_COLORS.good
          : WATERFALL_COLORS.bad;
  const base = bars.map((b) => (b.kind === 'end' ? min : Math.min(b.from, b.to)));
  const size = bars.map((b) => (b.kind === 'end' ? b.to - min : Math.abs(b.to - b.from)));
  const label = (b: WaterfallBar) => (b.kind === 'end' ? `${b.value.toFixed(1)}%` : `${b.value < 0 ? '−' : '+'}${Math.abs(b.value).toFixed(2)}`);
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    title: [
      {
        text: text.title,
        left: 0,
        top: 0,
        textStyle: { fontSize: 14, fontWeight: 600, color: COLORS.ink, fontFamily: FONT },
        subtext: text.subtitle,
        subtextStyle: { fontSize: 12, color: COLORS.muted, fontFamily: FONT },
      },
    ],
    grid: { left: 48, right: 16, top: 64, bottom: 72 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const b = bars[ps[0]!.dataIndex]!;
        return `${b.label}<br>${label(b)}${b.kind === 'end' ? '' : ' pp'}`;
      },
    },
    xAxis: {
      type: 'category',
      data: bars.map((b) => b.label),
      axisLabel: { interval: 0, rotate: bars.length > 6 ? 30 : 0, color: COLORS.ink, fontSize: 12 },
      axisLine: { lineStyle: { color: COLORS.line } },
    },
    yAxis: { type: 'value', min, max, axisLabel: { formatter: '{value}%', color: COLORS.muted }, splitLine: { lineStyle: { color: COLORS.line } } },
    series: [
      { name: 'base', type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent' }, emphasis: { disabled: true }, data: base },
      {
        name: 'change',
        type: 'bar',
        stack: 'w',
        barMaxWidth: 48,
        cursor: 'pointer',
        data: bars.map((b, i) => ({ value: size[i], itemStyle: { color: color(b) } })),
        label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => label(bars[p.dataIndex]!), color: COLORS.ink, fontSize: 11 },
      },
    ],
  };
}
