/**
 * The monthly report (月报) against the built site: every value on the page that names a metric of docs/metrics.md
 * (`data-metric`, with its raw `data-value`) equals the report CLI's JSON for the same period and
 * selection — this month, last month and the same month last year (`data-compare`), and each branch row
 * (`data-branch`) — for the whole company, a service centre (roll-up) and a branch. Also: the URL carries
 * the selection, the ready flag goes while a selection computes, the drill lists hold the CLI's rows,
 * CSV exports open in Excel (UTF-8 with BOM), no console error, nothing requested off the origin.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readSheet } from 'read-excel-file/universal';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { previousMonth, sameMonthLastYear } from '../../src/lib/report/period.ts';
import { HEADLINE_CARDS } from '../../src/lib/metrics.ts';
import { reportReady, RESULTS, ROOT, startSession, watchedPage, type Session, type Watched } from './browser.ts';

const run = promisify(execFile);

interface Json {
  metrics: Record<string, unknown>;
  by_branch: Record<string, Record<string, unknown>>;
  tables: Record<string, Record<string, unknown>[]>;
}

/** The CLI's JSON (node src/cli/report.ts, the same as `npm run report`), with --rollup when asked. */
const cliCache = new Map<string, Promise<Json>>();
function cli(period: string, branch: string | null, rollup = true): Promise<Json> {
  const args = ['src/cli/report.ts', '--data', 'data/sample', '--period', period];
  if (branch) args.push('--branch', branch);
  if (rollup) args.push('--rollup');
  const key = args.join(' ');
  if (!cliCache.has(key)) {
    cliCache.set(
      key,
      run(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).then(({ stdout }) => JSON.parse(stdout) as Json),
    );
  }
  return cliCache.get(key)!;
}

/** What the CLI JSON value looks like in data-value: numbers as their JSON text, money as its string. */
const asDataValue = (v: unknown): string => (v === null || v === undefined ? 'null' : typeof v === 'string' ? v : JSON.stringify(v));

interface Shown {
  metric: string;
  key: string | null;
  compare: string | null;
  branch: string | null;
  value: string | null;
}

/** Every element of the page that shows a metric value. */
function shownValues(w: Watched): Promise<Shown[]> {
  return w.page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-metric]')].map((el) => ({
      metric: el.dataset['metric']!,
      key: el.dataset['key'] ?? null,
      compare: el.dataset['compare'] ?? null,
      branch: el.dataset['branch'] ?? null,
      value: el.dataset['value'] ?? null,
    })),
  );
}

/**
 * Compare every shown value with the CLI: this month, the branch rows and — with `compare` — the
 * comparison months (last month, same month last year; otherwise those cells are left out).
 */
async function expectPageEqualsCli(w: Watched, period: string, branch: string | null, compare = true): Promise<number> {
  const [cur, prev, ly] = await Promise.all([
    cli(period, branch),
    compare ? cli(previousMonth(period), branch) : null,
    compare ? cli(sameMonthLastYear(period), branch) : null,
  ]);
  const shown = (await shownValues(w)).filter((s) => compare || (s.compare !== 'mom' && s.compare !== 'yoy'));
  const problems: string[] = [];
  for (const s of shown) {
    const src = s.compare === 'mom' ? prev! : s.compare === 'yoy' ? ly! : cur;
    let v: unknown = s.branch ? src.by_branch[s.branch]?.[s.metric] : src.metrics[s.metric];
    if (s.key !== null) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[s.key] : undefined;
    const want = asDataValue(v);
    if (s.value !== want) problems.push(`${s.metric}${s.key ? `.${s.key}` : ''} ${s.compare ?? ''} ${s.branch ?? ''}: page ${s.value}, CLI ${want}`);
  }
  expect(problems, `${branch ?? 'company'} ${period}`).toEqual([]);
  return shown.length;
}

let s: Session;
let w: Watched;
let period: string;

beforeAll(async () => {
  s = await startSession();
  w = await watchedPage(s.browser);
  await w.page.goto(s.server.url);
  await reportReady(w.page);
  period = new URL(w.page.url()).searchParams.get('period')!;
  // Start the CLI runs the tests need while the browser works (they are independent processes).
  for (const p of [period, previousMonth(period), sameMonthLastYear(period)]) void cli(p, null);
  void cli(period, 'C1');
  void cli(period, 'B01', false);
  const t = await w.page.evaluate(() => ({
    ready: Math.round(performance.getEntriesByName('report-ready')[0]?.startTime ?? -1),
    data: Math.round(performance.getEntriesByName('data-ready')[0]?.startTime ?? -1),
    compute: Math.round(performance.getEntriesByName('monthly-compute')[0]?.duration ?? -1),
    render: Math.round(performance.getEntriesByName('monthly-render')[0]?.duration ?? -1),
  }));
  console.info(`monthly report, first view (ms since navigation): data loaded ${t.data}, ready ${t.ready}; compute ${t.compute}, render ${t.render}`);
});

afterAll(async () => {
  await s?.close();
});

describe('monthly report page = report CLI', () => {
  test('whole company: every headline and section value, the comparison months and every branch row', async () => {
    expect(period).toMatch(/^\d{4}-\d{2}$/);
    for (const id of HEADLINE_CARDS) {
      expect(await w.page.locator(`[data-kpi="${id}"] [data-metric="${id}"]`).getAttribute('data-value'), id).not.toBeNull();
    }
    const n = await expectPageEqualsCli(w, period, null);
    expect(n).toBeGreaterThan(400); // cards, section tables (3 months), breakdowns and the branch tables
    // Target colours are on (the sample config has targets), and the scope says whole company.
    expect(await w.page.locator('.kpi.has-target').count()).toBeGreaterThanOrEqual(6);
    expect(await w.page.locator('#scope-note').textContent()).toContain('全公司');
    await w.page.waitForSelector('html[data-charts-ready="1"]');
    await w.page.screenshot({ path: `${RESULTS}monthly-company.png`, fullPage: true });
  });

  test('charts in view are drawn with the report; the others right after, never showing another selection', async () => {
    // Scrolled to the top after ready: the first chart is in view and drawn, the last is far below.
    const state = () =>
      w.page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[data-chart]')].map((el) => ({
          id: el.dataset['chart'],
          drawn: el.querySelector('svg') !== null && el.style.visibility !== 'hidden',
          hidden: el.style.visibility === 'hidden',
        })),
      );
    await w.page.evaluate(() => scrollTo(0, 0));
    const sel = await w.page.locator('#period-select').inputValue();
    const other = await w.page.locator('#period-select option').nth(2).getAttribute('value');
    await w.page.selectOption('#period-select', other!);
    await reportReady(w.page);
    const atReady = await state();
    expect(atReady.length).toBe(15); // 13 charts of the seven sections, and the hotline's two (by hour, by kind)
    expect(atReady[0]!.drawn).toBe(true);
    // Every chart is either drawn for this selection or hidden until it is (none shows the old month).
    expect(atReady.every((c) => c.drawn || c.hidden)).toBe(true);
    await w.page.waitForSelector('html[data-charts-ready="1"]');
    expect((await state()).every((c) => c.drawn)).toBe(true);
    await w.page.selectOption('#period-select', sel);
    await reportReady(w.page);
  });

  test('the drill lists hold the CLI tables: late orders, repeats, 催办 and 洽办', async () => {
    const cur = await cli(period, null);
    const rows = async (id: string) => Number(await w.page.locator(`[data-table-card="drill-${id}"]`).getAttribute('data-rows'));
    expect(await rows('late')).toBe(cur.tables['late_orders']!.length);
    expect(await rows('repeats')).toBe(cur.tables['repeats']!.length);
    expect(await rows('urge')).toBe(cur.tables['overdue']!.filter((r) => r['kind'] === 'urge').length);
    expect(await rows('settle')).toBe(cur.tables['overdue']!.filter((r) => r['kind'] === 'settle').length);
    // The late list: the first shown order is the CLI's first (latest first), with its working hours late.
    const first = cur.tables['late_orders']![0]!;
    const firstRow = w.page.locator('#table-drill-late tbody tr').first();
    expect(await firstRow.locator('th').textContent()).toBe(first['order_id']);
    expect(await firstRow.locator('td').last().textContent()).toBe((first['hours_late'] as number).toFixed(1));
  });

  test('a CSV export is UTF-8 with a BOM and has every row of the list, not only those shown', async () => {
    const cur = await cli(period, null);
    const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.click('[data-csv-for="drill-late"]')]);
    expect(download.suggestedFilename()).toMatch(/^售后服务月报_\d{4}-\d{2}_全公司_.*迟到工单\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('工单号,网点,技术员,服务类型,区域,报修时间,到达期限,到达时间,迟到（工作小时）');
    expect(lines.length).toBe(1 + cur.tables['late_orders']!.length);
    // A section table exports from the page, numbers without ¥ or separators.
    const [d2] = await Promise.all([w.page.waitForEvent('download'), w.page.click('[data-csv-for="cost"]')]);
    const cost = readFileSync((await d2.path())!).toString('utf8');
    expect(cost).toContain(`售后费用合计,${String(cur.metrics['cost.total'])},`);
  });

  test('the .xlsx twin of a CSV export: the same rows, numbers as numbers, timestamps as dates', async () => {
    const cur = await cli(period, null);
    const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.click('[data-xlsx-for="drill-late"]')]);
    expect(download.suggestedFilename()).toMatch(/^售后服务月报_\d{4}-\d{2}_全公司_.*迟到工单\.xlsx$/);
    const bytes = readFileSync((await download.path())!);
    const sheet = await readSheet(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(sheet[0]).toEqual(['工单号', '网点', '技术员', '服务类型', '区域', '报修时间', '到达期限', '到达时间', '迟到（工作小时）']);
    expect(sheet.length).toBe(1 + cur.tables['late_orders']!.length);
    const first = cur.tables['late_orders']![0]!;
    expect(sheet[1]![0]).toBe(first['order_id']);
    expect(sheet[1]![5]).toBeInstanceOf(Date); // 报修时间: a date cell, the wall-clock time read through UTC
    const called = new Date(Math.round((sheet[1]![5] as unknown as Date).getTime() / 1000) * 1000); // Excel's day fraction, to the second
    expect(called.toISOString().slice(0, 19).replace('T', ' ')).toBe(String(first['called_at']).slice(0, 19));
    expect(typeof sheet[1]![8]).toBe('number'); // hours late
  });

  test('a service centre is its branches combined (roll-up); the URL carries it; ready goes while computing', async () => {
    const gone = await w.page.evaluate(() => {
      const sel = document.querySelector<HTMLSelectElement>('#branch-select')!;
      sel.value = 'C1';
      sel.dispatchEvent(new Event('change', { bubbles: true }));
      return document.documentElement.dataset['reportReady'] === undefined;
    });
    expect(gone).toBe(true);
    const t0 = Date.now();
    await reportReady(w.page);
    console.info(
      `switch to centre C1: ${Date.now() - t0} ms (page: ${await w.page.evaluate(() => Math.round(performance.getEntriesByName('monthly-compute').at(-1)!.duration))} ms compute)`,
    );
    const url = new URL(w.page.url());
    expect(url.searchParams.get('branch')).toBe('C1');
    expect(url.searchParams.get('period')).toBe(period);
    expect(await w.page.locator('#scope-note').textContent()).toMatch(/华东服务中心及下属 4 个网点合计/);
    await expectPageEqualsCli(w, period, 'C1', false); // the comparison months were checked for the company
    // The centre's branches are its comparison rows.
    expect(await w.page.locator('#table-branch-response tbody tr').count()).toBe(4);
  });

  test('months and branches computed in the background while the page was idle equal the CLI (stepping back: comparisons too)', async () => {
    const before = previousMonth(period);
    // The centre C1 is on screen (previous test); its month before is computed once the page is idle.
    await w.page.waitForFunction((p) => performance.getEntriesByName('monthly-prefetched').some((e) => (e as PerformanceMark).detail?.period === p), before, {
      timeout: 60_000,
    });
    await w.page.evaluate((p) => {
      const sel = document.querySelector<HTMLSelectElement>('#period-select')!;
      sel.value = p;
      sel.dispatchEvent(new Event('change', { bubbles: true }));
    }, before);
    await reportReady(w.page);
    expect(new URL(w.page.url()).searchParams.get('period')).toBe(before);
    await expectPageEqualsCli(w, before, 'C1');
    // Back to the month the other tests expect.
    await w.page.goBack();
    await reportReady(w.page);
    expect(new URL(w.page.url()).searchParams.get('period')).toBe(period);
    // Then every other branch of that month is computed in the background; one of them, picked, equals the CLI.
    await w.page.waitForFunction(
      (p) => performance.getEntriesByName('monthly-prefetched-branches').some((e) => (e as PerformanceMark).detail?.period === p),
      period,
      { timeout: 120_000 },
    );
    await w.page.selectOption('#branch-select', 'B02');
    await reportReady(w.page);
    expect(new URL(w.page.url()).searchParams.get('branch')).toBe('B02');
    await expectPageEqualsCli(w, period, 'B02', false);
  });

  test('a branch opened from a URL: its figures are the CLI --branch figures (no roll-up needed)', async () => {
    const p = await watchedPage(s.browser);
    await p.page.goto(`${s.server.url}?period=${period}&branch=B01`);
    await reportReady(p.page);
    expect(await p.page.locator('#branch-select').inputValue()).toBe('B01');
    const plain = await cli(period, 'B01', false);
    for (const id of HEADLINE_CARDS) {
      expect(await p.page.locator(`[data-kpi="${id}"] [data-metric="${id}"]`).getAttribute('data-value'), id).toBe(asDataValue(plain.metrics[id]));
    }
    // A branch has no rows below it: no by-branch table; its charts compare the months instead.
    expect(await p.page.locator('[data-table-card="branch-response"]').isHidden()).toBe(true);
    expect(p.errors).toEqual([]);
    await p.context.close();
  });

  test('switching to English re-labels the report without recomputing it', async () => {
    const before = await w.page.locator('[data-kpi="cost.total"] [data-metric="cost.total"]').getAttribute('data-value');
    await w.page.click('#lang-button');
    expect(await w.page.locator('#section-response h2').textContent()).toBe('Response and arrival');
    expect(await w.page.locator('[data-kpi="response.on_time_rate"] [data-delta="mom"]').textContent()).toMatch(/pp$|^unchanged$|^—$/);
    expect(await w.page.getAttribute('html', 'data-report-ready')).toBe('1');
    expect(await w.page.locator('[data-kpi="cost.total"] [data-metric="cost.total"]').getAttribute('data-value')).toBe(before);
    await w.page.screenshot({ path: `${RESULTS}monthly-en.png` });
    await w.page.click('#lang-button');
    expect(await w.page.locator('#section-response h2').textContent()).toBe('响应与到达');
  });

  test('no console error, no request off the origin', () => {
    expect(w.errors).toEqual([]);
    const origin = new URL(s.server.url).origin;
    expect(w.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin)).toEqual([]);
  });
});
