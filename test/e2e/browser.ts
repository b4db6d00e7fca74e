/**
 * Browser-test harness: the built site (dist/) served on 127.0.0.1 by src/cli/serve.ts, driven by
 * playwright-core with the system Chromium (env CHROMIUM_PATH, default /usr/bin/chromium).
 * Every page records console messages, page errors and the URL of every request it makes.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/cli/serve.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
export const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Session {
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

/** Start the static server (on the built site, or a copy of it in `site`) and the browser once per test file. */
export async function startSession(site = DIST): Promise<Session> {
  if (!existsSync(`${DIST}index.html`)) throw new Error('dist/ is not built — run npm run build (npm run test:e2e does)');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} — apt-get install -y chromium, or set CHROMIUM_PATH`);
  mkdirSync(RESULTS, { recursive: true });
  const server = await startServer(site, 0);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Console messages of type error / warning, and uncaught page errors. */
  errors: string[];
  warnings: string[];
  /** Every URL the page (and its workers) requested. */
  requests: string[];
}

/** A fresh context and page with its console, errors and requests recorded. */
export async function watchedPage(browser: Browser, options: { locale?: string } = {}): Promise<Watched> {
  const context = await browser.newContext({ locale: options.locale ?? 'zh-CN', viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const w: Watched = { context, page, errors: [], warnings: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') w.errors.push(m.text());
    else if (m.type() === 'warning') w.warnings.push(m.text());
  });
  page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
  // context-level: also catches requests made by the DuckDB worker.
  context.on('request', (r) => w.requests.push(r.url()));
  return w;
}

/** Wait until the page says the figures for the current selection are on screen. */
export async function reportReady(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset['reportReady'] === '1' || !document.getElementById('status-error')?.hidden, undefined, {
    timeout,
  });
  const error = await page.locator('#status-error').isVisible();
  if (error) throw new Error(`the page shows an error: ${await page.locator('#error-message').textContent()}`);
}

/** The data-value of the first element showing `metric`. */
export function metricValue(page: Page, metric: string): Promise<string | null> {
  return page.locator(`[data-metric="${metric}"]:not([data-key])`).first().getAttribute('data-value');
}
