/**
 * The annual report page (/annual/) on the bundled sample (2024-11 … 2026-10): it opens on the latest
 * complete year (2025); the year's totals are the CLI's `--period 2025`; a running year (2026) shows
 * November and December as gaps — never zeros — in its trends; the printed edition has the header,
 * the signature block and page numbers. Screenshots and the PDF go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Report } from '../../src/lib/report/types.ts';
import { asDataValue, sampleReport } from '../helpers/report-cli.ts';
import { reportReady, RESULTS, startSession, watchedPage, type Session, type Watched } from './browser.ts';

let s: Session;
let w: Watched;
let cli2025: Report;

const trendsReady = (w: Watched) => w.page.waitForFunction(() => document.documentElement.dataset['trendsReady'] === '1', undefined, { timeout: 60_000 });

beforeAll(async () => {
  s = await startSession();
  w = await watchedPage(s.browser);
  const t0 = Date.now();
  const [report] = await Promise.all([sampleReport(['--period', '2025']), w.page.goto(`${s.server.url}annual/`)]);
  cli2025 = report;
  await reportReady(w.page);
  console.info(`annual: year figures on screen ${Date.now() - t0} ms after navigation`);
  await trendsReady(w);
  console.info(`annual: trends and quarters on screen ${Date.now() - t0} ms after navigation`);
});

afterAll(async () => {
  await s?.close();
});

describe('annual report page', () => {
  test('opens on the latest complete year with the CLI’s annual totals', async () => {
    expect(new URL(w.page.url()).searchParams.get('year')).toBe('2025');
    for (const id of [
      'orders.received',
      'orders.completed',
      'complaints.received',
      'cost.total',
      'cost.per_completed_order',
      'cost.person_times',
      'cost.person_days',
    ]) {
      expect(await w.page.locator(`#summary-cards [data-metric="${id}"]`).getAttribute('data-value'), id).toBe(asDataValue(cli2025.metrics[id]));
    }
    for (const id of ['cost.install', 'cost.travel', 'cost.material', 'cost.shipping', 'cost.other', 'cost.contract_guided_install']) {
      expect(await w.page.locator(`#cost-table tr[data-metric="${id}"] td`).first().getAttribute('data-value'), id).toBe(asDataValue(cli2025.metrics[id]));
    }
    // The year's complaint summary by market (the quarters beside it come from the same SQL per quarter).
    const domestic = cli2025.tables['complaint_summary']!.find((r) => r['dimension'] === 'market' && r['value'] === 'domestic')!;
    expect(await w.page.locator('#complaints-table tr[data-dimension="market"][data-dim-value="domestic"] td.col-year').getAttribute('data-value')).toBe(
      String(domestic['complaints']),
    );
    // 2024 has only November and December: no year-on-year comparison rather than a misleading one.
    expect(await w.page.locator('#annual-coverage').textContent()).toContain('不作同比');
    // Every month of 2025 has data: twelve months, no gap, and the months add up to the year.
    const received = await w.page
      .locator('#trends-table tr[data-metric="orders.received"] td[data-month]')
      .evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset['value']));
    expect(received).toHaveLength(12);
    expect(received.reduce((n, v) => n + Number(v), 0)).toBe(cli2025.metrics['orders.received']);
    expect(await w.page.locator('#ranking tbody tr[data-branch]').count()).toBe(12);
    await w.page.screenshot({ path: `${RESULTS}annual-zh.png`, fullPage: true });
  });

  test('a year still running shows the months without data as gaps, not zeros', async () => {
    await w.page.selectOption('#year-select', '2026');
    await reportReady(w.page);
    await trendsReady(w);
    const row = w.page.locator('#trends-table tr[data-metric="orders.received"]');
    for (const m of ['2026-11', '2026-12']) {
      const gap = row.locator(`td[data-month="${m}"]`);
      expect(await gap.getAttribute('data-gap')).toBe('1');
      expect(await gap.getAttribute('data-value')).toBe('null');
      expect(await gap.textContent()).toBe('—');
    }
    expect(await row.locator('td[data-month="2026-10"]').getAttribute('data-gap')).toBeNull();
    expect(await w.page.locator('#annual-coverage').textContent()).toContain('同比');
    expect(await w.page.locator('#kpis-table').getAttribute('class')).not.toContain('no-prior');
  });

  test('the printed edition: the shared print frame, signature block, A4 pages', async () => {
    await w.page.emulateMedia({ media: 'print' });
    expect(await w.page.locator('#print-frame').isVisible()).toBe(true);
    expect(await w.page.locator('#print-company').textContent()).toBe('华信电器股份有限公司（示例）');
    expect(await w.page.locator('#print-title').textContent()).toBe('售后服务年报');
    expect(await w.page.locator('#print-period').textContent()).toBe('2026 年累计（1–10 月）');
    expect(await w.page.locator('#signature-block').isVisible()).toBe(true);
    expect(await w.page.locator('#signature-block').textContent()).toMatch(/编制.*审核.*批准/);
    expect(await w.page.locator('.site-nav').isVisible()).toBe(false);
    // Still in print media, so the charts carry the viewBox that scales them to the paper (fitChartsForPrint).
    const pdf = await w.page.pdf({ path: `${RESULTS}annual-2026.pdf`, format: 'A4', printBackground: true, preferCSSPageSize: true });
    await w.page.emulateMedia({ media: null });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(3);
    expect(w.errors).toEqual([]);
  });
});
