/** Date formats named in the mapping step (src/lib/import/formats.ts) and their use through ImportOptions. */
import { describe, expect, test } from 'vitest';
import { compileFormat, FormatError } from '../../src/lib/import/formats.ts';
import { importCsv } from '../../src/lib/import/import-table.ts';
import { parserFor } from '../../src/lib/import/values.ts';
import { TABLE_BY_NAME } from '../../src/lib/schema.ts';

const col = (table: 'service_orders' | 'costs', name: string) => TABLE_BY_NAME[table].columns.find((c) => c.name === name)!;
const ZONES = { zones: ['urban', 'suburban', 'remote'] };

describe('compileFormat', () => {
  const us = compileFormat('MM/DD/YYYY hh:mm:ss A', 'timestamp');
  test.each([
    ['05/01/2022 12:00:03 AM', '2022-05-01 00:00:03'], // 12 AM is midnight
    ['05/01/2022 12:07:46 PM', '2022-05-01 12:07:46'], // 12 PM is noon
    ['05/01/2022 01:30:00 PM', '2022-05-01 13:30:00'],
    ['5/1/2022 1:30:00 pm', '2022-05-01 13:30:00'], // one-digit month, day, hour; lower case
    ['12/31/2021 11:59:59 PM', '2021-12-31 23:59:59'],
    ['02/29/2024 08:00:00 AM', '2024-02-29 08:00:00'],
    ['05/01/2022  01:00:00.123 AM', '2022-05-01 01:00:00'], // runs of spaces, fraction truncated
  ])('US 12-hour %s → %s', (s, want) => {
    expect(us(s)).toBe(want);
  });

  test.each([
    ['13/01/2022 01:00:00 AM', 'month 13'],
    ['02/29/2023 01:00:00 AM', 'not a leap year'],
    ['05/01/2022 13:00:00 PM', 'hour 13 on a 12-hour clock'],
    ['05/01/2022 00:30:00 AM', 'hour 0 on a 12-hour clock'],
    ['05/01/2022 01:60:00 AM', 'minute 60'],
    ['05/01/2022', 'no time of day'],
    ['2022-05-01 01:00:00', 'another format'],
  ])('refuses %s (%s) with bad_timestamp and the format in the reason', (s) => {
    const v = us(s);
    expect(v).toEqual({ code: 'bad_timestamp', reason: `not a date in format MM/DD/YYYY hh:mm:ss A: ${s}` });
  });

  test('24-hour, day first, Chinese, compact, date only', () => {
    expect(compileFormat('DD/MM/YYYY HH:mm', 'timestamp')('01/05/2022 17:05')).toBe('2022-05-01 17:05:00');
    expect(compileFormat('YYYY年M月D日 HH:mm', 'timestamp')('2026年10月5日 09:30')).toBe('2026-10-05 09:30:00');
    expect(compileFormat('YYYYMMDD HHmmss', 'timestamp')('20261005 093000')).toBe('2026-10-05 09:30:00');
    expect(compileFormat('MM/DD/YYYY hh:mm A', 'timestamp')('10/05/2026 09:30 下午')).toBe('2026-10-05 21:30:00');
    // A format with no time reads a timestamp as midnight; a date column cuts the time off.
    expect(compileFormat('M/D/YYYY', 'timestamp')('2/23/2017')).toBe('2017-02-23 00:00:00');
    expect(compileFormat('MM/DD/YYYY hh:mm:ss A', 'date')('05/01/2022 11:00:00 PM')).toBe('2022-05-01');
    expect(compileFormat('MM/DD/YYYY', 'date')('5/1/2022')).toBe('2022-05-01');
  });

  test('unusable formats are refused with a reason', () => {
    expect(() => compileFormat('MM/YYYY', 'timestamp')).toThrow(FormatError);
    expect(() => compileFormat('MM/DD/YYYY hh:mm', 'timestamp')).toThrow(/12-hour/);
    expect(() => compileFormat('MM/DD/YYYY HH:mm A', 'timestamp')).toThrow(/12-hour/);
    expect(() => compileFormat('DD/DD/YYYY', 'timestamp')).toThrow(/twice/);
  });
});

describe('ImportOptions.formats', () => {
  test('without a format the contract formats stay the default (a US date is refused)', () => {
    const p = parserFor(col('service_orders', 'called_at'), ZONES);
    expect(p('2026/10/5 9:30')).toBe('2026-10-05 09:30:00');
    expect(p('05/01/2022 12:00:03 AM')).toMatchObject({ code: 'bad_timestamp' });
  });

  test('with a format: the format first, the contract formats still accepted, the format named when both fail', () => {
    const p = parserFor(col('service_orders', 'called_at'), { ...ZONES, formats: { called_at: 'MM/DD/YYYY hh:mm:ss A' } });
    expect(p('05/01/2022 12:00:03 AM')).toBe('2022-05-01 00:00:03');
    expect(p('2026-10-05 09:30')).toBe('2026-10-05 09:30:00');
    expect(p('yesterday')).toEqual({ code: 'bad_timestamp', reason: 'not a date in format MM/DD/YYYY hh:mm:ss A: yesterday' });
    // Only the named column: another timestamp column keeps the contract formats.
    const q = parserFor(col('service_orders', 'completed_at'), { ...ZONES, formats: { called_at: 'MM/DD/YYYY hh:mm:ss A' } });
    expect(q('05/01/2022 12:00:03 AM')).toMatchObject({ code: 'bad_timestamp' });
  });

  test('a date column (costs.date) with a day-first format', () => {
    const p = parserFor(col('costs', 'date'), { ...ZONES, formats: { date: 'DD.MM.YYYY' } });
    expect(p('05.10.2026')).toBe('2026-10-05');
    expect(p('32.10.2026')).toEqual({ code: 'bad_date', reason: 'not a date in format DD.MM.YYYY: 32.10.2026' });
  });

  test('through importCsv: rows read = loaded + rejected, times in canonical form', () => {
    const csv = [
      'order_id,branch_id,service_type,called_at,completed_at,status',
      'N1,NYPD,repair,05/01/2022 12:00:03 AM,05/01/2022 12:07:46 AM,completed',
      'N2,NYPD,repair,05/01/2022 01:15:00 PM,,open',
      'N3,NYPD,repair,05/32/2022 01:15:00 PM,,open',
    ].join('\n');
    const t = importCsv('nyc.csv', new TextEncoder().encode(csv), {
      ...ZONES,
      formats: { called_at: 'MM/DD/YYYY hh:mm:ss A', completed_at: 'MM/DD/YYYY hh:mm:ss A' },
    });
    expect(t.rows.map((r) => [r[0], r[t.columns.indexOf('called_at')], r[t.columns.indexOf('completed_at')]])).toEqual([
      ['N1', '2022-05-01 00:00:03', '2022-05-01 00:07:46'],
      ['N2', '2022-05-01 13:15:00', null],
    ]);
    expect(t.rejected).toEqual([
      { file: 'nyc.csv', line: 4, column: 'called_at', code: 'bad_timestamp', reason: 'not a date in format MM/DD/YYYY hh:mm:ss A: 05/32/2022 01:15:00 PM' },
    ]);
    expect(t.rows.length + t.rejected.length).toBe(t.rowsRead);
  });
});
