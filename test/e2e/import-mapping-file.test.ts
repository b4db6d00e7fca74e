/**
 * The mapping step on real exports (test/fixtures/real): a service-desk event log brought in with its
 * mapping file (dropped with the data: repeated keys collapsed, merged rows counted), and a city 311
 * export mapped by hand (a fixed service type, value maps), its mapping downloaded as a mapping file.
 * The page's headline numbers equal a recount written here over the raw files.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { metricValue, reportReady, startSession, watchedPage, type Session, type Watched } from './browser.ts';
import { confirmImport, expectPrivateAndClean, openImport, statusOf } from './import-helpers.ts';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const LOG = 'incident_event_log_sample.csv';
const NYC = '311_service_requests_2022-05-01_sample.csv';
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

/** Put files in the panel's input and wait until `n` data files are inspected. */
async function add(p: Page, paths: string[], n: number): Promise<void> {
  await p.setInputFiles('#import-input', paths);
  await p.waitForFunction((k) => document.querySelectorAll('.imp__file').length >= k && !document.querySelector('[data-status="inspecting"]'), n, {
    timeout: 30_000,
  });
}

/** Run the check; the report's totals. */
async function checkTotals(p: Page) {
  await p.click('#import-check');
  const sum = p.locator('#import-summary');
  await sum.waitFor({ timeout: 60_000 });
  const n = async (k: string) => Number(await sum.getAttribute(`data-${k}`));
  return { read: await n('read'), loaded: await n('loaded'), merged: await n('merged'), rejected: await n('rejected') };
}

/** Show `period` on the monthly page (the imported data stays). */
async function showPeriod(p: Page, period: string): Promise<void> {
  const url = new URL(p.url());
  url.searchParams.set('period', period);
  await p.goto(url.toString());
  await reportReady(p);
}

test('a service-desk event log with its mapping file: one row per incident, merged rows counted, figures = recount', async () => {
  // Recount over the raw log: the last row of each incident (every row carries the final resolved_at).
  const lines = readFileSync(REAL + 'it-incidents/' + LOG, 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const last = new Map<string, string[]>();
  for (const l of lines) last.set(l.split(',')[0]!, l.split(','));
  const head = readFileSync(REAL + 'it-incidents/' + LOG, 'utf8')
    .split('\n')[0]!
    .split(',');
  const opened = head.indexOf('opened_at');
  // DD-MM-YYYY HH:MM opened in March 2016.
  const march = [...last.values()].filter((r) => r[opened]!.slice(3, 10) === '03-2016').length;

  const p = w.page;
  await openImport(p);
  await add(p, [REAL + 'it-incidents/' + LOG, REAL + 'it-incidents/mapping.json'], 1);
  await p.locator('#import-mapping-message').waitFor();
  expect(await p.locator('#import-mapping-message').textContent()).toContain('mapping.json');
  expect(await statusOf(p, LOG)).toBe('remembered');
  const r = await checkTotals(p);
  expect(r).toEqual({ read: lines.length, loaded: last.size, merged: lines.length - last.size, rejected: 0 });
  await confirmImport(p);
  await showPeriod(p, '2016-03');
  expect(await metricValue(p, 'orders.received')).toBe(String(march));
});

test('a city 311 export mapped by hand: a fixed service type, its mapping downloaded as a mapping file, figures = recount', async () => {
  const text = readFileSync(REAL + 'city-311/' + NYC, 'utf8')
    .trim()
    .split('\n');
  const rows = text.length - 1;
  // Closed Date is the 3rd column; the sample's dates have no commas before it.
  const closed = text.slice(1).filter((l) => l.split(',')[2] !== '').length;

  const p = w.page;
  await openImport(p);
  await add(p, [REAL + 'city-311/' + NYC], 1);
  const m = p.locator(`[data-mapping="${NYC}"]`);
  await m.waitFor();
  // A fixed value for the required service type (the complaint types are not service types).
  p.once('dialog', (d) => void d.accept('repair'));
  await m.locator('select[data-column="service_type"]').selectOption('\u0000const');
  expect(await m.locator('select[data-column="service_type"] option:checked').textContent()).toContain('repair');
  // The one UNKNOWN channel: empty.
  await m.locator('[data-values="channel"] select[data-value="UNKNOWN"]').selectOption('');
  // Download the mapping: a mapping file naming the constant, for next month's file name.
  const [download] = await Promise.all([p.waitForEvent('download'), p.click('#import-mapping-download')]);
  const doc = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(doc.version).toBe(1);
  expect(doc.files[0]).toMatchObject({ match: '*_service_requests_*-*-*_sample.csv', table: 'service_orders' });
  expect(doc.files[0].columns.service_type).toEqual({ value: 'repair' });
  expect(doc.files[0].columns.called_at).toEqual({ from: 'Created Date', format: 'MM/DD/YYYY hh:mm:ss A' });

  const r = await checkTotals(p);
  expect(r).toEqual({ read: rows, loaded: rows, merged: 0, rejected: 0 });
  await confirmImport(p);
  await showPeriod(p, '2022-05');
  expect(await metricValue(p, 'orders.received')).toBe(String(rows));
  expect(await metricValue(p, 'orders.completed')).toBe(String(closed));
});

test('no console error and no request off the page origin', () => {
  expectPrivateAndClean(w, new URL(s.server.url).origin);
});
