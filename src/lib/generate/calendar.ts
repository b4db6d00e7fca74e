/** Working-hours calendar of docs/metrics.md#configuration / rule 3, used to place arrivals in working time. */
import type { SampleConfig } from './config.ts';
import { clockSeconds } from './config.ts';
import { DAY, isoWeekday, parseDay } from './dates.ts';

/** Working-day and working-second arithmetic over naive timestamps (seconds). */
export interface Calendar {
  /** Window start / end in seconds after midnight. */
  winStart: number;
  winEnd: number;
  isWorkday(day: number): boolean;
  /** The earliest t with working_seconds(from, t) ≥ seconds (a call outside the window starts at the next window start). */
  addWorking(from: number, seconds: number): number;
  /** The first working day on or after `day`. */
  nextWorkday(day: number): number;
}

/** The calendar of a config's working_hours. */
export function createCalendar(config: SampleConfig): Calendar {
  const wh = config.working_hours;
  const winStart = clockSeconds(wh.start);
  const winEnd = clockSeconds(wh.end);
  const holidays = new Set(wh.holidays.map(parseDay));
  const extra = new Set(wh.extra_workdays.map(parseDay));
  const workdays = new Set(wh.workdays);
  // docs/metrics.md#configuration: extra_workdays win over holidays, which win over the weekday rule.
  const isWorkday = (day: number): boolean => extra.has(day) || (!holidays.has(day) && workdays.has(isoWeekday(day)));
  const nextWorkday = (day: number): number => {
    while (!isWorkday(day)) day++;
    return day;
  };
  const addWorking = (from: number, seconds: number): number => {
    let day = Math.floor(from / DAY);
    let sod = from - day * DAY;
    let left = seconds;
    for (;;) {
      if (isWorkday(day)) {
        const start = Math.max(sod, winStart);
        if (start <= winEnd) {
          const avail = winEnd - start;
          // `<=`: a standard that uses up the window exactly ends at the window end (rule 3).
          if (left <= avail && (left > 0 || start < winEnd)) return day * DAY + start + left;
          left -= avail;
        }
      }
      day++;
      sod = 0;
    }
  };
  return { winStart, winEnd, isWorkday, addWorking, nextWorkday };
}
