// Suggestions of the mapping step, on small hand-made value lists.
import { describe, expect, it } from 'vitest';
import { dedupeOffer, ratingRule, ratingScale, ratingsOutOfRange, suggestNullMarkers } from '../../src/lib/mapping/suggest.ts';

describe('missing-value markers', () => {
  it('suggests the markers a column holds, and only those', () => {
    const d = [
      {
        values: [
          ['Loc 1', 3],
          ['?', 2],
        ] as [string, number][],
      },
      {
        values: [
          ['#N/A', 1],
          ['—', 1],
          ['x-y', 1],
        ] as [string, number][],
      },
    ];
    expect(suggestNullMarkers(d)).toEqual(['?', '#N/A', '—']); // "x-y" is not "-"
  });
});

describe('rating scales onto the four levels', () => {
  it('recognises 1–4, 1–5, 1–10, 0–10, labels', () => {
    expect(ratingScale(['1', '4', '3'])).toBe('1-4');
    expect(ratingScale(['1', '5'])).toBe('1-5');
    expect(ratingScale(['2', '10'])).toBe('1-10');
    expect(ratingScale(['0', '7'])).toBe('0-10');
    expect(ratingScale(['非常满意', '一般'])).toBe('labels');
    expect(ratingScale(['good'])).toBe('unknown');
  });
  it('maps each scale by its rule', () => {
    expect(ratingRule('1-5', ['5', '4', '3', '2', '1'])).toEqual({ '5': '4', '4': '3', '3': '2', '2': '1', '1': '1' });
    // 9–10 → 4, 7–8 → 3, 5–6 → 2, 0–4 → 1
    expect(ratingRule('0-10', ['10', '9', '8', '7', '6', '5', '4', '0'])).toEqual({
      '10': '4',
      '9': '4',
      '8': '3',
      '7': '3',
      '6': '2',
      '5': '2',
      '4': '1',
      '0': '1',
    });
    expect(ratingRule('labels', ['非常满意', '比较满意', '一般', '非常不满意'])).toEqual({ 非常满意: '4', 比较满意: '3', 一般: '2', 非常不满意: '1' });
    expect(ratingRule('1-4', ['1', '4'])).toEqual({});
  });
  it('counts the rows a map leaves outside 1–4 (the warning before Check)', () => {
    const values: [string, number][] = [
      ['5', 41],
      ['4', 30],
      ['3', 9],
      ['', 5],
    ];
    expect(ratingsOutOfRange(values, {})).toBe(41); // the 5-star rows
    expect(ratingsOutOfRange(values, { '5': '4', '4': '3', '3': '2' })).toBe(0);
    expect(ratingsOutOfRange(values, { '4': '3' }, '9')).toBe(41 + 9); // other "9" is no level
  });
});

describe('collapsing repeated keys', () => {
  it('keeps the last row by the latest-state time column mapped, else the last in file order', () => {
    expect(dedupeOffer('service_orders', ['order_id', 'called_at', 'completed_at'])).toEqual({ keep: 'last', by: 'completed_at' });
    expect(dedupeOffer('service_orders', ['order_id', 'called_at'])).toEqual({ keep: 'last', by: 'called_at' });
    expect(dedupeOffer('branches', ['branch_id'])).toEqual({ keep: 'last' });
  });
});

describe("a column's failures over the whole file's values", () => {
  it('counts the rows the mapping would reject, after null markers, values, other and default', async () => {
    const { columnFailures } = await import('../../src/lib/mapping/preview.ts');
    const { TABLE_BY_NAME } = await import('../../src/lib/schema.ts');
    const status = TABLE_BY_NAME.service_orders.columns.find((c) => c.name === 'status')!;
    const header = ['state'];
    const distinct = [
      {
        values: [
          ['Closed', 50],
          ['Active', 30],
          ['?', 15],
          ['', 5],
        ] as [string, number][],
      },
    ];
    const base = { table: 'service_orders' as const, columns: { status: 'state' }, values: { status: { Closed: 'completed' } }, formats: {} };
    // Active is no status (30), ? is no status (15), empty is a required value left empty (5): 50 of 100.
    expect(columnFailures(base, status, header, distinct, [])).toEqual({ bad: 50, total: 100 });
    // ? as a null marker and a default for empty cells: only Active fails.
    expect(columnFailures({ ...base, nullValues: ['?'], defaults: { status: 'open' } }, status, header, distinct, [])).toEqual({ bad: 30, total: 100 });
    // other takes every value the map does not list.
    expect(
      columnFailures({ ...base, nullValues: ['?'], defaults: { status: 'open' }, other: { status: 'in_progress' } }, status, header, distinct, []),
    ).toEqual({ bad: 0, total: 100 });
    expect(columnFailures({ ...base, constants: { status: 'open' } }, status, header, distinct, [])).toBeNull();
  });
});
