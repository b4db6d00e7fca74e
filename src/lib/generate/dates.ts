/**
 * Naive wall-clock time as integer seconds since 1970-01-01 00:00, computed with UTC arithmetic only
 * (Date.UTC / getUTC*), so the machine's time zone never shifts a timestamp.
 */

export const DAY = 86400;
export const HOUR = 3600;
export const MINUTE = 60;

/** Day number (days since 1970-01-01) of a calendar date; month is 1–12. */
export function dayNumber(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m - 1, d) / 86400000);
}

/** Calendar date of a day number. */
export function dateOf(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * 86400000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** ISO weekday of a day number: Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

const pad2s = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** Two-digit zero-padded number (0–99). */
export const pad2 = (n: number): string => pad2s[n]!;

const dayStrings = new Map<number, string>();

/** `YYYY-MM-DD` of a day number (cached: formatting is on the hot path). */
export function dayString(day: number): string {
  let s = dayStrings.get(day);
  if (s === undefined) {
    const { y, m, d } = dateOf(day);
    s = `${y}-${pad2(m)}-${pad2(d)}`;
    dayStrings.set(day, s);
  }
  return s;
}

/** `YYYY-MM-DD HH:MM:SS` of a naive timestamp in seconds. */
export function formatTimestamp(t: number): string {
  const day = Math.floor(t / DAY);
  let s = t - day * DAY;
  const h = Math.floor(s / HOUR);
  s -= h * HOUR;
  const mi = Math.floor(s / MINUTE);
  return `${dayString(day)} ${pad2(h)}:${pad2(mi)}:${pad2(s - mi * MINUTE)}`;
}

/** Months counted from year 0 (y × 12 + m − 1), so month arithmetic is integer addition. */
export function monthIndex(y: number, m: number): number {
  return y * 12 + m - 1;
}

/** First day number of a month index. */
export function monthStartDay(mi: number): number {
  return dayNumber(Math.floor(mi / 12), (mi % 12) + 1, 1);
}

/** Month index of a day number. */
export function monthOfDay(day: number): number {
  const { y, m } = dateOf(day);
  return monthIndex(y, m);
}

/** `YYMM` of a month index (complaint numbers, order ids). */
export function yymm(mi: number): string {
  return pad2(Math.floor(mi / 12) % 100) + pad2((mi % 12) + 1);
}

/** Parses `YYYY-MM` into a month index, or null. */
export function parseMonth(text: string): number | null {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? monthIndex(Number(m[1]), month) : null;
}

/**
 * Chinese New Year's day (正月初一) by Gregorian year; the lunar calendar has no closed form,
 * so the dates are tabulated. The generator refuses years outside the table.
 */
export const SPRING_FESTIVAL: Record<number, string> = {
  2015: '2015-02-19',
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
};

/** Day number of `YYYY-MM-DD`. */
export function parseDay(text: string): number {
  return dayNumber(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
}
