/**
 * Tables of the quality page from a column model: each column says how a row's SQL value is shown
 * (formatted, right-aligned numbers) and what goes into the CSV export (the raw value: money as its
 * exact 2-decimal text, counts as integers). Every rendered table registers its export under its id;
 * `[data-csv-for=id]` buttons download it (src/components/csv-export.ts: UTF-8 with BOM), `[data-xlsx-for=id]`
 * buttons the same rows as .xlsx (src/components/xlsx-download.ts).
 */
import type { Row } from '../../lib/db/types.ts';
import { t, type MessageId } from '../../lib/i18n/index.ts';
import { csvFilename, downloadCsv, toCsv, type CsvValue } from '../../components/csv-export.ts';
import { csvValue as sharedCsvValue } from '../../components/data-table.ts';
import { downloadXlsx } from '../../components/xlsx-download.ts';
import { formatCount, formatMoney, formatNumber, formatRate, NULL_TEXT } from '../../lib/format.ts';

/** How a column's values are shown: numbers are right-aligned with tabular digits. */
export type Kind = 'text' | 'count' | 'money' | 'rate' | 'days' | 'hours' | 'share' | 'times';

export interface Column {
  /** Header: a dictionary id, or a function for headers built from data (e.g. a step and its standard). */
  label: MessageId | (() => string);
  kind?: Kind;
  /** The raw value (CSV; and, unless `text` / `node` is given, the formatted cell). */
  value: (r: Row) => unknown;
  /** The cell's text when it is not simply the formatted value (e.g. an enum's name). */
  text?: (r: Row) => string;
  /** A rich cell (replaces `text`). */
  node?: (r: Row) => Node | string;
  /** Extra classes of the cell (e.g. "is-over"). */
  cls?: (r: Row) => string | null | undefined;
  /** Tooltip of the cell. */
  title?: (r: Row) => string | null | undefined;
  /** The CSV value when it differs from `value` (default: an enum's text for text columns). */
  csv?: (r: Row) => CsvValue;
  /** Header cell class. */
  headCls?: string;
}

const NUMERIC: ReadonlySet<Kind> = new Set(['count', 'money', 'rate', 'days', 'hours', 'share', 'times']);

/** A value formatted for its kind ("—" for null). */
export function formatKind(v: unknown, kind: Kind = 'text'): string {
  if (v === null || v === undefined) return NULL_TEXT;
  switch (kind) {
    case 'count':
      return formatCount(v);
    case 'money':
      return formatMoney(v);
    case 'rate':
      return formatRate(v);
    case 'days':
    case 'hours':
      return formatNumber(v, 2, 2);
    case 'share':
      return formatNumber(v, 4);
    case 'times':
      return typeof v === 'number' && Number.isFinite(v) ? `${formatNumber(v, 1, 1)}×` : NULL_TEXT;
    case 'text':
      return String(v);
  }
}

/**
 * The value written to CSV: money text as it is, rates as "95.1%" and counts as integers (the site's
 * convention, src/components/data-table.ts), other numbers with long decimals trimmed.
 */
function csvValue(v: unknown, kind: Kind): CsvValue {
  if (v === null || v === undefined) return null;
  if (kind === 'rate' || kind === 'count' || kind === 'money') return sharedCsvValue(v, kind);
  if (typeof v === 'number') {
    if (kind === 'days' || kind === 'hours' || kind === 'times') return Number(v.toFixed(2));
    if (kind === 'share') return Number(v.toFixed(6));
    return v;
  }
  if (typeof v === 'boolean') return v ? t('q.yes') : t('q.no');
  if (Array.isArray(v)) return v.join(' / ');
  return String(v);
}

const headerText = (c: Column) => (typeof c.label === 'function' ? c.label() : t(c.label));

/** The table's header row. */
function renderHead(table: HTMLTableElement, cols: Column[]): void {
  const tr = document.createElement('tr');
  for (const c of cols) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = headerText(c);
    if (NUMERIC.has(c.kind ?? 'text')) th.className = 'num-col';
    if (c.headCls) th.classList.add(...c.headCls.split(' '));
    tr.append(th);
  }
  table.tHead!.replaceChildren(tr);
}

/** One body row of `r`. */
export function renderRow(cols: Column[], r: Row): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const c of cols) {
    const td = document.createElement('td');
    const kind = c.kind ?? 'text';
    if (NUMERIC.has(kind)) td.className = 'num-col num';
    const extra = c.cls?.(r);
    if (extra) td.classList.add(...extra.split(' '));
    const title = c.title?.(r);
    if (title) td.title = title;
    if (c.node) td.append(c.node(r));
    else td.textContent = c.text ? c.text(r) : formatKind(c.value(r), kind);
    const v = c.value(r);
    if (v === null || v === undefined) td.classList.add('is-null');
    tr.append(td);
  }
  return tr;
}

interface Registered {
  cols: Column[];
  rows: Row[];
  name: () => string[];
}
const exports = new Map<string, Registered>();

/** CSV rows (header first) of a column model over `rows`, in the current language. */
export function csvRows(cols: Column[], rows: Row[]): CsvValue[][] {
  return [
    cols.map(headerText),
    ...rows.map((r) => cols.map((c) => (c.csv ? c.csv(r) : c.text && (c.kind ?? 'text') === 'text' ? c.text(r) : csvValue(c.value(r), c.kind ?? 'text')))),
  ];
}

export interface RenderOptions {
  /** Show at most this many rows (the CSV still has all). */
  limit?: number;
  /** Text when there are no rows (default "本期无记录"). */
  empty?: MessageId;
  /** Class of a row (e.g. "is-flagged"). */
  rowCls?: (r: Row) => string | null | undefined;
  /** Called after each row is built (e.g. to add a click handler). */
  onRow?: (tr: HTMLTableRowElement, r: Row) => void;
  /** Rows placed right after each row (e.g. a hidden detail row; mark it data-csv-skip). */
  after?: (r: Row) => HTMLTableRowElement | null;
  /** Parts of the CSV file name (page, period, branch, table). */
  name: () => string[];
  /** The rows to export when they differ from those shown (default: `rows`, all of them). */
  exportRows?: Row[];
  /** The columns to export when they differ from those shown (e.g. a tree column split in parts). */
  exportCols?: Column[];
  /** The count line: "显示 n / N" when filtering (total = the unfiltered number). */
  total?: number;
  /** Show no rows, only the count and the CSV button (a table too long to read on screen). */
  csvOnly?: boolean;
}

/** Fill table `#id` with `rows` and register its export. */
export function renderTable(id: string, cols: Column[], rows: Row[], opts: RenderOptions): void {
  const table = document.getElementById(id) as HTMLTableElement | null;
  if (!table) throw new Error(`quality page: table #${id} is missing`);
  renderHead(table, cols);
  const body = table.tBodies[0]!;
  const shown = opts.csvOnly ? [] : opts.limit !== undefined ? rows.slice(0, opts.limit) : rows;
  if (opts.csvOnly !== undefined) table.hidden = opts.csvOnly;
  const trs: HTMLTableRowElement[] = [];
  for (const r of shown) {
    const tr = renderRow(cols, r);
    const cls = opts.rowCls?.(r);
    if (cls) tr.classList.add(...cls.split(' '));
    trs.push(tr);
    opts.onRow?.(tr, r);
    const extra = opts.after?.(r);
    if (extra) trs.push(extra);
  }
  if (shown.length === 0 && !opts.csvOnly) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = cols.length;
    td.className = 'q-empty';
    td.textContent = t(opts.empty ?? 'q.none');
    tr.append(td);
    trs.push(tr);
  }
  body.replaceChildren(...trs);
  const count = document.getElementById(`${id}-count`);
  if (count) {
    const total = opts.total ?? rows.length;
    count.textContent = opts.csvOnly
      ? t('q.rows_csv', { total: formatCount(rows.length) })
      : shown.length < rows.length
        ? t('q.rows_top', { shown: formatCount(shown.length), total: formatCount(rows.length) })
        : total !== rows.length
          ? t('q.rows_shown', { shown: formatCount(rows.length), total: formatCount(total) })
          : '';
  }
  exports.set(id, { cols: opts.exportCols ?? cols, rows: opts.exportRows ?? rows, name: opts.name });
  for (const b of document.querySelectorAll<HTMLButtonElement>(`[data-csv-for="${id}"], [data-xlsx-for="${id}"]`)) b.disabled = false;
}

/** Download the registered table `id` as CSV (or as .xlsx: the same rows, typed cells). */
export function exportTable(id: string, xlsx = false): void {
  const e = exports.get(id);
  if (!e) return;
  const rows = csvRows(e.cols, e.rows);
  if (xlsx) void downloadXlsx(csvFilename(e.name()), rows);
  else downloadCsv(csvFilename(e.name()), toCsv(rows));
}

/** One listener for every CSV button of the page. */
export function wireCsvButtons(root: ParentNode = document): void {
  root.addEventListener('click', (ev) => {
    const b = (ev.target as Element | null)?.closest<HTMLElement>('[data-csv-for], [data-xlsx-for]');
    if (b) exportTable((b.dataset['csvFor'] ?? b.dataset['xlsxFor'])!, b.dataset['xlsxFor'] !== undefined);
  });
}
