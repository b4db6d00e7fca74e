/**
 * CSV export of any report table (SPEC §6: every table can be exported): UTF-8 with a BOM so Excel opens
 * Chinese text correctly, CRLF line ends, RFC 4180 quoting. Shared by every page.
 *
 * Two ways in: `toCsv(rows)` from values a page already holds (e.g. every row of a drill list, not only
 * the ones on screen), or `tableRows(table)` reading a rendered <table> (header, body and footer rows;
 * a cell's `data-csv` attribute, when present, is exported instead of its text — use it for numbers, so
 * "¥1,234.50" goes out as 1234.50 and Excel sees a number). `downloadCsv` saves the text as a file.
 */

/** A cell value: null / undefined become an empty field. */
export type CsvValue = string | number | boolean | null | undefined;

/** Byte-order mark: tells Excel the file is UTF-8 (without it, Chinese is read as the ANSI code page). */
export const BOM = '\uFEFF';

/** One field, quoted when it holds a comma, quote, line break or leading/trailing space. */
export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV text of `rows` (first row = header), with the BOM. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return BOM + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The text of a cell for export: its `data-csv` when set, else its visible text with whitespace collapsed. */
export function cellText(cell: Element): string {
  const csv = cell.getAttribute('data-csv');
  if (csv !== null) return csv;
  const copy = cell.cloneNode(true) as Element;
  for (const skip of Array.from(copy.querySelectorAll('[data-csv-skip]'))) skip.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Every row of a rendered table (thead, tbody, tfoot in document order), each cell as `cellText`.
 * Rows or cells marked `data-csv-skip` are left out (e.g. a "show all" row).
 */
export function tableRows(table: HTMLTableElement): string[][] {
  const out: string[][] = [];
  // DOM traversal rather than table.rows / tr.cells, so it also runs on server-side DOMs (tests).
  for (const tr of Array.from(table.querySelectorAll('tr'))) {
    if (tr.hasAttribute('data-csv-skip')) continue;
    const cells = Array.from(tr.children).filter((c) => /^T[HD]$/i.test(c.tagName) && !c.hasAttribute('data-csv-skip'));
    const row: string[] = [];
    for (const c of cells) {
      row.push(cellText(c));
      // A spanning cell keeps the columns aligned in the file.
      const span = Number(c.getAttribute('colspan') ?? 1);
      for (let i = 1; i < span; i++) row.push('');
    }
    out.push(row);
  }
  return out;
}

/** A safe file name from parts, e.g. ["月报", "2026-10", "全公司", "迟到工单"] → "月报_2026-10_全公司_迟到工单.csv". */
export function csvFilename(parts: readonly string[]): string {
  const name = parts
    .map((p) => p.trim().replace(/[\\/:*?"<>|\s]+/g, '-'))
    .filter(Boolean)
    .join('_');
  return `${name || 'export'}.csv`;
}

/** Save `csv` as a download named `filename` (a blob URL: nothing leaves the machine). */
export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
