/**
 * Hostile input, issue 22 item 2: every config.json key is bounds-checked, and the error names the key
 * (src/lib/config.ts CONFIG_LIMITS).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/lib/config.ts';

/** The ConfigError message for a config text. */
function error(text: string): string {
  try {
    parseConfig(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error(`accepted: ${text}`);
}

describe('config bounds', () => {
  const cases: [string, string][] = [
    ['{"working_hours": {"holidays": ["2026-02-29"]}}', 'working_hours.holidays[0]'], // 2026 is no leap year
    ['{"working_hours": {"extra_workdays": ["2026-04-31"]}}', 'working_hours.extra_workdays[0]'],
    ['{"working_hours": {"holidays": ["9999-01-01"]}}', 'working_hours.holidays[0]'],
    ['{"working_hours": {"start": "09:00", "end": "09:00"}}', 'working_hours.end'],
    ['{"working_hours": {"start": "25:00"}}', 'working_hours.start'],
    ['{"working_hours": {"workdays": [1,2,3,4,5,6,7,1]}}', 'working_hours.workdays'],
    ['{"working_hours": {"workdays": [0]}}', 'working_hours.workdays'],
    ['{"zones": {"urban": {"hours": 1e9}}}', 'zones.urban.hours'],
    ['{"zones": {"": {"hours": 1}}}', 'zones.'],
    ['{"repeat_window_days": -1}', 'repeat_window_days'],
    ['{"repeat_window_days": 1e300}', 'repeat_window_days'],
    ['{"complaint_limit_days": {"foreign": -17}}', 'complaint_limit_days.foreign'],
    ['{"targets": {"response.on_time_rate": {"min": 1e300}}}', 'targets.response.on_time_rate.min'],
    ['{"targets": {"response.on_time_rate": {"min": 0.9, "max": 0.5}}}', 'targets.response.on_time_rate.max'],
    ['{"min_cases": 0}', 'min_cases'],
    ['{"min_cases": 1e12}', 'min_cases'],
    [`{"company_name": "${'公'.repeat(201)}"}`, 'company_name'],
  ];
  for (const [text, key] of cases) {
    it(`refuses ${text.length > 70 ? text.slice(0, 70) + '…' : text} naming ${key}`, () => {
      expect(error(text)).toMatch(new RegExp(`^config\\.json: ${key.replace(/[.[\]]/g, '\\$&')} must be `));
    });
  }

  it('accepts the ends of the ranges and a real 29 February', () => {
    const c = parseConfig(
      '{"working_hours": {"holidays": ["2024-02-29", "1900-01-01", "2199-12-31"]}, "repeat_window_days": 3660, "complaint_limit_days": {"domestic": 0, "foreign": 3660}, "min_cases": 1000000}',
    );
    expect(c.working_hours.holidays).toEqual(['2024-02-29', '1900-01-01', '2199-12-31']);
    expect(c.complaint_limit_days).toEqual({ domestic: 0, foreign: 3660 });
  });

  it("a zone named __proto__ stays a zone (not the object's prototype)", () => {
    const c = parseConfig('{"zones": {"__proto__": {"hours": 3}, "urban": {"hours": 6}}}');
    expect(Object.keys(c.zones)).toEqual(['__proto__', 'urban']);
  });

  it('a list of 110,001 holidays is refused before any date is read', () => {
    const text = JSON.stringify({ working_hours: { holidays: Array.from({ length: 110_001 }, () => '2026-10-01') } });
    expect(error(text)).toBe('config.json: working_hours.holidays must be a list of at most 110000 dates, got "110001 dates"');
  });
});
