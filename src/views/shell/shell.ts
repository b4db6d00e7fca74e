/**
 * The page shell every report page (monthly, quality, branches, technicians, annual) runs in: the
 * language (stored choice, switch button), the shared data session with its progress, data badge, data
 * notice and engine line, error display and retry, printing, the selection in the address (query string),
 * and the `<html data-report-ready="1">` mark that the figures on screen belong to the selection in the
 * URL (the e2e tests and the benchmark wait for it). A page brings its own selection and its drawing.
 */
import type { Dataset } from '../../lib/report/browser-sample.ts';
import type { Row } from '../../lib/db/types.ts';
import { initialLang, lang, t } from '../../lib/i18n/index.ts';
import { setLang } from './i18n-dom.ts';
import { fillDataNotice, fillEngine, fillSource, status } from './render.ts';
import { openSession, StageError, type Session } from './session.ts';

export { status };
export { byId, el } from './dom.ts';

const html = document.documentElement;

/** Show an error: the stage in plain language, the engine's first line as detail — never a stack. */
export function showError(e: unknown): void {
  console.error(e);
  // A title still saying "loading" would never change: a dash instead.
  const title = document.getElementById('title-period');
  if (title?.dataset['i18n'] === 'app.loading') {
    delete title.dataset['i18n'];
    title.textContent = '—';
  }
  const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 400);
  if (typeof WebAssembly !== 'object' || typeof Worker !== 'function') status.error('status.unsupported', detail);
  else if (e instanceof StageError) status.error(e.stage, e.stage === 'status.no_data' ? '' : detail);
  else status.error('status.fail.compute', detail);
}

/** Marks that follow the report's: drawn after it, so gone whenever it is (a new selection computing). */
const AFTER_REPORT = ['chartsReady', 'printReady', 'trendsReady'];
/** Whether a report has been on screen: only then is there something to dim while the next one computes. */
let shownOnce = false;

/**
 * Mark the figures on screen as belonging to the current selection (or not, while computing).
 * `mark` is the `<html data-…>` name; the report's also sets the performance mark `report-ready` (read by
 * the e2e tests and the benchmark), `aria-busy` on `#report` and the `is-computing` dimming.
 */
export function setReady(ready: boolean, mark = 'reportReady'): void {
  if (ready) {
    html.dataset[mark] = '1';
    performance.mark(mark === 'reportReady' ? 'report-ready' : mark);
  } else {
    delete html.dataset[mark];
    if (mark === 'reportReady') for (const m of AFTER_REPORT) delete html.dataset[m];
  }
  const main = document.getElementById('report');
  if (mark === 'reportReady' && main) {
    main.setAttribute('aria-busy', ready ? 'false' : 'true');
    main.classList.toggle('is-computing', !ready && shownOnce);
    if (ready) shownOnce = true;
  }
}

let dataset: { data: Dataset; rejected: Row[]; orphans: Row[] } | null = null;

/**
 * Open the shared session, reporting progress in the status box and filling the header and data notice.
 * `storedFirst`: the page reads stored results (see session.ts openSession).
 */
export async function openPageSession(storedFirst = false): Promise<Session | null> {
  status.error(null);
  try {
    const s = await openSession(
      (id) => status.loading(id),
      fillEngine,
      (data, rejected, orphans) => {
        dataset = { data, rejected, orphans };
        fillSource(data);
        fillDataNotice(data, rejected, orphans);
      },
      storedFirst,
    );
    return s;
  } catch (e) {
    showError(e);
    return null;
  }
}

/** What a page gives the shell. */
export interface ShellOptions {
  /** Re-render the page's own text after a language switch (marked `data-i18n` elements are done here). */
  onLanguage: () => void;
  /** Run the page again (the error box's retry button). */
  onRetry: () => void;
  /** Right before the browser lays out the printed pages (the monthly page draws its printed charts). */
  beforePrint?: () => void;
  /** Awaited before a print button prints (the monthly page loads its printed charts' module). */
  printReady?: () => Promise<unknown>;
  /** Scale the on-screen charts' SVG to the paper when printing (fitChartsForPrint); default: unless `beforePrint`. */
  fitCharts?: boolean;
}

/** Wire the header's buttons (language, print) and the retry button, and set the language (?lang=, else the stored one). */
export function initShell(o: ShellOptions): void {
  setLang(initialLang(location.search));
  document.getElementById('lang-button')?.addEventListener('click', () => {
    setLang(lang() === 'zh' ? 'en' : 'zh');
    if (dataset) {
      fillSource(dataset.data);
      fillDataNotice(dataset.data, dataset.rejected, dataset.orphans);
    }
    o.onLanguage();
  });
  const printNow = (): void => {
    if (!o.printReady) return print();
    void o.printReady().then(() => {
      o.beforePrint?.();
      print();
    });
  };
  for (const id of ['print-button', 'print-report-button']) document.getElementById(id)?.addEventListener('click', printNow);
  if (o.beforePrint) addEventListener('beforeprint', o.beforePrint);
  if (o.fitCharts ?? !o.beforePrint) {
    addEventListener('beforeprint', () => fitChartsForPrint());
    addEventListener('afterprint', () => fitChartsForPrint(document, false));
    matchMedia('print').addEventListener('change', (e) => fitChartsForPrint(document, e.matches));
  }
  document.getElementById('retry-button')?.addEventListener('click', () => o.onRetry());
}

/**
 * Record the page's selection in the address (`search`, e.g. from lib/report/selection.ts toSearch):
 * `push` for a reader's choice (Back returns to the one before), else replace.
 */
export function writeUrl(search: string, push: boolean): void {
  if (location.search !== search) history[push ? 'pushState' : 'replaceState'](null, '', search);
}

/** Show the selection in the address again when the reader goes Back or Forward. */
export function onUrlChange(f: (search: string) => void): void {
  addEventListener('popstate', () => f(location.search));
}

/** The notice for what the address asked for that the data does not have (null: nothing replaced). */
export function selectionNotice(problems: { period?: string; branch?: string }, sel: { period: string }): string | null {
  const lines: string[] = [];
  if (problems.period) lines.push(t('status.bad_period', { period: problems.period, fallback: sel.period }));
  if (problems.branch) lines.push(t('status.bad_branch', { branch: problems.branch }));
  return lines.length ? lines.join(' ') : null;
}

/**
 * Let the charts follow the paper: ECharts draws SVG at the on-screen size and the print layout is
 * narrower, so before printing each chart's SVG gets a viewBox of its drawn size and print CSS scales it
 * to its column (CompareStyles: width 100 %, height auto) instead of cutting it off; `on = false` takes
 * the viewBox away again after printing.
 */
export function fitChartsForPrint(root: ParentNode = document, on = true): void {
  for (const svg of root.querySelectorAll<SVGSVGElement>('.chart svg, .multiple__chart svg')) {
    // Back on screen: ECharts draws at the box size again (a stale viewBox would distort a later resize).
    if (!on) {
      svg.removeAttribute('viewBox');
      svg.removeAttribute('preserveAspectRatio');
      continue;
    }
    const w = Number(svg.getAttribute('width'));
    const h = Number(svg.getAttribute('height'));
    if (w > 0 && h > 0) {
      svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
      svg.setAttribute('preserveAspectRatio', 'xMinYMin meet');
    }
  }
}

/** Is this error a failure of the page's computation (not of loading)? Wrap it as such. */
export const computeError = (e: unknown): StageError => (e instanceof StageError ? e : new StageError('status.fail.compute', e));
