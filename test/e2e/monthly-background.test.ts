// The monthly page's background work (src/views/monthly/controller.ts prefetch) waits while the import panel is open,
// so an import worker has the machine's cores; it goes on once the panel closes.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { reportReady, startSession, watchedPage, type Session, type Watched } from './browser.ts';

let s: Session;
let w: Watched;

beforeAll(async () => {
  s = await startSession();
  w = await watchedPage(s.browser);
});

afterAll(async () => {
  await s?.close();
});

const prefetched = (page: Watched['page']) => page.evaluate(() => performance.getEntriesByName('monthly-prefetched').length);

test('background work waits while the import panel is open, and resumes when it closes', async () => {
  // The panel is opened while the engine still starts, before the report (and so before any background
  // work) exists: opening it after the report raced the prefetch, which on the small sample can finish
  // before a click lands. The click is repeated until the panel's script has attached its handler.
  await w.page.goto(s.server.url, { waitUntil: 'domcontentloaded' });
  const dialogOpen = () => w.page.$eval('#import-dialog', (d) => (d as HTMLDialogElement).open);
  while (!(await dialogOpen())) {
    await w.page.click('#import-open');
    await w.page.waitForTimeout(50);
  }
  expect(await w.page.evaluate(() => document.documentElement.dataset['reportReady'])).toBeUndefined();
  // The selection itself still computes (only background work waits) ...
  await reportReady(w.page);
  // ... but the month before (with its two comparison months, about 25 queries, well under a second on
  // the sample when free) is not computed while the panel stays open.
  await w.page.waitForTimeout(4000);
  expect(await prefetched(w.page)).toBe(0);
  await w.page.click('#import-close');
  await w.page.waitForFunction(() => performance.getEntriesByName('monthly-prefetched').length > 0, undefined, { timeout: 60_000 });
  expect(await prefetched(w.page)).toBe(1);
  expect(w.errors).toEqual([]);
});
