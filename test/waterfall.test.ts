import { describe, expect, it } from 'vitest';
import { waterfallBars, waterfallOption, type WaterfallText } from '../src/lib/charts/waterfall.ts';
import type { Decomposition } from '../src/lib/report/explain.ts';

const text: WaterfallText = { title: 't', subtitle: 's', then: '9 月', now: '10 月', rest: (n) => `其他 ${n} 个`, name: (g) => `G${g}` };
const row = (group: string, total: number) => ({ group, weight_then: 0.1, weight_now: 0.1, rate_then: 0.5, rate_now: 0.5, rate_effect: total, mix_effect: 0 });

describe('the waterfall of a change explained', () => {
  it('steps from last month to this month, folding all but the largest 8 into 其他 N 个', () => {
    // 11 groups: contributions −0.010, +0.008, −0.006, … (already ordered by size); 8 shown, 3 folded.
    // then 0.90 → 90 %; the 11 contributions sum to −0.010 + 0.008 − 0.006 + 0.005 − 0.004 + 0.003 − 0.002
    //   + 0.002 − 0.001 + 0.001 − 0.001 = −0.005 → now 0.895 → 89.5 %.
    // The folded three: −0.001 + 0.001 − 0.001 = −0.001 → −0.1 pp.
    const c = [-0.01, 0.008, -0.006, 0.005, -0.004, 0.003, -0.002, 0.002, -0.001, 0.001, -0.001];
    const d: Decomposition = { then: 0.9, now: 0.895, rows: c.map((x, i) => row(String(i + 1), x)) };
    const bars = waterfallBars(d, text);
    expect(bars.map((b) => b.label)).toEqual(['9 月', 'G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'G8', '其他 3 个', '10 月']);
    expect(bars[0]!.to).toBeCloseTo(90, 9);
    expect(bars[1]!.from).toBeCloseTo(90, 9);
    expect(bars[1]!.to).toBeCloseTo(89, 9); // 90 − 1.0
    expect(bars[9]!.value).toBeCloseTo(-0.1, 9);
    expect(bars[9]!.to).toBeCloseTo(89.5, 9); // the last step lands on this month's rate
    expect(bars[10]!.to).toBeCloseTo(89.5, 9);
  });

  it('does not fold a single leftover group', () => {
    // 9 groups: folding one into "其他 1 个" saves nothing, so all nine are shown.
    const d: Decomposition = { then: 0.5, now: 0.5, rows: Array.from({ length: 9 }, (_, i) => row(String(i), 0)) };
    expect(waterfallBars(d, text).filter((b) => b.kind === 'rest')).toHaveLength(0);
  });

  it('colours a step by whether it helps: a rise of a lower-is-better rate is red', () => {
    const d: Decomposition = { then: 0.02, now: 0.03, rows: [row('A', 0.012), row('B', -0.002)] };
    const bars = waterfallBars(d, text);
    const opt = waterfallOption(bars, text, 'lower') as { series: { data: { itemStyle: { color: string } }[] }[] };
    const colors = opt.series[1]!.data.map((x) => x.itemStyle.color);
    expect(colors).toEqual(['#2a5f8f', '#c0392b', '#2e8b57', '#2a5f8f']);
  });
});
