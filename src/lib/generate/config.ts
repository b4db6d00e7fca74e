/** The `config.json` written beside the sample data: docs/metrics.md#configuration shape with its defaults. */
import { SPRING_FESTIVAL, dayNumber, dayString, parseDay } from './dates.ts';

/** The configuration (docs/metrics.md#configuration) as the generator writes it. */
export interface SampleConfig {
  /** Our addition to docs/metrics.md#configuration: the company name printed in report headers. */
  company_name: string;
  working_hours: { start: string; end: string; workdays: number[]; holidays: string[]; extra_workdays: string[] };
  zones: Record<string, { hours: number } | { by_contract: true }>;
  repeat_window_days: number;
  complaint_limit_days: { domestic: number; foreign: number };
  targets: Record<string, { min: number } | { max: number }>;
}

/**
 * Default configuration for data spanning the given years: working hours 08:30–17:30 every day,
 * holidays = Spring Festival (New Year's day and the two days after) and National Day 10-01..10-03.
 */
export function defaultConfig(firstYear: number, lastYear: number): SampleConfig {
  const holidays: string[] = [];
  for (let y = firstYear; y <= lastYear; y++) {
    const sf = SPRING_FESTIVAL[y];
    if (!sf) throw new Error(`no Spring Festival date tabulated for ${y}`);
    const first = parseDay(sf);
    const national = dayNumber(y, 10, 1);
    // Keep the list sorted: Spring Festival always falls before October.
    for (const day of [first, first + 1, first + 2, national, national + 1, national + 2]) holidays.push(dayString(day));
  }
  return {
    company_name: '华信电器股份有限公司（示例）',
    working_hours: { start: '08:30', end: '17:30', workdays: [1, 2, 3, 4, 5, 6, 7], holidays, extra_workdays: [] },
    zones: { urban: { hours: 6 }, suburban: { hours: 7 }, remote: { by_contract: true } },
    repeat_window_days: 30,
    complaint_limit_days: { domestic: 13, foreign: 17 },
    targets: {
      'response.on_time_rate': { min: 0.95 },
      'response.reply_24h_rate': { min: 0.98 },
      'install.within_2d_rate': { min: 0.95 },
      'repair.next_day_rate': { min: 0.9 },
      'resolution.same_day_rate': { min: 0.8 },
      'repeat.rate': { max: 0.05 },
      'complaints.rate_per_100': { max: 1.0 },
      'complaints.on_time_close_rate': { min: 0.9 },
      'satisfaction.coverage': { min: 1.0 },
      'satisfaction.response_rate': { min: 0.7 },
      'satisfaction.satisfied_rate': { min: 0.9 },
      'report.completeness_rate': { min: 0.95 },
    },
  };
}

/** Seconds after midnight of `HH:MM`. */
export function clockSeconds(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60;
}

/** Zone → arrival standard in seconds (null = by contract, no standard without promised_at). */
export function zoneStandards(config: SampleConfig): Record<string, number | null> {
  return Object.fromEntries(Object.entries(config.zones).map(([zone, z]) => [zone, 'hours' in z ? z.hours * 3600 : null]));
}
