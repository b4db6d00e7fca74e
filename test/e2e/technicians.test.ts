/**
 * The technician scorecards page (/technicians/) on the bundled sample: a branch's technicians with the
 * CLI's figures — the estimated fines shown with their rule and each technician's counts — filtering by
 * name, and the printed edition with one page per technician. Screenshots go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Row } from '../../src/lib/db/types.ts';
import { asDataValue, sampleReport } from '../helpers/report-cli.ts';
import { reportReady, RESULTS, startSession, watchedPage, type Session, type Watched } from './browser.ts';

let s: Session;
let w: Watched;
let period: string;
let techs: Row[];
const BRANCH = 'B12';

beforeAll(async () => {
  s = await startSession();
  w = await watchedPage(s.browser);
  const t0 = Date.now();
  await w.page.goto(`${s.server.url}technicians/?branch=${BRANCH}`);
  await reportReady(w.page);
  console.info(`technicians: table on screen ${Date.now() - t0} ms after navigation`);
  period = new URL(w.page.url()).searchParams.get('period')!;
  techs = (await sampleReport(['--period', period, '--branch', BRANCH])).tables['technician']!;
});

afterAll(async () => {
  await s?.close();
});

describe('technician scorecards page', () => {
  test('a branch’s technicians with the CLI’s figures, fines with the rule shown', async () => {
    expect(techs.length).toBeGreaterThan(0);
    const shown = await w.page.locator('#tech-table tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset['technician']));
    expect(shown.sort()).toEqual(techs.map((t) => String(t['technician_id'])).sort());
    for (const t of techs) {
      const row = w.page.locator(`#tech-table tr[data-technician="${String(t['technician_id'])}"]`);
      for (const col of ['completed', 'class_a', 'labor_hours', 'on_time_rate', 'late_arrivals', 'incomplete_reports', 'fine_estimate']) {
        expect(await row.locator(`td[data-col="${col}"]`).getAttribute('data-value'), `${String(t['technician_id'])} ${col}`).toBe(asDataValue(t[col]));
      }
    }
    // The rule, and for a fined technician the rule applied to their counts, beside the amount.
    expect(await w.page.locator('#fine-rule').textContent()).toContain('迟到次数 × ¥50 + 服务报告不完整份数 × ¥20');
    const fined = techs.find((t) => t['fine_estimate'] !== '0.00')!;
    const fine = w.page.locator(`#tech-table tr[data-technician="${String(fined['technician_id'])}"] td[data-col="fine_estimate"]`);
    expect(await fine.textContent()).toBe(
      `¥${String(fined['fine_estimate'])}${String(fined['late_arrivals'])} × ¥50 + ${String(fined['incomplete_reports'])} × ¥20`,
    );
    await w.page.screenshot({ path: `${RESULTS}technicians-zh.png`, fullPage: true });
  });

  test('filter by name, sort by a column', async () => {
    const name = String(techs[0]!['name']);
    await w.page.fill('#tech-search', name);
    expect(await w.page.locator('#tech-table tbody tr').count()).toBe(techs.filter((t) => String(t['name']).includes(name)).length);
    await w.page.fill('#tech-search', '');
    await w.page.click('#tech-table button[data-sort="fine_estimate"]');
    await w.page.click('#tech-table button[data-sort="fine_estimate"]');
    const fines = await w.page
      .locator('#tech-table tbody td[data-col="fine_estimate"]')
      .evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset['value'])));
    expect(fines).toEqual([...fines].sort((a, b) => b - a));
  });

  test('the printed edition has one page per technician, with the fine and the signatures', async () => {
    await w.page.evaluate(() => {
      window.print = () => undefined;
    });
    await w.page.click('#print-sheets');
    await w.page.waitForFunction(() => document.querySelectorAll('.tech-sheet').length > 0);
    expect(await w.page.locator('.tech-sheet').count()).toBe(techs.length);
    const first = w.page.locator('.tech-sheet').first();
    const id = await w.page.locator('#tech-table tbody tr').first().getAttribute('data-technician');
    const t = techs.find((x) => String(x['technician_id']) === id)!;
    expect(await first.locator('[data-col="fine_estimate"]').getAttribute('data-value')).toBe(String(t['fine_estimate']));
    expect(await first.locator('.tech-sheet__sign').textContent()).toContain('主管签字');
    await w.page.emulateMedia({ media: 'print' });
    await w.page.screenshot({ path: `${RESULTS}technicians-print.png` });
    await w.page.emulateMedia({ media: 'screen' });
    expect(w.errors).toEqual([]);
  });
});
