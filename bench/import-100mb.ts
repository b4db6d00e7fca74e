/**
 * Benchmark of the browser import (issue 6):
 * `npm run bench:import -- [--mb 100] [--runs 2] [--site DIR] [--only parsers|site]`.
 *  1. Parsers, in a Web Worker in Chromium, on a ~100 MB service_orders CSV: the importer's reader
 *     (decodeCsv + readCsv) vs papaparse streaming, each parse-only and parse + validate (importRecords).
 *  2. The site's real import, through its UI: file picker → check (worker: read, parse, validate,
 *     store in IndexedDB; page: staged orphan check in DuckDB-WASM) → confirm → reload on the data.
 *     While the worker runs, a requestAnimationFrame loop on the page records the longest gap between
 *     frames: the page must stay responsive (no frame gap near a second).
 * The CSV is the sample's service orders repeated with suffixed keys (bench/cache/import/, git-ignored).
 * Prints the figures and writes bench/import-results.md. Measured, not asserted.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild'; // Vite's own bundler (installed with astro), used here to bundle the bench worker
import { chromium, type Page } from 'playwright-core';
import { startServer } from '../src/cli/serve.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CACHE = join(ROOT, 'bench/cache/import');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const args = parseArgs({
  options: { mb: { type: 'string', default: '100' }, runs: { type: 'string', default: '2' }, site: { type: 'string' }, only: { type: 'string' } },
}).values;
const TARGET = Number(args.mb) * 1e6;
const RUNS = Math.max(1, Number(args.runs));

/** The sample's service orders, repeated with suffixed keys, to at least TARGET bytes. */
async function makeCsv(): Promise<string> {
  const out = join(CACHE, `service_orders_${args.mb}mb.csv`);
  if (existsSync(out) && statSync(out).size >= TARGET) return out;
  const src = join(ROOT, 'data/sample/service_orders.csv');
  if (!existsSync(src)) execFileSync('node', ['src/cli/ensure-sample.ts'], { cwd: ROOT, stdio: 'inherit' });
  const [header, ...lines] = readFileSync(src, 'utf8').trimEnd().split('\n');
  mkdirSync(CACHE, { recursive: true });
  const ws = createWriteStream(out);
  ws.write(header + '\n');
  let size = Buffer.byteLength(header!) + 1;
  for (let k = 0; size < TARGET; k++) {
    const block = lines.map((l) => l.replace(/^([^,]+)/, `$1-${k}`)).join('\n') + '\n';
    size += Buffer.byteLength(block);
    if (!ws.write(block)) await new Promise((r) => ws.once('drain', r));
  }
  await new Promise<void>((r) => ws.end(r));
  return out;
}

function siteDir(): string {
  if (args.site) return args.site;
  const dir = join(CACHE, 'site');
  execFileSync('npx', ['astro', 'build', '--outDir', dir], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  return dir;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const mbs = (bytes: number, ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(1);

async function parsers(page: Page, file: string, bytes: number): Promise<string[]> {
  const bundle = await build({
    entryPoints: [join(ROOT, 'bench/import-parsers.worker.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
    logLevel: 'silent',
  });
  const code = bundle.outputFiles[0]!.text;
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-file';
    document.body.append(input);
  });
  await page.setInputFiles('#bench-file', file);
  // Runs interleaved (every variant once per round), so a busy machine slows all of them alike.
  const variants = ['readcsv', 'papa', 'readcsv+validate', 'papa+validate'];
  const times = new Map<string, number[]>(variants.map((v) => [v, []]));
  const last = new Map<string, { name: string; rows: number; loaded?: number; detail?: string }>();
  for (let i = 0; i < RUNS; i++) {
    for (const which of variants) {
      const r = await page.evaluate(
        ([code, which]) =>
          new Promise<{ name: string; ms: number; rows: number; loaded?: number; detail?: string; error?: string }>((resolve) => {
            const w = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
            w.onmessage = (e) => {
              w.terminate();
              resolve(e.data);
            };
            w.onerror = (e) => resolve({ name: which, ms: 0, rows: 0, error: e.message });
            w.postMessage({ file: (document.getElementById('bench-file') as HTMLInputElement).files![0], which });
          }),
        [code, which] as const,
      );
      if (r.error) throw new Error(`${which}: ${r.error}`);
      times.get(which)!.push(r.ms);
      last.set(which, r);
    }
  }
  const rows: string[] = [];
  for (const which of variants) {
    const ms = median(times.get(which)!);
    const l = last.get(which)!;
    const all = times
      .get(which)!
      .map((x) => Math.round(x))
      .join(', ');
    const line = `| ${l.name} | ${l.rows.toLocaleString('en')}${l.loaded !== undefined ? ` (${l.loaded.toLocaleString('en')} loaded)` : ''} | ${Math.round(ms)} (${all}) | ${mbs(bytes, ms)} | ${l.detail ?? ''} |`;
    console.info(line);
    rows.push(line);
  }
  return rows;
}

async function sitePipeline(page: Page, url: string, file: string, bytes: number): Promise<string[]> {
  const ready = () =>
    page.waitForFunction(() => document.documentElement.dataset['reportReady'] === '1' || !document.getElementById('status-error')?.hidden, undefined, {
      timeout: 600_000,
    });
  await page.goto(url);
  await ready();
  await page.click('#import-open');
  // The page's frame rate while the import runs: the longest gap between two animation frames.
  await page.evaluate(() => {
    const w = window as unknown as { __gap: number; __stop: boolean };
    w.__gap = 0;
    w.__stop = false;
    let last = performance.now();
    const tick = (now: number) => {
      w.__gap = Math.max(w.__gap, now - last);
      last = now;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const t0 = Date.now();
  await page.setInputFiles('#import-input', file);
  await page.waitForFunction(() => !document.querySelector('[data-status="inspecting"]'), undefined, { timeout: 120_000 });
  const inspectMs = Date.now() - t0;
  const t1 = Date.now();
  await page.click('#import-check');
  // The worker's part ends when the orphan check starts; the report follows it.
  await page.waitForFunction(
    () => document.getElementById('import-report')?.textContent?.includes('…') || document.getElementById('import-summary'),
    undefined,
    { timeout: 600_000 },
  );
  const workerWall = Date.now() - t1;
  const gapWorker = await page.evaluate(() => (window as unknown as { __gap: number }).__gap);
  await page.waitForSelector('#import-summary', { timeout: 600_000 });
  const checkMs = Date.now() - t1;
  const gapAll = await page.evaluate(() => (window as unknown as { __gap: number; __stop: boolean }).__gap);
  const fileMs = Number(await page.locator('#import-report-table tbody tr[data-ms]').first().getAttribute('data-ms'));
  const summary = await page.locator('#import-summary').evaluate((e) => ({ ...(e as HTMLElement).dataset }));
  const t2 = Date.now();
  await Promise.all([page.waitForEvent('load', { timeout: 600_000 }), page.click('#import-confirm')]);
  await ready();
  const reloadMs = Date.now() - t2;
  const marks = await page.evaluate(() =>
    Object.fromEntries(
      ['engine-ready', 'userdata-tables', 'userdata-orphans', 'data-ready', 'report-ready'].map((m) => [
        m,
        Math.round(performance.getEntriesByName(m)[0]?.startTime ?? -1),
      ]),
    ),
  );
  const received = await page.locator('[data-metric="orders.received"]').first().getAttribute('data-value');
  // Leave the browser as it was.
  await page.click('#import-open');
  page.once('dialog', (d) => void d.accept());
  await Promise.all([page.waitForEvent('load'), page.click('#import-back')]);
  const lines = [
    `| rows read / loaded / rejected | ${Number(summary['read']).toLocaleString('en')} / ${Number(summary['loaded']).toLocaleString('en')} / ${Number(summary['rejected']).toLocaleString('en')} |`,
    `| inspect (header, first rows, mapping step ready) | ${inspectMs} ms |`,
    `| worker: read + decode + parse + validate + store in IndexedDB | ${fileMs} ms = **${mbs(bytes, fileMs)} MB/s** |`,
    `| check, click → report (worker + staged orphan check in DuckDB-WASM) | ${checkMs} ms (worker part as seen by the page ${workerWall} ms) |`,
    `| longest frame gap on the page while the worker ran | ${Math.round(gapWorker)} ms |`,
    `| longest frame gap, whole check (incl. loading the staged tables into DuckDB) | ${Math.round(gapAll)} ms |`,
    `| confirm → reload → report on the imported data | ${reloadMs} ms (since navigation: engine ${marks['engine-ready']} ms, tables loaded ${marks['userdata-tables']} ms, orphans ${marks['userdata-orphans']} ms, setup done ${marks['data-ready']} ms, report ${marks['report-ready']} ms) |`,
    `| orders.received on screen for the default month | ${received} |`,
  ];
  for (const l of lines) console.info(l);
  return lines;
}

async function main(): Promise<void> {
  const file = await makeCsv();
  const bytes = statSync(file).size;
  console.info(`CSV: ${file} (${(bytes / 1e6).toFixed(1)} MB)`);
  const server = await startServer(siteDir(), 0);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`pageerror: ${e.message}`));
    await page.goto(server.url);
    console.info('\n| parser (in a Web Worker, Chromium) | rows | ms: median (runs) | MB/s | detail |\n|---|---|---|---|---|');
    const p = args.only === 'site' ? [] : await parsers(page, file, bytes);
    console.info('\n| site import of the same file | |\n|---|---|');
    const s = args.only === 'parsers' ? [] : await sitePipeline(page, server.url, file, bytes);
    const md = [
      '# Import benchmark (issue 6)',
      '',
      `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, load average ${loadavg()[0]!.toFixed(1)} at the end (other work on the machine makes every figure slower); ${new Date().toISOString().slice(0, 10)}; headless Chromium; parser runs interleaved, ${RUNS} each (median, then every run).`,
      `File: service_orders CSV, ${(bytes / 1e6).toFixed(1)} MB (the sample's orders repeated with suffixed keys). Regenerate: \`npm run bench:import\`.`,
      '',
      '| parser (in a Web Worker, Chromium) | rows | ms: median (runs) | MB/s | detail |',
      '|---|---|---|---|---|',
      ...p,
      '',
      '| site import of the same file (one run) | |',
      '|---|---|',
      ...s,
      '',
    ].join('\n');
    if (args.only) return; // a partial run does not overwrite the results file
    writeFileSync(join(ROOT, 'bench/import-results.md'), md);
    console.info('\nwrote bench/import-results.md');
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
