/**
 * The branch comparison page's controller (/branches/): the league table of a roll-up report for a month
 * or a year to date (with the previous period for the change), one branch's standing, and the small
 * multiples of the last 12 months — one computeReport per month, `tables: []`, each cached. The URL holds
 * the selection: ?period=2026-10&level=branch&kpi=response.on_time_rate&branch=B05.
 * `data-report-ready` marks the league on screen, `data-trends-ready` the small multiples.
 */
import { lang, monthLabel, t, type MessageId } from '../../lib/i18n/index.ts';
import type { Report } from '../../lib/report/types.ts';
import { HEADLINE_KPIS, KPI_BY_ID, isLowConfidence, numeric, targetStatus } from '../../lib/kpis.ts';
import { buildLeague, defaultDir, rowKinds, type LeagueRow, type SortDir, type SortKey } from '../../lib/report/league.ts';
import { miniTrendOption, sharedScale, type TrendLine } from '../../lib/charts/league.ts';
import { periodLabel } from '../../lib/format-kpi.ts';
import {
  compareChoices,
  monthsOf,
  previousPeriod,
  trailingMonths,
  trendSeries,
  type CompareChoice,
  type TrendPoint,
} from '../../lib/report/compare-periods.ts';
import {
  fillPeriodSelect,
  fillTargets,
  layoutMultiples,
  leagueCsvRows,
  nodeLabel,
  renderDetail,
  renderLeague,
  type LeagueView,
  type MultipleItem,
} from '../../components/league/league-view.ts';
import { csvFilename, downloadCsv, toCsv } from '../../components/csv-export.ts';
import { downloadXlsx } from '../../components/xlsx-download.ts';
import { markNotMeasuredKpiCells } from '../shell/not-measured.ts';
import { ReportClient } from '../../lib/report/report-client.ts';
import { byId, computeError, initShell, onUrlChange, openPageSession, setReady, showError, status, writeUrl } from '../shell/shell.ts';
import { searchOf } from '../../lib/report/selection.ts';
import { display } from '../../lib/metrics.ts';
import { setPrintFrame, today } from '../shell/print-frame.ts';
import type { Session } from '../shell/session.ts';
import { SQL } from '../../lib/report/sql-bundled.ts';
import { TREND_KPIS } from './trend-kpis.ts';

type Level = 'branch' | 'center';
type Computed = Omit<Report, 'rejected' | 'orphans'>;

interface State {
  period: string;
  level: Level;
  kpi: string;
  branch: string | null;
  sort: SortKey;
  dir: SortDir;
}

const base = import.meta.env.BASE_URL;
const periodSelect = byId<HTMLSelectElement>('period-select');
const kpiSelect = byId<HTMLSelectElement>('kpi-select');
const league = byId<HTMLTableElement>('league');
const detail = byId('detail');
const multiples = byId('multiples');
const levelInputs = [...document.querySelectorAll<HTMLInputElement>('input[name="level"]')];

let session: Session | null = null;
let choices: CompareChoice[] = [];
let available = new Set<string>();
let state: State | null = null;
let shown: { rows: LeagueRow[]; prev: string | null } | null = null;
/** The page's report client: its cache and which selection is the newest (lib/report/report-client.ts). */
const runs = new ReportClient();

/** One roll-up report per period, computed (or read) once. */
function rollupReport(period: string): Promise<Computed> {
  // The roll-up report is what report/figures.ts calls a period's figures: a month is read from the
  // bundled file when it holds them (computed at build time by the same SQL); anything else is computed.
  return runs.get(period, () =>
    import('../../lib/report/figures.ts').then(({ figuresOf }) => figuresOf(session!.db, period, SQL, session!.data.storedFigures === true)),
  );
}

function readState(search: string): State {
  const q = new URLSearchParams(search);
  const fallback = (choices.find((c) => c.isDefault) ?? choices.find((c) => c.kind === 'month') ?? choices[0]!).period;
  const period = choices.some((c) => c.period === q.get('period')) ? q.get('period')! : fallback;
  const level: Level = q.get('level') === 'center' && [...rowKinds(session!.branches).values()].includes('center') ? 'center' : 'branch';
  const kpi = TREND_KPIS.includes(q.get('kpi') ?? '') ? q.get('kpi')! : HEADLINE_KPIS[0]!.id;
  const branch = session!.branches.some((b) => b.branch_id === q.get('branch')) ? q.get('branch') : null;
  const sort = q.get('sort') && (KPI_BY_ID.has(q.get('sort')!) || ['name', 'volume', 'met'].includes(q.get('sort')!)) ? q.get('sort')! : HEADLINE_KPIS[0]!.id;
  const dir: SortDir = q.get('dir') === 'asc' || q.get('dir') === 'desc' ? (q.get('dir') as SortDir) : defaultDir(sort);
  return { period, level, kpi, branch, sort, dir };
}

function writeState(s: State, push: boolean): void {
  const first = HEADLINE_KPIS[0]!.id;
  const sorted = s.sort !== first || s.dir !== defaultDir(s.sort);
  const level = s.level !== 'branch' ? s.level : null;
  writeUrl(
    searchOf({ period: s.period, level, kpi: s.kpi !== first ? s.kpi : null, branch: s.branch, sort: sorted ? s.sort : null, dir: sorted ? s.dir : null }),
    push,
  );
}

/** The month a row links to on the monthly page: the period's month, or a year to date's last month. */
const monthlyPeriod = (period: string): string => monthsOf(period).at(-1)!;

function drawLeague(): void {
  if (!state || !shown || !session) return;
  byId('page-period').textContent = periodLabel(state.period);
  delete byId('page-period').dataset['i18n'];
  setPrintFrame(
    {
      company: session.data.config.company_name,
      title: t('br.title'),
      period: periodLabel(state.period),
      scope: t(state.level === 'branch' ? 'cmp.level.branch' : 'cmp.level.center'),
      asOf: byId('as-of').textContent ?? '',
      pageTemplate: t('print.page'),
    },
    today(),
  );
  byId('league-vs').textContent = shown.prev ? t('cmp.vs_prev', { prev: periodLabel(shown.prev) }) : t('cmp.no_prev');
  for (const e of document.querySelectorAll<HTMLElement>('.js-low-legend')) e.textContent = t('cmp.legend.low', { n: session.data.config.min_cases });
  fillTargets(league, session.data.config);
  renderLeague(league, shown.rows, leagueView());
  markNotMeasuredKpiCells(league);
  byId<HTMLButtonElement>('league-csv').disabled = false;
  byId<HTMLButtonElement>('league-xlsx').disabled = false;
  const row = state.branch ? shown.rows.find((r) => r.id === state!.branch) : undefined;
  detail.hidden = !row;
  if (row) {
    const kind = row.kind === 'center' ? 'center' : 'branch';
    const kindText = t(kind === 'branch' ? 'cmp.level.branch' : 'cmp.level.center');
    byId('detail-heading').textContent = t('br.detail.title', { name: nodeLabel(row.id!, row.name), kind: kindText });
    byId('detail-median-head').textContent = t('br.detail.median', { kind: kindText });
    byId<HTMLAnchorElement>('detail-monthly').href = `${base}?period=${monthlyPeriod(state.period)}&branch=${encodeURIComponent(row.id!)}`;
    renderDetail(byId<HTMLTableElement>('detail-table').tBodies[0]!, row, shown.rows, session.data.config);
  }
}

function leagueView(): LeagueView {
  return {
    kind: state!.level,
    sort: state!.sort,
    dir: state!.dir,
    config: session!.data.config,
    selected: state!.branch,
    openable: true,
    monthlyHref: (id) => `${base}?period=${monthlyPeriod(state!.period)}&branch=${encodeURIComponent(id)}`,
  };
}

/** Compute and show the league for the state, then the small multiples. */
async function show(s: State, push: boolean): Promise<void> {
  const run = runs.next();
  state = s;
  writeState(s, push);
  fillPeriodSelect(periodSelect, choices, s.period);
  for (const i of levelInputs) i.checked = i.value === s.level;
  kpiSelect.value = s.kpi;
  setReady(false);
  setReady(false, 'trendsReady');
  status.loading('status.computing');
  status.error(null);
  try {
    const prev = previousPeriod(s.period, available);
    const [cur, before] = await Promise.all([rollupReport(s.period), prev ? rollupReport(prev) : Promise.resolve(null)]);
    if (!runs.current(run)) return;
    shown = { rows: buildLeague(cur, before, session!.branches, session!.data.config), prev };
    byId('as-of').textContent = cur.as_of.slice(0, 16);
    drawLeague();
    status.loading(null);
    setReady(true);
    await drawMultiples(run);
  } catch (e) {
    if (runs.current(run)) showError(computeError(e));
  }
}

/** The small multiples of the state's KPI over the 12 months ending with the period's last month. */
async function drawMultiples(run: number): Promise<void> {
  if (!state || !shown || !session) return;
  const s = state;
  const months = trailingMonths(monthsOf(s.period).at(-1)!, 12);
  multiples.setAttribute('aria-busy', 'true');
  const reports = new Map<string, Computed>();
  for (const m of months) {
    if (!available.has(m)) continue; // not in the data: a gap, never computed as zeros
    reports.set(m, await rollupReport(m));
    if (!runs.current(run)) return;
  }
  const config = session.data.config;
  const kpi = KPI_BY_ID.get(s.kpi);
  const kind = display(s.kpi).kind;
  const pick = (m: Report['metrics'], c: Report['metrics']) => {
    const value = numeric(m[s.kpi]);
    if (!kpi) return { value };
    const n = 'cases' in kpi.cases ? c[kpi.cases.cases] : m[kpi.cases.metric];
    return { value, low: isLowConfidence(typeof n === 'number' ? n : null, config.min_cases) };
  };
  const seriesOf = (id: string | null): TrendPoint[] =>
    trendSeries(
      months,
      new Map(
        months.map((m) => {
          const r = reports.get(m);
          if (!r) return [m, undefined] as const;
          return [
            m,
            id === null ? { metrics: r.metrics, cases: r.cases.total } : { metrics: r.by_branch[id] ?? {}, cases: r.cases.by_branch[id] ?? {} },
          ] as const;
        }),
      ),
      pick,
    );
  const nodes = shown.rows.filter((r) => r.kind === s.level);
  const company = seriesOf(null);
  const series = new Map(nodes.map((n) => [n.id!, seriesOf(n.id)]));
  const target = config.targets[s.kpi];
  const targetValue = target?.min ?? target?.max ?? null;
  const scale = sharedScale([...company.map((p) => p.value), ...[...series.values()].flatMap((x) => x.map((p) => p.value))], kind, targetValue);
  const categories = months.map((m) => (lang() === 'zh' ? `${Number(m.slice(5))}月` : monthLabel(m).replace(/ \d{4}$/, '')));
  const items: MultipleItem[] = nodes.map((n) => {
    const pts = series.get(n.id!)!;
    const last = [...pts].reverse().find((p) => p.value !== null);
    return {
      id: n.id!,
      name: n.name,
      latest: last ? { month: last.month, value: last.value, low: last.low, status: targetStatus(last.value, target) } : null,
    };
  });
  byId('multiples-unit').textContent =
    `${t(`metric.${s.kpi}` as MessageId)}${display(s.kpi).unit ? ` · ${t('chart.unit', { unit: t(display(s.kpi).unit!) })}` : ''}`;
  const charts = layoutMultiples(multiples, items, s.kpi);
  const { showChart } = await import('./chart-mount.ts');
  if (!runs.current(run)) return;
  const companyLine: TrendLine = { name: t('br.legend.company'), values: company.map((p) => p.value), role: 'reference' };
  for (const n of nodes) {
    const pts = series.get(n.id!)!;
    showChart(
      charts.get(n.id!)!,
      miniTrendOption({
        categories,
        main: { name: nodeLabel(n.id!, n.name), values: pts.map((p) => p.value), low: pts.map((p) => p.low), role: 'main' },
        reference: companyLine,
        kind,
        target: targetValue,
        scale,
        gapText: t('cmp.gap'),
      }),
    );
  }
  multiples.setAttribute('aria-busy', 'false');
  setReady(true, 'trendsReady');
}

function update(change: Partial<State>, push = true): void {
  if (!state) return;
  void show({ ...state, ...change }, push);
}

function onLeagueClick(e: Event): void {
  const target = e.target as HTMLElement;
  const sortBtn = target.closest<HTMLElement>('button[data-sort]');
  if (sortBtn && state && shown) {
    const key = sortBtn.dataset['sort']!;
    const dir: SortDir = state.sort === key ? (state.dir === 'asc' ? 'desc' : 'asc') : defaultDir(key);
    state = { ...state, sort: key, dir };
    writeState(state, false);
    drawLeague();
    return;
  }
  const open = target.closest<HTMLElement>('button[data-open]');
  if (open && state) {
    state = { ...state, branch: open.dataset['open']! };
    writeState(state, true);
    drawLeague();
    detail.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }
}

async function start(): Promise<void> {
  session ??= await openPageSession();
  if (!session) return;
  choices = compareChoices(session.periods);
  available = new Set(session.periods.map((p) => p.period));
  periodSelect.disabled = false;
  kpiSelect.disabled = false;
  // Data without a branch tree (no centres) compares branches only.
  const hasCentres = [...rowKinds(session.branches).values()].includes('center');
  for (const i of levelInputs) i.disabled = i.value === 'center' && !hasCentres;
  await show(readState(location.search), false);
}

initShell({
  onLanguage: () => {
    if (!state) return;
    fillPeriodSelect(periodSelect, choices, state.period);
    drawLeague();
    void drawMultiples(runs.next());
  },
  onRetry: () => void (session && state ? show(state, false) : start()),
});
byId('selection-form').addEventListener('submit', (e) => e.preventDefault());
periodSelect.addEventListener('change', () => update({ period: periodSelect.value }));
kpiSelect.addEventListener('change', () => {
  if (!state) return;
  state = { ...state, kpi: kpiSelect.value };
  writeState(state, true);
  setReady(false, 'trendsReady');
  void drawMultiples(runs.next()).catch((e: unknown) => showError(computeError(e)));
});
for (const i of levelInputs) i.addEventListener('change', () => update({ level: i.value as Level, branch: null }));
league.addEventListener('click', onLeagueClick);
/** The league table's export: CSV, or the same rows as .xlsx. */
function exportLeague(xlsx: boolean): void {
  if (!state || !shown) return;
  const level = t(state.level === 'branch' ? 'cmp.level.branch' : 'cmp.level.center');
  const name = csvFilename([t('br.title'), state.period, level]);
  const rows = leagueCsvRows(shown.rows, leagueView());
  if (xlsx) void downloadXlsx(name, rows, t('br.title'));
  else downloadCsv(name, toCsv(rows));
}
byId('league-csv').addEventListener('click', () => exportLeague(false));
byId('league-xlsx').addEventListener('click', () => exportLeague(true));
byId('detail-close').addEventListener('click', () => {
  if (!state) return;
  state = { ...state, branch: null };
  writeState(state, true);
  drawLeague();
});
onUrlChange((search) => {
  if (session) void show(readState(search), false);
});
void start();
