/**
 * Date formats a user names for a column of a foreign export (issue 6, column mapping), e.g. the US
 * `MM/DD/YYYY hh:mm:ss A` of NYC 311. Without a format the contract formats apply (values.ts); with one,
 * a value is read by the format first and by the contract formats second (a file may mix them).
 *
 * Tokens: YYYY, YY (two digits: 00–68 → 20YY, 69–99 → 19YY), MM / M (month, 1–2 digits), DD / D (day),
 * HH / H (hour 0–23), hh / h (hour 1–12, needs A), mm / m (minute), ss / s (second, optional fraction
 * truncated), A / AM / PM / a (AM, PM, 上午, 下午).
 * Any other character is literal; a space matches any run of white space. A format with no time
 * tokens reads a timestamp as midnight.
 */
import type { ValueError } from './values.ts';

/** A compiled format: text → canonical "YYYY-MM-DD HH:MM:SS" (or "YYYY-MM-DD" for dates), or a reason. */
export type FormatParser = (s: string) => string | ValueError;

type Field = 'year' | 'year2' | 'month' | 'day' | 'hour24' | 'hour12' | 'minute' | 'second' | 'meridiem';

const TOKENS: [string, Field, string][] = [
  ['YYYY', 'year', '(\\d{4})'],
  ['YY', 'year2', '(\\d{2})'],
  ['MM', 'month', '(\\d{1,2})'],
  ['M', 'month', '(\\d{1,2})'],
  ['DD', 'day', '(\\d{1,2})'],
  ['D', 'day', '(\\d{1,2})'],
  ['HH', 'hour24', '(\\d{1,2})'],
  ['H', 'hour24', '(\\d{1,2})'],
  ['hh', 'hour12', '(\\d{1,2})'],
  ['h', 'hour12', '(\\d{1,2})'],
  ['mm', 'minute', '(\\d{2})'],
  ['m', 'minute', '(\\d{1,2})'],
  ['ss', 'second', '(\\d{2})(?:\\.\\d+)?'],
  ['s', 'second', '(\\d{1,2})(?:\\.\\d+)?'],
  ['AM', 'meridiem', '(AM|PM|am|pm|上午|下午)'],
  ['PM', 'meridiem', '(AM|PM|am|pm|上午|下午)'],
  ['A', 'meridiem', '(AM|PM|am|pm|上午|下午)'],
  ['a', 'meridiem', '(AM|PM|am|pm|上午|下午)'],
];

/** Formats offered in the mapping step (the contract formats need none). */
export const COMMON_FORMATS = [
  'MM/DD/YYYY hh:mm:ss A',
  'MM/DD/YYYY hh:mm A',
  'MM/DD/YYYY HH:mm:ss',
  'MM/DD/YYYY HH:mm',
  'MM/DD/YYYY',
  'DD/MM/YYYY HH:mm:ss',
  'DD/MM/YYYY HH:mm',
  'DD/MM/YYYY',
  'DD.MM.YYYY HH:mm:ss',
  'DD.MM.YYYY',
  'YYYY年M月D日 HH:mm:ss',
  'YYYY年M月D日 HH:mm',
  'YYYY年M月D日',
  'YYYYMMDD HHmmss',
  'YYYYMMDD',
] as const;

/** Why a format string cannot be used (thrown by compileFormat). */
export class FormatError extends Error {}

const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

/**
 * Compile `format` for a column of `kind` ('timestamp' or 'date'). Throws FormatError when the format
 * lacks a year, month or day, repeats a field, or mixes a 12-hour clock without A (or A without it).
 */
export function compileFormat(format: string, kind: 'timestamp' | 'date'): FormatParser {
  const fields: Field[] = [];
  let re = '';
  for (let i = 0; i < format.length; ) {
    const hit = TOKENS.find(([tok]) => format.startsWith(tok, i));
    if (hit) {
      if (fields.includes(hit[1])) throw new FormatError(`${hit[0]} appears twice in ${format}`);
      fields.push(hit[1]);
      re += hit[2];
      i += hit[0].length;
    } else if (/\s/.test(format[i]!)) {
      re += '\\s+';
      while (i < format.length && /\s/.test(format[i]!)) i++;
    } else {
      re += escape(format[i]!);
      i++;
    }
  }
  if (fields.includes('year') && fields.includes('year2')) throw new FormatError(`both YYYY and YY in ${format}`);
  for (const f of ['month', 'day'] as const) {
    if (!fields.includes(f)) throw new FormatError(`no ${f} in date format ${format}`);
  }
  if (!fields.includes('year') && !fields.includes('year2')) throw new FormatError(`no year in date format ${format}`);
  if (fields.includes('hour12') !== fields.includes('meridiem')) {
    throw new FormatError(`a 12-hour clock (hh) needs AM/PM (A) and the other way round: ${format}`);
  }
  if (fields.includes('hour12') && fields.includes('hour24')) throw new FormatError(`both HH and hh in ${format}`);
  const regex = new RegExp(`^${re}$`);
  const at = (f: Field) => fields.indexOf(f) + 1; // capture group of a field, 0 = absent
  const [gy, gy2, gm, gd, g24, g12, gmin, gs, gap] = (['year', 'year2', 'month', 'day', 'hour24', 'hour12', 'minute', 'second', 'meridiem'] as const).map(at);
  const code = kind === 'date' ? 'bad_date' : 'bad_timestamp';
  const bad = (s: string): ValueError => ({ code, reason: `not a date in format ${format}: ${s}` });

  return (s: string) => {
    const m = regex.exec(s);
    if (!m) return bad(s);
    // Two-digit years pivot at 69: 00–68 are 2000–2068, 69–99 are 1969–1999 (as POSIX strptime %y).
    const y = gy ? +m[gy]! : +m[gy2!]! + (+m[gy2!]! <= 68 ? 2000 : 1900);
    const mo = +m[gm!]!;
    const d = +m[gd!]!;
    if (!validDate(y, mo, d)) return bad(s);
    let hour = 0;
    if (g24) hour = +m[g24]!;
    else if (g12) {
      hour = +m[g12]!;
      if (hour < 1 || hour > 12) return bad(s);
      const pm = /^(pm|下午)$/i.test(m[gap!]!);
      hour = (hour % 12) + (pm ? 12 : 0);
    }
    const minute = gmin ? +m[gmin]! : 0;
    const second = gs ? +m[gs]! : 0;
    if (hour > 23 || minute > 59 || second > 59) return bad(s);
    const date = `${y}-${pad2(mo)}-${pad2(d)}`;
    return kind === 'date' ? date : `${date} ${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
  };
}

/** Whether `format` compiles; the reason when it does not (for the mapping form). */
export function checkFormat(format: string): string | null {
  try {
    compileFormat(format, 'timestamp');
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
