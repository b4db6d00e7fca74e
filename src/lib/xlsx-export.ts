/**
 * The .xlsx twin of a table's CSV export: the same rows, written as typed cells so Excel (and WPS) can
 * compute on them — numbers as numbers, money as numbers shown with two decimals, rates as fractions
 * shown as %, dates and timestamps as dates. Built in memory with write-excel-file (no network, no
 * DOM: the page saves the Blob). The rows are the CSV export's rows (first row = header), so a table
 * exports the same data both ways.
 */
import writeXlsxFile from 'write-excel-file/universal';
import type { Cell, Row } from 'write-excel-file/universal';

/** A value of an export row (the CSV export's CsvValue). */
export type ExportValue = string | number | boolean | null | undefined;

/** Excel number formats of the typed cells. */
export const XLSX_FORMATS = {
  money: '#,##0.00',
  rate: '0.0%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
} as const;

const MONEY = /^-?\d+\.\d{2}$/;
const PERCENT = /^(-?\d+(?:\.\d+)?)%$/;
const NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d+)?$/; // no leading zero (an id like "007" stays text); ≤ 15 digits
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A wall-clock date as Excel keeps it: a day number without a zone. write-excel-file converts a Date
 * through its UTC fields, so the wall-clock fields are set as UTC (the importer reads .xlsx the same way).
 */
function wallClock(y: string, mo: string, d: string, h = '0', mi = '0', s = '0'): Date {
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

/**
 * The typed cell of one export value. Export values are what the CSV holds: numbers stay numbers;
 * a text is read as the CSV export writes it — "1234.50" (money: two decimals) → 1234.5 shown
 * "#,##0.00", "95.1%" → 0.951 shown "0.0%", "2026-10-20" → a date, "2026-10-20 09:00:00" → a date
 * and time, "-12" / "3.25" → a number; anything else (ids with leading zeros, names, "—") stays text.
 */
export function xlsxCell(v: ExportValue): Cell {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v, type: Number } : null;
  if (typeof v === 'boolean') return { value: v, type: Boolean };
  const s = v.trim();
  let m: RegExpExecArray | null;
  if (MONEY.test(s) && NUMBER.test(s)) return { value: Number(s), type: Number, format: XLSX_FORMATS.money };
  if ((m = PERCENT.exec(s)) && NUMBER.test(m[1]!)) {
    // "95.1%" → 0.951: the digits shifted by two places, not a float division (0.951, not 0.9510000000000001).
    return { value: Number(`${m[1]!}e-2`), type: Number, format: XLSX_FORMATS.rate };
  }
  if (NUMBER.test(s)) return { value: Number(s), type: Number };
  if ((m = DATE.exec(s))) return { value: wallClock(m[1]!, m[2]!, m[3]!), type: Date, format: XLSX_FORMATS.date };
  if ((m = DATETIME.exec(s))) {
    return { value: wallClock(m[1]!, m[2]!, m[3]!, m[4], m[5], m[6] ?? '0'), type: Date, format: XLSX_FORMATS.datetime };
  }
  return { value: v, type: String };
}

/** The sheet of `rows`: the first row is the header (bold text), the others typed cell by cell. */
export function xlsxSheet(rows: readonly (readonly ExportValue[])[]): Row[] {
  return rows.map((r, i) =>
    i === 0 ? r.map((v) => (v === null || v === undefined ? null : { value: String(v), type: String, fontWeight: 'bold' as const })) : r.map(xlsxCell),
  );
}

/** Excel's limit on a sheet name (31 characters, none of \ / ? * [ ] :). */
export function sheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, '-').slice(0, 31) || 'Sheet1';
}

/** The .xlsx file of `rows` (first row = header) as a Blob, one sheet named `sheet`. */
export function xlsxBlob(rows: readonly (readonly ExportValue[])[], sheet = 'Sheet1'): Promise<Blob> {
  return writeXlsxFile(xlsxSheet(rows), { sheet: sheetName(sheet), stickyRowsCount: 1 }).toBlob();
}

/** The .xlsx name of a CSV file name ("月报_2026-10.csv" → "月报_2026-10.xlsx"). */
export const xlsxFilename = (csvName: string): string => `${csvName.replace(/\.csv$/i, '')}.xlsx`;
