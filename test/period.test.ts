import { describe, expect, it } from 'vitest';
import { parseAsOf, parsePeriod, previousMonth, sameMonthLastYear } from '../src/lib/report/period.ts';

describe('periods (docs/metrics.md#metrics: period bounds, as_of = first instant after the period)', () => {
  it('parses months, quarters, years and month ranges', () => {
    expect(parsePeriod('2026-10')).toEqual({ label: '2026-10', kind: 'month', start: '2026-10-01 00:00:00', end: '2026-11-01 00:00:00' });
    expect(parsePeriod('2026-12')!.end).toBe('2027-01-01 00:00:00');
    expect(parsePeriod('2026-Q4')).toMatchObject({ start: '2026-10-01 00:00:00', end: '2027-01-01 00:00:00' });
    expect(parsePeriod('2026-Q1')).toMatchObject({ start: '2026-01-01 00:00:00', end: '2026-04-01 00:00:00' });
    expect(parsePeriod('2026')).toMatchObject({ start: '2026-01-01 00:00:00', end: '2027-01-01 00:00:00' });
    // year to date, January–October
    expect(parsePeriod('2026-01..2026-10')).toMatchObject({ kind: 'range', start: '2026-01-01 00:00:00', end: '2026-11-01 00:00:00' });
    for (const bad of ['2026-13', '2026-00', '26-10', '2026-Q5', '2026-10..2026-09', '']) expect(parsePeriod(bad)).toBeNull();
  });

  it('normalises as_of and rejects impossible instants', () => {
    expect(parseAsOf('2026-10-20')).toBe('2026-10-20 00:00:00');
    expect(parseAsOf('2026-10-20 08:30')).toBe('2026-10-20 08:30:00');
    expect(parseAsOf('2026-02-30 00:00:00')).toBeNull();
    expect(parseAsOf('2026-10-20 24:00:00')).toBeNull();
  });

  it('finds the comparison months', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-10')).toBe('2026-09');
    expect(sameMonthLastYear('2026-10')).toBe('2025-10');
  });
});
