/**
 * The month's change explained and the drafted 综述 on the built monthly page (bundled sample):
 * clicking a KPI card's 环比 opens the waterfall and its table, whose numbers are the CLI's
 * `report --explain` for the same month (the same SQL, in the browser); the dimension switch; a branch
 * link; the 综述 leads the page and the printed first page; an edit survives a reload and "恢复草稿"
 * brings the draft back. Screenshots go to /work/wt/shots/h23/ (SHOTS overrides) — look at them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Explain } from '../../src/lib/report/explain.ts';
import { sampleReport } from '../helpers/report-cli.ts';
import { pdfPageTexts } from './pdf-text.ts';
import { reportReady, RESULTS, startSession, watchedPage, type Session, type Watched } from './browser.ts';

const SHOTS = process.env['SHOTS'] ?? '/work/wt/shots/h23/';
const METRIC = 'resolution.same_day_rate'; // red on the sample in 2026-10: 52.3 % against ≥ 80 %
let s: Session;
let w: Watched;
let cli: Explain;

const explainReady = (w: Watched) => w.page.waitForFunction(() => document.documentElement.dataset['explainReady'] === '1', undefined, { timeout: 90_000 });
const panelReady = (w: Watched) =>
  w.page.waitForFunction(() => document.getElementById('explain-panel')?.dataset['ready'] === '1', undefined, { timeout: 30_000 });
/** The panel's table: group ids and the effects (raw values). */
const tableRows = (w: Watched) =>
  w.page.$$eval('[data-explain-table] tbody tr', (trs) =>
    trs.map((tr) => {
      const v = [...tr.querySelectorAll<HTMLElement>('[data-value]')].map((c) => Number(c.dataset['value']));
      return { group: (tr as HTMLElement).dataset['group']!, rate_effect: v[0]!, mix_effect: v[1]! };
    }),
  );

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const report = await sampleReport(['--period', '2026-10', '--explain']);
  cli = report.explain as unknown as Explain;
  s = await startSession();
  w = await watchedPage(s.browser);
  await w.page.goto(`${s.server.url}?period=2026-10`);
  await reportReady(w.page);
  await explainReady(w);
  const ms = await w.page.evaluate(() => performance.getEntriesByName('monthly-explain').map((e) => Math.round(e.duration)));
  console.log(`explain (stored, company) after the figures were shown: ${ms.join(', ')} ms`);
}, 300_000);

afterAll(async () => {
  await s?.close();
});

describe('the change explained on the monthly page', () => {
  test('the red KPI’s 环比 opens the waterfall and the table, the numbers of report --explain', async () => {
    await w.page.click(`[data-kpi="${METRIC}"] [data-delta="mom"]`);
    await panelReady(w);
    expect(await w.page.locator('#explain-panel').isVisible()).toBe(true);
    expect(await w.page.locator(`[data-kpi="${METRIC}"]`).getAttribute('class')).toContain('is-missed');
    const want = cli[METRIC].mom!.branch;
    const rows = await tableRows(w);
    expect(rows.map((r) => r.group)).toEqual(want.rows.map((r) => r.group));
    rows.forEach((r, i) => {
      expect(r.rate_effect).toBeCloseTo(want.rows[i]!.rate_effect, 12);
      expect(r.mix_effect).toBeCloseTo(want.rows[i]!.mix_effect, 12);
    });
    // The waterfall: last month's rate, the 8 largest groups, the rest folded, this month's rate.
    const bars = JSON.parse((await w.page.locator('[data-explain-chart]').getAttribute('data-bars'))!) as { label: string; value: number }[];
    expect(bars[0]!.value).toBeCloseTo(want.then * 100, 9);
    expect(bars.at(-1)!.value).toBeCloseTo(want.now * 100, 9);
    expect(bars).toHaveLength(want.rows.length > 9 ? 11 : want.rows.length + 2);
    if (want.rows.length > 9) expect(bars.at(-2)!.label).toBe(`其他 ${want.rows.length - 8} 个`);
    expect(await w.page.locator('[data-explain-chart] svg').count()).toBe(1);
    await w.page.locator('#explain-panel').screenshot({ path: `${SHOTS}waterfall-same-day-mom.png` });
  });

  test('switches to service type, and a branch links to its own report', async () => {
    const href = await w.page.locator('[data-explain-table] [data-branch-link]').first().getAttribute('href');
    expect(href).toMatch(/^\?period=2026-10&branch=\w+$/);
    await w.page.click('[data-explain-dim="service_type"]');
    await panelReady(w);
    const rows = await tableRows(w);
    expect(rows.map((r) => r.group)).toEqual(cli[METRIC].mom!.service_type.rows.map((r) => r.group));
    await w.page.locator('#explain-panel').screenshot({ path: `${SHOTS}waterfall-same-day-mom-service-type.png` });
  });
});

describe('the drafted 综述', () => {
  test('leads the page, drafted from the figures with the main contributors', async () => {
    const text = (await w.page.locator('[data-summary-text]').textContent())!;
    expect(text.startsWith('2026 年 10 月，全公司受理工单')).toBe(true);
    expect(text).toContain('当日完工率 52.3%');
    expect(text).toContain('主要因');
    // Above the KPI cards.
    const order = await w.page.evaluate(() => {
      const a = document.getElementById('section-summary')!;
      const b = document.getElementById('section-headline')!;
      return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
  });

  test('prints as the first block of the A4 edition', async () => {
    await w.page.waitForFunction(() => document.documentElement.dataset['printReady'] === '1', undefined, { timeout: 30_000 });
    await w.page.emulateMedia({ media: 'print' });
    const pdf = await w.page.pdf({ preferCSSPageSize: true, printBackground: true });
    await w.page.emulateMedia({ media: 'screen' });
    writeFileSync(`${RESULTS}monthly-summary.pdf`, pdf);
    const first = pdfPageTexts(pdf)[0]!.replace(/\s+/g, '');
    expect(first).toContain('综述');
    expect(first.indexOf('综述')).toBeLessThan(first.indexOf('核心指标'));
    expect(first).toContain('当日完工率52.3%');
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', `${RESULTS}monthly-summary.pdf`, `${SHOTS}print-first-page`]);
  });

  test('an edit is kept for the month and dataset across a reload; reset brings the draft back', async () => {
    const draft = (await w.page.locator('[data-summary-text]').textContent())!;
    await w.page.click('[data-summary-edit]');
    const edited = `本月总体平稳。当日完工率未达标，已责成各分公司整改。\n${draft.slice(0, 40)}`;
    await w.page.fill('[data-summary-editor]', edited);
    await w.page.click('[data-summary-edit]'); // 完成
    await w.page.reload();
    await reportReady(w.page);
    await explainReady(w);
    expect(await w.page.locator('[data-summary-text]').textContent()).toBe(edited);
    expect(await w.page.locator('#section-summary').getAttribute('data-edited')).toBe('1');
    await w.page.locator('#section-summary').screenshot({ path: `${SHOTS}summary-edited-after-reload.png` });
    // Another month has its own (drafted) text.
    await w.page.goto(`${s.server.url}?period=2026-09`);
    await reportReady(w.page);
    expect(await w.page.locator('[data-summary-text]').textContent()).not.toBe(edited);
    await w.page.goto(`${s.server.url}?period=2026-10`);
    await reportReady(w.page);
    await explainReady(w);
    expect(await w.page.locator('[data-summary-text]').textContent()).toBe(edited);
    await w.page.click('[data-summary-reset]');
    expect(await w.page.locator('[data-summary-text]').textContent()).toBe(draft);
    expect(w.errors).toEqual([]);
    // The company's explanation is stored in the bundled file: nothing here needed the service data.
    // (Each of the four page loads here fetches the stored part; none the whole file.)
    const files = w.requests.filter((u) => /\/data\/sample[.\w]*\.duckdb$/.test(u)).map((u) => new URL(u).pathname);
    expect([...new Set(files)]).toEqual(['/data/sample.stored.duckdb']);
  }, 400_000);

  test('a branch: its explanation is computed when the panel opens, and names the branch alone', async () => {
    await w.page.goto(`${s.server.url}?period=2026-10&branch=B03`);
    await reportReady(w.page);
    await explainReady(w);
    await w.page.click(`[data-kpi="${METRIC}"] [data-delta="mom"]`);
    await panelReady(w);
    expect((await tableRows(w)).map((r) => r.group)).toEqual(['B03']);
    // Its 综述 now names the main contributors among B03's service types.
    await w.page.waitForFunction(() => document.querySelector('[data-summary-text]')?.textContent?.includes('主要因'), undefined, { timeout: 30_000 });
  }, 300_000);
});
