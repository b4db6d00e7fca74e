/**
 * Save a table's export rows as .xlsx — the twin of downloadCsv (csv-export.ts): the same rows, typed
 * cells (src/lib/xlsx-export.ts), a blob URL so nothing leaves the machine. Shared by every page.
 */
import type { ExportValue } from '../lib/xlsx-export.ts';

/** Save `rows` (first row = header) as `<csvName without .csv>.xlsx`, one sheet named `sheet`. */
export async function downloadXlsx(csvName: string, rows: readonly (readonly ExportValue[])[], sheet?: string): Promise<void> {
  // Loaded on the first click: the writer stays out of the pages' start-up code.
  const { xlsxBlob, xlsxFilename } = await import('../lib/xlsx-export.ts');
  const blob = await xlsxBlob(rows, sheet ?? csvName.replace(/\.csv$/i, ''));
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = xlsxFilename(csvName);
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Whether a clicked export button asks for .xlsx (`data-export="xlsx"`) rather than CSV. */
export const wantsXlsx = (button: Element | null): boolean => button?.getAttribute('data-export') === 'xlsx';
