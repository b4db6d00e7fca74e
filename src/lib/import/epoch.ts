/**
 * Number-coded timestamps of foreign exports (mapping file `format`): Excel serial day numbers (1900
 * date system) and Unix epoch seconds / milliseconds. Epoch values are instants: they are shown as the
 * wall-clock time of a named zone, converted with Intl (DuckDB-WASM has no ICU), so the result is the
 * same local text on every machine.
 */
import type { FormatParser } from './formats.ts';

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

/** "YYYY-MM-DD HH:MM:SS" (or the date) of a UTC calendar reading of `ms`. */
function utcText(ms: number, kind: 'timestamp' | 'date'): string {
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  return kind === 'date' ? date : `${date} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Milliseconds from 1899-12-30 (Excel's day 0 once its phantom 1900-02-29, serial 60, is passed) to 1970-01-01. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * Excel serial → wall clock: day 1 = 1900-01-01; the fraction is the time of day, rounded to the
 * second. Excel counts a 1900-02-29 that never was (serial 60): it is refused, and serials below it
 * are one day later than the 1899-12-30 epoch gives.
 */
export function excelParser(kind: 'timestamp' | 'date'): FormatParser {
  const code = kind === 'date' ? 'bad_date' : 'bad_timestamp';
  return (s) => {
    const v = NUMBER.test(s) ? Number(s) : NaN;
    if (!(v >= 1) || v >= 2958466 || Math.floor(v) === 60) return { code, reason: `not an Excel date serial: ${s}` };
    const days = v < 60 ? v + 1 : v;
    const ms = Math.round(days * 86400) * 1000 + EXCEL_EPOCH_MS;
    return utcText(ms, kind);
  };
}

/** Cached Intl formatters by zone (making one is slow). */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = FORMATTERS.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    FORMATTERS.set(zone, f);
  }
  return f;
}

/** Wall-clock text of the instant `ms` in `zone`. */
export function wallClock(ms: number, zone: string, kind: 'timestamp' | 'date'): string {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const date = `${parts['year']}-${parts['month']}-${parts['day']}`;
  return kind === 'date' ? date : `${date} ${parts['hour']}:${parts['minute']}:${parts['second']}`;
}

/** Unix epoch seconds (`unit` 1000 ms) or milliseconds (`unit` 1) → wall clock in `zone`, whole seconds (truncated). */
export function unixParser(unit: 1 | 1000, zone: string, kind: 'timestamp' | 'date'): FormatParser {
  const code = kind === 'date' ? 'bad_date' : 'bad_timestamp';
  const what = unit === 1000 ? 'Unix time in seconds' : 'Unix time in milliseconds';
  return (s) => {
    const v = NUMBER.test(s) ? Number(s) * unit : NaN;
    if (!Number.isFinite(v) || Math.abs(v) > 8.64e15) return { code, reason: `not a ${what}: ${s}` };
    return wallClock(Math.floor(v / 1000) * 1000, zone, kind);
  };
}
