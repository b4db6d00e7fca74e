/**
 * Periods of the comparison and annual pages, and the trend-series builder: a month the data does not
 * cover is a gap (null), never a zero — even for a count, which the SQL would report as 0.
 */
import { describe, expect, test } from 'vitest';
import type { Metrics } from '../../src/lib/report/types.ts';
import { compareChoices, monthsOf, previousPeriod, sameMonthsLastYear, trailingMonths, trendSeries, yearMonths } from '../../src/lib/report/compare-periods.ts';
import type { PeriodChoice } from '../../src/lib/report/selection.ts';

const p = (period: string, is_complete = true, is_default = false): PeriodChoice => ({ period, orders: 1, is_complete, is_default });

describe('comparison periods', () => {
  test('a year to date per year (to its latest complete month), then the months newest first', () => {
    const periods = [p('2026-11', false), p('2026-10', true, true), p('2026-09'), p('2025-12'), p('2025-11')];
    expect(compareChoices(periods).map((c) => [c.period, c.kind, c.partial, c.isDefault])).toEqual([
      ['2026-01..2026-10', 'ytd', false, false],
      ['2025-01..2025-12', 'ytd', false, false],
      ['2026-11', 'month', true, false],
      ['2026-10', 'month', false, true],
      ['2026-09', 'month', false, false],
      ['2025-12', 'month', false, false],
      ['2025-11', 'month', false, false],
    ]);
  });

  test('the previous period: the month before, or the same months a year earlier — only when the data covers them', () => {
    // Data from 2024-11 to 2026-10.
    const have = new Set([
      '2024-11',
      '2024-12',
      ...Array.from({ length: 22 }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`),
    ]);
    expect(previousPeriod('2026-01', have)).toBe('2025-12');
    expect(previousPeriod('2024-11', have)).toBeNull();
    expect(previousPeriod('2026-01..2026-10', have)).toBe('2025-01..2025-10');
    // 2025 against 2024, of which the data has November and December only: no comparison.
    expect(previousPeriod('2025-01..2025-12', have)).toBeNull();
    expect(previousPeriod('2025-01..2025-02', have)).toBeNull();
    expect(sameMonthsLastYear('2026')).toBe('2025');
  });

  test('months of a period, trailing months and a year', () => {
    expect(monthsOf('2026-02..2026-04')).toEqual(['2026-02', '2026-03', '2026-04']);
    expect(monthsOf('2025-12..2026-01')).toEqual(['2025-12', '2026-01']);
    expect(monthsOf('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(monthsOf('2026')).toHaveLength(12);
    expect(trailingMonths('2026-03', 4)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    expect(yearMonths(2026)[11]).toBe('2026-12');
  });
});

describe('trend series', () => {
  // A year whose data misses March (no service orders that month, so it was never computed) and
  // November–December (after the data ends). January and February were computed; February had no
  // orders in the branch: its count is a true 0 and its rate null (empty denominator), March is a gap.
  const months = yearMonths(2026);
  const reports = new Map<string, { metrics: Metrics; cases: Metrics }>();
  reports.set('2026-01', { metrics: { 'orders.received': 40, 'response.on_time_rate': 0.9 }, cases: { 'response.on_time_rate': 30 } });
  reports.set('2026-02', { metrics: { 'orders.received': 0, 'response.on_time_rate': null }, cases: { 'response.on_time_rate': 0 } });
  for (const m of months.slice(3, 10)) reports.set(m, { metrics: { 'orders.received': 5, 'response.on_time_rate': 1 }, cases: { 'response.on_time_rate': 4 } });

  test('a missing month is a gap (null), not a zero, even for a count', () => {
    const s = trendSeries(months, reports, (m) => ({ value: m['orders.received'] as number }));
    expect(s.map((x) => x.value)).toEqual([40, 0, null, 5, 5, 5, 5, 5, 5, 5, null, null]);
    expect(s.map((x) => x.gap)).toEqual([false, false, true, false, false, false, false, false, false, false, true, true]);
  });

  test('a rate with an empty denominator is null but not a gap; few cases mark a point low-confidence', () => {
    const s = trendSeries(months, reports, (m, c) => ({
      value: m['response.on_time_rate'] as number | null,
      low: (c['response.on_time_rate'] as number) < 20,
    }));
    expect(s[0]).toEqual({ month: '2026-01', value: 0.9, gap: false, low: false });
    expect(s[1]).toEqual({ month: '2026-02', value: null, gap: false, low: false });
    expect(s[2]).toEqual({ month: '2026-03', value: null, gap: true, low: false });
    expect(s[3]).toMatchObject({ value: 1, low: true });
  });
});
