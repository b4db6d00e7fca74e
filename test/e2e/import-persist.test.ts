/**
 * Imported data stays in the browser (IndexedDB): a reload keeps it; append adds a month and refuses
 * keys already imported instead of counting them twice; replace swaps everything; one click returns
 * to the sample.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { metricValue, reportReady, RESULTS, startSession, watchedPage, type Session, type Watched } from './browser.ts';
import { addFiles, badge, check, confirmImport, expectPrivateAndClean, openImport } from './import-helpers.ts';

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

/** orders.received of a month, chosen in the period picker. */
async function received(period: string): Promise<string | null> {
  const p = w.page;
  if ((await p.locator('#period-select').inputValue()) !== period) {
    await p.selectOption('#period-select', period);
    await reportReady(p);
  }
  return metricValue(p, 'orders.received');
}

async function importFiles(names: string[], mode: 'replace' | 'append') {
  const p = w.page;
  await openImport(p);
  await addFiles(p, names);
  await p.check(`input[name="import-mode"][value="${mode}"]`);
  return check(p);
}

test('September, imported: there after a reload', async () => {
  const r = await importFiles(['service_orders_2026-09.csv'], 'replace');
  expect(r).toEqual({ read: 3, loaded: 3, rejected: 0, orphans: 0 });
  // No user data yet: append is not offered.
  expect(await w.page.locator('input[name="import-mode"][value="append"]').isDisabled()).toBe(true);
  await confirmImport(w.page);
  expect(await badge(w.page)).toMatchObject({ source: 'user', rows: '3 条记录' });
  expect(await received('2026-09')).toBe('3');
  await w.page.reload();
  await reportReady(w.page);
  expect(await badge(w.page)).toMatchObject({ source: 'user', rows: '3 条记录' });
  expect(await received('2026-09')).toBe('3');
  expect(await w.page.locator('#source-badge').getAttribute('title')).toContain('service_orders_2026-09.csv');
});

test('append October: the key already imported (A3) is refused, not counted twice', async () => {
  const p = w.page;
  const r = await importFiles(['service_orders_2026-10.csv'], 'append');
  expect(r).toEqual({ read: 4, loaded: 3, rejected: 1, orphans: 0 });
  expect(await p.locator('#import-reasons li[data-code="duplicate_existing"]').textContent()).toContain('1');
  expect(await p.locator('#import-rejected-table tbody').textContent()).toContain('already imported (service_orders_2026-09.csv, line 4)');
  expect(await p.locator('#import-confirm').textContent()).toBe('确认导入（追加）');
  await p.locator('#import-dialog').screenshot({ path: `${RESULTS}import-append.png` });
  await confirmImport(p);
  expect(await badge(p)).toMatchObject({ source: 'user', rows: '6 条记录' });
  expect(await received('2026-10')).toBe('3'); // A4 A5 A6
  expect(await received('2026-09')).toBe('3'); // A1 A2 A3 (A3 once)
  // The data notice keeps the refused row and downloads every such row as CSV (UTF-8 with a BOM).
  expect(await p.locator('#rejected-table tbody tr').count()).toBe(1);
  const line = (await p.locator('#rejected-table tbody tr td:nth-child(2)').textContent())!;
  await p.locator('#data-notice summary').click();
  const [download] = await Promise.all([p.waitForEvent('download'), p.click('[data-notice-csv="rejected"]')]);
  expect(download.suggestedFilename()).toBe('未通过校验的行.csv');
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
  expect(records[0]).toBe('文件,行号,列,原因,原始说明');
  expect(records).toHaveLength(2);
  expect(records[1]!.startsWith(`service_orders_2026-10.csv,${line},`)).toBe(true);
  expect(records[1]).toContain('already imported (service_orders_2026-09.csv, line 4)');
  await openImport(p);
  expect(await p.locator('#import-current li').allTextContents()).toHaveLength(2);
  await p.click('#import-close');
});

test('replace with October alone: September is gone, A3 now comes from the October file', async () => {
  const r = await importFiles(['service_orders_2026-10.csv'], 'replace');
  expect(r).toEqual({ read: 4, loaded: 4, rejected: 0, orphans: 0 });
  await confirmImport(w.page);
  expect(await badge(w.page)).toMatchObject({ source: 'user', rows: '4 条记录' });
  expect(await received('2026-10')).toBe('3');
  expect(await received('2026-09')).toBe('1'); // A3, called 2026-09-29
});

test('one click back to the sample; the imported data is deleted', async () => {
  const p = w.page;
  await openImport(p);
  p.once('dialog', (d) => void d.accept());
  await Promise.all([p.waitForEvent('load'), p.click('#import-back')]);
  await reportReady(p);
  expect(await badge(p)).toMatchObject({ source: 'sample', label: '示例数据' });
  // Deleted, not hidden: the browser's store has no dataset and no stored rows left.
  const left = await p.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const req = indexedDB.open('shouhou-kpi-userdata');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction(['manifests', 'parts']);
          const a = tx.objectStore('manifests').count();
          const b = tx.objectStore('parts').count();
          tx.oncomplete = () => resolve([a.result, b.result]);
        };
      }),
  );
  expect(left).toEqual([0, 0]);
});

test('no console error and no request off the page origin', () => {
  expectPrivateAndClean(w, new URL(s.server.url).origin);
});
