/**
 * Benchmark harness (issue 7): `npm run bench -- [--scales S,M,L] [--runs 3] [--no-browser] [--no-native] [--only network|load]`.
 * For each scale it generates (or reuses, cached in bench/cache/, git-ignored) the data as CSV, as
 * Parquet and as the site's bundled DuckDB file, then measures each step several times:
 *   native  — DuckDB in Node (@duckdb/node-api), the engine's limit on this machine;
 *   browser — DuckDB-WASM in headless Chromium on the built site (dist/), what users get.
 *   network — the bundled site opened cold and again (HTTP cache kept) over an emulated 50 Mbit/s,
 *             20 ms link, as served by src/cli/serve.ts (compressed, revalidated).
 * Prints step × scale × native × browser × ratio (median and min–max) and writes bench/results.md
 * (`--only network` or `--only load`: those rows alone, into bench/results-<what>.md).
 * Goals are measured, not asserted: see the issue and README.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { compressFile, ENCODINGS } from '../src/cli/compress-dist.ts';
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
    only: { type: 'string' },
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
  /** The goal (ms) the browser median is held to, when the issue sets one. */
  goal?: number;
}
const results: Measure[] = [];
const extras: string[] = [];

function record(scale: BenchScale, step: string, side: 'native' | 'browser', ms: number, note?: string, goal?: number): void {
  let m = results.find((r) => r.scale === scale && r.step === step);
  if (!m) results.push((m = { step, scale, native: [], browser: [] }));
  m[side].push(ms);
  if (note) m.note = note;
  if (goal !== undefined) m.goal = goal;
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
function prepare(scale: Scale, databases = true): { csv: string; parquet: string; duckdb: string; live: string } {
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
      .map(
        (t) =>
          `COPY (SELECT * FROM read_csv('${join(csv, `${t.name}.csv`)}', all_varchar = true, header = true)) TO '${join(parquet, `${t.name}.parquet`)}' (FORMAT parquet);`,
      )
      .join('\n');
    execFileSync(process.execPath, ['-e', nodeDuckdbScript(sql)], { stdio: 'inherit' });
    cpSync(join(csv, 'config.json'), join(parquet, 'config.json'));
  }
  // Rebuilt when the SQL they hold the results of changed (src/cli/build-db.ts).
  const live = join(dir, 'site-live.duckdb');
  if (!databases) return { csv, parquet, duckdb, live }; // --only load: the folders are enough
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
  xs.length === 0
    ? '—'
    : xs.length === 1
      ? `${Math.round(xs[0]!)}`
      : `${Math.round(median(xs))} (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`;

/**
 * The same data as a typed Parquet export would hold it (timestamps as TIMESTAMP, money as DECIMAL,
 * counts as INTEGER, …): the rows the CLI loads from the CSV folder, written back with the schema's
 * types. Rows the CSV import rejected are not in it (a typed export cannot hold their bad values).
 */
async function typedParquet(scale: Scale, csv: string): Promise<string> {
  const dir = join(CACHE, scale, 'parquet-typed');
  if (existsSync(join(dir, 'config.json'))) return dir;
  log(`writing typed Parquet copies for ${scale}…`);
  mkdirSync(dir, { recursive: true });
  const db = await openNodeDb();
  const data = await loadDataDir(db, csv);
  for (const f of data.files) {
    const cols = TABLES.find((t) => t.name === f.table)!
      .columns.filter((c) => f.columns.includes(c.name))
      .map((c) => `"${c.name}"`);
    await db.query(`COPY (SELECT ${cols.join(', ')} FROM "${f.table}" ORDER BY _line) TO '${join(dir, `${f.table}.parquet`)}' (FORMAT parquet)`);
  }
  await db.close();
  cpSync(join(csv, 'config.json'), join(dir, 'config.json'));
  return dir;
}

/** The load step's name per format (the bench's goal rows read them). */
const loadStep = (format: string) => `load all tables (${format}: import + validate + load)`;
const TYPED = 'typed Parquet';

/** Native loads: CSV, text Parquet and typed Parquet, alternated run by run (the machine is shared). */
async function loads(scale: Scale, paths: { csv: string; parquet: string }): Promise<void> {
  const typed = await typedParquet(scale, paths.csv);
  const runs = scale === 'L' ? 1 : RUNS;
  for (let i = 0; i < runs; i++) {
    for (const [format, dir] of [
      ['CSV', paths.csv],
      ['Parquet', paths.parquet],
      [TYPED, typed],
    ] as const) {
      const db = await openNodeDb();
      const [, tLoad] = await timed(() => loadDataDir(db, dir));
      record(scale, loadStep(format), 'native', tLoad);
      await db.close();
    }
  }
}

/** Native: import + load per format, setup, the report steps. */
async function native(scale: Scale, paths: { csv: string; parquet: string }): Promise<void> {
  const sql = readSqlFiles();
  await loads(scale, paths);
  // The report steps on one prepared database (the CLI's path: CSV import, setup, queries).
  const db = await openNodeDb();
  const data = await loadDataDir(db, paths.csv);
  for (let i = 0; i < RUNS; i++) {
    const [, t] = await timed(() => runSetup(db, data.config, sql));
    record(scale, 'setup (calendar, orders_x, repeats, …)', 'native', t);
  }
  // The page's work for a selection (src/views/monthly/controller.ts): the month with its drill tables and branch
  // rows, and its two comparison months as totals only — the same queries the browser runs.
  const hq = (await db.query('SELECT branch_id FROM branches WHERE parent_id IS NULL ORDER BY branch_id LIMIT 1'))[0]?.['branch_id'] as string | undefined;
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
  const site = await makeSite(scale, duckdb, false);
  const server = await startServer(site, 0);
  const b = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await b.newContext({ viewport: { width: 1280, height: 900 } });
      let bytes = 0;
      context.on(
        'requestfinished',
        (r) =>
          void r
            .sizes()
            .then((s) => (bytes += s.responseBodySize + s.responseHeadersSize))
            .catch(() => {}),
      );
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
              reject(
                new Error(
                  `report not ready after 120 s; status: ${['status-text', 'status-error'].map((id) => document.getElementById(id)?.textContent?.replace(/\s+/g, ' ').trim()).join(' | ')}`,
                ),
              );
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
      record(
        scale,
        live ? PAGE_QUERIES : "page's compute with build-time figures: month's tables + 3 stored months",
        'browser',
        await page.evaluate(() => performance.getEntriesByName('monthly-compute').at(-1)?.duration ?? 0),
      );
      record(scale, step('switch branch (head office with roll-up, not computed before)'), 'browser', await switchTo(page, '#branch-select', 1));
      // The reader looks at the page for 3 s; the month before is computed meanwhile (app.ts prefetch).
      await page.waitForTimeout(3000);
      record(scale, step('step back a month after 3 s on the page (computed in the background)'), 'browser', await switchTo(page, '#period-select', 1));
      // 10 s more: the other branches of that month are computed meanwhile (the 5th one down the list).
      await page.waitForTimeout(10_000);
      record(
        scale,
        step('switch branch (5 down the list) after 10 s on the page (computed in the background)'),
        'browser',
        await switchTo(page, '#branch-select', 5),
      );
      // Back to the whole company (computed in the background), 5 s more, then three months back: that month's
      // tables are not computed (the background work computes the month before's and every month's figures),
      // and the engine has run for a while — against the first switch above, right after the page is ready.
      await switchTo(page, '#branch-select', -(await page.evaluate(() => (document.querySelector('#branch-select') as HTMLSelectElement).selectedIndex)));
      await page.waitForTimeout(5000);
      record(
        scale,
        step('switch month (whole company, 3 back: its tables not computed) after 18 s on the page'),
        'browser',
        await switchTo(page, '#period-select', 3),
      );
      const heap = await jsHeap(page);
      if (existsSync(join(site, 'annual/index.html'))) {
        await page.goto(`${server.url}/annual/?year=${YEAR}`);
        const t = await page.evaluate(() =>
          document.documentElement.dataset['reportReady'] === '1'
            ? performance.now()
            : (window as unknown as { __nextReady: () => Promise<number> }).__nextReady(),
        );
        const loaded = await mark(page, 'data-ready');
        record(scale, step("annual page opened → the year's figures ready (engine, data, year + year before)"), 'browser', t);
        record(scale, step("annual page: data loaded → the year's figures ready"), 'browser', t - loaded);
        await page.waitForSelector('html[data-trends-ready="1"]', { timeout: 600_000 });
        const trends = await mark(page, 'trendsReady');
        record(scale, step(ANNUAL), 'browser', trends - loaded, 'browser: from data loaded');
      }
      const rss = peak.stop();
      if (i === 0 && !live)
        extras.push(
          `| ${scale} | ${(rss.tab / 2 ** 20).toFixed(0)} MB | ${(rss.all / 2 ** 20).toFixed(0)} MB | ${(heap / 2 ** 20).toFixed(0)} MB | ${(bytes / 2 ** 20).toFixed(1)} MB |`,
        );
      await context.close();
    }
  } finally {
    await b.close();
    await server.close();
    rmSync(site, { recursive: true, force: true });
  }
}

/**
 * The built site with this scale's database (and its stored part, which the monthly page opens on; a
 * live file has none) in place of the sample's. `compressed`: with the database's brotli / gzip copies,
 * as publish-site ships it (made once per database, kept beside it in bench/cache); otherwise the
 * database goes uncompressed, as the localhost rows have always measured it. The engine and the
 * scripts are served as dist/ has them (compressed by the build).
 */
async function makeSite(scale: Scale, duckdb: string, compressed: boolean): Promise<string> {
  const site = join(CACHE, `site-${scale}`);
  rmSync(site, { recursive: true, force: true });
  // Timestamps kept: a compressed copy counts only when it is not older than its file (serve.ts).
  cpSync(join(ROOT, 'dist'), site, { recursive: true, preserveTimestamps: true });
  const data = join(site, 'data');
  for (const [from, name] of [
    [duckdb, 'sample.duckdb'],
    [storedPartName(duckdb), storedPartName('sample.duckdb')],
  ] as const) {
    for (const suffix of ['', ...ENCODINGS.map((e) => e.suffix)]) rmSync(join(data, name + suffix), { force: true });
    if (!existsSync(from)) continue;
    if (compressed) await compressFile(from);
    for (const suffix of ['', ...(compressed ? ENCODINGS.map((e) => e.suffix) : [])]) {
      if (existsSync(from + suffix)) cpSync(from + suffix, join(data, name + suffix), { preserveTimestamps: true });
    }
  }
  return site;
}

/** The emulated link of the network rows: 50 Mbit/s down and up, 20 ms latency per request. */
const LINK = { offline: false, latency: 20, downloadThroughput: 50e6 / 8, uploadThroughput: 50e6 / 8 };
const NET_COLD = 'network 50 Mbit/s, 20 ms: open cold (empty cache) → monthly report ready — bundled';
const NET_SECOND = 'network 50 Mbit/s, 20 ms: open again (HTTP cache kept) → monthly report ready — bundled';

/**
 * The bundled site over a company network: Chromium's network emulation (CDP
 * Network.emulateNetworkConditions) on a browser profile of its own, so the second open finds the
 * first's HTTP cache on disk as a reader's browser would. Cold: the profile empty. Second: a new tab of
 * the same browser, after the first was closed (hashed assets from the cache, the rest revalidated).
 */
async function network(scale: Scale, duckdb: string): Promise<void> {
  const site = await makeSite(scale, duckdb, true);
  const server = await startServer(site, 0);
  const profiles = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  try {
    for (let i = 0; i < RUNS; i++) {
      // The same opens on localhost, alternated with the emulated link: their difference is the network's.
      for (const link of [LINK, null]) {
        const context = await chromium.launchPersistentContext(join(profiles, `${i}-${link ? 'net' : 'local'}`), {
          executablePath: CHROMIUM,
          args: FLAGS,
          viewport: { width: 1280, height: 900 },
        });
        try {
          for (const [open, goal] of [
            ['cold', 5000],
            ['second', 1500],
          ] as const) {
            const step = link
              ? open === 'cold'
                ? NET_COLD
                : NET_SECOND
              : `${open === 'cold' ? NET_COLD : NET_SECOND}`.replace('network 50 Mbit/s, 20 ms', 'same, localhost (no emulation)');
            const page = await context.newPage();
            const cdp = await context.newCDPSession(page);
            await cdp.send('Network.enable');
            if (link) await cdp.send('Network.emulateNetworkConditions', link);
            let bytes = 0;
            let wasm = '';
            const onDone = (r: import('playwright-core').Request) =>
              void r
                .sizes()
                .then((z) => {
                  bytes += Math.max(0, z.responseBodySize) + Math.max(0, z.responseHeadersSize);
                  if (r.url().endsWith('.wasm'))
                    wasm =
                      z.responseBodySize > 0
                        ? `${(z.responseBodySize / 2 ** 20).toFixed(1)} MB in ${Math.round(r.timing().responseEnd - r.timing().requestStart)} ms`
                        : 'from the cache';
                })
                .catch(() => {});
            context.on('requestfinished', onDone);
            await page.goto(server.url);
            await page.waitForSelector('html[data-report-ready="1"]', { timeout: 300_000 });
            record(scale, step, 'browser', await mark(page, 'report-ready'), undefined, link ? goal : undefined);
            await page.waitForTimeout(500); // the last requests' sizes
            context.off('requestfinished', onDone);
            if (i === 0 && link) extras.push(`| ${scale} | ${open} | ${(bytes / 2 ** 20).toFixed(1)} MB | ${wasm || 'from the cache'} |`);
            await cdp.detach();
            await page.close();
          }
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await server.close();
    rmSync(profiles, { recursive: true, force: true });
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
    const paths = prepare(scale, args.only !== 'load');
    const mb = (p: string) => (readdirSync(p).reduce((n, f) => n + statSync(join(p, f)).size, 0) / 2 ** 20).toFixed(0);
    if (existsSync(paths.duckdb))
      extras.push(
        `<!-- ${scale}: CSV ${mb(paths.csv)} MB, Parquet ${mb(paths.parquet)} MB, bundled .duckdb ${(statSync(paths.duckdb).size / 2 ** 20).toFixed(0)} MB -->`,
      );
    if (args.only === 'load') {
      log(`loads ${scale}…`);
      await loads(scale, paths);
      writeResults();
      continue;
    }
    if (args.only === 'network') {
      log(`network ${scale}…`);
      await network(scale, paths.duckdb);
      writeResults();
      continue;
    }
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
      log(`network ${scale}…`);
      await network(scale, paths.duckdb);
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
    '| goal (issue 24; browser rows: median ms) | scale | measured: median (min–max) | goal | |',
    '|---|---|---|---|---|',
    ...results
      .filter((r) => r.goal !== undefined && r.browser.length > 0)
      .map((r) => `| ${r.step} | ${r.scale} | ${fmt(r.browser)} | ${r.goal} | ${median(r.browser) <= r.goal! ? 'met' : '**not met**'} |`),
    // Issue 24: a typed Parquet copy loads at least 3× faster than the same data as CSV, in the CLI.
    ...[...new Set(results.map((r) => r.scale))].flatMap((scale) => {
      const csv = results.find((r) => r.scale === scale && r.step === loadStep('CSV'))?.native ?? [];
      const typed = results.find((r) => r.scale === scale && r.step === loadStep(TYPED))?.native ?? [];
      if (!csv.length || !typed.length) return [];
      const x = median(csv) / median(typed);
      return [
        `| CLI load: typed Parquet at least 3× faster than CSV (CSV ${fmt(csv)} ms, typed ${fmt(typed)} ms) | ${scale} | ${x.toFixed(1)}× | 3× | ${x >= 3 ? 'met' : '**not met**'} |`,
      ];
    }),
    '',
    "| scale | network open | bytes transferred (bodies + headers) | the engine's .wasm |",
    '|---|---|---|---|',
    ...extras.filter((e) => /^\| \w+ \| (cold|second) \|/.test(e)),
    '',
    "| scale | tab memory: peak RSS of the page's renderer process (page, workers, WASM heap) | all renderer processes (with Chromium's own two, ≈ 235 MB) | JS heap | bytes downloaded |",
    '|---|---|---|---|---|',
    ...extras.filter((e) => e.startsWith('|') && !/^\| \w+ \| (cold|second) \|/.test(e)),
    '',
    '| scale | run | peak memory (max RSS: Node + DuckDB) |',
    '|---|---|',
    ...cliMemory,
    '',
    ...extras.filter((e) => e.startsWith('<!--')),
  ];
  const text = lines.join('\n') + '\n';
  writeFileSync(join(ROOT, args.only ? `bench/results-${args.only}.md` : 'bench/results.md'), text);
  return text;
}

await main();
