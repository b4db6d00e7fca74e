import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { plotChart } from '../../src/components/plot-chart.ts';
import { CHART_COLORS, type ChartSpec } from '../../src/lib/charts/spec.ts';
import { specOption } from '../../src/lib/charts/echarts.ts';

// Chart builders are pure: a spec in, an ECharts option (screen) or a Plot SVG (print) out. The outputs
// are snapshot-tested (STYLE.md: snapshot chart specs, not pixels); long decimals are normalised so a
// change in float formatting does not fail the test. On a mismatch vitest shows the diff; new snapshots
// are never written in CI (CI=true).
const SPECS: ChartSpec[] = [
  {
    id: 'branch-on-time',
    type: 'bar',
    title: '准时到达率 · 按网点',
    subtitle: '单位：%',
    kind: 'rate',
    categories: ['B01 上海分公司', 'B02 杭州分公司', 'B03 南京分公司'],
    series: [{ name: '本月', values: [0.948, 0.962, null], color: CHART_COLORS.current }],
    target: { value: 0.95, label: '目标' },
    emptyText: '本期无数据',
  },
  {
    id: 'promises',
    type: 'column',
    title: '四项服务承诺达成率',
    subtitle: '单位：%',
    kind: 'rate',
    categories: ['准时到达', '24 小时答复', '2 天内安装', '次日维修'],
    series: [
      { name: '去年同月', values: [0.944, 0.929, 0.979, 0.866], color: CHART_COLORS.lastYear },
      { name: '上月', values: [0.94, 0.967, 0.961, 0.902], color: CHART_COLORS.previous },
      { name: '本月', values: [0.936, 0.922, 0.973, 0.874], color: CHART_COLORS.current },
    ],
    categoryTargets: { values: [0.95, 0.98, 0.95, 0.9], label: '目标' },
    emptyText: '本期无数据',
  },
  {
    id: 'distribution',
    type: 'bar',
    stacked: true,
    title: '四项评分分布',
    subtitle: '单位：个评分',
    kind: 'count',
    categories: ['服务态度', '技术水平'],
    series: [
      { name: '1 不满意', values: [1, 2], color: CHART_COLORS.levels[0] },
      { name: '2 一般', values: [93, 71], color: CHART_COLORS.levels[1] },
      { name: '3 满意', values: [553, 551], color: CHART_COLORS.levels[2] },
      { name: '4 很满意', values: [501, 520], color: CHART_COLORS.levels[3] },
    ],
    emptyText: '本期无数据',
  },
  {
    id: 'by-type',
    type: 'column',
    title: '受理工单 · 按服务类型',
    subtitle: '单位：单',
    kind: 'count',
    categories: ['安装', '维修', '咨询'],
    series: [{ name: '受理工单', values: [464, 622, 0], color: CHART_COLORS.current }],
    emptyText: '本期无数据',
  },
  {
    id: 'small-rate',
    type: 'bar',
    title: '重复维修率 · 按网点',
    subtitle: '单位：%',
    kind: 'rate',
    categories: ['B01', 'B02'],
    series: [{ name: '本月', values: [0.013, 0.047], color: CHART_COLORS.current }],
    target: { value: 0.05, label: '目标' },
    emptyText: '本期无数据',
  },
];

/** Round long decimals (Plot coordinates, float noise) so snapshots compare what matters. */
const normalise = (s: string) => s.replace(/(\d+\.\d{2})\d+/g, '$1');

describe('ECharts options (screen)', () => {
  test.each(SPECS.map((s) => [s.id, s] as const))('%s', async (id, spec) => {
    const option = specOption(spec);
    await expect(normalise(JSON.stringify(option, null, 1))).toMatchFileSnapshot(`__snapshots__/charts/${id}.echarts.json`);
  });

  test('a rate axis spans 0–100 % unless every value is small; a target is a dashed line', () => {
    const o = specOption(SPECS[0]!) as { xAxis: { max?: number; interval?: number }; series: { markLine?: { data: unknown[] } }[] };
    expect(o.xAxis).toMatchObject({ max: 1, interval: 0.2 });
    expect(o.series[0]!.markLine!.data).toEqual([{ xAxis: 0.95 }]);
    const small = specOption(SPECS[4]!) as { xAxis: { max?: number } };
    expect(small.xAxis.max).toBeUndefined();
  });

  test('no values at all: the empty text over the axes, no bar labels', () => {
    const empty: ChartSpec = { ...SPECS[3]!, series: [{ ...SPECS[3]!.series[0]!, values: [null, 0, null] }] };
    const o = specOption(empty) as { title: { text: string }[] };
    expect(o.title.map((t) => t.text)).toContain('本期无数据');
  });
});

describe('Observable Plot SVG (print)', () => {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');

  test.each(SPECS.map((s) => [s.id, s] as const))('%s', async (id, spec) => {
    const svg = plotChart(spec, { document: document as unknown as Document, width: 340 });
    expect(svg).not.toBeNull();
    const text = svg!.outerHTML;
    // No <style> element (the CSP refuses inline styles) and no style attribute.
    expect(text).not.toMatch(/<style|style="/);
    expect(text).toMatch(/^<svg[^>]*viewBox="0 0 340 \d+"/);
    await expect(normalise(text)).toMatchFileSnapshot(`__snapshots__/charts/${id}.plot.svg`);
  });

  test('every category and the target are drawn; a null is a gap, not a zero bar', () => {
    const svg = plotChart(SPECS[0]!, { document: document as unknown as Document })!.outerHTML;
    for (const c of SPECS[0]!.categories) expect(svg).toContain(c);
    expect(svg).toContain('94.8%');
    expect((svg.match(/<rect /g) ?? []).length).toBe(2); // B03 has no value
    expect(svg).toContain(`stroke="${CHART_COLORS.target}"`);
  });

  test('nothing to draw gives null (the page shows the empty text instead)', () => {
    const empty: ChartSpec = { ...SPECS[3]!, series: [{ ...SPECS[3]!.series[0]!, values: [null, 0, null] }] };
    expect(plotChart(empty, { document: document as unknown as Document })).toBeNull();
  });
});
