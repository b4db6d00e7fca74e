/**
 * A foreign export through the mapping step: NYC 311 (`Unique Key, Created Date, Closed Date, Agency,
 * Complaint Type, Status, …`, US 12-hour times) onto service_orders — suggested columns and date
 * format, value mapping for the enums — then imported; the mapping is remembered, so the same header
 * set imports in one step the next time.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { metricValue, reportReady, RESULTS, startSession, watchedPage, type Session, type Watched } from './browser.ts';
import { addFiles, badge, check, confirmImport, expectPrivateAndClean, openImport, statusOf } from './import-helpers.ts';

const NYC = 'nyc_311_2022-05-01.csv';
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

test('foreign headers open the mapping step with suggestions, a preview and the US date format', async () => {
  const p = w.page;
  await openImport(p);
  await addFiles(p, [NYC]);
  // Suggested, but Check is blocked: no complaint type is a service type (a required column), so the
  // step says so, with the row count, until they are mapped.
  expect(await statusOf(p, NYC)).toBe('needs_mapping');
  expect(await p.locator(`.imp__file[data-file="${NYC}"] .imp__chip`).textContent()).toMatch(/^必填列 服务类型 的取值全部无法识别（29 行）/);
  expect(await p.locator('#import-check').isDisabled()).toBe(true);
  const m = p.locator(`[data-mapping="${NYC}"]`);
  await m.waitFor();
  expect(await p.locator(`.imp__file[data-file="${NYC}"] .imp__file-row select`).inputValue()).toBe('service_orders');
  const source = (col: string) => m.locator(`select[data-column="${col}"]`).inputValue();
  expect(await source('order_id')).toBe('Unique Key');
  expect(await source('called_at')).toBe('Created Date');
  expect(await source('completed_at')).toBe('Closed Date');
  expect(await source('branch_id')).toBe('Agency');
  expect(await source('service_type')).toBe('Complaint Type');
  expect(await source('status')).toBe('Status');
  expect(await m.locator('select[data-format="called_at"]').inputValue()).toBe('MM/DD/YYYY hh:mm:ss A');
  expect(await m.locator('[data-row="called_at"] .imp__convert').last().textContent()).toMatch(/05\/01\/2022 \d\d:\d\d:\d\d [AP]M → 2022-05-01 \d\d:\d\d:\d\d/);
  // Status values: Closed → completed and In Progress → in_progress are suggested; Open is read as it is.
  expect(await m.locator('[data-values="status"] select[data-value="Closed"]').inputValue()).toBe('completed');
  expect(await m.locator('[data-values="status"] select[data-value="In Progress"]').inputValue()).toBe('in_progress');
  // The preview shows the file's first rows.
  expect(await m.locator('.imp__preview th').first().textContent()).toBe('Unique Key');
  expect(await m.locator('.imp__preview tbody tr').count()).toBe(5);
});

test('enum values mapped by the user; the check loads every row; the reports show them', async () => {
  const p = w.page;
  const m = p.locator(`[data-mapping="${NYC}"]`);
  // 13 complaint types are not service types: map every one to 巡检 (inspection) at once.
  await m.locator('select[data-rest="service_type"]').selectOption('inspection');
  expect(await m.locator('[data-values="service_type"] select[data-value="Rodent"]').inputValue()).toBe('inspection');
  expect(await statusOf(p, NYC)).toBe('suggested');
  // One row's channel is UNKNOWN: leave it empty (channel is optional).
  await m.locator('[data-values="channel"] select[data-value="UNKNOWN"]').selectOption('');
  await p.locator('#import-dialog').screenshot({ path: `${RESULTS}import-mapping.png` });
  const r = await check(p);
  expect(r).toEqual({ read: 29, loaded: 29, rejected: 0, orphans: 0 });
  expect(await p.locator('#import-report').textContent()).toContain('没有网点表');
  await confirmImport(p);
  expect(await badge(p)).toMatchObject({ source: 'user', rows: '29 条记录' });
  expect(new URL(p.url()).searchParams.get('period')).toBe('2022-05');
  expect(await metricValue(p, 'orders.received')).toBe('29');
  // 18 closed of 29 (Closed Date filled) = completed in May 2022.
  expect(await metricValue(p, 'orders.completed')).toBe('18');
});

test('the same header set next time: the remembered mapping, one step', async () => {
  const p = w.page;
  await openImport(p);
  await addFiles(p, [NYC]);
  expect(await statusOf(p, NYC)).toBe('remembered');
  expect(await p.locator('#import-check').isEnabled()).toBe(true);
  const r = await check(p);
  expect(r).toEqual({ read: 29, loaded: 29, rejected: 0, orphans: 0 });
});

test('no console error and no request off the page origin', () => {
  expectPrivateAndClean(w, new URL(s.server.url).origin);
});
