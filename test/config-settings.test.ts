import { describe, expect, it } from 'vitest';
import { configProblems, ConfigError, isCalendarDate, parseConfig } from '../src/lib/config.ts';
import { CN_HOLIDAYS_SOURCE, statutoryCalendar, statutoryName } from '../src/lib/calendar/cn-holidays.ts';

describe('config validation for the settings panel', () => {
  it('refuses a day that does not exist (Date.parse alone rolls 2026-02-30 over to March 2)', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true); // leap year
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(() => parseConfig('{"working_hours": {"holidays": ["2026-10-01", "2026-02-30"]}}')).toThrow(/working_hours\.holidays\[1\]/);
  });

  it('names the key of the bad value on the error', () => {
    try {
      parseConfig('{"zones": {"urban": {"hours": -6}}}');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).key).toBe('zones.urban.hours');
    }
  });

  it('lists every bad value with its key, not only the first', () => {
    const text = JSON.stringify({
      company_name: '华东售后',
      working_hours: { start: '09:00', end: '08:00', workdays: [1, 2, 8], holidays: ['2026-02-30'], extra_workdays: ['2026-10-10'] },
      zones: { urban: { hours: -1 }, suburban: { hours: 7 } },
      repeat_window_days: -3,
      complaint_limit_days: { domestic: 13, foreign: 'x' },
      targets: { 'response.on_time_rate': { min: 0.95 }, 'repeat.rate': { max: 'low' } },
    });
    expect(configProblems(text).map((p) => p.key)).toEqual([
      'working_hours.end', // 08:00 is not after 09:00
      'working_hours.workdays', // 8 is no weekday
      'working_hours.holidays[0]', // no 30 February
      'zones.urban.hours', // negative hours
      'repeat_window_days',
      'complaint_limit_days.foreign',
      'targets.repeat.rate.max',
    ]);
    expect(configProblems('{"company_name": "x"}')).toEqual([]);
    expect(configProblems('{oops')[0]!.key).toBe('');
  });
});

describe("China's statutory calendar (data file from chinese-days)", () => {
  it("gives 2026's make-up workdays from the State Council notice, and says which years it lacks", () => {
    // 2026 notice: 元旦 1–3 Jan, work Sun 4 Jan; 春节 15–23 Feb, work Sat 14 and Sat 28 Feb; 劳动节 1–5 May,
    // work Sat 9 May; 国庆 1–7 Oct (with 中秋), work Sun 20 Sep and Sat 10 Oct.
    const c = statutoryCalendar([2026, 2027]);
    expect(c.extra_workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(c.holidays).toContain('2026-02-17');
    expect(c.holidays).toContain('2026-10-07');
    expect(c.holidays).not.toContain('2026-10-08');
    expect(statutoryName('2026-10-01')).toBe('国庆节');
    expect(c.missingYears).toEqual([2027]);
    expect(CN_HOLIDAYS_SOURCE.lastYear).toBe(2026);
    // Every date in the file is a real day and parses as config.
    expect(() => parseConfig(JSON.stringify({ working_hours: { holidays: c.holidays, extra_workdays: c.extra_workdays } }))).not.toThrow();
  });
});
