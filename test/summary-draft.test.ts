/**
 * The drafted 综述: every number in the text is parsed back out and checked against the figure its
 * sentence names, on a hand-made report; no number is left unchecked. The English text carries the same
 * numbers.
 */
import { describe, expect, it } from 'vitest';
import type { Explain } from '../src/lib/report/explain.ts';
import { draftSummary, type SummaryInput } from '../src/lib/summary/draft.ts';

// Hand-made: on-time 0.936 (last month 0.940, a year ago 0.920), same-day 0.81 (0.80, none a year ago),
// repeats 0.02 (0.02, 0.03), report completeness 0.97 (0.95, 0.96).
// Targets: on-time ≥ 0.95 → missed by 1.4 pp, within 5 % of 0.95 (≥ 0.9025) → near;
//          same-day ≥ 0.90 → 0.81 below 0.855 → missed; repeats ≤ 0.03 → met; completeness ≥ 0.95 → met.
//          → 2 met, 1 near, 1 missed (same-day 81.0%, target ≥ 90.0%).
// Month-on-month in pp: completeness +2.0, same-day +1.0, on-time −0.4, repeats 0.0 → sentences in that order.
// On-time explained (change −0.4 pp): by branch B1 (上海分公司) −0.40 pp (rate: 0.92 → 0.912), B2 0;
//   by service type repair −0.30 pp (rate 0.93 → 0.924), install −0.10 pp (weight 0.4 → 0.3, mix).
// 催办: complaints.open_overdue 3 — two waiting at quality (质量部), one at rnd (研发部); a 洽办 row is not counted.
// Technicians with ≥ 5 responses, lowest overall mean first: 张三 2.85, 李四 3.0125 (→ 3.01), 王五 3.1;
//   赵六 3.5 is fourth; 孙七 has 2 responses (too few to judge).
// Cost per completed order ¥123.45, last month ¥118.40 → up ¥5.05.
const explain = {
  'response.on_time_rate': {
    mom: {
      branch: {
        then: 0.94,
        now: 0.936,
        rows: [
          { group: 'B1', weight_then: 0.5, weight_now: 0.5, rate_then: 0.92, rate_now: 0.912, rate_effect: -0.004, mix_effect: 0 },
          { group: 'B2', weight_then: 0.5, weight_now: 0.5, rate_then: 0.96, rate_now: 0.96, rate_effect: 0, mix_effect: 0 },
        ],
      },
      service_type: {
        then: 0.94,
        now: 0.936,
        rows: [
          { group: 'repair', weight_then: 0.6, weight_now: 0.7, rate_then: 0.93, rate_now: 0.924, rate_effect: -0.0039, mix_effect: 0.0009 },
          { group: 'install', weight_then: 0.4, weight_now: 0.3, rate_then: 0.955, rate_now: 0.955, rate_effect: 0, mix_effect: -0.001 },
        ],
      },
    },
    yoy: null,
  },
  'resolution.same_day_rate': { mom: null, yoy: null },
  'repeat.rate': { mom: null, yoy: null },
  'report.completeness_rate': { mom: null, yoy: null },
} as Explain;

const input: SummaryInput = {
  period: '2026-10',
  branch: null,
  branchNames: { B1: '上海分公司', B2: '北京分公司' },
  current: {
    metrics: {
      'orders.received': 1200,
      'orders.completed': 1150,
      'response.on_time_rate': 0.936,
      'resolution.same_day_rate': 0.81,
      'repeat.rate': 0.02,
      'report.completeness_rate': 0.97,
      'complaints.open_overdue': 3,
      'cost.per_completed_order': '123.45',
    },
    tables: {
      overdue: [
        { kind: 'urge', complaint_no: '2610001', step: 'quality' },
        { kind: 'urge', complaint_no: '2610002', step: 'rnd' },
        { kind: 'urge', complaint_no: '2610003', step: 'quality' },
        { kind: 'settle', complaint_no: '2609007', step: 'gm_office' },
      ],
      technician_satisfaction: [
        { technician_id: 'T4', name: '赵六', responses: 9, overall_mean: 3.5 },
        { technician_id: 'T2', name: '李四', responses: 6, overall_mean: 3.0125 },
        { technician_id: 'T1', name: '张三', responses: 5, overall_mean: 2.85 },
        { technician_id: 'T5', name: '孙七', responses: 2, overall_mean: 1.0 },
        { technician_id: 'T3', name: '王五', responses: 12, overall_mean: 3.1 },
      ],
    },
  },
  previous: {
    metrics: {
      'response.on_time_rate': 0.94,
      'resolution.same_day_rate': 0.8,
      'repeat.rate': 0.02,
      'report.completeness_rate': 0.95,
      'cost.per_completed_order': '118.40',
    },
  },
  lastYear: { metrics: { 'response.on_time_rate': 0.92, 'resolution.same_day_rate': null, 'repeat.rate': 0.03, 'report.completeness_rate': 0.96 } },
  targets: {
    'response.on_time_rate': { min: 0.95 },
    'resolution.same_day_rate': { min: 0.9 },
    'repeat.rate': { max: 0.03 },
    'report.completeness_rate': { min: 0.95 },
  },
  explain,
};

const NUM = /[+−-]?\d[\d,]*(?:\.\d+)?/g;
const num = (s: string) => Number(s.replace(/,/g, '').replace('−', '-'));
const LABEL: Record<string, string> = {
  准时到达率: 'response.on_time_rate',
  当日完工率: 'resolution.same_day_rate',
  重复维修率: 'repeat.rate',
  服务报告完整率: 'report.completeness_rate',
};
const STEP: Record<string, string> = { 质量部: 'quality', 研发部: 'rnd' };
const metric = (id: string) => input.current.metrics[id] as number;
const pp = (a: unknown, b: unknown) => Math.abs(((a as number) - (b as number)) * 100);

/**
 * Check one Chinese sentence: each number against the figure it names. Returns how many numbers it
 * checked, so the caller can hold that to the count of numbers in the sentence.
 */
function checkSentence(s: string): number {
  let checked = 0;
  const is = (text: string, want: number, tol = 1e-9) => {
    expect(Math.abs(num(text) - want), `${text} in «${s}» should be ${want}`).toBeLessThanOrEqual(tol);
    checked++;
  };
  let m: RegExpExecArray | null;
  if ((m = /^(\d+) 年 (\d+) 月，全公司受理工单 ([\d,]+) 单，完工 ([\d,]+) 单$/.exec(s))) {
    is(m[1]!, 2026);
    is(m[2]!, 10);
    is(m[3]!, metric('orders.received'));
    is(m[4]!, metric('orders.completed'));
  } else if ((m = /^考核指标 (\d+) 项达标，(\d+) 项接近目标，(\d+) 项未达标：(.+)$/.exec(s))) {
    is(m[1]!, 2); // repeats, completeness
    is(m[2]!, 1); // on-time
    is(m[3]!, 1); // same-day
    for (const miss of m[4]!.split('、')) {
      const x = /^(\S+) ([\d.]+)%（目标 ≥ ([\d.]+)%）$/.exec(miss)!;
      const id = LABEL[x[1]!]!;
      is(x[2]!, metric(id) * 100, 0.05);
      is(x[3]!, input.targets[id]!.min! * 100, 0.05);
    }
  } else if (
    (m = /^(\S+) ([\d.]+)%(?:，环比(?:(上升|下降) ([\d.]+) 个百分点|持平))?(?:，主要因(.+?))?(?:；同比(?:(上升|下降) ([\d.]+) 个百分点|持平))?$/.exec(s))
  ) {
    const id = LABEL[m[1]!]!;
    expect(id, s).toBeDefined();
    is(m[2]!, metric(id) * 100, 0.05);
    const prev = input.previous!.metrics[id];
    if (m[4]) {
      is(m[4], pp(metric(id), prev), 0.05);
      expect(m[3]).toBe(metric(id) > (prev as number) ? '上升' : '下降');
    } else expect(pp(metric(id), prev)).toBeLessThan(0.05); // 持平
    if (m[5]) {
      const mom = input.explain![id as 'response.on_time_rate'].mom!;
      for (const part of m[5].split('、')) {
        const c = /^(.+?)（([+−]\d+\.\d+) 个百分点）$/.exec(part)!;
        const names: Record<string, [string, string]> = {
          上海分公司: ['branch', 'B1'],
          北京分公司: ['branch', 'B2'],
          维修: ['service_type', 'repair'],
          安装: ['service_type', 'install'],
        };
        const who = Object.keys(names).find((n) => c[1]!.startsWith(n))!;
        const [dim, group] = names[who]!;
        const row = mom[dim as 'branch'].rows.find((r) => r.group === group)!;
        is(c[2]!, (row.rate_effect + row.mix_effect) * 100, 0.005);
      }
    }
    if (m[7]) is(m[7], pp(metric(id), input.lastYear!.metrics[id]), 0.05);
  } else if ((m = /^截至月末催办投诉 (\d+) 件，停留环节：(.+)$/.exec(s))) {
    is(m[1]!, metric('complaints.open_overdue'));
    for (const part of m[2]!.split('、')) {
      const x = /^(\S+) (\d+) 件$/.exec(part)!;
      const urge = input.current.tables['overdue']!.filter((r) => r['kind'] === 'urge' && r['step'] === STEP[x[1]!]);
      is(x[2]!, urge.length);
    }
  } else if ((m = /^满意度最低的技术员：(.+)$/.exec(s))) {
    const rows = input.current.tables['technician_satisfaction']!;
    for (const part of m[1]!.split('、')) {
      const x = /^(\S+?)（([\d.]+) 分）$/.exec(part)!;
      const row = rows.find((r) => r['name'] === x[1])!;
      is(x[2]!, row['overall_mean'] as number, 0.005);
    }
  } else if ((m = /^单均费用 ¥([\d,.]+)，较上月(增加|减少) ¥([\d,.]+)$/.exec(s))) {
    is(m[1]!, 123.45);
    is(m[3]!, 123.45 - 118.4, 1e-9);
    expect(m[2]).toBe('增加');
  } else throw new Error(`a sentence the test does not know: «${s}»`);
  return checked;
}

describe('the drafted 综述', () => {
  const zh = draftSummary(input, 'zh');
  const en = draftSummary(input, 'en');

  it('reads as worked out by hand', () => {
    expect(zh).toBe(
      '2026 年 10 月，全公司受理工单 1,200 单，完工 1,150 单。' +
        '考核指标 2 项达标，1 项接近目标，1 项未达标：当日完工率 81.0%（目标 ≥ 90.0%）。' +
        '服务报告完整率 97.0%，环比上升 2.0 个百分点；同比上升 1.0 个百分点。' +
        '当日完工率 81.0%，环比上升 1.0 个百分点。' +
        '准时到达率 93.6%，环比下降 0.4 个百分点，主要因上海分公司准时率下降（−0.40 个百分点）、维修准时率下降（−0.30 个百分点）；同比上升 1.6 个百分点。' +
        '重复维修率 2.0%，环比持平；同比下降 1.0 个百分点。' +
        '截至月末催办投诉 3 件，停留环节：质量部 2 件、研发部 1 件。' +
        '满意度最低的技术员：张三（2.85 分）、李四（3.01 分）、王五（3.10 分）。' +
        '单均费用 ¥123.45，较上月增加 ¥5.05。',
    );
  });

  it('has every number checked against the figure it names', () => {
    const sentences = zh.split('。').filter((s) => s !== '');
    let numbers = 0;
    let checked = 0;
    for (const s of sentences) {
      const n = s.match(NUM)?.length ?? 0;
      const c = checkSentence(s);
      expect(c, `every number of «${s}» checked`).toBe(n);
      numbers += n;
      checked += c;
    }
    expect(checked).toBe(numbers);
    expect(numbers).toBeGreaterThan(20);
  });

  it('says the same numbers in English', () => {
    // The English month is "Oct 2026": the Chinese "10 月" is the one number it does not repeat.
    const tokens = (s: string) => (s.match(NUM) ?? []).map(num).sort((a, b) => a - b);
    const zhNums = tokens(zh);
    zhNums.splice(zhNums.indexOf(10), 1);
    expect(tokens(en)).toEqual(zhNums);
    expect(en).toContain('Resolved same day 81.0% (target ≥ 90.0%)');
  });

  it('follows the selection and leaves out what is not measured', () => {
    const b = draftSummary(
      {
        ...input,
        branch: 'B1',
        current: { ...input.current, metrics: { ...input.current.metrics, 'cost.per_completed_order': null, 'complaints.open_overdue': null } },
      },
      'zh',
    );
    expect(b.startsWith('2026 年 10 月，上海分公司受理工单')).toBe(true);
    expect(b).not.toContain('单均费用');
    expect(b).not.toContain('催办');
  });
});
