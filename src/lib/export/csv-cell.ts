/**
 * One field of a CSV file people open in a spreadsheet — every export goes through `csvCell` (report
 * tables, drill lists, the rejected-rows files). DOM-free.
 *
 * CSV formula injection (OWASP "CSV Injection"): Excel, WPS and LibreOffice run a cell that starts with
 * `=`, `+`, `-` or `@` as a formula (`@SUM(1+1)*cmd|' /C calc'!A0`), and a leading tab or carriage
 * return can hide such a start. Text that starts so is written with a single quote in front, which the
 * spreadsheet shows as text. Numbers are left alone — a JS number, and text that is a plain number
 * ("-1234.50", "-3.2%"), so a negative amount stays a number Excel can sum.
 */

/** A cell value: null / undefined become an empty field. */
export type CsvValue = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (or hide one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A plain number as text: sign, digits, fraction, exponent, an optional percent sign. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?$/;

/** Text as a spreadsheet should show it: a leading ' before a formula start, unless it is a plain number. */
export function neutralise(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/** One field, neutralised, then quoted when it holds a comma, quote, line break or leading/trailing space (RFC 4180). */
export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? neutralise(v) : String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
