// Value parsers one by one: canonical output or a reason quoting the value.
import { describe, expect, it } from 'vitest';
import { parseBool, parseDate, parseInt32, parseMoney, parseNumber, parseRating, parseShare, parseTimestamp } from '../../src/lib/import/values.ts';

describe('value parsers', () => {
  it('timestamps: both formats, T, fractions truncated, real calendar only', () => {
    expect(parseTimestamp('2026/2/28 0:05')).toBe('2026-02-28 00:05:00');
    expect(parseTimestamp('2028-02-29T23:59:59.999')).toBe('2028-02-29 23:59:59'); // leap year
    expect(parseTimestamp('2026-02-29 10:00')).toEqual({ code: 'bad_timestamp', reason: 'not a date: 2026-02-29 10:00' });
    expect(parseTimestamp('2026-10-05 10:60')).toEqual({ code: 'bad_timestamp', reason: 'not a time of day: 2026-10-05 10:60' });
    expect(parseTimestamp('2026-10-05')).toEqual({ code: 'bad_timestamp', reason: 'no time of day in timestamp: 2026-10-05' });
    // A zone suffix would need a shift to become wall-clock time: refused, never converted.
    expect(parseTimestamp('2026-10-05T10:00:00Z')).toEqual({ code: 'bad_timestamp', reason: 'not a date: 2026-10-05T10:00:00Z' });
    expect(parseTimestamp('2026-10/05 10:00')).toHaveProperty('code', 'bad_timestamp'); // mixed separators
  });

  it('dates: YYYY-MM-DD, YYYY/M/D, a timestamp cut to its date', () => {
    expect(parseDate('2026/1/9')).toBe('2026-01-09');
    expect(parseDate('2026-10-05 23:59:59')).toBe('2026-10-05');
    expect(parseDate('2026-13-01')).toEqual({ code: 'bad_date', reason: 'not a date: 2026-13-01' });
  });

  it('money: exact string arithmetic, 2 decimals out, more than 2 refused', () => {
    expect(parseMoney('0.10')).toBe('0.10');
    expect(parseMoney('007')).toBe('7.00');
    expect(parseMoney('.5')).toBe('0.50');
    expect(parseMoney('-0')).toBe('0.00');
    expect(parseMoney('￥12,345,678.9')).toBe('12345678.90');
    expect(parseMoney('-¥3')).toBe('-3.00');
    expect(parseMoney('99999999999999999.99')).toEqual({ code: 'bad_money', reason: 'amount too large: 99999999999999999.99' });
    expect(parseMoney('1.234')).toEqual({ code: 'money_decimals', reason: 'more than 2 decimals in amount: 1.234' });
    expect(parseMoney('1,23')).toEqual({ code: 'bad_money', reason: 'not an amount: 1,23' });
  });

  it('numbers and integers', () => {
    expect(parseNumber('1.50')).toBe('1.5');
    expect(parseNumber('1e-05')).toBe('0.00001'); // how DuckDB prints a small DOUBLE from Parquet
    expect(parseNumber('abc')).toEqual({ code: 'bad_number', reason: 'not a number: abc' });
    expect(parseInt32('3.0')).toBe('3');
    expect(parseInt32('3.5')).toEqual({ code: 'bad_int', reason: 'not a whole number: 3.5' });
  });

  it('booleans in English, digits and Chinese', () => {
    expect(['TRUE', '1', 'Yes', 'y', '是'].map(parseBool)).toEqual(['true', 'true', 'true', 'true', 'true']);
    expect(['false', '0', 'NO', 'N', '否'].map(parseBool)).toEqual(['false', 'false', 'false', 'false', 'false']);
    expect(parseBool('maybe')).toEqual({ code: 'bad_bool', reason: 'not a yes/no value: maybe' });
  });

  it('ratings 1–4 and shares 0–1', () => {
    expect(parseRating('4')).toBe('4');
    expect(parseRating('5')).toEqual({ code: 'rating_range', reason: 'rating out of range 1–4: 5' });
    expect(parseRating('good')).toEqual({ code: 'bad_rating', reason: 'not a rating 1–4: good' });
    expect(parseShare('0.25')).toBe('0.25');
    expect(parseShare('1')).toBe('1');
    expect(parseShare('100%')).toBe('1');
    expect(parseShare('0.0000005')).toBe('0.000001'); // 6 decimals, half away from zero
    expect(parseShare('-0.1')).toEqual({ code: 'share_range', reason: 'share out of range 0–1: -0.1' });
    expect(parseShare('1.0001')).toEqual({ code: 'share_range', reason: 'share out of range 0–1: 1.0001' });
  });
});

describe('lookups are not fooled by Object.prototype names', () => {
  it('refuses "constructor" as a boolean or rating', () => {
    expect(parseBool('constructor')).toHaveProperty('code', 'bad_bool');
    expect(parseRating('toString')).toHaveProperty('code', 'bad_rating');
  });
});
