/**
 * Where a cold open's time goes, thread by thread: open the built site (dist/) in a fresh headless
 * Chromium context with a bench scale's bundled database in place of the sample, record a Chromium
 * trace until the monthly report is ready, and print the page's marks and each thread's busiest trace
 * events — over the whole open, and between two marks (default: data loaded → report ready).
 * Usage: node bench/trace.ts [--scale S|M|L|sample] [--from data-ready] [--to report-ready] [--out trace.json]
 * The trace file opens in Chrome DevTools (Performance → Load profile) or ui.perfetto.dev.
 * Findings: docs/scaling.md ("The cold open").
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startServer } from '../src/cli/serve.ts';
import { storedPartName } from '../src/lib/db/stored-part.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const a = parseArgs({
  options: {
    scale: { type: 'string', default: 'L' },
    from: { type: 'string', default: 'data-ready' },
    to: { type: 'string', default: 'report-ready' },
    out: { type: 'string', default: join(ROOT, 'bench/cache/trace.json') },
  },
}).values;
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'v8.execute', 'loading', 'blink.user_timing', 'toplevel'];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  cat?: string;
  args?: { name?: string };
}

const site = mkdtempSync(join(tmpdir(), 'kpi-trace-'));
cpSync(join(ROOT, 'dist'), site, { recursive: true });
if (a.scale !== 'sample') {
  // The scale's file and its stored part, which the monthly page opens on.
  for (const [from, to] of [
    ['site.duckdb', 'sample.duckdb'],
    [storedPartName('site.duckdb'), storedPartName('sample.duckdb')],
  ]) {
    rmSync(join(site, 'data', to), { force: true });
    if (existsSync(join(ROOT, `bench/cache/${a.scale}`, from))) cpSync(join(ROOT, `bench/cache/${a.scale}`, from), join(site, 'data', to));
  }
}
const server = await startServer(site, 0);
const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: FLAGS });
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await browser.startTracing(page, { path: a.out, categories: CATEGORIES });
  await page.goto(server.url);
  await page.waitForSelector('html[data-report-ready="1"]', { timeout: 300_000 });
  console.log(
    await page.evaluate(() =>
      performance
        .getEntriesByType('mark')
        .map((e) => `${e.name} ${Math.round(e.startTime)} ms`)
        .join('\n'),
    ),
  );
  await browser.stopTracing();
} finally {
  await browser.close();
  await server.close();
  rmSync(site, { recursive: true, force: true });
}

const raw = JSON.parse(readFileSync(a.out!, 'utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] };
const events = Array.isArray(raw) ? raw : raw.traceEvents;
const threads = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? '?']));
const markTs = (name: string) => events.find((e) => e.name === name && e.cat?.includes('user_timing'))?.ts;

/** Each thread's busiest event names (complete events, nested ones counted inside their parents too). */
function busiest(title: string, from = -Infinity, to = Infinity): void {
  console.log(`\n## ${title}`);
  const byThread = new Map<string, Map<string, number>>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || e.ts < from || e.ts > to) continue;
    const thread = threads.get(`${e.pid}:${e.tid}`) ?? '?';
    const names = byThread.get(thread) ?? new Map<string, number>();
    byThread.set(thread, names.set(e.name, (names.get(e.name) ?? 0) + e.dur / 1000));
  }
  for (const [thread, names] of byThread) {
    const top = [...names].sort((x, y) => y[1] - x[1]).slice(0, 8);
    if ((top[0]?.[1] ?? 0) < 30) continue;
    console.log(`${thread}\n${top.map(([n, ms]) => `  ${ms.toFixed(0).padStart(6)} ms  ${n}`).join('\n')}`);
  }
}
busiest('whole open');
const [from, to] = [markTs(a.from!), markTs(a.to!)];
if (from !== undefined && to !== undefined) busiest(`${a.from} → ${a.to} (${((to - from) / 1000).toFixed(0)} ms)`, from, to);
console.log(`\ntrace: ${a.out}`);
