import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../src/lib/config.ts';
import {
  betterOf,
  delta,
  metricSpec,
  promisesSpec,
  scopeRows,
  scopeText,
  statusOf,
  targetText,
  type MonthlyData,
  type MonthReport,
} from '../../src/views/monthly/model.ts';
import { SECTIONS } from '../../src/lib/report/monthly-sections.ts';
import { CATALOGUE, HEADLINE_CARDS } from '../../src/lib/metrics.ts';
import type { BranchChoice } from '../../src/lib/report/selection.ts';
import { DICT } from '../../src/lib/i18n/dict.ts';

// The sample's tree: head office → two centres → branches (and one id that only occurs in the data).
const branches: BranchChoice[] = [
  { branch_id: 'HQ', branch_name: '总部', level: 'hq', parent_id: null, depth: 0 },
  { branch_id: 'C1', branch_name: '华东服务中心', level: 'center', parent_id: 'HQ', depth: 1 },
  { branch_id: 'B01', branch_name: '上海分公司', level: 'branch', parent_id: 'C1', depth: 2 },
  { branch_id: 'B02', branch_name: '杭州分公司', level: 'branch', parent_id: 'C1', depth: 2 },
  { branch_id: 'C2', branch_name: '华南服务中心', level: 'center', parent_id: 'HQ', depth: 1 },
  { branch_id: 'B05', branch_name: '广州分公司', level: 'branch', parent_id: 'C2', depth: 2 },
  { branch_id: 'X9', branch_name: null, level: null, parent_id: null, depth: 0 },
];

describe('month-on-month and year-on-year changes (a presentation subtraction)', () => {
  test('rates in percentage points, coloured by the good direction', () => {
    expect(delta(0.936, 0.94, 'rate', 'higher')).toEqual({ diff: expect.closeTo(-0.4, 9), text: '−0.4 个百分点', tone: 'worse' });
    expect(delta(0.014, 0.027, 'rate', 'lower')).toMatchObject({ text: '−1.3 个百分点', tone: 'better' });
    // a change that rounds to 0.0 pp reads as unchanged
    expect(delta(0.91, 0.9104, 'rate', 'higher')).toMatchObject({ text: '持平', tone: 'flat' });
  });

  test('money exactly, in cents (no float drift)', () => {
    // 0.1 + 0.2 style drift would show up here with floats: 272877.42 − 252520.84 = 20356.58
    expect(delta('272877.42', '252520.84', 'money', undefined)).toEqual({ diff: 20356.58, text: '+¥20,356.58', tone: 'neutral' });
    expect(delta('118.67', '150.02', 'money', 'lower')).toMatchObject({ text: '−¥31.35', tone: 'better' });
    expect(delta('0.30', '0.10', 'money', undefined).text).toBe('+¥0.20');
    expect(delta('5.00', '5.00', 'money', 'lower').tone).toBe('flat');
  });

  test('counts with their relative change; no relative change from zero', () => {
    expect(delta(1828, 2103, 'count', undefined)).toMatchObject({ diff: -275, text: '−275（−13.1%）' });
    expect(delta(3, 0, 'count', 'lower')).toMatchObject({ text: '+3', tone: 'worse' });
  });

  test('no comparison when either value is missing', () => {
    expect(delta(null, 0.9, 'rate', 'higher')).toEqual({ diff: null, text: '—', tone: null });
    expect(delta(0.9, null, 'rate', 'higher').text).toBe('—');
  });
});

describe('targets (config.targets) and their colours', () => {
  const config: Config = { ...DEFAULT_CONFIG, targets: { 'response.on_time_rate': { min: 0.95 }, 'repeat.rate': { max: 0.05 } } };
  test('green when met, amber within 5 % of the target value, red beyond, none without a target or a value', () => {
    expect(statusOf('response.on_time_rate', 0.95, config)).toBe('met');
    expect(statusOf('response.on_time_rate', 0.9025, config)).toBe('near'); // 0.95 × (1 − 0.05)
    expect(statusOf('response.on_time_rate', 0.9024, config)).toBe('missed');
    expect(statusOf('repeat.rate', 0.0525, config)).toBe('near'); // 0.05 × 1.05
    expect(statusOf('repeat.rate', 0.06, config)).toBe('missed');
    expect(statusOf('response.on_time_rate', null, config)).toBeNull();
    expect(statusOf('orders.received', 100, config)).toBeNull();
  });
  test('the target as text, and the good direction it implies', () => {
    expect(targetText({ min: 0.95 }, 'rate')).toBe('≥ 95.0%');
    expect(targetText({ max: 1 }, 'per100')).toBe('≤ 1.00');
    expect(targetText({ min: 0.9, max: 1 }, 'rate')).toBe('90.0%–100.0%');
    expect(targetText(undefined, 'rate')).toBeNull();
    expect(betterOf('repeat.rate', { max: 0.05 })).toBe('lower');
    expect(betterOf('cost.total', undefined)).toBeUndefined();
    expect(betterOf('response.p90_hours', undefined)).toBe('lower');
  });
});

describe('the branches of a selection', () => {
  test('whole company: every node under the head office, centres as groups, loose ids after', () => {
    expect(scopeRows(branches, null).map((r) => [r.branch_id, r.depth, r.group])).toEqual([
      ['C1', 0, true],
      ['B01', 1, false],
      ['B02', 1, false],
      ['C2', 0, true],
      ['B05', 1, false],
      ['X9', 0, false],
    ]);
  });
  test('a centre: its branches; a branch: nothing below it', () => {
    expect(scopeRows(branches, 'C1').map((r) => r.branch_id)).toEqual(['B01', 'B02']);
    expect(scopeRows(branches, 'B01')).toEqual([]);
    expect(scopeText(branches, 'C1')).toBe('统计范围：C1 华东服务中心及下属 2 个网点合计');
    expect(scopeText(branches, 'B01')).toBe('统计范围：B01 上海分公司');
    expect(scopeText(branches, null)).toBe('统计范围：全公司（全部网点）');
  });
});

describe('chart specs', () => {
  const month = (period: string, metrics: Record<string, unknown>, byBranch: Record<string, Record<string, unknown>> = {}): MonthReport => ({
    period,
    as_of: '2026-11-01 00:00:00',
    branch: null,
    metrics,
    by_branch: byBranch,
    tables: {},
    cases: { total: {}, by_branch: {} },
  });
  const config: Config = { ...DEFAULT_CONFIG, targets: { 'response.on_time_rate': { min: 0.95 }, 'repair.next_day_rate': { min: 0.9 } } };
  const data = (branch: string | null): MonthlyData => ({
    period: '2026-10',
    branch,
    current: month(
      '2026-10',
      { 'response.on_time_rate': 0.93, 'response.reply_24h_rate': 0.92, 'install.within_2d_rate': null, 'repair.next_day_rate': 0.87 },
      {
        B01: { 'response.on_time_rate': 0.95 },
        B02: { 'response.on_time_rate': 0.9 },
      },
    ),
    previous: month('2026-09', { 'response.on_time_rate': 0.94 }),
    lastYear: null,
    config,
    branches,
  });

  test('the promises: this month against last month (the year before is missing), with the targets per promise', () => {
    const s = promisesSpec(data(null));
    expect(s.series.map((x) => x.name)).toEqual(['上月', '本月']);
    expect(s.series[1]!.values).toEqual([0.93, 0.92, null, 0.87]);
    expect(s.categoryTargets!.values).toEqual([0.95, null, null, 0.9]);
  });

  test('a metric by branch for a centre; by month for a single branch', () => {
    const c1 = metricSpec(data('C1'), 'response.on_time_rate');
    expect(c1).toMatchObject({ type: 'bar', categories: ['B01 上海分公司', 'B02 杭州分公司'], target: { value: 0.95 } });
    expect(c1.series[0]!.values).toEqual([0.95, 0.9]);
    const b01 = metricSpec(data('B01'), 'response.on_time_rate');
    expect(b01).toMatchObject({ type: 'column', categories: ['上月', '本月'] });
    expect(b01.series[0]!.values).toEqual([0.94, 0.93]);
  });
});

describe('what the page places', () => {
  test('every metric shown has a display kind and a label in both languages', () => {
    const shown = [...HEADLINE_CARDS, ...SECTIONS.flatMap((s) => s.metrics)];
    for (const id of shown) {
      expect(CATALOGUE.get(id), id).toBeDefined();
      expect(DICT.zh[`metric.${id}` as keyof typeof DICT.zh], id).toBeTruthy();
      expect(DICT.en[`metric.${id}` as keyof typeof DICT.en], id).toBeTruthy();
    }
  });
  test('the sections follow docs/metrics.md#reports: volume, response, resolution, complaints, satisfaction, costs, completeness, then the hotline', () => {
    expect(SECTIONS.map((s) => s.id)).toEqual(['volume', 'response', 'resolution', 'complaints', 'satisfaction', 'cost', 'completeness', 'calls']);
  });
});
