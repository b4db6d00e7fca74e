/**
 * The overview page against the built site: DuckDB-WASM in Chromium computes the same figures as the
 * report CLI (native DuckDB) from the same queries/, with no console error and no request off the
 * page's origin; the language switch is remembered. Screenshots go to test-results/.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { metricValue, reportReady, RESULTS, ROOT, startSession, watchedPage, type Session, type Watched } from './browser.ts';

const run = promisify(execFile);

/** The CLI's JSON for the sample (npm run --silent report -- --data data/sample …). */
async function cliReport(period: string, branch: string | null): Promise<{ metrics: Record<string, unknown> }> {
  const args = ['run', '--silent', 'report', '--', '--data', 'data/sample', '--period', period];
  if (branch) args.push('--branch', branch);
  const { stdout } = await run('npm', args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout);
}

/** What the CLI JSON value looks like in data-value: numbers as their JSON text, money as its string. */
const asDataValue = (v: unknown): string => (v === null ? 'null' : typeof v === 'string' ? v : JSON.stringify(v));

const COMPARED = ['orders.received', 'orders.completed', 'cost.total', 'cost.per_completed_order', 'cost.person_days'];

let s: Session;
let w: Watched;
let period: string;
let readyMs: number;

beforeAll(async () => {
  s = await startSession();
  w = await watchedPage(s.browser);
  await w.page.goto(s.server.url);
  await reportReady(w.page);
  const marks = await w.page.evaluate(() =>
    Object.fromEntries(['engine-ready', 'data-ready', 'report-ready'].map((m) => [m, Math.round(performance.getEntriesByName(m)[0]?.startTime ?? -1)])),
  );
  readyMs = marks['report-ready']!;
  console.info(`timings since navigation (ms): ${JSON.stringify(marks)}`);
  period = new URL(w.page.url()).searchParams.get('period')!;
});

afterAll(async () => {
  await s?.close();
});

describe('overview page on the bundled sample', () => {
  test('opens on the default period, in the URL, with the figures of the CLI (whole company)', async () => {
    expect(period).toMatch(/^\d{4}-\d{2}$/);
    expect(readyMs).toBeGreaterThan(0);
    const cli = await cliReport(period, null);
    for (const id of COMPARED) {
      expect(await metricValue(w.page, id), id).toBe(asDataValue(cli.metrics[id]));
    }
    // The breakdown table cells too.
    const byType = cli.metrics['orders.by_type'] as Record<string, number>;
    for (const [k, n] of Object.entries(byType)) {
      expect(await w.page.locator(`[data-metric="orders.by_type"][data-key="${k}"]:not([data-branch]):not([data-compare])`).getAttribute('data-value')).toBe(
        String(n),
      );
    }
    await w.page.waitForSelector('html[data-charts-ready="1"]');
    await w.page.screenshot({ path: `${RESULTS}overview-zh.png`, fullPage: true });
  });

  test('a branch: the selection goes into the URL and the figures match the CLI for that branch', async () => {
    // The busiest branch by the CLI, so the comparison is not of zeros (head office and centres may have no rows).
    const company = (await cliReport(period, null)) as unknown as { by_branch: Record<string, Record<string, number>> };
    const [branch] = Object.entries(company.by_branch).sort((a, b) => b[1]['orders.received']! - a[1]['orders.received']!)[0]!;
    expect(company.by_branch[branch]!['orders.received']).toBeGreaterThan(0);
    await w.page.selectOption('#branch-select', branch);
    await reportReady(w.page);
    const url = new URL(w.page.url());
    expect(url.searchParams.get('branch')).toBe(branch);
    expect(url.searchParams.get('period')).toBe(period);
    const cli = await cliReport(period, branch);
    for (const id of COMPARED) {
      expect(await metricValue(w.page, id), `${branch} ${id}`).toBe(asDataValue(cli.metrics[id]));
    }
  });

  test('a URL with a selection opens on it', async () => {
    const p = await watchedPage(s.browser);
    const branch = new URL(w.page.url()).searchParams.get('branch')!;
    await p.page.goto(`${s.server.url}?period=${period}&branch=${branch}`);
    await reportReady(p.page);
    expect(await p.page.locator('#branch-select').inputValue()).toBe(branch);
    expect(await metricValue(p.page, 'orders.received')).toBe(await metricValue(w.page, 'orders.received'));
    expect(p.errors).toEqual([]);
    await p.context.close();
  });

  test('a data file that cannot be loaded gives a clear message, not a blank page or a stack trace', async () => {
    const p = await watchedPage(s.browser);
    await p.page.route('**/data/sample*.duckdb', (r) => r.fulfill({ status: 404, body: 'Not found' })); // the whole file and its stored part
    await p.page.goto(s.server.url);
    await p.page.locator('#status-error').waitFor({ state: 'visible', timeout: 60_000 });
    expect(await p.page.locator('#status-error strong').textContent()).toBe('报表无法生成');
    expect(await p.page.locator('#error-message').textContent()).toBe('数据无法载入。');
    const detail = (await p.page.locator('#error-detail').textContent()) ?? '';
    expect(detail.length).toBeGreaterThan(0);
    expect(await p.page.locator('#status-error').textContent()).not.toMatch(/\s+at \S+|\.js:\d+/);
    expect(await p.page.getAttribute('html', 'data-report-ready')).toBeNull();
    await p.context.close();
  });

  test('the console has no errors', () => {
    expect(w.errors).toEqual([]);
    if (w.warnings.length) console.warn(`console warnings:\n${w.warnings.join('\n')}`);
  });

  test('no request leaves the page origin', () => {
    const origin = new URL(s.server.url).origin;
    const off = w.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
    expect(off).toEqual([]);
    expect(w.requests.some((u) => u.endsWith('.wasm'))).toBe(true);
    // The monthly page opens on the sample's stored part; nothing it did here needed the whole file.
    expect(w.requests.filter((u) => /\/data\/sample[.\w]*\.duckdb$/.test(u)).map((u) => new URL(u).pathname)).toEqual(['/data/sample.stored.duckdb']);
  });

  test('switching to English changes the labels and survives a reload', async () => {
    const label = w.page.locator('[data-i18n="metric.orders.received"]').first();
    expect(await label.textContent()).toBe('受理工单');
    expect(await w.page.getAttribute('html', 'lang')).toBe('zh-CN');
    await w.page.click('#lang-button');
    expect(await label.textContent()).toBe('Orders received');
    expect(await w.page.getAttribute('html', 'lang')).toBe('en');
    await w.page.reload();
    await reportReady(w.page);
    expect(await w.page.locator('[data-i18n="metric.orders.received"]').first().textContent()).toBe('Orders received');
    expect(await w.page.getAttribute('html', 'lang')).toBe('en');
    expect(await w.page.locator('#branch-select option[value=""]').textContent()).toBe('Whole company');
    await w.page.waitForSelector('html[data-charts-ready="1"]');
    await w.page.screenshot({ path: `${RESULTS}overview-en.png`, fullPage: true });
    await w.page.click('#lang-button');
    expect(await w.page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(w.errors).toEqual([]);
  });
});
