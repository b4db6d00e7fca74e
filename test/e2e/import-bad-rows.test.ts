/**
 * A file with bad rows: the report before anything is replaced — rows read, loaded, rejected by
 * reason (loaded + rejected = read), the orphan, the rejected rows as a downloadable CSV (UTF-8 with
 * BOM, line numbers and reasons) — and cancel leaves the reports on the data they had.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readCsv } from '../../src/lib/import/csv.ts';
import { metricValue, reportReady, startSession, watchedPage, type Session, type Watched } from './browser.ts';
import { addFiles, badge, check, expectPrivateAndClean, openImport } from './import-helpers.ts';

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

test('the report: counts add up, rejected by reason, the orphan', async () => {
  const p = w.page;
  await openImport(p);
  await addFiles(p, ['service_orders_bad.csv', '网点.csv']);
  const r = await check(p);
  // service_orders_bad.csv: 11 records, 4 load, 7 rejected; 网点.csv: 17 branches.
  expect(r).toEqual({ read: 28, loaded: 21, rejected: 7, orphans: 1 });
  expect(r.loaded + r.rejected).toBe(r.read);
  const row = p.locator('#import-report-table tr[data-file="service_orders_bad.csv"]');
  expect([await row.getAttribute('data-read'), await row.getAttribute('data-loaded'), await row.getAttribute('data-rejected')]).toEqual(['11', '4', '7']);
  const codes = await p.locator('#import-reasons li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['code']).sort());
  expect(codes).toEqual(['bad_enum', 'bad_number', 'bad_timestamp', 'duplicate_key', 'required_empty', 'too_many_fields', 'unterminated_quote']);
  const lines = await p.locator('#import-rejected-table tbody tr td:nth-child(2)').allTextContents();
  expect(lines).toEqual(['3', '4', '5', '6', '7', '10', '13']);
  expect(await p.locator('#import-orphans-table tbody tr').count()).toBe(1);
  expect(await p.locator('#import-orphans-table tbody').textContent()).toContain('unknown branch_id: B99');
});

test('the rejected rows download as a CSV with BOM, line numbers, reasons and the rows as written', async () => {
  const p = w.page;
  const [download] = await Promise.all([p.waitForEvent('download'), p.click('#import-download')]);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const records = [...readCsv(bytes.subarray(3).toString('utf8'))].map((r) => r.fields);
  expect(records[0]).toEqual(['文件', '行号', '列', '原因代码', '原因', '原始记录']);
  const body = records.slice(1);
  expect(body.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
    ['service_orders_bad.csv', '3', 'called_at', 'bad_timestamp'],
    ['service_orders_bad.csv', '4', 'service_type', 'bad_enum'],
    ['service_orders_bad.csv', '5', 'order_id', 'duplicate_key'],
    ['service_orders_bad.csv', '6', '', 'too_many_fields'],
    ['service_orders_bad.csv', '7', 'branch_id', 'required_empty'],
    ['service_orders_bad.csv', '10', 'labor_hours', 'bad_number'],
    ['service_orders_bad.csv', '13', '', 'unterminated_quote'],
  ]);
  expect(body[0]![4]).toBe('not a date: 2026-13-01 10:00:00');
  expect(body[0]![5]).toBe('S2,B01,repair,2026-13-01 10:00:00,,,,,open');
});

test('cancel: nothing is replaced, the reports stay on the sample', async () => {
  const p = w.page;
  const before = await metricValue(p, 'orders.received');
  await p.click('#import-cancel');
  await p.click('#import-close');
  await p.reload();
  await reportReady(p);
  expect(await badge(p)).toMatchObject({ source: 'sample' });
  expect(await metricValue(p, 'orders.received')).toBe(before);
});

test('no console error and no request off the page origin', () => {
  expectPrivateAndClean(w, new URL(s.server.url).origin);
});
