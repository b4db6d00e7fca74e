/**
 * Pure parts of the quality page: chart specs (snapshotted without their formatter functions), the
 * quarter helpers, the responsibility tree's order, enum names and the CSV rows of a column model.
 */
import { describe, expect, it } from 'vitest';
import { chooseLang, type Lang } from '../../src/lib/i18n/index.ts';
import { windowPeriod } from '../../src/views/quality/analysis.ts';
import { batchRatesOption, paretoOption, stepTimesOption } from '../../src/lib/charts/quality.ts';
import { causeLabel, enumLabel, stepLabel } from '../../src/views/quality/labels.ts';
import { defaultQuarter, quarterChoices, quarterOf } from '../../src/views/quality/quarter.ts';
import { treeRows } from '../../src/views/quality/responsibility.ts';
import { csvRows, formatKind, type Column } from '../../src/views/quality/table.ts';

/** The language in use (the dictionary side only: src/lib/i18n never touches the DOM). */
const setLangForTest = (l: Lang): void => chooseLang(l);

/** The option as JSON: functions dropped, so the snapshot is the chart's data and layout. */
const spec = (o: unknown) => JSON.parse(JSON.stringify(o));

describe('quality chart specs', () => {
  it('step times: median and P90 bars, the standard as a tick', () => {
    const o = spec(
      stepTimesOption({
        title: '各环节用时',
        subtitle: '单位：天',
        emptyText: '本期无数据',
        steps: ['营业受理', '质量管理部'],
        median: [0.08, 1.78],
        p90: [0.26, 3.15],
        standard: [null, 1],
        names: { median: '中位数', p90: 'P90', standard: '标准', unit: '天' },
      }),
    );
    expect(o.series.map((s: { type: string; data: unknown }) => [s.type, s.data])).toEqual([
      ['bar', [0.08, 1.78]],
      ['bar', [0.26, 3.15]],
      ['scatter', [null, 1]],
    ]);
    expect(o.legend.data).toEqual(['中位数', 'P90', '标准']);
    expect(o.title).toHaveLength(1);
    expect(o.animation).toBe(false);
  });

  it('Pareto: bars on the left axis, the cumulative share on a 0–100 % axis, an 80 % line', () => {
    const o = spec(
      paretoOption({
        title: 'Pareto',
        subtitle: '',
        emptyText: 'none',
        categories: ['C04 不合格品混入', 'C15 其他'],
        values: [3, 1],
        cumulative: [0.75, 1],
        names: { bar: '投诉件数', line: '累计占比', unit: '件' },
      }),
    );
    expect(o.yAxis[1]).toMatchObject({ min: 0, max: 1 });
    expect(o.series[1]).toMatchObject({ type: 'line', yAxisIndex: 1, data: [0.75, 1] });
    expect(o.series[1].markLine.data).toEqual([{ yAxis: 0.8 }]);
    // No rows: the empty text is drawn over the axes.
    const empty = spec(
      paretoOption({ title: 'P', subtitle: '', emptyText: '本期无数据', categories: [], values: [], cumulative: [], names: { bar: 'a', line: 'b', unit: '' } }),
    );
    expect(empty.title[1].text).toBe('本期无数据');
  });

  it('batch rates: flagged bars coloured, the model rate as a flat line', () => {
    const o = spec(
      batchRatesOption({
        title: 'KF-50LW',
        subtitle: '',
        emptyText: '',
        batches: ['2505B', '2507A'],
        rates: [0.44, 0.05],
        repairs: [8, 1],
        orders: [18, 20],
        flags: ['alert', null],
        modelRate: 0.032,
        names: { batch: '批次', model: '型号' },
      }),
    );
    expect(o.series[0].data.map((d: { itemStyle: { color: string } }) => d.itemStyle.color)).toEqual(['#b42318', '#2a5f8f']);
    expect(o.series[1].data).toEqual([0.032, 0.032]);
  });
});

describe('quarters', () => {
  const periods = ['2026-08', '2026-09', '2026-10'].map((period) => ({ period, orders: 1, is_complete: true, is_default: false }));
  it('lists the quarters of the data, newest first, and opens on the last complete one', () => {
    expect(quarterOf('2026-10')).toBe('2026-Q4');
    expect(quarterChoices(periods)).toEqual(['2026-Q4', '2026-Q3']);
    expect(defaultQuarter('2026-10', ['2026-Q4', '2026-Q3'])).toBe('2026-Q3');
    expect(defaultQuarter('2026-09', ['2026-Q4', '2026-Q3'])).toBe('2026-Q3');
    expect(defaultQuarter('2026-01', ['2026-Q1'])).toBe('2026-Q1'); // no Q4 of 2025 in the data
    expect(defaultQuarter('2026-02', ['2026-Q1', '2025-Q4'])).toBe('2025-Q4');
  });
});

describe('analysis window', () => {
  it('is the month, or the three months ending with it', () => {
    expect(windowPeriod('2026-10', '1')).toBe('2026-10');
    expect(windowPeriod('2026-10', '3')).toBe('2026-08..2026-10');
    expect(windowPeriod('2026-02', '3')).toBe('2025-12..2026-02');
    expect(windowPeriod('2026-01', '3')).toBe('2025-11..2026-01');
  });
});

describe('responsibility tree', () => {
  it('puts each department (Pareto order) before its units, each unit before its people', () => {
    const rollup = [
      { level: 'department', department: 'service', unit: null, rank: 1 },
      { level: 'department', department: 'quality', unit: null, rank: 2 },
      { level: 'unit', department: 'quality', unit: '品管组', rank: 1 },
      { level: 'unit', department: 'service', unit: '一班', rank: 2 },
      { level: 'unit', department: 'service', unit: '二班', rank: 3 },
    ];
    const leaves = [
      { department: 'quality', unit: '品管组', staff_id: 'S3' },
      { department: 'service', unit: '一班', staff_id: 'S1' },
      { department: 'service', unit: '一班', staff_id: 'S2' },
      { department: 'service', unit: '二班', staff_id: null }, // the unit as a whole: no extra row
    ];
    expect(treeRows(rollup, leaves).map((r) => [r['level'], r['unit'] ?? '', r['staff_id'] ?? ''])).toEqual([
      ['department', '', ''],
      ['unit', '一班', ''],
      ['person', '一班', 'S1'],
      ['person', '一班', 'S2'],
      ['unit', '二班', ''],
      ['department', '', ''],
      ['unit', '品管组', ''],
      ['person', '品管组', 'S3'],
    ]);
  });
});

describe('labels and CSV values', () => {
  it('names enums in Chinese from the schema and in English', () => {
    setLangForTest('zh');
    expect(causeLabel('C04')).toBe('C04 不合格品混入');
    expect(enumLabel('department', 'quality')).toBe('质量管理部');
    expect(enumLabel('market', 'foreign')).toBe('国外');
    expect(stepLabel('sales_negotiation')).toBe('营业协商');
    expect(causeLabel(null)).toBe('—');
    setLangForTest('en');
    expect(causeLabel('C04')).toBe('C04 Non-conforming product mixed in');
    expect(enumLabel('sanction', 'minor')).toBe('Minor demerit');
    setLangForTest('zh');
  });

  it('exports money text as it is, rates as percentages, days trimmed, enums by name', () => {
    setLangForTest('zh');
    const cols: Column[] = [
      { label: 'q.col.complaint_no', value: (r) => r['no'] },
      { label: 'q.col.market', value: (r) => r['market'], text: (r) => enumLabel('market', r['market']) },
      { label: 'q.col.loss', kind: 'money', value: (r) => r['loss'] },
      { label: 'q.col.ratio', kind: 'rate', value: (r) => r['ratio'] },
      { label: 'q.col.days', kind: 'days', value: (r) => r['days'] },
      { label: 'q.col.on_time', value: (r) => r['on_time'] },
    ];
    expect(
      csvRows(cols, [{ no: '2610001', market: 'domestic', loss: '1234.50', ratio: 0.13999999999999999, days: 5.220729166666667, on_time: false }]),
    ).toEqual([
      ['投诉编号', '市场', '损失金额', '比率', '天数', '按期结案'],
      ['2610001', '国内', '1234.50', '14.0%', 5.22, '否'],
    ]);
    expect(formatKind('1234.5', 'money')).toBe('¥1,234.50');
    expect(formatKind(13.743589, 'times')).toBe('13.7×');
    expect(formatKind(null, 'days')).toBe('—');
  });
});
