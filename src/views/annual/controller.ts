/**
 * The annual report page's controller (/annual/): for a year (?year=2025) and a scope (?branch=C1: a
 * centre with its branches), compute with the same SQL as the CLI — the year (or its months to date),
 * the same months a year earlier, each quarter and each month the data covers — and lay out the
 * sections. Months the data does not cover are never computed: they are gaps in the trends.
 * `data-report-ready` marks the year's figures on screen, `data-trends-ready` the trends and quarters.
 */
import { markNotMeasured, markNotMeasuredRows, markNotMeasuredKpiCells } from '../shell/not-measured.ts';
import { fillBranches } from '../shell/render.ts';
import { monthLabel, t, type MessageId } from '../../lib/i18n/index.ts';
import type { Metrics, Report } from '../../lib/report/types.ts';
import { distributionOption } from '../../lib/charts/annual.ts';
import {
  annualKey,
  annualWork,
  bestAndWorst,
  defaultYear,
  pivotSatisfaction,
  quarterSql,
  SATISFACTION_ITEMS,
  yearChoices,
  type Ranked,
  type YearChoice,
} from '../../lib/report/annual.ts';
import { rankedList, renderComplaintSummary, renderCostTable, renderKpiTable, renderSatisfactionTable, renderSummary, renderTrendTable } from './view.ts';
import { trendOption, type TrendLine } from '../../lib/charts/league.ts';
import { monthName, periodLabel, targetText } from '../../lib/format-kpi.ts';
import { HEADLINE_KPIS, isLowConfidence, numeric } from '../../lib/kpis.ts';
import { buildLeague, defaultDir, type LeagueRow, type SortDir, type SortKey } from '../../lib/report/league.ts';
import { yearMonths } from '../../lib/report/compare-periods.ts';
import { fillTargets, leagueCsvRows, nodeLabel, renderLeague, type LeagueView } from '../../components/league/league-view.ts';
import { ReportClient } from '../../lib/report/report-client.ts';
import { byId, computeError, initShell, onUrlChange, openPageSession, setReady, showError, status, writeUrl } from '../shell/shell.ts';
import { searchOf } from '../../lib/report/selection.ts';
import { csvFilename, downloadCsv, tableRows, toCsv } from '../../components/csv-export.ts';
import { downloadXlsx } from '../../components/xlsx-download.ts';
import { display } from '../../lib/metrics.ts';
import { setPrintFrame, today } from '../shell/print-frame.ts';
import type { Session } from '../shell/session.ts';
import { SQL } from '../../lib/report/sql-bundled.ts';

type Computed = Omit<Report, 'rejected' | 'orphans'>;

interface State {
  year: number;
  branch: string | null;
  sort: SortKey;
  dir: SortDir;
}

interface Loaded {
  choice: YearChoice;
  period: string;
  prior: string | null;
  year: Computed;
  prev: Computed | null;
  months: Map<string, Computed>;
  quarters: Map<number, Computed>;
  rows: LeagueRow[];
}

const yearSelect = byId<HTMLSelectElement>('year-select');
const branchSelect = byId<HTMLSelectElement>('branch-select');
const ranking = byId<HTMLTableElement>('ranking');

let session: Session | null = null;
let years: YearChoice[] = [];
let available = new Set<string>();
let state: State | null = null;
let loaded: Loaded | null = null;
/** The page's report client: its cache and which selection is the newest (lib/report/report-client.ts). */
const runs = new ReportClient();

/** The SQL files a quarter needs: its satisfaction figures and its complaint summary (the same files, fewer). */
const QUARTER_SQL = quarterSql(SQL);

/**
 * One report per (period, scope, tables), computed once. A scope is rolled up (a centre with its
 * branches); the whole company needs no roll-up — its by_branch already holds every branch — and is
 * several times faster without.
 */
function compute(period: string, branch: string | null, tables: string[], sql = SQL, byBranch = true): Promise<Computed> {
  const key = annualKey(period, branch, tables, sql !== SQL, byBranch);
  return runs.get(key, async () => {
    const data = session!.data;
    const figures = await import('../../lib/report/figures.ts');
    // The whole company's year, year before and quarters are read from the bundled file when it holds
    // them, computed at build time by this same call (report/annual.ts storedAnnualWork).
    if (data.storedReports === true && branch === null && byBranch) {
      const r = await figures.storedReport(session!.db, key);
      if (r) return r;
    }
    // A trend month (its totals only) is read from the bundled months' figures; the selection's row
    // there is its report (report/figures.ts branchReport).
    if (data.storedFigures === true && tables.length === 0 && !byBranch && sql === SQL) {
      const f = await figures.storedFigures(session!.db, period);
      if (f) return figures.branchReport(f, branch, {});
    }
    const { computeReport } = await import('../../lib/report/compute.ts');
    return computeReport(session!.db, { period, branch, rollup: branch !== null }, sql, { tables, byBranch });
  });
}

const branchName = (id: string): string | null => session?.branches.find((b) => b.branch_id === id)?.branch_name ?? null;
const scopeLabel = (branch: string | null): string => (branch ? nodeLabel(branch, branchName(branch)) : t('select.company'));

function yearLabel(c: YearChoice): string {
  const m = Number(c.lastMonth.slice(5));
  return c.complete || m === 12 ? t('annual.year.option', { y: c.year }) : t('annual.year.option.partial', { y: c.year, m, mon: monthName(m, 'en') });
}

function titleOf(c: YearChoice): string {
  const m = Number(c.lastMonth.slice(5));
  return c.complete || m === 12 ? t('annual.title', { y: c.year }) : t('annual.title.partial', { y: c.year, m, mon: monthName(m, 'en') });
}

function readState(q: URLSearchParams): State {
  const y = Number(q.get('year'));
  const year = years.some((c) => c.year === y) ? y : defaultYear(years).year;
  const branch = session!.branches.some((b) => b.branch_id === q.get('branch')) ? q.get('branch') : null;
  const sort = q.get('sort') ?? 'met';
  const dir = q.get('dir') === 'asc' || q.get('dir') === 'desc' ? (q.get('dir') as SortDir) : defaultDir(sort);
  return { year, branch, sort, dir };
}

function writeState(s: State, push: boolean): void {
  const sorted = s.sort !== 'met' || s.dir !== defaultDir('met');
  writeUrl(searchOf({ year: String(s.year), branch: s.branch, sort: sorted ? s.sort : null, dir: sorted ? s.dir : null }), push);
}

function fillControls(s: State): void {
  yearSelect.replaceChildren(
    ...years.map((c) => {
      const o = new Option(yearLabel(c), String(c.year));
      o.selected = c.year === s.year;
      return o;
    }),
  );
  fillBranches(session!.branches, s.branch, branchSelect);
}

/** Everything that depends only on the year's and last year's reports. */
function drawYear(): void {
  if (!state || !loaded || !session) return;
  const { choice, year, prev, prior } = loaded;
  const config = session.data.config;
  const title = byId('page-title');
  delete title.dataset['i18n'];
  title.textContent = titleOf(choice);
  const period = byId('page-period');
  delete period.dataset['i18n'];
  period.textContent = scopeLabel(state.branch);
  byId('as-of').textContent = year.as_of.slice(0, 16);
  const coverage = t('annual.coverage', { first: periodLabel(choice.firstMonth), last: periodLabel(choice.lastMonth) });
  const last = years.find((c) => c.year === choice.year - 1);
  const noPrev = last ? t('annual.no_prev', { covered: `${periodLabel(last.firstMonth)} – ${periodLabel(last.lastMonth)}` }) : t('annual.no_prev_none');
  byId('annual-coverage').textContent = `${coverage} · ${prior ? t('annual.yoy_against', { prev: periodLabel(prior) }) : noPrev}`;
  for (const id of ['kpis-table', 'cost-table']) byId(id).classList.toggle('no-prior', !prior);
  setPrintFrame(
    {
      company: config.company_name,
      title: t('annual.print_title'),
      period: periodLabel(loaded.period),
      scope: scopeLabel(state.branch),
      asOf: year.as_of.slice(0, 16),
      pageTemplate: t('print.page'),
    },
    today(),
  );
  document.title = `${titleOf(choice)} · ${scopeLabel(state.branch)}`;

  renderSummary(byId('summary-cards'), year.metrics, prev?.metrics ?? null);
  renderKpiTable(byId<HTMLTableElement>('kpis-table').tBodies[0]!, year.metrics, prev?.metrics ?? null, config);
  renderCostTable(byId<HTMLTableElement>('cost-table').tBodies[0]!, year.metrics, prev?.metrics ?? null);
  markNotMeasured(byId('summary-cards'));
  markNotMeasuredRows();
  drawBestWorst();
  drawRanking();
}

function drawRanking(): void {
  if (!state || !loaded || !session) return;
  byId('ranking-vs').textContent = loaded.prior ? t('cmp.vs_prev', { prev: periodLabel(loaded.prior) }) : t('cmp.no_prev');
  for (const e of document.querySelectorAll<HTMLElement>('.js-low-legend')) e.textContent = t('cmp.legend.low', { n: session.data.config.min_cases });
  fillTargets(ranking, session.data.config);
  renderLeague(ranking, loaded.rows, rankingView());
  markNotMeasuredKpiCells(ranking);
}

function rankingView(): LeagueView {
  return { kind: 'branch', sort: state!.sort, dir: state!.dir, config: session!.data.config, selected: null, openable: false, monthlyHref: null };
}

function drawBestWorst(): void {
  if (!loaded || !session) return;
  const { year, rows } = loaded;
  const min = session.data.config.min_cases;
  byId('min-note').textContent = t('annual.min_note', { n: min });
  const branches: Ranked[] = rows
    .filter((r) => r.kind === 'branch' && r.id)
    .flatMap((r) => {
      const v = numeric(year.by_branch[r.id!]?.['satisfaction.overall_mean']);
      const n = numeric(year.cases.by_branch[r.id!]?.['satisfaction.satisfied_rate']);
      return v === null || n === null ? [] : [{ id: r.id!, name: r.name, branch: r.id, value: v, responses: n }];
    });
  const techs: Ranked[] = (year.tables['technician_satisfaction'] ?? []).flatMap((r) => {
    const v = numeric(r['overall_mean']);
    return v === null
      ? []
      : [
          {
            id: String(r['technician_id']),
            name: (r['name'] as string | null) ?? null,
            branch: (r['branch_id'] as string | null) ?? null,
            value: v,
            responses: numeric(r['responses']) ?? 0,
          },
        ];
  });
  const b = bestAndWorst(branches, min, 3);
  const tq = bestAndWorst(techs, min, 5);
  byId('best-worst').replaceChildren(
    rankedList(t('annual.best_branches'), b.best, 'branch', branchName),
    rankedList(t('annual.worst_branches'), b.worst, 'branch', branchName),
    rankedList(t('annual.best_techs'), tq.best, 'technician', branchName),
    rankedList(t('annual.worst_techs'), tq.worst, 'technician', branchName),
  );
}

/** Trends, monthly table, quarterly complaints and satisfaction. */
async function drawPeriods(): Promise<void> {
  if (!state || !loaded || !session) return;
  const { choice, months, quarters, year } = loaded;
  const config = session.data.config;
  const allMonths = yearMonths(choice.year);
  const partial = new Set(session.periods.filter((p) => !p.is_complete).map((p) => p.period));
  const byMonth = new Map([...months.entries()].map(([m, r]) => [m, r.metrics]));
  const cases = new Map([...months.entries()].map(([m, r]) => [m, r.cases.total]));
  // Month numbers on the axis (twelve labels fit a third of a page); the tooltip names the month in full.
  const categories = allMonths.map((m) => String(Number(m.slice(5))));
  const tooltipLabels = allMonths.map((m) => monthLabel(m));
  const { showChart } = await import('../branches/chart-mount.ts');
  const series = (id: string) => allMonths.map((m) => (byMonth.has(m) ? numeric(byMonth.get(m)![id]) : null));
  // Volumes: received and completed.
  const volume = document.querySelector<HTMLElement>('[data-trend="volume"]')!;
  volume.setAttribute('aria-label', t('annual.volumes'));
  showChart(
    volume,
    trendOption({
      title: t('annual.volumes'),
      subtitle: t('annual.trend.unit', { unit: t('unit.count') }),
      categories,
      lines: [
        { name: t('metric.orders.received'), values: series('orders.received'), role: 'main' },
        { name: t('metric.orders.completed'), values: series('orders.completed'), role: 'reference' },
      ],
      kind: 'count',
      target: null,
      targetLabel: t('cmp.target'),
      gapText: t('cmp.gap'),
      tooltipLabels,
    }),
  );
  for (const k of HEADLINE_KPIS) {
    const elc = document.querySelector<HTMLElement>(`[data-trend="${k.id}"]`)!;
    const d = display(k.id);
    const target = config.targets[k.id];
    const low = allMonths.map((m) => {
      const c = cases.get(m);
      const mm = byMonth.get(m);
      if (!c || !mm) return false;
      const n = 'cases' in k.cases ? c[k.cases.cases] : mm[k.cases.metric];
      return isLowConfidence(typeof n === 'number' ? n : null, config.min_cases);
    });
    const line: TrendLine = { name: t('annual.series.this', { y: choice.year }), values: series(k.id), low, role: 'main' };
    elc.setAttribute('aria-label', t(`metric.${k.id}` as MessageId));
    const unit = d.unit ? t(d.unit) : d.kind === 'rate' ? '%' : d.kind === 'money' ? t('unit.money') : '';
    const goal = targetText(target, d.kind);
    showChart(
      elc,
      trendOption({
        title: t(`metric.${k.id}` as MessageId),
        subtitle: [unit ? t('annual.trend.unit', { unit }) : '', goal ? `${t('cmp.target')} ${goal}` : ''].filter(Boolean).join(' · '),
        categories,
        lines: [line],
        kind: d.kind,
        target: target?.min ?? target?.max ?? null,
        targetLabel: t('cmp.target'),
        gapText: t('cmp.gap'),
        tooltipLabels,
      }),
    );
  }
  renderTrendTable(byId<HTMLTableElement>('trends-table'), allMonths, byMonth, partial, year.metrics);
  markNotMeasuredRows(byId('trends-table'));
  byId('trend-table-caption').textContent = `${t('annual.section.trends')} · ${t('annual.trend_table')} · ${titleOf(choice)} · ${scopeLabel(state.branch)}`;

  const qTables = new Map([...quarters.entries()].map(([q, r]) => [q, r.tables['complaint_summary'] ?? []]));
  const any = renderComplaintSummary(byId<HTMLTableElement>('complaints-table'), year.tables['complaint_summary'] ?? [], qTables, branchName);
  byId('complaints-empty').hidden = any;

  const qMetrics = new Map<number, Metrics>([...quarters.entries()].map(([q, r]) => [q, r.metrics]));
  renderSatisfactionTable(byId<HTMLTableElement>('satisfaction-table'), qMetrics, year.metrics);
  const pivot = pivotSatisfaction(qMetrics);
  const levels: [string, string, string, string] = ['1', '2', '3', '4'].map((l) => `${l} ${t(`annual.level.${l}` as MessageId)}`) as [
    string,
    string,
    string,
    string,
  ];
  for (const item of SATISFACTION_ITEMS) {
    const elc = document.querySelector<HTMLElement>(`[data-dist="${item}"]`)!;
    const title = t('annual.dist.title', { item: t(`metric.satisfaction.${item}_mean` as MessageId) });
    elc.setAttribute('aria-label', title);
    showChart(
      elc,
      distributionOption({
        title,
        subtitle: t('annual.dist.unit'),
        quarters: [1, 2, 3, 4].map((q) => t('annual.quarter_short', { q })),
        levels,
        counts: pivot[item].map((x) => x.counts),
        emptyText: t('chart.empty'),
      }),
    );
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-csv-table], [data-xlsx-table]')) b.disabled = false;
}

async function show(s: State, push: boolean): Promise<void> {
  const run = runs.next();
  state = s;
  writeState(s, push);
  fillControls(s);
  setReady(false);
  setReady(false, 'trendsReady');
  status.loading('status.computing');
  status.error(null);
  try {
    const choice = years.find((c) => c.year === s.year)!;
    const work = annualWork(choice, available);
    // Requested together, like the monthly page's three reports: the engine runs one query at a time,
    // but its queue never waits while this thread turns a result into rows.
    const [year, prev] = await Promise.all([
      compute(work.year.period, s.branch, work.year.tables),
      work.prior ? compute(work.prior.period, s.branch, work.prior.tables) : null,
    ]);
    performance.mark('annual-year');
    if (!runs.current(run)) return;
    const inScope = session!.branches.filter((b) => b.branch_id in year.by_branch);
    loaded = {
      choice,
      period: work.year.period,
      prior: work.prior?.period ?? null,
      year,
      prev,
      months: new Map(),
      quarters: new Map(),
      rows: buildLeague(year, prev, inScope, session!.data.config),
    };
    drawYear();
    setReady(true);
    for (const q of work.quarters) {
      loaded.quarters.set(q.q, await compute(q.period, s.branch, q.tables, QUARTER_SQL));
      if (!runs.current(run)) return;
    }
    for (const m of work.months) {
      // The trends read each month's totals only (metrics, cases.total): no branch rows.
      loaded.months.set(m.period, await compute(m.period, s.branch, m.tables, SQL, m.byBranch));
      if (!runs.current(run)) return;
    }
    await drawPeriods();
    if (!runs.current(run)) return;
    status.loading(null);
    setReady(true, 'trendsReady');
  } catch (e) {
    if (runs.current(run)) showError(computeError(e));
  }
}

async function start(): Promise<void> {
  session ??= await openPageSession(true); // the bundled sample stores the annual reports and every month: open on its stored part
  if (!session) return;
  years = yearChoices(session.periods);
  available = new Set(session.periods.map((p) => p.period));
  yearSelect.disabled = false;
  branchSelect.disabled = false;
  await show(readState(new URLSearchParams(location.search)), false);
}

initShell({
  onLanguage: () => {
    if (!state) return;
    fillControls(state);
    drawYear();
    if (loaded && loaded.months.size + loaded.quarters.size > 0) void drawPeriods();
  },
  onRetry: () => void (session && state ? show(state, false) : start()),
});
byId('selection-form').addEventListener('submit', (e) => e.preventDefault());
yearSelect.addEventListener('change', () => state && void show({ ...state, year: Number(yearSelect.value) }, true));
branchSelect.addEventListener('change', () => state && void show({ ...state, branch: branchSelect.value || null }, true));
ranking.addEventListener('click', (e) => {
  const b = (e.target as HTMLElement).closest<HTMLElement>('button[data-sort]');
  if (!b || !state) return;
  const key = b.dataset['sort']!;
  state = { ...state, sort: key, dir: state.sort === key ? (state.dir === 'asc' ? 'desc' : 'asc') : defaultDir(key) };
  writeState(state, false);
  drawRanking();
});
document.addEventListener('click', (e) => {
  const b = (e.target as HTMLElement).closest<HTMLElement>('[data-csv-table], [data-xlsx-table]');
  if (!b || !state) return;
  const xlsx = b.dataset['xlsxTable'] !== undefined;
  const id = (xlsx ? b.dataset['xlsxTable'] : b.dataset['csvTable'])!;
  const section = b.closest('section')?.querySelector('h2')?.textContent ?? '';
  const rows = id === 'ranking' && loaded ? leagueCsvRows(loaded.rows, rankingView()) : tableRows(byId<HTMLTableElement>(id));
  const name = csvFilename([t('nav.annual'), String(state.year), scopeLabel(state.branch), section]);
  if (xlsx) void downloadXlsx(name, rows, section);
  else downloadCsv(name, toCsv(rows));
});
onUrlChange((search) => {
  if (session) void show(readState(new URLSearchParams(search)), false);
});
void start();
