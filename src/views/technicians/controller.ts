/**
 * The technician scorecards page's controller (/technicians/): tables.technician for a month and a branch
 * (a centre with its branches: rollup), filtered by name and sorted in the page; the printed edition has
 * one page per technician shown. URL: ?period=2026-10&branch=C1&q=王&sort=fine_estimate&dir=desc.
 */
import type { Row } from '../../lib/db/types.ts';
import { fillBranches } from '../shell/render.ts';
import { monthLabel, t } from '../../lib/i18n/index.ts';
import { nodeLabel } from '../../components/league/league-view.ts';
import { ReportClient } from '../../lib/report/report-client.ts';
import { byId, computeError, initShell, onUrlChange, openPageSession, setReady, showError, status, writeUrl } from '../shell/shell.ts';
import { readUrl, resolveSelection, toSearch } from '../../lib/report/selection.ts';
import { formatCount } from '../../lib/format.ts';
import { setPrintFrame, today } from '../shell/print-frame.ts';
import type { Session } from '../shell/session.ts';
import { SQL } from '../../lib/report/sql-bundled.ts';
import { renderSheets, renderTechTable, setBranchShort, techCsvRows } from './view.ts';
import { csvFilename, downloadCsv, toCsv } from '../../components/csv-export.ts';
import { downloadXlsx } from '../../components/xlsx-download.ts';
import { filterTechs, sortTechs, TECH_COLUMNS, techDefaultDir } from './model.ts';

interface State {
  period: string;
  branch: string | null;
  q: string;
  sort: string;
  dir: 'asc' | 'desc';
}

const periodSelect = byId<HTMLSelectElement>('period-select');
const branchSelect = byId<HTMLSelectElement>('branch-select');
const search = byId<HTMLInputElement>('tech-search');
const table = byId<HTMLTableElement>('tech-table');
const sheets = byId('tech-sheets');
const printSheets = byId<HTMLButtonElement>('print-sheets');
const DEFAULT_SORT = 'branch';

let session: Session | null = null;
let state: State | null = null;
let rows: Row[] = [];
/** The page's report client: its cache and which selection is the newest (lib/report/report-client.ts). */
const runs = new ReportClient();

/** The technician table of a month and branch selection (null = the company), computed once. */
function technicianTable(period: string, branch: string | null): Promise<{ rows: Row[]; asOf: string }> {
  return runs.get(`${period}|${branch ?? ''}`, () =>
    import('../../lib/report/compute.ts')
      .then(({ computeReport }) => computeReport(session!.db, { period, branch, rollup: true }, SQL, { metrics: false, tables: ['technician'] }))
      .then((r) => ({ rows: r.tables['technician'] ?? [], asOf: r.as_of })),
  );
}

const branchName = (id: string | null): string => {
  if (id === null) return '—';
  return nodeLabel(id, session?.branches.find((b) => b.branch_id === id)?.branch_name ?? null);
};

function readState(q: URLSearchParams): State {
  const { period, branch } = resolveSelection(readUrl(q.toString()), session!.periods, session!.branches).selection;
  const sort = TECH_COLUMNS.some((c) => c.key === q.get('sort')) ? q.get('sort')! : DEFAULT_SORT;
  const dir = q.get('dir') === 'asc' || q.get('dir') === 'desc' ? (q.get('dir') as 'asc' | 'desc') : techDefaultDir(sort);
  return { period, branch, q: q.get('q') ?? '', sort, dir };
}

function writeState(s: State, push: boolean): void {
  const sorted = s.sort !== DEFAULT_SORT || s.dir !== techDefaultDir(s.sort);
  writeUrl(toSearch(s, { q: s.q, sort: sorted ? s.sort : null, dir: sorted ? s.dir : null }), push);
}

function fillControls(s: State): void {
  periodSelect.replaceChildren(
    ...session!.periods.map((p) => {
      const o = new Option(monthLabel(p.period) + (p.is_complete ? '' : t('select.partial')), p.period);
      o.selected = p.period === s.period;
      return o;
    }),
  );
  fillBranches(session!.branches, s.branch, branchSelect);
  search.value = s.q;
  search.placeholder = t('tech.search.placeholder');
}

/** The rows shown: filtered by name, sorted. */
const visible = (): Row[] => (state ? sortTechs(filterTechs(rows, state.q), state.sort, state.dir) : []);

function draw(): void {
  if (!state || !session) return;
  const shown = visible();
  byId('page-period').textContent = `${monthLabel(state.period)} · ${state.branch ? branchName(state.branch) : t('select.company')}`;
  delete byId('page-period').dataset['i18n'];
  renderTechTable(table, shown, state.sort, state.dir, session.data.config, branchName);
  byId('tech-empty').hidden = rows.length > 0;
  setPrintFrame(
    {
      company: session.data.config.company_name,
      title: t('tech.title'),
      period: monthLabel(state.period),
      scope: state.branch ? branchName(state.branch) : t('select.company'),
      asOf: byId('as-of').textContent ?? '',
      pageTemplate: t('print.page'),
    },
    today(),
  );
  byId('tech-count').textContent =
    shown.length === rows.length
      ? t('tech.count', { n: formatCount(rows.length) })
      : t('tech.count_filtered', { shown: formatCount(shown.length), n: formatCount(rows.length) });
  printSheets.disabled = shown.length === 0;
  byId<HTMLButtonElement>('tech-csv').disabled = shown.length === 0;
  byId<HTMLButtonElement>('tech-xlsx').disabled = shown.length === 0;
}

async function show(s: State, push: boolean): Promise<void> {
  const run = runs.next();
  state = s;
  writeState(s, push);
  fillControls(s);
  setReady(false);
  status.loading('status.computing');
  status.error(null);
  try {
    const r = await technicianTable(s.period, s.branch);
    if (!runs.current(run)) return;
    rows = r.rows;
    byId('as-of').textContent = r.asOf.slice(0, 16);
    draw();
    status.loading(null);
    setReady(true);
  } catch (e) {
    if (runs.current(run)) showError(computeError(e));
  }
}

/** Print one page per technician shown, then back to the table. */
async function printScorecards(): Promise<void> {
  if (!state || !session) return;
  const company = (await technicianTable(state.period, null)).rows;
  renderSheets(sheets, visible(), {
    company: session.data.config.company_name,
    period: monthLabel(state.period),
    config: session.data.config,
    branchName,
    companyRows: company,
  });
  document.documentElement.classList.add('print-sheets');
  const done = () => {
    document.documentElement.classList.remove('print-sheets');
    removeEventListener('afterprint', done);
  };
  addEventListener('afterprint', done);
  print();
}

async function start(): Promise<void> {
  session ??= await openPageSession();
  if (!session) return;
  const names = new Map(session.branches.map((b) => [b.branch_id, b.branch_name]));
  setBranchShort((id) => names.get(id) ?? null);
  for (const c of [periodSelect, branchSelect, search]) c.disabled = false;
  await show(readState(new URLSearchParams(location.search)), false);
}

initShell({
  onLanguage: () => {
    if (!state) return;
    fillControls(state);
    draw();
  },
  onRetry: () => void (session && state ? show(state, false) : start()),
});
byId('selection-form').addEventListener('submit', (e) => e.preventDefault());
periodSelect.addEventListener('change', () => state && void show({ ...state, period: periodSelect.value }, true));
branchSelect.addEventListener('change', () => state && void show({ ...state, branch: branchSelect.value || null }, true));
search.addEventListener('input', () => {
  if (!state) return;
  state = { ...state, q: search.value };
  writeState(state, false);
  draw();
});
table.addEventListener('click', (e) => {
  const b = (e.target as HTMLElement).closest<HTMLElement>('button[data-sort]');
  if (!b || !state) return;
  const key = b.dataset['sort']!;
  state = { ...state, sort: key, dir: state.sort === key ? (state.dir === 'asc' ? 'desc' : 'asc') : techDefaultDir(key) };
  writeState(state, false);
  draw();
});
/** The scorecard table's export: CSV, or the same rows as .xlsx. */
function exportTech(xlsx: boolean): void {
  if (!state) return;
  const name = csvFilename([t('tech.title'), state.period, state.branch ? branchName(state.branch) : t('select.company')]);
  const rows = techCsvRows(visible(), branchName);
  if (xlsx) void downloadXlsx(name, rows, t('tech.title'));
  else downloadCsv(name, toCsv(rows));
}
byId('tech-csv').addEventListener('click', () => exportTech(false));
byId('tech-xlsx').addEventListener('click', () => exportTech(true));
printSheets.addEventListener('click', () => void printScorecards().catch((e: unknown) => showError(computeError(e))));
onUrlChange((search) => {
  if (session) void show(readState(new URLSearchParams(search)), false);
});
void start();
