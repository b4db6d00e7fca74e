/**
 * The overview page's controller: start the engine, load the bundled sample, offer the periods and
 * branches the data has, compute the report for the selection with the same SQL as the CLI
 * (computeReport) and hand the values to the renderers. `<html data-report-ready="1">` marks that the
 * figures on screen belong to the selection in the URL (removed while a new selection computes).
 */
import { applyI18n, lang, setLang, storedLang, t, type MessageId } from '../i18n/index.ts';
import type { Metrics } from '../report/types.ts';
import {
  drawCharts,
  fillBranches,
  fillDataNotice,
  fillEngine,
  fillMetrics,
  fillPeriods,
  fillSource,
  fillTitle,
  reformatMetrics,
  status,
} from './render.ts';
import { readUrl, resolveSelection, toSearch, type PageSelection } from './selection.ts';
import { SQL } from './sql.ts';
import { openSession, StageError, type Session } from './session.ts';

const html = document.documentElement;
const report = document.getElementById('report')!;
const periodSelect = document.getElementById('period-select') as HTMLSelectElement;
const branchSelect = document.getElementById('branch-select') as HTMLSelectElement;

let loaded: Session | null = null;
let current: PageSelection | null = null;
let shown: { metrics: Metrics; asOf: string } | null = null;
/** What the URL asked for that the data does not have (shown as a notice, re-translated on switch). */
let urlProblems: { period?: string; branch?: string } = {};
/** Bumped per selection: a result that arrives after a newer request is dropped. */
let generation = 0;

/** Show an error: the stage in plain language, the engine's first line as detail — never a stack. */
function showError(e: unknown): void {
  console.error(e);
  const title = document.getElementById('title-period')!;
  if (title.dataset['i18n'] === 'app.loading') {
    delete title.dataset['i18n'];
    title.textContent = '—';
  }
  const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 400);
  if (typeof WebAssembly !== 'object' || typeof Worker !== 'function') status.error('status.unsupported', detail);
  else if (e instanceof StageError) status.error(e.stage, e.stage === 'status.no_data' ? '' : detail);
  else status.error('status.fail.compute', detail);
}

function setReady(ready: boolean): void {
  if (ready) {
    html.dataset['reportReady'] = '1';
    performance.mark('report-ready'); // the first one: navigation → figures on screen (see the e2e test)
  } else {
    delete html.dataset['reportReady'];
  }
  report.setAttribute('aria-busy', ready ? 'false' : 'true');
  report.classList.toggle('is-computing', !ready && shown !== null);
}

/** Compute and show `sel`; `push` records it in the history (a user choice) rather than replacing. */
async function show(sel: PageSelection, push: boolean): Promise<void> {
  const l = loaded!;
  const mine = ++generation;
  current = sel;
  const search = toSearch(sel);
  if (location.search !== search) history[push ? 'pushState' : 'replaceState'](sel, '', search);
  fillPeriods(l.periods, sel.period);
  fillBranches(l.branches, sel.branch);
  fillTitle(sel, l.branches, shown?.asOf ?? null);
  setReady(false);
  status.loading('status.computing');
  status.error(null);
  try {
    const { computeReport } = await import('../report/compute.ts');
    const result = await computeReport(l.db, { period: sel.period, branch: sel.branch }, SQL);
    if (mine !== generation) return;
    shown = { metrics: result.metrics, asOf: result.as_of };
    fillMetrics(result.metrics);
    fillTitle(sel, l.branches, result.as_of);
    await drawCharts(result.metrics);
    if (mine !== generation) return;
    status.loading(null);
    setReady(true);
  } catch (e) {
    if (mine !== generation) return;
    showError(new StageError('status.fail.compute', e));
  }
}

function onSelectionChange(): void {
  if (!loaded) return;
  urlProblems = {};
  status.notice(null);
  void show({ period: periodSelect.value, branch: branchSelect.value || null }, true);
}

function noticeFor(problems: { period?: string; branch?: string }, sel: PageSelection): string | null {
  const lines: string[] = [];
  if (problems.period) lines.push(t('status.bad_period', { period: problems.period, fallback: sel.period }));
  if (problems.branch) lines.push(t('status.bad_branch', { branch: problems.branch }));
  return lines.length ? lines.join(' ') : null;
}

function switchLanguage(): void {
  setLang(lang() === 'zh' ? 'en' : 'zh');
  if (loaded && current) {
    fillPeriods(loaded.periods, current.period);
    fillBranches(loaded.branches, current.branch);
    fillTitle(current, loaded.branches, shown?.asOf ?? null);
    fillSource(loaded.data);
    fillDataNotice(loaded.data, loaded.rejected, loaded.orphans);
    status.notice(noticeFor(urlProblems, current));
  }
  reformatMetrics();
  if (shown) void drawCharts(shown.metrics);
}

async function start(): Promise<void> {
  status.error(null);
  try {
    loaded ??= await openSession((id) => status.loading(id), fillEngine, (data, rejected, orphans) => {
      fillSource(data);
      fillDataNotice(data, rejected, orphans);
    });
  } catch (e) {
    showError(e);
    return;
  }
  const { selection, problems } = resolveSelection(readUrl(location.search), loaded.periods, loaded.branches);
  urlProblems = problems;
  status.notice(noticeFor(problems, selection));
  periodSelect.disabled = false;
  branchSelect.disabled = false;
  await show(selection, false);
}

// Language first, so the shell never flashes the wrong one for long.
setLang(storedLang());
applyI18n();
document.getElementById('lang-button')!.addEventListener('click', switchLanguage);
document.getElementById('print-button')!.addEventListener('click', () => print());
document.getElementById('retry-button')!.addEventListener('click', () => void (current && loaded ? show(current, false) : start()));
periodSelect.addEventListener('change', onSelectionChange);
branchSelect.addEventListener('change', onSelectionChange);
addEventListener('popstate', () => {
  if (!loaded) return;
  const { selection } = resolveSelection(readUrl(location.search), loaded.periods, loaded.branches);
  void show(selection, false);
});
void start();
