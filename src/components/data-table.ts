/**
 * Tables drawn from rows and a column list: text left, numbers right-aligned in tabular figures, null as
 * "—". Each cell also carries its export value (`data-csv`: money without ¥ and separators, rates as
 * "95.1%", full timestamps), so the CSV of a table (csv-export.ts) is the same data Excel can compute on.
 */
import type { CsvValue } from './csv-export.ts';
import { toCsv } from './csv-export.ts';
import { formatValue, NULL_TEXT, type ValueKind } from '../lib/format.ts';

/** How a cell is written: a metric value kind, plain text, or a wall-clock timestamp ("YYYY-MM-DD HH:MM:SS"). */
export type CellKind = ValueKind | 'text' | 'datetime';

export interface Column<R> {
  label: string;
  kind: CellKind;
  value: (row: R) => unknown;
  /** Shown text instead of the formatted value (e.g. a translated enum). */
  text?: (row: R) => string | null;
  /** Exported value instead of the default (e.g. id and name together). */
  csv?: (row: R) => CsvValue;
  /** Attributes of the cell (e.g. data-metric / data-branch / data-value for tests). */
  attrs?: (row: R) => Record<string, string> | null;
  /** Header tooltip. */
  title?: string;
}

const isNumberKind = (k: CellKind): boolean => k !== 'text' && k !== 'datetime';

/** The export value of `v` shown as `kind`. */
export function csvValue(v: unknown, kind: CellKind): CsvValue {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'rate':
      return typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : null;
    case 'money':
      return String(v);
    case 'count':
      return typeof v === 'number' ? Math.trunc(v) : null;
    case 'hours':
    case 'score':
    case 'per100':
    case 'number':
      return typeof v === 'number' ? Number(v.toFixed(kind === 'score' ? 3 : 2)) : null;
    default:
      return typeof v === 'boolean' || typeof v === 'number' ? v : String(v);
  }
}

/** The shown text of `v` as `kind`. */
export function cellText(v: unknown, kind: CellKind): string {
  if (v === null || v === undefined || v === '') return NULL_TEXT;
  if (kind === 'text') return String(v);
  // Within one month the year is implied: "10-20 09:00" (the CSV keeps the full timestamp).
  if (kind === 'datetime') return String(v).slice(5, 16);
  return formatValue(v, kind);
}

/** The header row of `columns`. */
export function headerRow<R>(columns: readonly Column<R>[]): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const c of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = c.label;
    if (isNumberKind(c.kind)) th.className = 'num-col';
    if (c.title) th.title = c.title;
    tr.append(th);
  }
  return tr;
}

/** One body row: the first column as a row header. */
export function bodyRow<R>(columns: readonly Column<R>[], row: R): HTMLTableRowElement {
  const tr = document.createElement('tr');
  columns.forEach((c, i) => {
    const cell = document.createElement(i === 0 ? 'th' : 'td');
    if (i === 0) (cell as HTMLTableCellElement).scope = 'row';
    const v = c.value(row);
    const text = c.text?.(row);
    cell.textContent = text ?? cellText(v, c.kind);
    if (isNumberKind(c.kind)) cell.className = 'num-col num';
    if (v === null || v === undefined) cell.classList.add('is-null');
    const csv = c.csv ? c.csv(row) : csvValue(v, c.kind);
    cell.setAttribute('data-csv', csv === null || csv === undefined ? '' : String(csv));
    for (const [k, val] of Object.entries(c.attrs?.(row) ?? {})) cell.setAttribute(k, val);
    tr.append(cell);
  });
  return tr;
}

/**
 * Fill `table` with a header and `rows` (the first `limit` of them when given); `rowClass` adds classes
 * (e.g. a centre's roll-up row); `foot` rows go in <tfoot> (totals).
 */
export function renderTable<R>(
  table: HTMLTableElement,
  columns: readonly Column<R>[],
  rows: readonly R[],
  options: { limit?: number; rowClass?: (row: R) => string; foot?: readonly R[] } = {},
): void {
  const thead = table.tHead ?? table.createTHead();
  thead.replaceChildren(headerRow(columns));
  const body = table.tBodies[0] ?? table.createTBody();
  const shown = options.limit !== undefined ? rows.slice(0, options.limit) : rows;
  body.replaceChildren(
    ...shown.map((r) => {
      const tr = bodyRow(columns, r);
      const cls = options.rowClass?.(r);
      if (cls) tr.className = cls;
      return tr;
    }),
  );
  const foot = table.tFoot;
  if (options.foot?.length) {
    const tf = foot ?? table.createTFoot();
    tf.replaceChildren(
      ...options.foot.map((r) => {
        const tr = bodyRow(columns, r);
        tr.className = 'row-total';
        return tr;
      }),
    );
  } else foot?.remove();
}

/** The CSV of every row (not only those shown), with the column labels as header. */
export function columnsCsv<R>(columns: readonly Column<R>[], rows: readonly R[]): string {
  return toCsv([columns.map((c) => c.label), ...rows.map((r) => columns.map((c) => (c.csv ? c.csv(r) : csvValue(c.value(r), c.kind))))]);
}

/** The export rows of every row (header = the column labels): what the CSV and the .xlsx export hold. */
export function columnsRows<R>(columns: readonly Column<R>[], rows: readonly R[]): CsvValue[][] {
  return [columns.map((c) => c.label), ...rows.map((r) => columns.map((c) => (c.csv ? c.csv(r) : csvValue(c.value(r), c.kind))))];
}
