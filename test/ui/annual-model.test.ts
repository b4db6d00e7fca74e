/**
 * The annual report's periods and pivots (annual-model.ts): which year opens, what is computed for a year
 * that is complete or still running, when there is no year-on-year comparison, how quarterly complaint
 * summaries and satisfaction distributions are laid out (a quarter without data is a gap, not a zero),
 * and the best / worst lists (enough responses only, never the same entry twice).
 */
import { describe, expect, test } from 'vitest';
import type { Row } from '../../src/lib/db/types.ts';
import {
  annualPeriod,
  bestAndWorst,
  computedMonths,
  defaultYear,
  levelShares,
  pivotComplaintSummary,
  pivotSatisfaction,
  priorPeriod,
  quarterPeriods,
  yearChoices,
  type Ranked,
} from '../../src/lib/report/annual.ts';
import type { PeriodChoice } from '../../src/lib/report/selection.ts';

const month = (period: string, is_complete = true): PeriodChoice => ({ period, orders: 1, is_complete, is_default: false });
// Like the sample: 2024-11 … 2026-10 (October 2026 complete).
const PERIODS = [
  month('2024-11'),
  month('2024-12'),
  ...Array.from({ length: 12 }, (_, i) => month(`2025-${String(i + 1).padStart(2, '0')}`)),
  ...Array.from({ length: 10 }, (_, i) => month(`2026-${String(i + 1).padStart(2, '0')}`)),
];
const AVAILABLE = new Set(PERIODS.map((p) => p.period));

describe('annual periods', () => {
  const years = yearChoices(PERIODS);

  test('years newest first; the report opens on the latest complete year', () => {
    expect(years.map((y) => [y.year, y.firstMonth, y.lastMonth, y.complete])).toEqual([
      [2026, '2026-01', '2026-10', false],
      [2025, '2025-01', '2025-12', true],
      [2024, '2024-11', '2024-12', true],
    ]);
    expect(defaultYear(years).year).toBe(2025);
    expect(defaultYear(yearChoices([month('2026-01'), month('2026-02', false)])).year).toBe(2026);
  });

  test('a complete year is "YYYY"; a running year its months to date, compared with the same months', () => {
    const [y2026, y2025, y2024] = years;
    expect(annualPeriod(y2025!)).toBe('2025');
    expect(annualPeriod(y2026!)).toBe('2026-01..2026-10');
    expect(priorPeriod(y2026!, AVAILABLE)).toBe('2025-01..2025-10');
    // 2024 has November and December only: 2025 has no year-on-year comparison.
    expect(priorPeriod(y2025!, AVAILABLE)).toBeNull();
    expect(priorPeriod(y2024!, AVAILABLE)).toBeNull();
  });

  test('months and quarters computed: only those the data covers; a running quarter is cut at the last month', () => {
    const [y2026, , y2024] = years;
    expect(computedMonths(y2024!, AVAILABLE)).toEqual(['2024-11', '2024-12']);
    expect(computedMonths(y2026!, AVAILABLE)).toHaveLength(10);
    expect(quarterPeriods(y2026!, AVAILABLE)).toEqual([
      { q: 1, period: '2026-Q1' },
      { q: 2, period: '2026-Q2' },
      { q: 3, period: '2026-Q3' },
      { q: 4, period: '2026-10..2026-10' },
    ]);
    expect(quarterPeriods(y2024!, AVAILABLE)).toEqual([{ q: 4, period: '2024-Q4' }]);
  });
});

describe('quarterly complaint summary', () => {
  const row = (dimension: string, value: string | null, complaints: number, closed_on_time = 0, still_open = 0): Row => ({
    dimension,
    value,
    complaints,
    closed_on_time,
    still_open,
  });
  // The year: C04 × 5, C15 × 2; domestic 7. Q1 has C04 × 3, Q2 C04 × 2 and C15 × 2; Q3 no complaints
  // (computed, empty: zeros); Q4 not in the data (not computed: gaps).
  const year = [row('cause', 'C04', 5, 4, 1), row('cause', 'C15', 2, 2, 0), row('market', 'domestic', 7, 6, 1)];
  const quarters = new Map<number, Row[]>([
    [1, [row('cause', 'C04', 3), row('market', 'domestic', 3)]],
    [2, [row('cause', 'C04', 2), row('cause', 'C15', 2), row('market', 'domestic', 4)]],
    [3, []],
  ]);

  test('per value the quarters beside the year; an empty quarter is 0, a quarter without data a gap', () => {
    const p = pivotComplaintSummary(year, quarters);
    expect(p.cause).toEqual([
      { value: 'C04', quarters: [3, 2, 0, null], year: 5, closedOnTime: 4, stillOpen: 1 },
      { value: 'C15', quarters: [0, 2, 0, null], year: 2, closedOnTime: 2, stillOpen: 0 },
    ]);
    expect(p.market[0]!.quarters).toEqual([3, 4, 0, null]);
    expect(p.severity).toEqual([]);
    // The quarters with data add up to the year (the same SQL over each period).
    for (const l of [...p.cause, ...p.market]) expect(l.quarters.reduce<number>((a, b) => a + (b ?? 0), 0)).toBe(l.year);
  });
});

describe('satisfaction by quarter', () => {
  test('means and 1–4 counts per item and quarter; shares of the ratings for the stacked bars', () => {
    const q = new Map([
      [1, { 'satisfaction.attitude_mean': 3.5, 'satisfaction.attitude_distribution': { '1': 0, '2': 1, '3': 2, '4': 5 } }],
      [2, { 'satisfaction.attitude_mean': null, 'satisfaction.attitude_distribution': { '1': 0, '2': 0, '3': 0, '4': 0 } }],
    ]);
    const p = pivotSatisfaction(q);
    expect(p.attitude).toEqual([
      { mean: 3.5, counts: [0, 1, 2, 5] },
      { mean: null, counts: [0, 0, 0, 0] },
      { mean: null, counts: null },
      { mean: null, counts: null },
    ]);
    expect(levelShares([0, 1, 2, 5])).toEqual([0, 0.125, 0.25, 0.625]);
    expect(levelShares([0, 0, 0, 0])).toBeNull();
    expect(levelShares(null)).toBeNull();
  });
});

describe('best and worst', () => {
  const e = (id: string, value: number, responses: number): Ranked => ({ id, name: null, branch: null, value, responses });
  test('only entries with enough responses; best first, worst first; no entry in both lists', () => {
    const list = [e('A', 3.5, 30), e('B', 3.9, 5), e('C', 3.2, 40), e('D', 3.4, 25), e('E', 3.1, 20)];
    // B has too few responses (5 < 20): out. Solid by value: A 3.5, D 3.4, C 3.2, E 3.1.
    expect(bestAndWorst(list, 20, 2)).toEqual({ best: [list[0], list[3]], worst: [list[4], list[2]] });
    // Three solid entries, two asked for each: they split them, the best list taking the odd one.
    const three = bestAndWorst(list.slice(0, 4), 20, 2);
    expect(three.best.map((x) => x.id)).toEqual(['A', 'D']);
    expect(three.worst.map((x) => x.id)).toEqual(['C']);
    // Four solid entries, three asked for: two and two, not three and one.
    const four = bestAndWorst(
      [...list, e('F', 3.0, 50)].filter((x) => x.id !== 'C'),
      20,
      3,
    );
    expect([four.best.map((x) => x.id), four.worst.map((x) => x.id)]).toEqual([
      ['A', 'D'],
      ['F', 'E'],
    ]);
  });
});
