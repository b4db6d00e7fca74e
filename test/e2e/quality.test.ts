/**
 * The quality department's page (/quality/, issue 4) against the built site: it loads on the bundled
 * sample, every section renders with the rows of the report CLI (same queries/, native DuckDB), the
 * drill-down, the deduction arithmetic and the quarter picker work, a table downloads as CSV (UTF-8 with
 * BOM), no console error, no request off the origin. Screenshots go to test-results/.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { reportReady, RESULTS, ROOT, startSession, watchedPage, type Session, type Watched } from './browser.ts';

const run = promisify(execFile);

interface CliReport {
  metrics: Record<string, unknown>;
  tables: Record<string, Record<string, unknown>[]>;
}

async function cliReport(period: string): Promise<CliReport> {
  // The CLI itself (this Node), not through npm: the same program, a second less per call.
  const { stdout } = await run(process.execPath, ['src/cli/report.ts', '--data', 'data/sample', '--period', period], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as CliReport;
}

let s: Session;
let w: Watched;
let period: string;
let cli: CliReport;
/** The quarter the test switches to and the 3-month analysis window, with their CLI reports. */
let otherQuarter: string;
let cliQuarter: CliReport;
let cliRange: CliReport;

beforeAll(async () => {
  const started = performance.now();
  s = await startSession();
  w = await watchedPage(s.browser);
  await w.page.goto(`${s.server.url}quality/`);
  await reportReady(w.page);
  period = new URL(w.page.url()).searchParams.get('period')!;
  // The summary opens on the last complete quarter; the test picks the one before it.
  const options = await w.page.locator('#quarter-select option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  otherQuarter = options[options.indexOf(await w.page.locator('#quarter-select').inputValue()) + 1]!;
  const [y, m] = period.split('-').map(Number) as [number, number];
  const range = `${m > 2 ? `${y}-${String(m - 2).padStart(2, '0')}` : `${y - 1}-${String(m + 10).padStart(2, '0')}`}..${period}`;
  const t0 = performance.now();
  [cli, cliQuarter, cliRange] = await Promise.all([cliReport(period), cliReport(otherQuarter), cliReport(range)]);
  console.info(`page ready ${Math.round(t0 - started)} ms; three CLI reports ${Math.round(performance.now() - t0)} ms`);
});

afterAll(async () => {
  await s?.close();
});

const rowCount = (id: string) =>
  w.page
    .locator(`#${id} tbody tr:not(.q-detail)`)
    .filter({ hasNot: w.page.locator('.q-empty') })
    .count();

describe('quality page on the bundled sample', () => {
  test('opens on the default month with the complaint figures of the CLI', async () => {
    expect(period).toMatch(/^\d{4}-\d{2}$/);
    for (const id of ['complaints.received', 'complaints.closed', 'complaints.on_time_close_rate', 'complaints.open_overdue']) {
      const v = await w.page.locator(`#q-kpis [data-metric="${id}"]`).getAttribute('data-value');
      expect(v, id).toBe(JSON.stringify(cli.metrics[id]));
    }
    expect(await w.page.locator('#kpi-excluded').getAttribute('data-value')).toBe(String(cli.tables['responsibility_excluded']!.length));
    await w.page.screenshot({ path: `${RESULTS}quality-zh.png`, fullPage: true });
  });

  test('every section shows the rows of its SQL table', async () => {
    const t = cli.tables;
    expect(await rowCount('register')).toBe(t['complaint_register']!.length);
    expect(await rowCount('deadlines')).toBe(t['complaint_deadlines']!.length);
    expect(await rowCount('settle')).toBe(t['overdue']!.filter((r) => r['kind'] === 'settle').length);
    expect(await rowCount('step-times')).toBe(7);
    expect(await rowCount('deductions')).toBe(t['deductions']!.length);
    expect(await rowCount('flagged')).toBe(t['quality_faults']!.filter((r) => r['flag'] !== null).length);
    // The tree: one row per department and unit of the roll-up, plus the people under them.
    const depts = t['responsibility_rollup']!.filter((r) => r['level'] === 'department').length;
    expect(await w.page.locator('#responsibility tr.q-level-department').count()).toBe(depts);
    // The first deduction row's money is the CLI's, formatted.
    const first = t['deductions']![0]!;
    const cells = await w.page.locator('#deductions tbody tr').first().locator('td').allTextContents();
    expect(cells).toContain(`¥${String(first['deducted']).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`);
    // Charts drawn (SVG) in each chart box.
    for (const id of ['chart-steps', 'chart-pareto-units', 'chart-batches', 'chart-causes']) {
      expect(await w.page.locator(`#${id} svg`).count(), id).toBe(1);
    }
  });

  test('the register filters, the drill-down and the deduction arithmetic respond', async () => {
    const all = await rowCount('register');
    await w.page.selectOption('#register-filters select[data-filter="status"]', 'closed');
    const closed = await rowCount('register');
    expect(closed).toBe(cli.tables['complaint_register']!.filter((r) => r['status'] === 'closed').length);
    expect(closed).toBeLessThanOrEqual(all);
    await w.page.click('#register-reset');
    expect(await rowCount('register')).toBe(all);

    const dept = await w.page.locator('#responsibility tr[data-department]').first().getAttribute('data-department');
    await w.page.locator('#responsibility tr[data-department]').first().click();
    await w.page.locator('#drill').waitFor({ state: 'visible' });
    const rows = cli.tables['responsibility_complaints']!.filter((r) => r['department'] === dept).length;
    expect(await rowCount('drill-table')).toBe(rows);
    await w.page.click('#drill-close');
    expect(await w.page.locator('#drill').isHidden()).toBe(true);

    const explain = w.page.locator('#deductions .q-explain').first();
    await explain.click();
    expect(await explain.getAttribute('aria-expanded')).toBe('true');
    expect(await w.page.locator('#deductions tr.q-detail').first().isVisible()).toBe(true);
  });

  test('a table downloads as CSV with a BOM, its header and every row', async () => {
    const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.click('[data-csv-for="register"]')]);
    expect(download.suggestedFilename()).toMatch(/^投诉与质量_\d{4}-\d{2}_全公司_投诉登记\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^投诉编号,受理时间,网点,/);
    expect(lines).toHaveLength(cli.tables['complaint_register']!.length + 1);
    expect(lines[1]!.startsWith(String(cli.tables['complaint_register']![0]!['complaint_no']))).toBe(true);
  });

  test('another quarter: only the summary is recomputed, and the choice goes into the URL', async () => {
    const other = otherQuarter;
    await w.page.selectOption('#quarter-select', other);
    await reportReady(w.page);
    expect(new URL(w.page.url()).searchParams.get('quarter')).toBe(other);
    expect(new URL(w.page.url()).searchParams.get('period')).toBe(period);
    const q = cliQuarter;
    expect(await w.page.locator('#quarter-kpis [data-metric="complaints.received"]').getAttribute('data-value')).toBe(String(q.metrics['complaints.received']));
    expect(await rowCount('qs-market')).toBe(q.tables['complaint_summary']!.filter((r) => r['dimension'] === 'market').length);
  });

  test('the analysis over the last 3 months flags the batches of the CLI for that range', async () => {
    await w.page.selectOption('#qa-window', '3');
    await reportReady(w.page);
    expect(new URL(w.page.url()).searchParams.get('qa')).toBe('3');
    expect(await w.page.locator('#qa-title').textContent()).toContain('至');
    const flagged = cliRange.tables['quality_faults']!.filter((r) => r['flag'] !== null);
    expect(await rowCount('flagged')).toBe(flagged.length);
    const first = flagged[0];
    if (first) expect(await w.page.locator('#flagged tbody tr').first().textContent()).toContain(String(first['product_batch']));
    await w.page.locator('#sec-quality').screenshot({ path: `${RESULTS}quality-analysis-3m.png` });
    await w.page.selectOption('#qa-window', '1');
    await reportReady(w.page);
  });

  test('English labels, then back; no console error and no request off the origin', async () => {
    await w.page.click('#lang-button');
    expect(await w.page.locator('#sec-register-h').textContent()).toBe('Complaint register');
    expect(await w.page.locator('#register thead th').first().textContent()).toBe('Complaint no.');
    await w.page.screenshot({ path: `${RESULTS}quality-en.png`, fullPage: false });
    await w.page.click('#lang-button');
    expect(await w.page.locator('#sec-register-h').textContent()).toBe('投诉登记');
    expect(w.errors).toEqual([]);
    const origin = new URL(s.server.url).origin;
    expect(w.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin)).toEqual([]);
  });
});
