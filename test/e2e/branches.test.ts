/**
 * The branch comparison page (/branches/) on the bundled sample: the league table's values are the CLI's
 * roll-up figures (same SQL, DuckDB-WASM vs native), centres are rows of their own, a branch opens its
 * standing with a link to its monthly report, sorting works, the small multiples draw one chart per
 * branch; no console error, nothing off the origin. Screenshots go to test-results/.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HEADLINE_KPIS } from '../../src/lib/kpis.ts';
import type { Report } from '../../src/lib/report/types.ts';
import { asDataValue, sampleReport } from '../helpers/report-cli.ts';
import { reportReady, RESULTS, startSession, watchedPage, type Session, type Watched } from './browser.ts';

let s: Session;
let w: Watched;
let period: string;
let cli: Report;

const cell = (branch: string, kpi: string) => w.page.locator(`#league tr[data-branch="${branch}"] td[data-kpi="${kpi}"]`).getAttribute('data-value');

beforeAll(async () => {
  s = await startSession();
  w = await watchedPage(s.browser);
  const t0 = Date.now();
  await w.page.goto(`${s.server.url}branches/`);
  await reportReady(w.page);
  console.info(`branches: league on screen ${Date.now() - t0} ms after navigation`);
  await w.page.waitForFunction(() => document.documentElement.dataset['trendsReady'] === '1', undefined, { timeout: 60_000 });
  console.info(`branches: small multiples on screen ${Date.now() - t0} ms after navigation`);
  period = new URL(w.page.url()).searchParams.get('period')!;
  cli = await sampleReport(['--period', period, '--rollup']);
});

afterAll(async () => {
  await s?.close();
});

describe('branch comparison page', () => {
  test('the league holds every branch with the CLI roll-up values, volume beside the rates', async () => {
    expect(period).toMatch(/^\d{4}-\d{2}$/);
    const branches = await w.page.locator('#league tbody tr[data-branch]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset['branch']));
    expect(branches.sort()).toEqual(['B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07', 'B08', 'B09', 'B10', 'B11', 'B12']);
    for (const b of ['B01', 'B12']) {
      for (const k of HEADLINE_KPIS) expect(await cell(b, k.id), `${b} ${k.id}`).toBe(asDataValue(cli.by_branch[b]![k.id]));
      expect(await w.page.locator(`#league tr[data-branch="${b}"] .league__volume`).getAttribute('data-value')).toBe(
        asDataValue(cli.by_branch[b]!['orders.received']),
      );
    }
    // The company row is the report's total.
    expect(await w.page.locator('#league .league__company-row td[data-kpi="response.on_time_rate"]').getAttribute('data-value')).toBe(
      asDataValue(cli.metrics['response.on_time_rate']),
    );
    // Ranked by on-time rate (the default sort): the first branch row has the best solid value.
    const first = await w.page.locator('#league tbody tr[data-branch]').first().getAttribute('data-branch');
    const best = Object.entries(cli.by_branch)
      .filter(([id]) => /^B\d+$/.test(id))
      .sort((a, b) => (b[1]['response.on_time_rate'] as number) - (a[1]['response.on_time_rate'] as number))[0]![0];
    expect(first).toBe(best);
    await w.page.screenshot({ path: `${RESULTS}branches-zh.png`, fullPage: true });
  });

  test('sorting by a column puts its best first; lower-is-better columns ascending', async () => {
    await w.page.click('#league button[data-sort="response.p90_hours"]');
    const rows = await w.page
      .locator('#league tbody tr[data-branch] td[data-kpi="response.p90_hours"]')
      .evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset['value'])));
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(await w.page.locator('#league th[data-col="response.p90_hours"]').getAttribute('aria-sort')).toBe('ascending');
  });

  test('regional centres are rows of their own, recomputed over their branches', async () => {
    await w.page.click('input[name="level"][value="center"] + span');
    await reportReady(w.page);
    expect(new URL(w.page.url()).searchParams.get('level')).toBe('center');
    for (const c of ['C1', 'C4']) {
      expect(await cell(c, 'response.on_time_rate')).toBe(asDataValue(cli.by_branch[c]!['response.on_time_rate']));
      expect(await cell(c, 'cost.per_completed_order')).toBe(asDataValue(cli.by_branch[c]!['cost.per_completed_order']));
    }
    await w.page.click('input[name="level"][value="branch"] + span');
    await reportReady(w.page);
  });

  test('a branch opens its standing against the median, with a link to its monthly report', async () => {
    await w.page.click('#league button[data-open="B12"]');
    await w.page.locator('#detail').waitFor({ state: 'visible' });
    expect(new URL(w.page.url()).searchParams.get('branch')).toBe('B12');
    expect(await w.page.locator('#detail-table tbody tr').count()).toBe(HEADLINE_KPIS.length);
    const href = await w.page.locator('#detail-monthly').getAttribute('href');
    expect(new URL(href!, s.server.url).search).toBe(`?period=${period}&branch=B12`);
    expect(await w.page.locator('#detail-table tr[data-kpi="response.on_time_rate"] td').first().getAttribute('data-value')).toBe(
      asDataValue(cli.by_branch['B12']!['response.on_time_rate']),
    );
    await w.page.locator('#detail').screenshot({ path: `${RESULTS}branches-detail.png` });
  });

  test('small multiples: one chart per branch, each an SVG, switching the KPI redraws them', async () => {
    expect(await w.page.locator('#multiples .multiple').count()).toBe(12);
    expect(await w.page.locator('#multiples .multiple svg').count()).toBe(12);
    await w.page.selectOption('#kpi-select', 'repeat.rate');
    await w.page.waitForFunction(() => document.documentElement.dataset['trendsReady'] === '1');
    expect(new URL(w.page.url()).searchParams.get('kpi')).toBe('repeat.rate');
    expect(await w.page.locator('#multiples-unit').textContent()).toContain('重复维修率');
  });

  test('the league exports as CSV (UTF-8 with BOM), values without their changes', async () => {
    const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.click('#league-csv')]);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^排名,网点,受理量,准时到达率（%）,到达用时 P90（小时）,/);
    const b12 = lines.find((l) => l.includes('B12 重庆分公司'))!;
    expect(b12.split(',')[2]).toBe(String(cli.by_branch['B12']!['orders.received']));
    expect(download.suggestedFilename()).toMatch(/^网点对比_.*\.csv$/);
  });

  test('English, no console errors, nothing off the origin', async () => {
    await w.page.click('#lang-button');
    expect(await w.page.locator('#league-heading').textContent()).toBe('League table');
    expect(await w.page.locator('#league .league__company').textContent()).toBe('Whole company');
    await w.page.screenshot({ path: `${RESULTS}branches-en.png` });
    await w.page.click('#lang-button');
    expect(w.errors).toEqual([]);
    const origin = new URL(s.server.url).origin;
    expect(w.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin)).toEqual([]);
  });
});
