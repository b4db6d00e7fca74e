/**
 * What the branch comparison, technician and annual pages share around their own work: the language
 * (stored choice, switch button), the shared data session with its progress, data notice and engine line,
 * error display, retry, and the `<html data-report-ready="1">` mark that the figures on screen belong to
 * the selection in the URL (the e2e tests wait for it).
 */
import type { Dataset } from '../../lib/report/browser-sample.ts';
import type { Row } from '../../lib/db/types.ts';
import { lang, storedLang } from '../../lib/i18n/index.ts';
import { applyI18n, setLang } from './i18n-dom.ts';
import { fillDataNotice, fillEngine, fillSource, status } from './render.ts';
import { openSession, StageError, type Session } from './session.ts';

export { status };
export { byId, el } from './dom.ts';

const html = document.documentElement;

/** Show an error: the stage in plain language, the engine's first line as detail — never a stack. */
export function showError(e: unknown): void {
  console.error(e);
  const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 400);
  if (typeof WebAssembly !== 'object' || typeof Worker !== 'function') status.error('status.unsupported', detail);
  else if (e instanceof StageError) status.error(e.stage, e.stage === 'status.no_data' ? '' : detail);
  else status.error('status.fail.compute', detail);
}

/** Mark the figures on screen as belonging to the current selection (or not, while computing). */
export function setReady(ready: boolean, mark = 'reportReady'): void {
  if (ready) {
    html.dataset[mark] = '1';
    performance.mark(`${mark}`);
  } else {
    delete html.dataset[mark];
  }
  const main = document.getElementById('report');
  if (mark === 'reportReady' && main) {
    main.setAttribute('aria-busy', ready ? 'false' : 'true');
    main.classList.toggle('is-computing', !ready);
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

/**
 * Wire the header's buttons and set the stored language. `onLanguage` re-renders the page's own text
 * after a switch (the marked `data-i18n` elements are re-translated here); `onRetry` re-runs the page.
 */
export function initShell(onLanguage: () => void, onRetry: () => void): void {
  setLang(storedLang());
  applyI18n();
  document.getElementById('lang-button')?.addEventListener('click', () => {
    setLang(lang() === 'zh' ? 'en' : 'zh');
    if (dataset) {
      fillSource(dataset.data);
      fillDataNotice(dataset.data, dataset.rejected, dataset.orphans);
    }
    onLanguage();
  });
  document.getElementById('print-button')?.addEventListener('click', () => print());
  addEventListener('beforeprint', () => fitChartsForPrint());
  addEventListener('afterprint', () => fitChartsForPrint(document, false));
  matchMedia('print').addEventListener('change', (e) => fitChartsForPrint(document, e.matches));
  document.getElementById('retry-button')?.addEventListener('click', () => onRetry());
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

/** Run a computation as the page's current one: a newer call makes an older one's result stale. */
export function latest(): { next(): number; current(n: number): boolean } {
  let generation = 0;
  return { next: () => ++generation, current: (n) => n === generation };
}

/** Is this error a failure of the page's computation (not of loading)? Wrap it as such. */
export const computeError = (e: unknown): StageError => (e instanceof StageError ? e : new StageError('status.fail.compute', e));
