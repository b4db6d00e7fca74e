/**
 * Benchmark harness (issue 7): `npm run bench -- [--scales S,M,L] [--runs 3] [--no-browser] [--no-native]`.
 * For each scale it generates (or reuses, cached in bench/cache/, git-ignored) the data as CSV, as
 * Parquet and as the site's bundled DuckDB file, then measures each step several times:
 *   native  — DuckDB in Node (@duckdb/node-api), the engine's limit on this machine;
 *   browser — DuckDB-WASM in headless Chromium on the built site (dist/), what users get.
 * Prints step × scale × native × browser × ratio (median and min–max) and writes bench/results.md.
 * Goals are measured, not asserted: see the issue and README.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { startServer } from '../src/cli/serve.ts';
import { storedPartName } from '../src/lib/db/stored-part.ts';
import { openNodeDb } from '../src/lib/db/db-node.ts';
import { generate, SCALES, type Scale } from '../src/lib/generate/generate-node.ts';
import { computeReport } from '../src/lib/report/compute.ts';
import { loadDataDir } from '../src/lib/report/data-dir-node.ts';
import { figuresFingerprint, listsFingerprint, reportsFingerprint } from '../src/lib/report/figures.ts';
import { drillFingerprint } from '../src/lib/report/drill-store.ts';
import { runSetup, setupFingerprint } from '../src/lib/report/prepare.ts';
import { previousMonth, sameMonthLastYear } from '../src/lib/report/period.ts';
import { readSqlFiles } from '../src/lib/report/sql-node.ts';
import { MONTHLY_TABLES } from '../src/lib/report/monthly-sections.ts';
import { annualWork, quarterSql, yearChoices } from '../src/lib/report/annual.ts';
import type { PeriodChoice } from '../src/lib/report/selection.ts';
import { TABLES } from '../src/lib/schema.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CACHE = join(ROOT, 'bench/cache');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const PERIOD = '2026-10';
const PREVIOUS = '2026-09';
const YEAR = '2026';
/** The step whose browser figure is the page's own compute measure (queries only, no drawing). */
const PAGE_QUERIES = "page's report queries: month + 2 comparison months (whole company)";
const CLI = 'report CLI from the CSV folder, end to end (import, validate, load, setup, monthly JSON)';
const CLI_FOLDER = 'report CLI from the CSV folder';
const CLI_BUILD = 'build-db: the CSV folder imported once into a database file (import, validate, setup)';
const CLI_FILE = 'report CLI from that database file (monthly JSON, same as from the folder)';
/** The annual page's whole work (annual-model.ts annualWork); in the browser, from data loaded to the trends drawn. */
const ANNUAL = 'annual report: year, year before, quarters, 10 trend months (data loaded → all drawn)';

const args = parseArgs({
  options: {
    scales: { type: 'string', default: 'S,M,L' },
    runs: { type: 'string', default: '3' },
    'no-browser': { type: 'boolean', default: false },
    'no-native': { type: 'boolean', default: false },
  },
}).values;
/**
 * S, M, L; and XL (20 M orders, generated on demand): the CLI alone (issue 7: ≤ 30 s, ≤ 8 GB) — from the
 * CSV folder, and from a database file built from it once (npm run build-db).
 */
type BenchScale = Scale | 'XL';
const XL_ORDERS = 20_000_000;
const scales = args.scales.split(',').map((s) => s.trim().toUpperCase()) as BenchScale[];
/** The CLI's peak memory per scale (the `/usr/bin/time` maximum resident set). */
const cliMemory: string[] = [];
const RUNS = Math.max(1, Number(args.runs));

interface Measure {
  step: string;
  scale: BenchScale;
  native: number[];
  browser: number[];
  note?: string;
}
const results: Measure[] = [];
const extras: string[] = [];

function record(scale: BenchScale, step: string, side: 'native' | 'browser', ms: number, note?: string): void {
  let m = results.find((r) => r.scale === scale && r.step === step);
  if (!m) results.push((m = { step, scale, native: [], browser: [] }));
  m[side].push(ms);
  if (note) m.note = note;
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await f();
  return [v, performance.now() - t0];
}

/**
 * CSV, Parquet and the site's .duckdb for a scale, generated once and cached: `duckdb` as the site
 * bundles it (every month's figures computed at build time), `live` without the figures (the page then
 * computes every month, as it does for data imported in the browser).
 */
function prepare(scale: Scale): { csv: string; parquet: string; duckdb: string; live: string } {
  const dir = join(CACHE, scale);
  const csv = join(dir, 'csv');
  const parquet = join(dir, 'parquet');
  const duckdb = join(dir, 'site.duckdb');
  if (!existsSync(join(csv, 'config.json'))) {
    log(`generating scale ${scale} (${SCALES[scale].toLocaleString()} orders)…`);
    rmSync(csv, { recursive: true, force: true });
    generate({ out: csv, scale, seed: 1, end: '2026-10' });
  }
  if (!existsSync(join(parquet, 'config.json'))) {
    log(`writing Parquet copies for ${scale}…`);
    mkdirSync(parquet, { recursive: true });
    const sql = TABLES.filter((t) => existsSync(join(csv, `${t.name}.csv`)))
      .map((t) => `COPY (SELECT * FROM read_csv('${join(csv, `${t.name}.csv`)}', all_varchar = true, header = true)) TO '${join(parquet, `${t.name}.parquet`)}' (FORMAT parquet);`)
      .join('\n');
    execFileSync(process.execPath, ['-e', nodeDuckdbScript(sql)], { stdio: 'inherit' });
    cpSync(join(csv, 'config.json'), join(parquet, 'config.json'));
  }
  // Rebuilt when the SQL they hold the results of changed (src/cli/build-db.ts).
  const live = join(dir, 'site-live.duckdb');
  const sql = readSqlFiles();
  for (const [file, flags, fingerprint] of [
    [duckdb, [], `${figuresFingerprint(sql)} ${reportsFingerprint(sql)} ${drillFingerprint(sql)} ${listsFingerprint(sql)}`],
    [live, ['--no-figures'], setupFingerprint(sql)],
  ] as const) {
    const stamp = `${file}.setup`;
    const part = flags.length === 0 ? storedPartName(file) : null; // the bundled one comes with its stored part
    if (!existsSync(file) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== fingerprint || (part !== null && !existsSync(part))) {
      log(`building the bundled database for ${scale}${flags.length ? ` (${flags.join(' ')})` : ''}…`);
      execFileSync(process.execPath, ['src/cli/build-db.ts', '--data', csv, '--out', file, ...flags], { cwd: ROOT, stdio: 'inherit' });
      writeFileSync(stamp, fingerprint);
    }
  }
  return { csv, parquet, duckdb, live };
}

function nodeDuckdbScript(sql: string): string {
  return `import('@duckdb/node-api').then(async ({ DuckDBInstance }) => {
    const c = await (await DuckDBInstance.create(':memory:')).connect();
    await c.run(${JSON.stringify(sql)});
  });`;
}

function log(s: string): void {
  process.stderr.write(`bench: ${s}\n`);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (xs: number[]) =>
  xs.length === 0 ? '—' : xs.length === 1 ? `${Math.round(xs[0]!)}` : `${Math.round(median(xs))} (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`;

/** Native: import + load per format, setup, the report steps. */
async function native(scale: Scale, paths: { csv: string; parquet: string }): Promise<void> {
  const sql = readSqlFiles();
  for (const [format, dir] of [['CSV', paths.csv], ['Parquet', paths.parquet]] as const) {
    const runs = scale === 'L' ? 1 : RUNS;
    for (let i = 0; i < runs; i++) {
      const db = await openNodeDb();
      const [, tLoad] = await timed(() => loadDataDir(db, dir));
      record(scale, `load all tables (${format}: import + validate + load)`, 'native', tLoad);
      await db.close();
    }
  }
  // The report steps on one prepared database (the CLI's path: CSV import, setup, queries).
  const db = await openNodeDb();
  const data = await loadDataDir(db, paths.csv);
  for (let i = 0; i < RUNS; i++) {
    const [, t] = await timed(() => runSetup(db, data.config, sql));
    record(scale, 'setup (calendar, orders_x, repeats, …)', 'native', t);
  }
  // The page's work for a selection (src/views/monthly/controller.ts): the month with its drill tables and branch
  // rows, and its two comparison months as totals only — the same queries the browser runs.
  const hq = (await db.query("SELECT branch_id FROM branches WHERE parent_id IS NULL ORDER BY branch_id LIMIT 1"))[0]?.['branch_id'] as string | undefined;
  const pageWork = async (period: string, branch: string | null) => {
    await computeReport(db, { period, branch, rollup: true }, sql, { tables: [...MONTHLY_TABLES] });
    for (const p of [previousMonth(period), sameMonthLastYear(period)]) {
      await computeReport(db, { period: p, branch, rollup: branch !== null }, sql, { tables: [], byBranch: false });
    }
  };
  for (let i = 0; i < RUNS; i++) {
    record(scale, 'monthly report (every metric and table)', 'native', (await timed(() => computeReport(db, { period: PERIOD, branch: null }, sql)))[1]);
    record(scale, PAGE_QUERIES, 'native', (await timed(() => pageWork(PREVIOUS, null)))[1]);
    record(scale, 'switch month (whole company, not computed before)', 'native', (await timed(() => pageWork(PREVIOUS, null)))[1]);
    if (hq) record(scale, 'switch branch (head office with roll-up, not computed before)', 'native', (await timed(() => pageWork(PREVIOUS, hq)))[1]);
    record(scale, ANNUAL, 'native', (await timed(() => annual(db, sql)))[1]);
  }
  await db.close();
}

/**
 * The annual page's work (annual-model.ts annualWork, the list the page runs): the year with its tables,
 * the year before, each quarter's satisfaction and complaint summary, each month's totals for the trends.
 */
async function annual(db: Awaited<ReturnType<typeof openNodeDb>>, sql: ReturnType<typeof readSqlFiles>): Promise<void> {
  const periods = (await db.query(sql['meta/periods.sql']!)) as unknown as PeriodChoice[];
  const work = annualWork(yearChoices(periods).find((c) => c.year === Number(YEAR))!, new Set(periods.map((p) => p.period)));
  const run = (period: string, tables: string[], files = sql, byBranch = true) =>
    computeReport(db, { period, branch: null, rollup: false }, files, { tables, byBranch });
  await run(work.year.period, work.year.tables);
  if (work.prior) await run(work.prior.period, work.prior.tables);
  for (const q of work.quarters) await run(q.period, q.tables, quarterSql(sql));
  for (const m of work.months) await run(m.period, m.tables, sql, m.byBranch);
}

/**
 * The report CLI end to end, as a user runs it on a folder of CSV exports: import, validate, load,
 * setup, the monthly report JSON. A child process under /usr/bin/time, for its peak memory.
 */
/** Run a script under /usr/bin/time: its wall time (ms) and peak memory (KB); throws if it fails. */
function timedRun(what: string, args: string[]): { ms: number; kb: number } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${what} failed: ${r.stderr}`);
  return { ms, kb: Number(r.stderr.trim().split('\n').at(-1)) };
}

function cli(scale: BenchScale, csv: string): void {
  const out = join(CACHE, `cli-${scale}.json`);
  const { ms, kb } = timedRun(`report CLI at ${scale}`, ['src/cli/report.ts', '--data', csv, '--period', PERIOD, '--out', out]);
  record(scale, CLI, 'native', ms);
  cliMemory.push(`| ${scale} | ${CLI_FOLDER} | ${(kb / 2 ** 20).toFixed(1)} GB |`);
  // The same export imported once into a database file (npm run build-db), then a report from the file:
  // the way to report on an export too large to import for every report. Same JSON (test/cli.test.ts).
  const file = join(CACHE, `cli-${scale}.duckdb`);
  const built = timedRun(`build-db at ${scale}`, ['src/cli/build-db.ts', '--no-figures', '--data', csv, '--out', file]);
  record(scale, CLI_BUILD, 'native', built.ms);
  cliMemory.push(`| ${scale} | ${CLI_BUILD} | ${(built.kb / 2 ** 20).toFixed(1)} GB |`);
  const fromFile = timedRun(`report CLI from the file at ${scale}`, ['src/cli/report.ts', '--data', file, '--period', PERIOD, '--out', `${out}.file`]);
  record(scale, CLI_FILE, 'native', fromFile.ms);
  cliMemory.push(`| ${scale} | ${CLI_FILE} | ${(fromFile.kb / 2 ** 20).toFixed(1)} GB |`);
  if (readFileSync(out, 'utf8') !== readFileSync(`${out}.file`, 'utf8')) throw new Error(`report from the built file differs from the folder's at ${scale}`);
  for (const f of [out, `${out}.file`, file]) rmSync(f, { force: true });
}

/**
 * Browser: the built site with this scale's database in place of the sample. `live`: a database without
 * the build-time figures, so the page computes every month itself — what it does for data imported in
 * the browser, and the measure of the report queries against native (the ratio row).
 */
async function browser(scale: Scale, duckdb: string, live = false): Promise<void> {
  // The live rows keep the step names the native rows have (same work, so the ratio means something).
  const step = (name: string) => (live ? name : `${name} — bundled: months' figures computed at build time`);
  const site = join(CACHE, `site-${scale}`);
  rmSync(site, { recursive: true, force: true });
  cpSync(join(ROOT, 'dist'), site, { recursive: true });
  cpSync(duckdb, join(site, 'data/sample.duckdb'));
  // Its stored part, which the monthly page opens on (the live file has none: the page then opens it whole).
  rmSync(join(site, 'data', storedPartName('sample.duckdb')), { force: true });
  if (existsSync(storedPartName(duckdb))) cpSync(storedPartName(duckdb), join(site, 'data', storedPartName('sample.duckdb')));
  const server = await startServer(site, 0);
  const b = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await b.newContext({ viewport: { width: 1280, height: 900 } });
      let bytes = 0;
      context.on('requestfinished', (r) => void r.sizes().then((s) => (bytes += s.responseBodySize + s.responseHeadersSize)).catch(() => {}));
      await context.addInitScript(() => {
        // Resolve the time (ms since navigation) each time <html data-report-ready="1"> appears. The
        // observer is kept on window: a run once failed with "Resulting promise was garbage collected".
        // After 2 minutes it fails with the page's status line (an error the page showed, say).
        const w = window as unknown as { __nextReady: () => Promise<number>; __observers: Set<MutationObserver> };
        w.__observers = new Set();
        w.__nextReady = () =>
          new Promise((resolve, reject) => {
            const html = document.documentElement;
            const mo = new MutationObserver(() => {
              if (html.dataset['reportReady'] === '1') {
                mo.disconnect();
                w.__observers.delete(mo);
                clearTimeout(timer);
                resolve(performance.now());
              }
            });
            const timer = setTimeout(() => {
              mo.disconnect();
              w.__observers.delete(mo);
              reject(new Error(`report not ready after 120 s; status: ${['status-text', 'status-error'].map((id) => document.getElementById(id)?.textContent?.replace(/\s+/g, ' ').trim()).join(' | ')}`));
            }, 120_000);
            w.__observers.add(mo);
            mo.observe(html, { attributes: true, attributeFilter: ['data-report-ready'] });
          });
      });
      const page = await context.newPage();
      const peak = watchMemory();
      await page.goto(`${server.url}/`);
      const cold = await page.evaluate(() => {
        const html = document.documentElement;
        if (html.dataset['reportReady'] === '1') return performance.getEntriesByName('report-ready')[0]?.startTime ?? performance.now();
        return (window as unknown as { __nextReady: () => Promise<number> }).__nextReady();
      });
      record(scale, step('open the site cold → monthly report ready'), 'browser', cold);
      record(scale, step('open cold: data loaded → report ready (first compute + render)'), 'browser', cold - (await mark(page, 'data-ready')));
      // Switches right after the page is ready: nothing of the new selection is computed yet.
      record(scale, step('switch month (whole company, not computed before)'), 'browser', await switchTo(page, '#period-select', 1));
      record(scale, live ? PAGE_QUERIES : 'page\'s compute with build-time figures: month\'s tables + 3 stored months', 'browser', await page.evaluate(() => performance.getEntriesByName('monthly-compute').at(-1)?.duration ?? 0));
      record(scale, step('switch branch (head office with roll-up, not computed before)'), 'browser', await switchTo(page, '#branch-select', 1));
      // The reader looks at the page for 3 s; the month before is computed meanwhile (app.ts prefetch).
      await page.waitForTimeout(3000);
      record(scale, step('step back a month after 3 s on the page (computed in the background)'), 'browser', await switchTo(page, '#period-select', 1));
      // 10 s more: the other branches of that month are computed meanwhile (the 5th one down the list).
      await page.waitForTimeout(10_000);
      record(scale, step('switch branch (5 down the list) after 10 s on the page (computed in the background)'), 'browser', await switchTo(page, '#branch-select', 5));
      // Back to the whole company (computed in the background), 5 s more, then three months back: that month's
      // tables are not computed (the background work computes the month before's and every month's figures),
      // and the engine has run for a while — against the first switch above, right after the page is ready.
      await switchTo(page, '#branch-select', -(await page.evaluate(() => (document.querySelector('#branch-select') as HTMLSelectElement).selectedIndex)));
      await page.waitForTimeout(5000);
      record(scale, step('switch month (whole company, 3 back: its tables not computed) after 18 s on the page'), 'browser', await switchTo(page, '#period-select', 3));
      const heap = await jsHeap(page);
      if (existsSync(join(site, 'annual/index.html'))) {
        await page.goto(`${server.url}/annual/?year=${YEAR}`);
        const t = await page.evaluate(() =>
          document.documentElement.dataset['reportReady'] === '1'
            ? performance.now()
            : (window as unknown as { __nextReady: () => Promise<number> }).__nextReady(),
        );
        const loaded = await mark(page, 'data-ready');
        record(scale, step('annual page opened → the year\'s figures ready (engine, data, year + year before)'), 'browser', t);
        record(scale, step('annual page: data loaded → the year\'s figures ready'), 'browser', t - loaded);
        await page.waitForSelector('html[data-trends-ready="1"]', { timeout: 600_000 });
        const trends = await mark(page, 'trendsReady');
        record(scale, step(ANNUAL), 'browser', trends - loaded, 'browser: from data loaded');
      }
      const rss = peak.stop();
      if (i === 0 && !live) extras.push(`| ${scale} | ${(rss.tab / 2 ** 20).toFixed(0)} MB | ${(rss.all / 2 ** 20).toFixed(0)} MB | ${(heap / 2 ** 20).toFixed(0)} MB | ${(bytes / 2 ** 20).toFixed(1)} MB |`);
      await context.close();
    }
  } finally {
    await b.close();
    await server.close();
    rmSync(site, { recursive: true, force: true });
  }
}

/** Pick the option `index` of a select and time until the page is ready again (ms). */
async function switchTo(page: Page, selector: string, index: number): Promise<number> {
  return page.evaluate(
    async ([sel, i]) => {
      const s = document.querySelector(sel as string) as HTMLSelectElement;
      const ready = (window as unknown as { __nextReady: () => Promise<number> }).__nextReady();
      const t0 = performance.now();
      s.selectedIndex = (s.selectedIndex + (i as number)) % s.options.length;
      s.dispatchEvent(new Event('change', { bubbles: true }));
      return (await ready) - t0;
    },
    [selector, index] as const,
  );
}

/** A performance mark's time since navigation (ms). */
function mark(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? 0, name);
}

async function jsHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  await cdp.detach();
  return metrics.find((m) => m.name === 'JSHeapTotalSize')?.value ?? 0;
}

/** Peak resident memory of Chromium's renderer processes (the tab, its worker and WASM memory). */
/**
 * Peak resident memory of Chromium's renderer processes, sampled every 100 ms: the tab's own process
 * (the largest: the page, its workers and the WASM heap live there) and all of them. A blank page
 * already has two more renderer processes of Chromium's own, ≈ 235 MB together, that do not grow with the
 * page (measured with about:blank): counting them as the tab's would overstate it by that much.
 */
function watchMemory(): { stop(): { tab: number; all: number } } {
  let tab = 0;
  let all = 0;
  const sample = () => {
    let total = 0;
    let largest = 0;
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (!cmd.includes('--type=renderer')) continue;
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (m) {
          total += Number(m[1]) * 1024;
          largest = Math.max(largest, Number(m[1]) * 1024);
        }
      } catch {
        // the process ended between listing and reading
      }
    }
    tab = Math.max(tab, largest);
    all = Math.max(all, total);
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { tab, all };
    },
  };
}

async function main(): Promise<void> {
  if (!args['no-browser'] && !existsSync(join(ROOT, 'dist/index.html'))) {
    log('building the site first (npm run build)…');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  for (const scale of scales) {
    if (scale === 'XL') {
      const csv = join(CACHE, 'XL/csv');
      if (!existsSync(join(csv, 'config.json'))) {
        log(`generating scale XL (${XL_ORDERS.toLocaleString()} orders, ≈ 7 GB of CSV)…`);
        rmSync(csv, { recursive: true, force: true });
        generate({ out: csv, orders: XL_ORDERS, seed: 1, end: '2026-10' });
      }
      log('CLI XL…');
      cli(scale, csv);
      writeResults();
      continue;
    }
    if (!(scale in SCALES)) throw new Error(`unknown scale ${scale}: use S, M, L, XL`);
    const paths = prepare(scale);
    const mb = (p: string) => (readdirSync(p).reduce((n, f) => n + statSync(join(p, f)).size, 0) / 2 ** 20).toFixed(0);
    extras.push(`<!-- ${scale}: CSV ${mb(paths.csv)} MB, Parquet ${mb(paths.parquet)} MB, bundled .duckdb ${(statSync(paths.duckdb).size / 2 ** 20).toFixed(0)} MB -->`);
    if (!args['no-native']) {
      log(`native ${scale}…`);
      await native(scale, paths);
      cli(scale, paths.csv);
    }
    if (!args['no-browser']) {
      log(`browser ${scale}…`);
      await browser(scale, paths.duckdb);
      log(`browser ${scale}, live (no build-time figures)…`);
      await browser(scale, paths.live, true);
    }
    writeResults(); // after each scale: a later scale that fails leaves the earlier ones written
  }
  process.stdout.write(writeResults());
}


/** Write bench/results.md from what is measured so far; returns its text. */
function writeResults(): string {
  const lines = [
    '# Benchmark results',
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB; ${new Date().toISOString().slice(0, 10)}; runs per step: ${RUNS} (L loads: 1).`,
    'Times in ms, median (min–max). native = @duckdb/node-api, browser = DuckDB-WASM in headless Chromium on the built site.',
    'Browser switch times run from the select change to `data-report-ready` (the page computes the month, its comparison months and renders).',
    'Browser rows marked "bundled" open the site as it ships: the bundled file carries every month\'s figures and the annual page\'s company reports, computed at build time by the same SQL (src/lib/report/figures.ts), so the monthly page computes only the drill tables and the annual page only reads. The unmarked browser rows open the same data without them: the page computes every month, as it does for data imported in the browser; those are the rows comparable with native.',
    '',
    '| step | scale | native ms | browser ms | browser / native |',
    '|---|---|---|---|---|',
    ...results.map((r) => {
      const ratio = r.native.length && r.browser.length ? (median(r.browser) / median(r.native)).toFixed(1) : '—';
      return `| ${r.step} | ${r.scale} | ${fmt(r.native)} | ${fmt(r.browser)} | ${ratio} |`;
    }),
    '',
    '| scale | tab memory: peak RSS of the page\'s renderer process (page, workers, WASM heap) | all renderer processes (with Chromium\'s own two, ≈ 235 MB) | JS heap | bytes downloaded |',
    '|---|---|---|---|---|',
    ...extras.filter((e) => e.startsWith('|')),
    '',
    '| scale | run | peak memory (max RSS: Node + DuckDB) |',
    '|---|---|',
    ...cliMemory,
    '',
    ...extras.filter((e) => e.startsWith('<!--')),
  ];
  const text = lines.join('\n') + '\n';
  writeFileSync(join(ROOT, 'bench/results.md'), text);
  return text;
}

await main();
