// The monthly page's background work (src/lib/ui/app.ts prefetch) waits while the import panel is open,
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
  await w.page.goto(s.server.url);
  await reportReady(w.page);
  // Opened right away: at most the one query already running finishes; the month before (with its two
  // comparison months, about 25 queries, well under a second on the sample when free) is not computed.
  await w.page.click('#import-open');
  await w.page.waitForTimeout(4000);
  expect(await prefetched(w.page)).toBe(0);
  await w.page.click('#import-close');
  await w.page.waitForFunction(() => performance.getEntriesByName('monthly-prefetched').length > 0, undefined, { timeout: 60_000 });
  expect(await prefetched(w.page)).toBe(1);
  expect(w.errors).toEqual([]);
});
