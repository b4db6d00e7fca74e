/** Steps of the import panel for the browser tests (test/e2e/import-*.test.ts). */
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { reportReady, type Watched } from './browser.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/userdata/', import.meta.url));

/** Open the panel from the header button. */
export async function openImport(page: Page): Promise<void> {
  await page.click('#import-open');
  await page.locator('#import-dialog').waitFor({ state: 'visible' });
}

/** Pick fixture files in the panel's file input and wait until every one is inspected. */
export async function addFiles(page: Page, names: string[]): Promise<void> {
  await page.setInputFiles(
    '#import-input',
    names.map((n) => FIXTURES + n),
  );
  await page.waitForFunction(
    (n) => document.querySelectorAll('.imp__file').length >= n && !document.querySelector('[data-status="inspecting"]'),
    names.length,
    {
      timeout: 30_000,
    },
  );
}

/** The status of a file in the list (ready, remembered, suggested, needs_mapping, config, error). */
export function statusOf(page: Page, name: string): Promise<string | null> {
  return page.locator(`.imp__file[data-file="${name}"] .imp__status[data-status]`).getAttribute('data-status');
}

export interface Summary {
  read: number;
  loaded: number;
  rejected: number;
  orphans: number;
}

/** Run the check and return the report's totals. */
export async function check(page: Page): Promise<Summary> {
  await page.click('#import-check');
  const s = page.locator('#import-summary');
  await s.waitFor({ timeout: 60_000 });
  const n = async (k: string) => Number(await s.getAttribute(`data-${k}`));
  return { read: await n('read'), loaded: await n('loaded'), rejected: await n('rejected'), orphans: await n('orphans') };
}

/** Confirm the import: the page reloads on the new data. */
export async function confirmImport(page: Page): Promise<void> {
  await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.click('#import-confirm')]);
  await reportReady(page);
}

/** The data-source badge: which data and its label. */
export async function badge(page: Page): Promise<{ source: string | null; label: string | null; rows: string | null }> {
  const b = page.locator('#source-badge');
  await b.waitFor({ state: 'visible' });
  return {
    source: await b.getAttribute('data-source'),
    label: await page.locator('#source-label').textContent(),
    rows: await page.locator('#source-rows').textContent(),
  };
}

/** No console error, no request off the page's origin (the data never leaves the machine). */
export function expectPrivateAndClean(w: Watched, origin: string): void {
  expect(w.errors).toEqual([]);
  const off = w.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
  expect(off).toEqual([]);
}
