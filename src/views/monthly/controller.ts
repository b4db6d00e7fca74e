/**
 * The monthly report page's controller (月报, src/pages/index.astro): open the shared data session, offer
 * the months and branches the data has, compute the selected month — and last month and the same month
 * last year for 环比 / 同比 — with the same SQL as the CLI (computeReport), and hand the results to the
 * view. A centre or the head office is computed with `rollup`: itself and every branch below it (the
 * page says so); the whole company too, so that `by_branch` holds each centre over its branches for the
 * comparison tables (its totals are the same either way). A branch with nothing below it needs none.
 *
 * `<html data-report-ready="1">` marks that every section on screen belongs to the selection in the URL
 * (removed while a new selection computes): every number, table and list, and the charts in view — the
 * charts further down are hidden until drawn, and `data-charts-ready="1"` marks them all drawn (view.ts);
 * `data-print-ready="1"` that the printed charts are drawn too.
 */
import { monthLabel, t } from '../../lib/i18n/index.ts';
import { previousMonth, sameMonthLastYear } from '../../lib/report/period.ts';
import type { MonthReport, MonthlyData } from './model.ts';
import { branchReport } from '../../lib/report/figures.ts';
import { scopeText, selectionName } from './model.ts';
import { MONTHLY_TABLES } from '../../lib/report/monthly-sections.ts';
import { drawCharts, drawPrintCharts, loadPrintCharts, preloadCharts, renderMonthly, stopDrawingCharts, wireCsvButtons } from './view.ts';
import { setPrintFrame, today } from '../shell/print-frame.ts';
import { fillBranches, fillPeriods, fillTitle, status } from '../shell/render.ts';
import { computeError, initShell, onUrlChange, openPageSession, selectionNotice, setReady, showError, writeUrl } from '../shell/shell.ts';
import { pageRollup, readUrl, resolveSelection, toSearch, type PageSelection } from '../../lib/report/selection.ts';
import { SQL } from '../../lib/report/sql-bundled.ts';
import { IMPORT_PANEL_EVENT } from '../../lib/userdata/events.ts';
import { ReportClient } from '../../lib/report/report-client.ts';
import type { Session } from '../shell/session.ts';
import { explainExtras } from './explain-extras.ts';

const html = document.documentElement;
const periodSelect = document.getElementById('period-select') as HTMLSelectElement;
const branchSelect = document.getElementById('branch-select') as HTMLSelectElement;

let loaded: Session | null = null;
let current: PageSelection | null = null;
let shown: MonthlyData | null = null;
/** What the URL asked for that the data does not have (shown as a notice, re-translated on switch). */
let urlProblems: { period?: string; branch?: string } = {};

// ── Reports, through the page's report client (lib/report/report-client.ts) ──
// The unit of work is a month's whole-company report with roll-up (`figures`): every node of the branch
// tree has its row there, and that row is the node's report (report/figures.ts branchReport). So one computation
// of a month serves every branch, as the month shown and as a comparison month; only the drill tables
// depend on the selection, and they are read (the bundled file) or computed per month and branch. A
// cached result is reused when the reader steps back a month (the month before was last month's
// comparison) or switches branch. After a selection is on screen the month before it is computed in the
// background (prefetch), so that stepping back a month — the usual walk through a year — shows at once;
// background work yields to the selection being computed, and waits while the import panel is open (the
// import worker gets the cores: a 100 MB import ran at 29 MB/s beside the background work, 39 alone).
const client = new ReportClient(200); // every month's figures, and the tables of every branch of a few months
document.addEventListener(IMPORT_PANEL_EVENT, (e) => client.pause((e as CustomEvent<{ open: boolean }>).detail.open));

// The report modules, loaded once (start() begins it while the data loads). Kept as promises: awaiting a
// settled promise continues at once, where a repeated import() waits a task — and the browser may paint
// a frame in between (≈ 20 ms of a switch).
let reportModules: Promise<
  [typeof import('../../lib/report/compute.ts'), typeof import('../../lib/report/figures.ts'), typeof import('../../lib/report/drill-store.ts')]
> | null = null;
const modules = () =>
  (reportModules ??= Promise.all([import('../../lib/report/compute.ts'), import('../../lib/report/figures.ts'), import('../../lib/report/drill-store.ts')]));
const computeReport = () => modules().then(([m]) => m.computeReport);

/**
 * The month's metrics for the whole company, with every branch and centre as a roll-up row: read from
 * the bundled file when it holds them, computed by this site's SQL at build time (report/figures.ts),
 * else computed here.
 */
function monthFigures(period: string, background: number | null = null): Promise<MonthReport> {
  return client.get(
    `figures|${period}`,
    async (beforeQuery) => (await modules())[1].figuresOf(loaded!.db, period, SQL, loaded!.data.storedFigures === true, beforeQuery),
    background,
  );
}

/** The selections whose drill tables the bundled file holds (report/drill-store.ts), read once; null = none. */
let drillIndex: Promise<Set<string>> | null = null;
const storedDrill = (): Promise<Set<string>> | null =>
  loaded!.data.storedDrill ? (drillIndex ??= modules().then(([, , d]) => d.storedSelections(loaded!.db))) : null;

/**
 * The drill tables (late orders, repeats, …) of a month for a selection: the branch and all below it.
 * Read from the bundled file when it holds them (computed at build time by the same table files,
 * report/drill-store.ts), else computed here.
 */
function monthTables(period: string, branch: string | null, background: number | null = null): Promise<MonthReport['tables']> {
  return client.get(
    `tables|${period}|${branch ?? ''}`,
    async (beforeQuery) => {
      const sel = { period, branch, rollup: pageRollup(loaded!.branches, branch) };
      const drill = (await modules())[2];
      if ((await storedDrill())?.has(drill.drillKey(sel))) {
        return drill.storedDrillTables(loaded!.db, sel, MONTHLY_TABLES, beforeQuery);
      }
      return (await (await computeReport())(loaded!.db, sel, SQL, { metrics: false, tables: [...MONTHLY_TABLES], beforeQuery })).tables;
    },
    background,
  );
}

/** The selection's report for a month: with its tables (the month shown) or without (a comparison month). */
async function monthReport(period: string, branch: string | null, withTables: boolean, background: number | null = null): Promise<MonthReport> {
  const [figures, tables] = await Promise.all([monthFigures(period, background), withTables ? monthTables(period, branch, background) : {}]);
  return branchReport(figures, branch, tables);
}

// The 综述 and the change explained (explain-extras.ts): the explanation is computed after the figures are
// on screen (on bundled data it needs the service data, not only the stored figures), then both redrawn.
const extras = explainExtras({
  explain: (sel, metrics) =>
    client.get(
      `explain|${sel.period}|${sel.branch ?? ''}`,
      async () => {
        const [x, store] = await Promise.all([import('../../lib/report/explain.ts'), import('../../lib/report/explain-store.ts')]);
        // The company's is stored in the bundled file (no download of the service data); else computed.
        const stored = loaded!.data.storedExplain && sel.branch === null ? await store.storedExplain(loaded!.db, sel.period) : null;
        if (stored) return x.onlyMeasured(stored, metrics);
        return x.computeExplain(loaded!.db, { ...sel, rollup: pageRollup(loaded!.branches, sel.branch) }, SQL, metrics);
      },
      null,
    ),
  dataset: () => loaded!.data,
  eager: (data) => !loaded!.data.whole || (data.branch === null && loaded!.data.storedExplain === true),
  current: () => client.latest,
});

/**
 * While the page is idle, compute in the background what the reader is likely to ask for next: the
 * month before (stepping back through the year) with its comparison months, then the tables of every
 * other branch of this month (their figures are here already), then every other month's figures,
 * nearest first — after which any switch computes at most one selection's tables. Work for a superseded
 * selection stops at its next query; a selection asking for one of these takes it over (urgent).
 */
function prefetch(sel: PageSelection): void {
  const has = (p: string) => loaded!.periods.some((x) => x.period === p);
  const run = (mine: number) => async () => {
    if (!client.current(mine)) return;
    await client
      .background(async () => {
        const before = previousMonth(sel.period);
        if (has(before)) {
          await monthReport(before, sel.branch, true, mine);
          for (const p of [previousMonth(before), sameMonthLastYear(before)]) if (has(p)) await monthFigures(p, mine);
          performance.mark('monthly-prefetched', { detail: { period: before, branch: sel.branch } }); // read by the e2e test
        }
        const ids: (string | null)[] = [null, ...loaded!.branches.map((b) => b.branch_id)];
        const at = ids.indexOf(sel.branch);
        for (let k = 1; k < ids.length; k++) await monthTables(sel.period, ids[(at + k) % ids.length] as string | null, mine);
        performance.mark('monthly-prefetched-branches', { detail: { period: sel.period } });
        const index = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7));
        const months = loaded!.periods.map((x) => x.period).filter((p) => /^\d{4}-\d{2}$/.test(p));
        months.sort((a, b) => Math.abs(index(a) - index(sel.period)) - Math.abs(index(b) - index(sel.period)));
        for (const p of months) await monthFigures(p, mine);
        performance.mark('monthly-prefetched-months', { detail: { period: sel.period } });
      })
      .catch((e: unknown) => console.warn('prefetch failed', e));
  };
  const task = run(client.latest);
  if ('requestIdleCallback' in window) requestIdleCallback(() => void task(), { timeout: 1000 });
  else setTimeout(() => void task(), 200);
}

/** The scope line, the print header and the title block for what is shown. */
function fillFrame(data: MonthlyData): void {
  const scopeEl = document.getElementById('scope-note');
  if (scopeEl) scopeEl.textContent = scopeText(data.branches, data.branch);
  setPrintFrame(
    {
      company: loaded!.data.config.company_name,
      title: t('print.report_title'),
      period: monthLabel(data.period),
      scope: selectionName(data.branches, data.branch),
      asOf: data.current.as_of.slice(0, 16),
      pageTemplate: t('print.page'),
    },
    today(),
  );
  document.title = `${t('monthly.title')} · ${monthLabel(data.period)} · ${selectionName(data.branches, data.branch)}`;
}

/** Draw the printed charts when the browser is idle (they are not needed on screen). */
function schedulePrintCharts(mine: number): void {
  const run = () => {
    if (!client.current(mine) || !shown) return;
    void loadPrintCharts().then(() => {
      if (!client.current(mine) || !shown) return;
      drawPrintCharts(shown);
      html.dataset['printReady'] = '1';
    });
  };
  if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 500 });
  else setTimeout(run, 50);
}

/** Compute and show `sel`; `push` records it in the history (a user choice) rather than replacing. */
async function show(sel: PageSelection, push: boolean): Promise<void> {
  const l = loaded!;
  const mine = client.next();
  current = sel;
  writeUrl(toSearch(sel), push);
  fillPeriods(l.periods, sel.period);
  fillBranches(l.branches, sel.branch);
  fillTitle(sel, l.branches, shown?.current.as_of ?? null);
  setReady(false);
  stopDrawingCharts();
  status.loading('status.computing');
  status.error(null);
  const release = client.hold(); // background work waits until this selection is on screen (or failed)
  try {
    // Where the time goes (performance.measure, read by the e2e test and the benchmark): each month's
    // report, the tables and lists, the charts.
    const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
      const start = performance.now();
      try {
        return await f();
      } finally {
        performance.measure(name, { start, end: performance.now() });
      }
    };
    const t0 = performance.now();
    const has = (p: string) => l.periods.some((x) => x.period === p);
    const prev = previousMonth(sel.period);
    const lastYear = sameMonthLastYear(sel.period);
    // The three reports are requested together: the engine still runs one query at a time, but its
    // queue never waits while this thread turns a result into rows (measured: ~10–15 % less wall time).
    const [cur, previous, ly] = await Promise.all([
      timed('monthly-compute:month', () => monthReport(sel.period, sel.branch, true)),
      has(prev) ? timed('monthly-compute:last-month', () => monthReport(prev, sel.branch, false)) : null,
      has(lastYear) ? timed('monthly-compute:last-year', () => monthReport(lastYear, sel.branch, false)) : null,
    ]);
    const t1 = performance.now();
    if (!client.current(mine)) return;
    const data: MonthlyData = { period: sel.period, branch: sel.branch, current: cur, previous, lastYear: ly, config: l.data.config, branches: l.branches };
    shown = data;
    fillTitle(sel, l.branches, cur.as_of);
    fillFrame(data);
    extras.pending(data);
    await timed('monthly-render:tables', async () => renderMonthly(data));
    await timed('monthly-render:charts', () => drawCharts(data));
    if (!client.current(mine)) return;
    status.loading(null);
    setReady(true);
    performance.measure('monthly-compute', { start: t0, end: t1 });
    performance.measure('monthly-render', { start: t1, end: performance.now() });
    schedulePrintCharts(mine);
    extras.show(data, mine);
    prefetch(sel);
  } catch (e) {
    if (!client.current(mine)) return;
    showError(computeError(e));
  } finally {
    release();
  }
}

function onSelectionChange(): void {
  if (!loaded) return;
  urlProblems = {};
  status.notice(null);
  void show({ period: periodSelect.value, branch: branchSelect.value || null }, true);
}

/** After a language switch: the page's own text, re-written from the results already computed (no query runs). */
function onLanguage(): void {
  if (loaded && current) {
    fillPeriods(loaded.periods, current.period);
    fillBranches(loaded.branches, current.branch);
    fillTitle(current, loaded.branches, shown?.current.as_of ?? null);
    status.notice(selectionNotice(urlProblems, current));
  }
  if (shown) {
    fillFrame(shown);
    renderMonthly(shown);
    void drawCharts(shown);
    drawPrintCharts(shown);
    extras.relabel();
  }
}

/** Print: the printed charts must be drawn before the browser lays out the pages. */
function beforePrint(): void {
  if (shown) drawPrintCharts(shown);
}

async function start(): Promise<void> {
  status.error(null);
  // The chart and report modules load while the engine starts and the data loads (not after).
  preloadCharts();
  void modules();
  // Every month and selection is stored in the bundled sample: open on its stored part.
  loaded ??= await openPageSession(true);
  if (!loaded) return;
  const { selection, problems } = resolveSelection(readUrl(location.search), loaded.periods, loaded.branches);
  urlProblems = problems;
  status.notice(selectionNotice(problems, selection));
  periodSelect.disabled = false;
  branchSelect.disabled = false;
  await show(selection, false);
}

// Language first, so the shell never flashes the wrong one for long.
initShell({
  onLanguage,
  onRetry: () => void (current && loaded ? show(current, false) : start()),
  beforePrint,
  printReady: loadPrintCharts, // the printed charts must be drawn before the browser lays out the pages
});
wireCsvButtons();
periodSelect.addEventListener('change', onSelectionChange);
branchSelect.addEventListener('change', onSelectionChange);
onUrlChange((search) => {
  if (!loaded) return;
  const { selection } = resolveSelection(readUrl(search), loaded.periods, loaded.branches);
  void show(selection, false);
});
void start();
