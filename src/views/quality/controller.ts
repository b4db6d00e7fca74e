/**
 * The quality department's page (/quality/, issue 4): open the shared data session, compute the
 * selected month (and the chosen quarter for the quarterly summary) with the same queries/ as the CLI
 * (computeReport), and hand the rows to the section renderers. URL: ?period=YYYY-MM&branch=ID&quarter=YYYY-Qn.
 * `<html data-report-ready="1">` marks that what is on screen belongs to the URL's selection.
 */
import { monthLabel, t } from '../../lib/i18n/index.ts';
import type { Report } from '../../lib/report/types.ts';
import { setPrintFrame, today } from '../shell/print-frame.ts';
import { fillBranches, fillMetrics, fillPeriods, status } from '../shell/render.ts';
import { computeError, initShell, onUrlChange, openPageSession, selectionNotice, setReady, showError, writeUrl } from '../shell/shell.ts';
import { branchName, type PageCtx } from './context.ts';
import { fillFlaggedKpi, fillWindows, renderAnalysis, windowPeriod, wireAnalysis, WINDOWS, type Window } from './analysis.ts';
import { renderDeadlines } from './deadlines.ts';
import { renderDeductions, wireDeductions } from './deductions.ts';
import { defaultQuarter, fillQuarters, quarterChoices, renderQuarter } from './quarter.ts';
import { renderRegister, wireRegister } from './register.ts';
import { renderResponsibility, wireResponsibility } from './responsibility.ts';
import { wireCsvButtons } from './table.ts';
import { readUrl, resolveSelection, toSearch } from '../../lib/report/selection.ts';
import type { Session } from '../shell/session.ts';
import { SQL } from '../../lib/report/sql-bundled.ts';
import { ReportClient } from '../../lib/report/report-client.ts';

/** The tables of the month's sections, of the quality analysis (its own window) and of the quarterly summary. */
const ANALYSIS_TABLES = ['quality', 'quality_faults', 'quality_batches', 'complaint_causes'];
const QUARTER_TABLES = ['complaint_summary', 'responsibility_rollup'];
const MONTH_TABLES = [
  'complaint_register',
  'complaint_numbering',
  'complaint_step_times',
  'complaint_deadlines',
  'overdue',
  'responsibility',
  'responsibility_rollup',
  'responsibility_complaints',
  'responsibility_excluded',
  'deductions',
  'deduction_lines',
  ...ANALYSIS_TABLES,
];

interface Selection {
  period: string;
  branch: string | null;
  quarter: string;
  /** The quality analysis window (months ending with `period`). */
  window: Window;
}

/** What a change needs recomputed. */
type Scope = 'all' | 'quarter' | 'analysis';

const periodSelect = document.getElementById('period-select') as HTMLSelectElement;
const branchSelect = document.getElementById('branch-select') as HTMLSelectElement;
const quarterSelect = document.getElementById('quarter-select') as HTMLSelectElement;
const windowSelect = document.getElementById('qa-window') as HTMLSelectElement;

let session: Session | null = null;
let current: Selection | null = null;
let shown: { month: PageCtx; analysis: PageCtx; quarter: PageCtx } | null = null;
/** The page's report client: which selection is the newest (lib/report/report-client.ts). */
const runs = new ReportClient();

const search = (s: Selection) =>
  toSearch(s, {
    quarter: session && s.quarter !== defaultQuarter(s.period, quarterChoices(session.periods)) ? s.quarter : null,
    qa: s.window !== '1' ? s.window : null,
  });

function fillHeader(s: Session, sel: Selection, asOf: string | null): void {
  fillPeriods(s.periods, sel.period);
  fillBranches(s.branches, sel.branch);
  fillQuarters(quarterChoices(s.periods), sel.quarter);
  fillWindows(sel.window);
  const qa = windowPeriod(sel.period, sel.window);
  const [from, to] = qa.split('..');
  document.getElementById('qa-title')!.textContent = to ? t('q.qa.window.range', { from: monthLabel(from!), to: monthLabel(to) }) : monthLabel(qa);
  const period = document.getElementById('title-period')!;
  delete period.dataset['i18n'];
  period.textContent = monthLabel(sel.period);
  document.getElementById('title-branch')!.textContent = sel.branch ? branchName(s, sel.branch) : t('select.company');
  document.getElementById('as-of')!.textContent = asOf ? asOf.slice(0, 16) : '—';
  document.title = t('q.doc_title');
  // The printed edition: running header, page numbers and the title block (shared print frame).
  setPrintFrame(
    {
      company: s.data.config.company_name,
      title: t('q.print_title'),
      period: monthLabel(sel.period),
      scope: sel.branch ? branchName(s, sel.branch) : t('select.company'),
      asOf: asOf ? asOf.slice(0, 16) : '—',
      pageTemplate: t('print.page'),
    },
    today(),
  );
}

const ctxOf = (s: Session, r: Omit<Report, 'rejected' | 'orphans'>): PageCtx => ({
  period: r.period,
  branch: r.branch,
  asOf: r.as_of,
  metrics: r.metrics,
  tables: r.tables,
  branches: s.branches,
});

async function renderAll(month: PageCtx, analysis: PageCtx, quarter: PageCtx): Promise<void> {
  fillMetrics(month.metrics, document.getElementById('q-kpis')!);
  fillFlaggedKpi(month);
  renderRegister(month);
  renderDeductions(month);
  renderQuarter(quarter);
  await renderDeadlines(month);
  await renderResponsibility(month);
  await renderAnalysis(analysis);
}

/** Compute and show `sel`; `push` records a user's choice in the history; `scope` = what changed. */
async function show(sel: Selection, push: boolean, scope: Scope = 'all'): Promise<void> {
  const s = session!;
  const mine = runs.next();
  current = sel;
  writeUrl(search(sel), push);
  fillHeader(s, sel, shown?.month.asOf ?? null);
  setReady(false);
  status.loading('status.computing');
  status.error(null);
  try {
    const { computeReport } = await import('../../lib/report/compute.ts');
    const again = (part: Scope) => !shown || scope === 'all' || scope === part;
    const month = again('all') ? ctxOf(s, await computeReport(s.db, { period: sel.period, branch: sel.branch }, SQL, { tables: MONTH_TABLES })) : shown!.month;
    if (!runs.current(mine)) return;
    // The analysis window of one month is the month itself; a longer one is computed on its own.
    const analysis = !again('analysis')
      ? shown!.analysis
      : sel.window === '1'
        ? month
        : ctxOf(
            s,
            await computeReport(s.db, { period: windowPeriod(sel.period, sel.window), branch: sel.branch }, SQL, { metrics: false, tables: ANALYSIS_TABLES }),
          );
    if (!runs.current(mine)) return;
    const quarter = again('quarter')
      ? ctxOf(s, await computeReport(s.db, { period: sel.quarter, branch: sel.branch }, SQL, { tables: QUARTER_TABLES }))
      : shown!.quarter;
    if (!runs.current(mine)) return;
    shown = { month, analysis, quarter };
    fillHeader(s, sel, month.asOf);
    await renderAll(month, analysis, quarter);
    if (!runs.current(mine)) return;
    status.loading(null);
    setReady(true);
  } catch (e) {
    if (!runs.current(mine)) return;
    showError(computeError(e));
  }
}

function fromUrl(s: Session, search = location.search): Selection {
  const { selection, problems } = resolveSelection(readUrl(search), s.periods, s.branches);
  status.notice(selectionNotice(problems, selection));
  const wanted = new URLSearchParams(search).get('quarter');
  const quarters = quarterChoices(s.periods);
  const quarter = wanted && quarters.includes(wanted) ? wanted : defaultQuarter(selection.period, quarters);
  const qa = new URLSearchParams(search).get('qa');
  const window = WINDOWS.includes(qa as Window) ? (qa as Window) : '1';
  return { ...selection, quarter, window };
}

async function start(): Promise<void> {
  session ??= await openPageSession();
  if (!session) return;
  periodSelect.disabled = false;
  branchSelect.disabled = false;
  windowSelect.disabled = false;
  await show(fromUrl(session), false);
}

/** After a language switch: the page's own text, re-written from the results already computed. */
function onLanguage(): void {
  document.title = t('q.doc_title');
  if (!session || !current) return;
  fillHeader(session, current, shown?.month.asOf ?? null);
  if (shown) void renderAll(shown.month, shown.analysis, shown.quarter);
}

initShell({
  onLanguage,
  onRetry: () => void (current && session ? show(current, false) : start()),
  fitCharts: false,
});
document.title = t('q.doc_title');
wireCsvButtons();
wireRegister();
wireResponsibility();
wireDeductions();
wireAnalysis();
periodSelect.addEventListener('change', () => {
  if (session && current) {
    const period = periodSelect.value;
    void show({ ...current, period, quarter: defaultQuarter(period, quarterChoices(session.periods)) }, true);
  }
});
branchSelect.addEventListener('change', () => {
  if (session && current) void show({ ...current, branch: branchSelect.value || null }, true);
});
quarterSelect.addEventListener('change', () => {
  if (session && current) void show({ ...current, quarter: quarterSelect.value }, true, 'quarter');
});
windowSelect.addEventListener('change', () => {
  if (session && current) void show({ ...current, window: windowSelect.value as Window }, true, 'analysis');
});
onUrlChange((search) => {
  if (session) void show(fromUrl(session, search), false);
});
void start();
