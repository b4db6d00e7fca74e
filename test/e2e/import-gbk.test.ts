/**
 * Bring your own data: a GBK CSV with Chinese headers (and a branches file) is recognised by its
 * headers with no mapping, checked, imported, and the reports then show it — with the strict CSP
 * intact and no request leaving the page's origin.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { metricValue, reportReady, RESULTS, startSession, watchedPage, type Session, type Watched } from './browser.ts';
import { addFiles, badge, check, confirmImport, expectPrivateAndClean, openImport, statusOf } from './import-helpers.ts';

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

test('the page states that nothing leaves the machine, and its CSP allows no other origin', async () => {
  const csp = await w.page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("default-src 'self'");
  expect(await badge(w.page)).toMatchObject({ source: 'sample', label: '示例数据' });
  await openImport(w.page);
  expect(await w.page.locator('.imp__privacy').textContent()).toContain('不会上传到任何服务器');
});

test('a GBK CSV with Chinese headers and a branches file: recognised, checked, imported', async () => {
  await addFiles(w.page, ['工单_2026年10月.csv', '网点.csv']);
  expect(await statusOf(w.page, '工单_2026年10月.csv')).toBe('ready');
  expect(await statusOf(w.page, '网点.csv')).toBe('ready');
  expect(await w.page.locator('.imp__file[data-file="工单_2026年10月.csv"] .imp__file-meta').textContent()).toContain('GB18030');
  expect(await w.page.locator('.imp__file[data-file="工单_2026年10月.csv"] select').inputValue()).toBe('service_orders');
  expect(await w.page.locator('.imp__file[data-file="网点.csv"] select').inputValue()).toBe('branches');
  const r = await check(w.page);
  expect(r).toEqual({ read: 57, loaded: 57, rejected: 0, orphans: 0 });
  await w.page.locator('#import-dialog').screenshot({ path: `${RESULTS}import-gbk-report.png` });
  await confirmImport(w.page);
  expect(await badge(w.page)).toMatchObject({ source: 'user', label: '导入的数据', rows: '57 条记录' });
  // The fixture's 40 orders were called 2026-10-01…03; 4 are cancelled: 36 received (docs/metrics.md#metrics).
  expect(new URL(w.page.url()).searchParams.get('period')).toBe('2026-10');
  expect(await metricValue(w.page, 'orders.received')).toBe('36');
  expect(await w.page.locator('#branch-select option').count()).toBe(18); // 全公司 + 17 branches of 网点.csv
  await w.page.screenshot({ path: `${RESULTS}import-gbk-page.png` });
});

test('no console error and no request off the page origin during the whole import', () => {
  expectPrivateAndClean(w, new URL(s.server.url).origin);
});
