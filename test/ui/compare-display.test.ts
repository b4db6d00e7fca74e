/**
 * Display helpers of the comparison, technician and annual pages: period labels, changes, the fine rule,
 * the trend charts' specs (a gap stays null, never 0; small multiples share one scale), and the
 * technician table's filtering, sorting and medians.
 */
import { describe, expect, test } from 'vitest';
import { fineFormula, formatDelta, formatGrowth, periodLabel, targetText } from '../../src/lib/format-kpi.ts';
import { miniTrendOption, sharedScale, trendOption } from '../../src/lib/charts/league.ts';
import { filterTechs, sortTechs, techDefaultDir, techMedians } from '../../src/views/technicians/model.ts';

describe('labels and changes', () => {
  test('period labels', () => {
    expect(periodLabel('2026-10', 'zh')).toBe('2026 年 10 月');
    expect(periodLabel('2026-01..2026-10', 'zh')).toBe('2026 年累计（1–10 月）');
    expect(periodLabel('2026-01..2026-10', 'en')).toBe('2026 year to date (Jan–Oct)');
    expect(periodLabel('2025-01..2025-12', 'zh')).toBe('2025 年全年');
    expect(periodLabel('2025', 'en')).toBe('2025 full year');
  });

  test('a change shows its direction and size in the value’s unit (rates in points)', () => {
    expect(formatDelta(0.0123, 'rate')).toBe('▲1.2');
    expect(formatDelta(-0.0123, 'rate', true)).toBe('▼1.2个百分点');
    expect(formatDelta(-34.92, 'money')).toBe('▼¥34.92');
    expect(formatDelta(0.00001, 'rate')).toBe('±0');
    expect(formatDelta(null, 'rate')).toBe('');
    expect(formatGrowth(110, 100)).toBe('+10.0%');
    expect(formatGrowth(90, 100)).toBe('−10.0%');
    expect(formatGrowth(5, 0)).toBe('');
    expect(targetText({ min: 0.95 }, 'rate')).toBe('≥ 95.0%');
  });

  test('the fine rule with a technician’s counts (the amount itself is the SQL’s fine_estimate)', () => {
    expect(fineFormula(2, 1)).toBe('2 × ¥50 + 1 × ¥20');
    expect(fineFormula(null, undefined)).toBe('0 × ¥50 + 0 × ¥20');
    // A part not measured (null from the SQL: its column is absent) is left out of the estimate.
    expect(fineFormula(null, 2)).toMatch(/2 .*¥20/);
    expect(fineFormula(null, 2)).not.toContain('¥50');
    expect(fineFormula(3, null)).toMatch(/3 .*¥50/);
    expect(fineFormula(3, null)).not.toContain('¥20');
  });
});

describe('trend charts', () => {
  test('a month without data stays a gap in the series (null, lines not connected)', () => {
    const o = trendOption({
      title: '准时到达率',
      subtitle: '单位：%',
      categories: ['1', '2', '3'],
      lines: [{ name: '2026', values: [0.9, null, 0.95], role: 'main' }],
      kind: 'rate',
      target: 0.95,
      targetLabel: '目标',
      gapText: '无数据',
    }) as { series: { data: unknown[]; connectNulls: boolean; markLine?: { data: unknown[] } }[]; legend: { data: string[] } };
    expect(o.series[0]!.data).toEqual([0.9, null, 0.95]);
    expect(o.series[0]!.connectNulls).toBe(false);
    expect(o.series[0]!.markLine!.data).toEqual([{ yAxis: 0.95 }]);
    expect(o.legend.data).toEqual(['2026', '目标']);
  });

  test('small multiples share one scale covering every branch, the company and the target', () => {
    const s = sharedScale([0.6, 0.97, null, 0.99], 'rate', 0.95);
    expect(s).toEqual({ min: 0.6, max: 1, interval: 0.1 });
    expect(sharedScale([12, 16.4, 7], 'hours')).toEqual({ min: 5, max: 17.5, interval: 2.5 });
    const o = miniTrendOption({
      categories: ['11月', '12月'],
      main: { name: 'B01', values: [null, 0.9], low: [false, true], role: 'main' },
      reference: null,
      kind: 'rate',
      target: null,
      scale: s,
      gapText: '无数据',
    }) as { yAxis: { min: number; max: number }; series: { data: unknown[] }[] };
    expect(o.yAxis).toMatchObject({ min: 0.6, max: 1 });
    // The low-confidence point is drawn hollow; the gap stays null.
    expect(o.series[0]!.data[0]).toBeNull();
    expect(o.series[0]!.data[1]).toMatchObject({ value: 0.9, symbol: 'emptyCircle' });
  });
});

describe('technician table', () => {
  const rows = [
    { technician_id: 'E2', name: '李师傅', branch_id: 'B1', on_time_rate: 0.5, fine_estimate: '120.00', completed: 5 },
    { technician_id: 'E1', name: '王师傅', branch_id: 'B2', on_time_rate: null, fine_estimate: '0.00', completed: 9 },
    { technician_id: 'E3', name: '张师傅', branch_id: 'B1', on_time_rate: 1, fine_estimate: '50.00', completed: 2 },
  ];

  test('filter by name or staff id', () => {
    expect(filterTechs(rows, '王').map((r) => r['technician_id'])).toEqual(['E1']);
    expect(filterTechs(rows, ' e3 ').map((r) => r['technician_id'])).toEqual(['E3']);
    expect(filterTechs(rows, '')).toHaveLength(3);
  });

  test('sort by a column, rows without a value last either way; money sorts as a number', () => {
    expect(sortTechs(rows, 'on_time_rate', 'desc').map((r) => r['technician_id'])).toEqual(['E3', 'E2', 'E1']);
    expect(sortTechs(rows, 'on_time_rate', 'asc').map((r) => r['technician_id'])).toEqual(['E2', 'E3', 'E1']);
    expect(sortTechs(rows, 'fine_estimate', 'desc').map((r) => r['technician_id'])).toEqual(['E2', 'E3', 'E1']);
    expect(techDefaultDir('fine_estimate')).toBe('asc');
    expect(techDefaultDir('completed')).toBe('desc');
  });

  test('medians of the numeric columns (the printed scorecard’s comparison)', () => {
    const m = techMedians(rows);
    expect(m['completed']).toBe(5);
    expect(m['on_time_rate']).toBe(0.75);
    expect(m['fine_estimate']).toBe(50);
  });
});
