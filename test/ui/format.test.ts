import { describe, expect, test } from 'vitest';
import { DICT } from '../../src/lib/i18n/dict.ts';
import { formatCompact, formatCount, formatMoney, formatNumber, formatRate, rawValue } from '../../src/lib/format.ts';
import { CATALOGUE } from '../../src/lib/metrics.ts';
import { resolveSelection, searchOf, toSearch } from '../../src/lib/report/selection.ts';

describe('display formatting (never arithmetic on a metric)', () => {
  test.each([
    [formatCount(1234567), '1,234,567'],
    [formatCount(0), '0'],
    [formatCount(null), '—'],
    // money is regrouped from its exact text, not re-rounded through a float
    [formatMoney('1234567.50'), '¥1,234,567.50'],
    [formatMoney('90071992547409.99'), '¥90,071,992,547,409.99'],
    [formatMoney('-12.30'), '-¥12.30'],
    [formatMoney('0.00'), '¥0.00'],
    [formatMoney(null), '—'],
    [formatRate(0.95123), '95.1%'],
    [formatRate(1), '100.0%'],
    [formatRate(null), '—'],
    [formatNumber(277), '277'],
    [formatNumber(1234.5), '1,234.5'],
    [formatNumber(28.25, 1, 1), '28.3'],
    // Through Intl.NumberFormat: the same texts as before, worked by hand.
    [formatCount(-12.7), '-12'], // the fraction is cut, not rounded
    [formatCount(9007199254740993), '9,007,199,254,740,992'], // 2^53 + 1 is the float 2^53: a count is a number
    [formatMoney('12345678901234567.5'), '¥12,345,678,901,234,567.50'], // beyond 2^53, exact: digits grouped, never a float
    [formatMoney('1.234'), '¥1.234'], // decimals as written, not re-rounded
    [formatRate(-0.00001), '-0.0%'], // −0.001 % to one decimal
    [formatRate(-0), '0.0%'],
    [formatNumber(0.125, 2), '0.13'], // 0.125 is exact in binary: half away from zero
    [formatNumber(1.005, 2), '1.01'], // rounds the value as written (1.005, as the JSON shows it) half up, like Excel — not toFixed's binary 1.00499…
    [formatNumber(1.004, 2), '1'], // 1.00, trailing zeros dropped
    [formatNumber(-1234.567, 2), '-1,234.57'],
    [formatNumber(-0.001, 2), '0'], // rounds to zero: no sign
    [formatNumber(2, 2, 2), '2.00'],
  ])('%s = %s', (got, want) => expect(got).toBe(want));

  test.each([
    [9999, 'zh', '9,999'], // below 1万: the whole number
    [12345, 'zh', '1.2万'], // 1.2345万 to one decimal
    [150000, 'zh', '15万'],
    [99950000, 'zh', '9995万'], // 9995.0000万: still 万 below 1亿
    [123456789, 'zh', '1.2亿'], // 1.23456789亿
    [-12345, 'zh', '-1.2万'],
    [12345, 'en', '12.3K'], // 12.345 thousand
    [123456789, 'en', '123.5M'], // 123.456789 million
  ] as const)('compact %d (%s) = %s', (v, lng, want) => expect(formatCompact(v, lng)).toBe(want));
  test('compact of no value', () => expect(formatCompact(null)).toBe('—'));

  test('data-value is the CLI JSON value as text', () => {
    expect(rawValue(1858)).toBe('1858');
    expect(rawValue(0.1 + 0.2)).toBe(JSON.stringify(0.1 + 0.2));
    expect(rawValue('267307.35')).toBe('267307.35');
    expect(rawValue(null)).toBe('null');
  });
});

describe('dictionary', () => {
  test('every catalogued metric has a label in both languages', () => {
    for (const id of CATALOGUE.keys()) {
      expect(DICT.zh[`metric.${id}` as keyof typeof DICT.zh], id).toBeTruthy();
      expect(DICT.en[`metric.${id}` as keyof typeof DICT.en], id).toBeTruthy();
    }
  });
  test('zh and en have the same keys', () => {
    expect(Object.keys(DICT.en).sort()).toEqual(Object.keys(DICT.zh).sort());
  });
});

describe('selection from the URL', () => {
  const periods = [
    { period: '2026-10', orders: 9, is_complete: true, is_default: true },
    { period: '2026-09', orders: 9, is_complete: true, is_default: false },
  ];
  const branches = [{ branch_id: 'B01', branch_name: '上海分公司', level: 'branch', parent_id: 'C1', depth: 2 }];
  test('known values are kept', () => {
    expect(resolveSelection({ period: '2026-09', branch: 'B01' }, periods, branches)).toEqual({
      selection: { period: '2026-09', branch: 'B01' },
      problems: {},
    });
  });
  test('unknown ones fall back to the default month and the whole company, and say so', () => {
    expect(resolveSelection({ period: '2030-01', branch: 'ZZ' }, periods, branches)).toEqual({
      selection: { period: '2026-10', branch: null },
      problems: { period: '2030-01', branch: 'ZZ' },
    });
  });
  test('query string', () => {
    expect(toSearch({ period: '2026-10', branch: null })).toBe('?period=2026-10');
    expect(toSearch({ period: '2026-10', branch: 'B01' })).toBe('?period=2026-10&branch=B01');
    // A page's own keys follow, in the order given; a default (null / empty) is left out of the address.
    expect(toSearch({ period: '2026-10', branch: null }, { quarter: null, qa: '3' })).toBe('?period=2026-10&qa=3');
    expect(searchOf({ year: '2025', branch: 'C1', sort: '', dir: undefined })).toBe('?year=2025&branch=C1');
  });
});
