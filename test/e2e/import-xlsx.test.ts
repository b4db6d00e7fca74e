/**
 * An Excel .xlsx dropped on the page (a DataTransfer drop, as from the file manager): the panel opens,
 * the sheet is recognised by its Chinese headers, Excel dates become wall-clock times, the bad row is
 * reported with its sheet row number, and the reports show the rest. Then a ZSTD Parquet file is
 * appended: decoded in the worker by hyparquet (no DuckDB extension, nothing fetched).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { metricValue, reportReady, startSession, watchedPage, type Session, type Watched } from './browser.ts';
import { addFiles, badge, check, confirmImport, expectPrivateAndClean, FIXTURES, openImport, statusOf } from './import-helpers.ts';

const XLSX = 'service_orders_2026-10.xlsx';
let s: Session;
let w: Watched;

beforeAll(async () => {
  s = await startSession();
  w = await watchedPage(s.browser);
  await w.page.goto(s.server.url);
  await reportReady(w.page);
});
afterAll(async () => {
  await s?.close();
});

test('dropping an .xlsx on the page opens the panel and recognises the sheet', async () => {
  const p = w.page;
  const b64 = readFileSync(FIXTURES + XLSX).toString('base64');
  await p.evaluate(
    ([b64, name]) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
      const target = document.querySelector('main') ?? document.body;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [b64, XLSX] as const,
  );
  await p.locator('#import-dialog').waitFor({ state: 'visible' });
  await p.waitForFunction(() => document.querySelector('.imp__file') && !document.querySelector('[data-status="inspecting"]'));
  expect(await statusOf(p, XLSX)).toBe('ready');
  expect(await p.locator(`.imp__file[data-file="${XLSX}"] .imp__file-meta`).textContent()).toContain('XLSX');
});

test('checked and imported: the bad row named by its sheet row, the others in the reports', async () => {
  const p = w.page;
  const r = await check(p);
  // 6 data rows (row 5 is empty); X5 (row 7) has an unknown status.
  expect(r).toEqual({ read: 6, loaded: 5, rejected: 1, orphans: 0 });
  expect(await p.locator('#import-rejected-table tbody tr td:nth-child(2)').allTextContents()).toEqual(['7']);
  await confirmImport(p);
  expect(await badge(p)).toMatchObject({ source: 'user', rows: '5 条记录' });
  expect(new URL(p.url()).searchParams.get('period')).toBe('2026-10');
  expect(await metricValue(p, 'orders.received')).toBe('5'); // X1 X2 X3 X4 X6
  expect(await metricValue(p, 'orders.completed')).toBe('4'); // X1 X2 X4 X6
});

test('a Parquet file (ZSTD, a time-zoned instant) appended in the browser', async () => {
  const p = w.page;
  await openImport(p);
  await addFiles(p, ['service_orders_2026-11.parquet']);
  expect(await statusOf(p, 'service_orders_2026-11.parquet')).toBe('ready');
  await p.check('input[name="import-mode"][value="append"]');
  const r = await check(p);
  expect(r).toEqual({ read: 3, loaded: 3, rejected: 0, orphans: 0 });
  await confirmImport(p);
  expect(await badge(p)).toMatchObject({ source: 'user', rows: '8 条记录' });
  // Latest call 2026-11-04 is not a month end: the default month is October; November is the newest choice.
  await p.selectOption('#period-select', '2026-11');
  await reportReady(p);
  expect(await metricValue(p, 'orders.received')).toBe('3');
  expect(await metricValue(p, 'orders.completed')).toBe('2');
});

test('no console error and no request off the page origin', () => {
  expectPrivateAndClean(w, new URL(s.server.url).origin);
});
