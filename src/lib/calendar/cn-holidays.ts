/**
 * China's statutory holidays and 调休 make-up workdays, for the working calendar (config.json
 * working_hours.holidays / extra_workdays), so nobody types the State Council's notice by hand. The
 * data file cn-holidays.json is kept in the repository: taken from the chinese-days package (its
 * `source`), covering `first_year`…`last_year`; a year past it is reported as missing, never guessed.
 * Refresh it from a newer chinese-days when the State Council publishes the next year's notice.
 * DOM-free; no network.
 */
import data from './cn-holidays.json' with { type: 'json' };

/** Where the dates come from, and the years they cover. */
export const CN_HOLIDAYS_SOURCE: { source: string; firstYear: number; lastYear: number } = {
  source: data.source,
  firstYear: data.first_year,
  lastYear: data.last_year,
};

/** The statutory days off and make-up workdays of `years`, and the years the data does not cover. */
export function statutoryCalendar(years: readonly number[]): { holidays: string[]; extra_workdays: string[]; missingYears: number[] } {
  const want = new Set(years.map(String));
  const pick = (days: Record<string, string>) =>
    Object.keys(days)
      .filter((d) => want.has(d.slice(0, 4)))
      .sort();
  return {
    holidays: pick(data.holidays as Record<string, string>),
    extra_workdays: pick(data.extra_workdays as Record<string, string>),
    missingYears: [...new Set(years)].filter((y) => y < data.first_year || y > data.last_year).sort((a, b) => a - b),
  };
}

/** The name of a statutory day (元旦, 春节 …), or null. */
export function statutoryName(day: string): string | null {
  return (data.holidays as Record<string, string>)[day] ?? (data.extra_workdays as Record<string, string>)[day] ?? null;
}
