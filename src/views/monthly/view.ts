/**
 * Puts a MonthlyData on the page: headline cards (values, 环比 / 同比, target status), each section's
 * comparison table, by-branch tables, drill lists and CSV exports; then the charts (ECharts on screen,
 * Observable Plot SVG for print). Values arrive computed (computeReport); this only formats and places.
 */
import type { CsvValue } from '../../components/csv-export.ts';
import { csvFilename, downloadCsv, tableRows, toCsv } from '../../components/csv-export.ts';
import { columnsRows, csvValue, renderTable, type Column } from '../../components/data-table.ts';
import { downloadXlsx } from '../../components/xlsx-download.ts';
import { formatValue, rawValue, type ValueKind } from '../../lib/format.ts';
import { has, monthLabel, t, type MessageId } from '../../lib/i18n/index.ts';
import type { Row } from '../../lib/db/types.ts';
import type { Metrics } from '../../lib/report/types.ts';
import { display } from '../../lib/metrics.ts';
import {
  betterOf,
  branchName,
  chartSpec,
  delta,
  metricLabel,
  numeric,
  scopeRows,
  selectionName,
  statusOf,
  targetText,
  type MonthlyData,
  type ScopeRow,
} from './model.ts';
import { DRILL_LIMIT, LOW_TECH_MIN_RESPONSES, SECTIONS, type BranchColumn, type DrillId } from '../../lib/report/monthly-sections.ts';
import { markNotMeasured, markSections } from '../shell/not-measured.ts';

type Compare = 'mom' | 'yoy';

const kindOf = (el: HTMLElement, metric: string): ValueKind =>
  (el.dataset['kind'] as ValueKind | undefined) ?? (el.dataset['key'] !== undefined ? 'count' : display(metric).kind);

/** The value of `metric` (or one key of a breakdown) in `metrics`. */
function valueOf(metrics: Metrics | undefined, metric: string, key?: string): unknown {
  const v = metrics?.[metric];
  if (key === undefined) return v ?? null;
  return v && typeof v === 'object' ? ((v as Record<string, unknown>)[key] ?? null) : null;
}

/** Write a value into a cell: formatted text, raw data-value (the CLI's JSON value), export value. */
function putValue(el: HTMLElement, v: unknown, kind: ValueKind): void {
  el.textContent = formatValue(v ?? null, kind);
  el.dataset['value'] = rawValue(v ?? null);
  const csv = csvValue(v, kind);
  el.dataset['csv'] = csv === null || csv === undefined ? '' : String(csv);
  el.classList.toggle('is-null', v === null || v === undefined);
}

/** This month's values: every `[data-metric]` that is neither a comparison nor a branch cell. */
function fillCurrent(metrics: Metrics): void {
  for (const el of document.querySelectorAll<HTMLElement>('[data-metric]:not([data-compare]):not([data-branch])')) {
    const id = el.dataset['metric']!;
    putValue(el, valueOf(metrics, id, el.dataset['key']), kindOf(el, id));
  }
}

/** A comparison month's values (`[data-compare="mom"|"yoy"]`); all "—" when the data has no such month. */
function fillCompare(which: Compare, metrics: Metrics | null): void {
  for (const el of document.querySelectorAll<HTMLElement>(`[data-metric][data-compare="${which}"]`)) {
    const id = el.dataset['metric']!;
    if (metrics === null) {
      el.textContent = '—';
      el.dataset['value'] = 'none';
      el.dataset['csv'] = '';
      el.classList.add('is-null');
      el.title = t('monthly.no_base');
    } else {
      putValue(el, valueOf(metrics, id, el.dataset['key']), kindOf(el, id));
      el.removeAttribute('title');
    }
  }
}

const TONES = ['better', 'worse', 'flat', 'neutral'] as const;
const STATUSES = ['met', 'near', 'missed'] as const;

/** The 环比 / 同比 cells of every card and table row, and their target and status. */
function fillDeltasAndTargets(data: MonthlyData): void {
  const holders = document.querySelectorAll<HTMLElement>('[data-kpi], [data-kpi-row]');
  for (const holder of holders) {
    const metric = holder.dataset['kpi'] ?? holder.dataset['kpiRow']!;
    const kind = display(metric).kind;
    const target = data.config.targets[metric];
    const cur = data.current.metrics[metric];
    for (const which of ['mom', 'yoy'] as const) {
      const el = holder.querySelector<HTMLElement>(`[data-delta="${which}"]`);
      if (!el) continue;
      const base = which === 'mom' ? data.previous : data.lastYear;
      const d = base ? delta(cur, base.metrics[metric], kind, betterOf(metric, target)) : { diff: null, text: '—', tone: null };
      el.textContent = d.text;
      el.dataset['diff'] = d.diff === null ? 'null' : String(d.diff);
      el.dataset['csv'] = d.diff === null ? '' : d.text;
      for (const tone of TONES) el.classList.toggle(`delta--${tone}`, d.tone === tone);
      el.title = base ? `${t(which === 'mom' ? 'monthly.col.last_month' : 'monthly.col.last_year')} ${monthLabel(base.period)}` : t('monthly.no_base');
    }
    const status = statusOf(metric, cur, data.config);
    const tt = targetText(target, kind);
    for (const s of STATUSES) holder.classList.toggle(`is-${s}`, status === s);
    holder.classList.toggle('has-target', tt !== null);
    const statusText = status ? t(`monthly.status.${status}`) : null;
    const dot = holder.querySelector<HTMLElement>('.status-dot');
    if (dot) dot.title = statusText ?? '';
    const card = holder.querySelector<HTMLElement>('[data-target-text]');
    if (card) card.textContent = tt ? `${t('monthly.target')} ${tt}${statusText ? ` · ${statusText}` : ''}` : t('monthly.no_target');
    const cell = holder.querySelector<HTMLElement>('[data-target-cell]');
    if (cell) {
      cell.textContent = tt ?? '—';
      cell.dataset['csv'] = tt ?? '';
      cell.classList.toggle('is-null', tt === null);
    }
  }
  const mom = data.previous ? monthLabel(data.previous.period) : t('monthly.no_base');
  const yoy = data.lastYear ? monthLabel(data.lastYear.period) : t('monthly.no_base');
  for (const el of document.querySelectorAll<HTMLElement>('[data-compare-periods]')) {
    el.textContent = t('monthly.compare_periods', { mom, yoy });
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-compare-head]')) {
    const base = el.dataset['compareHead'] === 'mom' ? data.previous : data.lastYear;
    el.title = base ? monthLabel(base.period) : t('monthly.no_base');
  }
}

// ── CSV export ──────────────────────────────────────────────────────────────

/** Providers of the full rows of a table (drill lists show only the first rows; the export has all). */
const csvProviders = new Map<string, () => CsvValue[][]>();
let csvName: (table: string) => string = (table) => csvFilename([table]);

function exportCsv(id: string, title: string, xlsx = false): void {
  const provider = csvProviders.get(id);
  let rows: CsvValue[][];
  if (provider) rows = provider();
  else {
    const table = document.getElementById(`table-${id}`) as HTMLTableElement | null;
    if (!table) return;
    rows = tableRows(table);
  }
  if (xlsx) void downloadXlsx(csvName(title), rows, title);
  else downloadCsv(csvName(title), toCsv(rows));
}

/**
 * Wire every `[data-csv-for]` button (once): the table's rows go out as a UTF-8 CSV with BOM; its
 * `[data-xlsx-for]` twin sends the same rows as .xlsx.
 */
export function wireCsvButtons(): void {
  document.addEventListener('click', (e) => {
    const btn = (e.target as Element | null)?.closest<HTMLElement>('[data-csv-for], [data-xlsx-for]');
    if (!btn) return;
    const xlsx = btn.dataset['xlsxFor'] !== undefined;
    const id = (xlsx ? btn.dataset['xlsxFor'] : btn.dataset['csvFor'])!;
    const card = btn.closest('.table-card, .section');
    const named = btn.dataset['csvTitle'];
    const title = named !== undefined ? (has(named) ? t(named) : named) : (card?.querySelector('h3, h2')?.textContent?.trim() ?? id);
    const section = btn.closest('.section')?.querySelector('h2')?.textContent?.trim();
    exportCsv(id, section && section !== title ? `${section}-${title}` : title, xlsx);
  });
  document.addEventListener('click', (e) => {
    const btn = (e.target as Element | null)?.closest<HTMLElement>('[data-toggle-all]');
    if (!btn) return;
    const id = btn.dataset['toggleAll']!;
    if (expanded.has(id)) expanded.delete(id);
    else expanded.add(id);
    if (shown) fillDrills(shown);
  });
}

// ── By-branch tables ────────────────────────────────────────────────────────

interface BranchRow {
  id: string | null;
  label: string;
  metrics: Metrics | undefined;
  cases: Metrics | undefined;
  scope?: ScopeRow;
}

function branchColumn(c: BranchColumn, data: MonthlyData): Column<BranchRow> {
  if ('cases' in c) {
    return {
      label: t(c.label),
      kind: 'count',
      value: (r) => numeric(r.cases?.[c.cases]),
    };
  }
  const kind: ValueKind = c.key !== undefined ? 'count' : display(c.metric).kind;
  const target = data.config.targets[c.metric];
  return {
    label: c.label ? t(c.label) : metricLabel(c.metric),
    kind,
    value: (r) => valueOf(r.metrics, c.metric, c.key),
    attrs: (r) => {
      const v = valueOf(r.metrics, c.metric, c.key);
      const a: Record<string, string> = { 'data-metric': c.metric, 'data-value': rawValue(v) };
      if (c.key !== undefined) a['data-key'] = c.key;
      if (r.id !== null) a['data-branch'] = r.id;
      else a['data-compare'] = 'total'; // the total row repeats this month's figure (checked as such)
      const s = target ? statusOf(c.metric, v, data.config) : null;
      if (s && s !== 'met') a['class'] = `num-col num is-${s}`;
      return a;
    },
  };
}

function fillBranchTables(data: MonthlyData): void {
  const scope = scopeRows(data.branches, data.branch);
  const rows: BranchRow[] = scope.map((s) => ({
    id: s.branch_id,
    label: s.label,
    metrics: data.current.by_branch[s.branch_id],
    cases: data.current.cases.by_branch[s.branch_id],
    scope: s,
  }));
  const total: BranchRow = {
    id: null,
    label: t('monthly.total_of', { name: selectionName(data.branches, data.branch) }),
    metrics: data.current.metrics,
    cases: data.current.cases.total,
  };
  for (const def of SECTIONS) {
    const card = document.querySelector<HTMLElement>(`[data-table-card="branch-${def.id}"]`);
    const table = document.getElementById(`table-branch-${def.id}`) as HTMLTableElement | null;
    if (!card || !table) continue;
    card.hidden = rows.length < 2 || def.branchColumns.length === 0;
    const note = card.querySelector<HTMLElement>('[data-note]');
    if (note) note.hidden = !rows.some((r) => r.scope?.group);
    if (card.hidden) {
      table.replaceChildren();
      continue;
    }
    const columns: Column<BranchRow>[] = [
      {
        label: t('monthly.col.branch'),
        kind: 'text',
        value: (r) => r.label,
        attrs: (r) => (r.scope ? { class: `branch-cell depth-${Math.min(r.scope.depth, 3)}` } : null),
      },
      ...def.branchColumns.map((c) => branchColumn(c, data)),
    ];
    renderTable(table, columns, rows, { rowClass: (r) => (r.scope?.group ? 'row-group' : ''), foot: [total] });
  }
}

// ── Drill lists ─────────────────────────────────────────────────────────────

/** Drill lists the reader expanded ("show all"), kept across selections. */
const expanded = new Set<string>();
let shown: MonthlyData | null = null;

const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const enumText = (prefix: string, v: unknown): string | null => {
  const s = text(v);
  if (s === null) return null;
  const k = `${prefix}.${s}`;
  return has(k) ? t(k) : s;
};
const yesNo = (v: unknown): string | null => (v === null || v === undefined ? null : t(v ? 'monthly.yes' : 'monthly.no'));

function branchCols<R extends Row>(data: MonthlyData): Column<R> {
  const names = new Map(data.branches.map((b) => [b.branch_id, b.branch_name]));
  return {
    label: t('monthly.col.branch'),
    kind: 'text',
    value: (r) => r['branch_id'],
    text: (r) => text(names.get(String(r['branch_id'])) ?? r['branch_id']),
    csv: (r) =>
      branchName(
        data.branches.find((b) => b.branch_id === r['branch_id']),
        String(r['branch_id'] ?? ''),
      ),
  };
}

const person = (idKey: string, nameKey: string, label: MessageId): Column<Row> => ({
  label: t(label),
  kind: 'text',
  value: (r) => r[idKey],
  text: (r) => text(r[nameKey]) ?? text(r[idKey]),
  csv: (r) => [text(r[idKey]), text(r[nameKey])].filter(Boolean).join(' ') || null,
});

function drillColumns(id: DrillId, data: MonthlyData): Column<Row>[] {
  const branch = branchCols<Row>(data);
  switch (id) {
    case 'late':
      return [
        { label: t('monthly.col.order'), kind: 'text', value: (r) => r['order_id'] },
        branch,
        person('technician_id', 'technician_name', 'monthly.col.technician'),
        { label: t('monthly.col.type'), kind: 'text', value: (r) => r['service_type'], text: (r) => enumText('enum.service_type', r['service_type']) },
        { label: t('monthly.col.zone'), kind: 'text', value: (r) => r['zone'], text: (r) => enumText('monthly.zone', r['zone']) },
        { label: t('monthly.col.called_at'), kind: 'datetime', value: (r) => r['called_at'] },
        {
          label: t('monthly.col.deadline'),
          kind: 'datetime',
          value: (r) => r['deadline'],
          text: (r) => `${String(r['deadline'] ?? '').slice(5, 16)}${r['promised'] ? `（${t('monthly.col.promised')}）` : ''}`,
        },
        {
          label: t('monthly.col.arrived_at'),
          kind: 'datetime',
          value: (r) => r['arrived_at'],
          text: (r) => (r['arrived_at'] ? String(r['arrived_at']).slice(5, 16) : t('monthly.col.not_arrived')),
        },
        { label: t('monthly.col.hours_late'), kind: 'hours', value: (r) => r['hours_late'] },
      ];
    case 'repeats':
      return [
        { label: t('monthly.col.order'), kind: 'text', value: (r) => r['order_id'] },
        branch,
        { label: t('monthly.col.called_at'), kind: 'datetime', value: (r) => r['called_at'] },
        { label: t('monthly.col.customer'), kind: 'text', value: (r) => r['customer_id'] },
        { label: t('monthly.col.model'), kind: 'text', value: (r) => r['product_model'] },
        { label: t('monthly.col.fault'), kind: 'text', value: (r) => r['fault_code'] },
        { label: t('monthly.col.previous'), kind: 'text', value: (r) => r['previous_order_id'] },
        { label: t('monthly.col.previous_done'), kind: 'datetime', value: (r) => r['previous_completed_at'] },
        { label: t('monthly.col.days_since'), kind: 'number', value: (r) => r['days_since_previous'] },
        person('charged_technician_id', 'charged_technician_name', 'monthly.col.charged'),
      ];
    case 'urge':
    case 'settle':
      return [
        { label: t('monthly.col.complaint'), kind: 'text', value: (r) => r['complaint_no'] },
        branch,
        { label: t('monthly.col.market'), kind: 'text', value: (r) => r['market'], text: (r) => enumText('monthly.market', r['market']) },
        { label: t('monthly.col.received_at'), kind: 'datetime', value: (r) => r['received_at'] },
        ...(id === 'settle' ? [{ label: t('monthly.col.closed_at'), kind: 'datetime' as const, value: (r: Row) => r['closed_at'] }] : []),
        { label: t('monthly.col.close_deadline'), kind: 'datetime', value: (r) => r['close_deadline'] },
        { label: t('monthly.col.days'), kind: 'number', value: (r) => r['days'] },
        { label: t('monthly.col.past_limit'), kind: 'text', value: (r) => r['past_limit'], text: (r) => yesNo(r['past_limit']) },
        {
          label: t('monthly.col.step'),
          kind: 'text',
          value: (r) => (r['step_overrun'] ? r['step'] : null),
          text: (r) => (r['step_overrun'] ? enumText('monthly.step', r['step']) : null),
        },
        { label: t('monthly.col.step_hours'), kind: 'hours', value: (r) => (r['step_overrun'] ? r['step_hours'] : null) },
        { label: t('monthly.col.step_standard'), kind: 'hours', value: (r) => (r['step_overrun'] ? r['step_standard_hours'] : null) },
      ];
    case 'low_tech':
      return [
        person('technician_id', 'name', 'monthly.col.technician'),
        branch,
        { label: t('monthly.col.responses'), kind: 'count', value: (r) => r['responses'] },
        { label: metricLabel('satisfaction.attitude_mean'), kind: 'score', value: (r) => r['attitude_mean'] },
        { label: metricLabel('satisfaction.skill_mean'), kind: 'score', value: (r) => r['skill_mean'] },
        { label: metricLabel('satisfaction.timeliness_mean'), kind: 'score', value: (r) => r['timeliness_mean'] },
        { label: metricLabel('satisfaction.promise_mean'), kind: 'score', value: (r) => r['promise_mean'] },
        { label: t('monthly.col.overall'), kind: 'score', value: (r) => r['overall_mean'] },
        { label: t('monthly.col.satisfied'), kind: 'rate', value: (r) => r['satisfied_rate'] },
      ];
  }
}

/** The rows of a drill list, in the order shown (SQL order; the lowest-rated technicians sorted by their overall mean). */
export function drillRows(id: DrillId, data: MonthlyData): Row[] {
  const tables = data.current.tables;
  switch (id) {
    case 'late':
      return tables['late_orders'] ?? [];
    case 'repeats':
      return tables['repeats'] ?? [];
    case 'urge':
    case 'settle':
      return (tables['overdue'] ?? []).filter((r) => r['kind'] === (id === 'urge' ? 'urge' : 'settle'));
    case 'low_tech':
      return (tables['technician_satisfaction'] ?? [])
        .filter((r) => typeof r['responses'] === 'number' && r['responses'] >= LOW_TECH_MIN_RESPONSES && typeof r['overall_mean'] === 'number')
        .sort((a, b) => (a['overall_mean'] as number) - (b['overall_mean'] as number) || String(a['technician_id']).localeCompare(String(b['technician_id'])));
  }
}

function fillDrills(data: MonthlyData): void {
  for (const def of SECTIONS) {
    for (const id of def.drills) {
      const card = document.querySelector<HTMLElement>(`[data-table-card="drill-${id}"]`);
      const table = document.getElementById(`table-drill-${id}`) as HTMLTableElement | null;
      if (!card || !table) continue;
      const rows = drillRows(id, data);
      const columns = drillColumns(id, data);
      const open = expanded.has(`drill-${id}`);
      renderTable(table, columns, rows, { limit: open ? undefined : DRILL_LIMIT });
      table.hidden = rows.length === 0;
      card.querySelector<HTMLElement>('[data-empty]')!.hidden = rows.length > 0;
      card.querySelector<HTMLElement>('[data-count]')!.textContent = t('monthly.drill.count', { n: rows.length });
      card.dataset['rows'] = String(rows.length);
      const more = card.querySelector<HTMLElement>('[data-more]')!;
      more.hidden = rows.length <= DRILL_LIMIT;
      more.querySelector<HTMLElement>('[data-more-text]')!.textContent = open
        ? ''
        : t('monthly.drill.more', { n: Math.min(DRILL_LIMIT, rows.length), total: rows.length });
      more.querySelector<HTMLElement>('[data-toggle-all]')!.textContent = t(open ? 'monthly.drill.show_less' : 'monthly.drill.show_all');
      if (id === 'low_tech') {
        let note = card.querySelector<HTMLElement>('[data-note]');
        if (!note) {
          note = document.createElement('p');
          note.className = 'table-card__note';
          note.dataset['note'] = '';
          card.querySelector('.table-card__head')!.after(note);
        }
        note.textContent = t('monthly.drill.low_tech.note', { n: LOW_TECH_MIN_RESPONSES });
      }
      csvProviders.set(`drill-${id}`, () => columnsRows(columns, rows));
    }
  }
}

// ── The whole page ──────────────────────────────────────────────────────────

/** Fill every number, table and list of the page for `data` (charts are drawn by drawCharts). */
export function renderMonthly(data: MonthlyData): void {
  shown = data;
  const scope = selectionName(data.branches, data.branch);
  csvName = (title) => csvFilename([t('monthly.title'), data.period, scope, title]);
  fillCurrent(data.current.metrics);
  fillCompare('mom', data.previous?.metrics ?? null);
  fillCompare('yoy', data.lastYear?.metrics ?? null);
  fillDeltasAndTargets(data);
  fillBranchTables(data);
  fillDrills(data);
  // A figure without its input (file or column) says which one, not "—" (docs/metrics.md "Not measured").
  markNotMeasured();
  markSections(SECTIONS);
}

/** The chart modules (ECharts), loaded once; started early by preloadCharts while the data loads. */
let chartModules: Promise<[typeof import('../../components/chart-mount.ts'), typeof import('../../lib/charts/echarts.ts')]> | null = null;
export function preloadCharts(): void {
  chartModules ??= Promise.all([import('../../components/chart-mount.ts'), import('../../lib/charts/echarts.ts')]);
}

// ── Screen charts: the ones in view first ───────────────────────────────────
// Drawing all 13 charts was a large share of a switch, most of them below the fold (docs/scaling.md). So a switch
// draws the charts in or near the viewport at once; the others are hidden (never showing the previous
// selection) and drawn when they scroll into view or when the browser is idle, whichever comes first.
// `<html data-charts-ready="1">` marks that every chart shows the current selection.
const NEAR = 300; // px beyond the viewport still drawn at once
let drawing: { data: MonthlyData; pending: Set<HTMLElement> } | null = null;
let observer: IntersectionObserver | null = null;

function drawOne(el: HTMLElement, data: MonthlyData, mods: Awaited<NonNullable<typeof chartModules>>): void {
  const [{ showChart }, { specOption }] = mods;
  const spec = chartSpec(data, el.dataset['chart']!);
  el.setAttribute('aria-label', spec.title);
  const rows = spec.type === 'bar' ? spec.categories.length : 0;
  el.style.height = rows > 6 ? `${Math.min(110 + rows * 24, 560)}px` : '';
  showChart(el, specOption(spec));
  el.style.visibility = '';
}

function drawPending(mods: Awaited<NonNullable<typeof chartModules>>, els: HTMLElement[]): void {
  if (!drawing) return;
  for (const el of els) {
    if (!drawing.pending.delete(el)) continue;
    observer?.unobserve(el);
    drawOne(el, drawing.data, mods);
  }
  if (drawing.pending.size === 0) document.documentElement.dataset['chartsReady'] = '1';
}

/**
 * A new selection is computing: the charts still waiting to be drawn belong to the old one, so stop
 * drawing them (they stay hidden). Drawn in idle time, one of them held the main thread long enough in
 * the middle of a switch to delay the engine's replies (a trace at scale L, docs/scaling.md).
 */
export function stopDrawingCharts(): void {
  drawing = null;
}

/** The screen charts (ECharts), one per `[data-chart]`; a by-branch chart grows with its number of rows. */
export async function drawCharts(data: MonthlyData): Promise<void> {
  preloadCharts();
  const mods = await chartModules!;
  delete document.documentElement.dataset['chartsReady'];
  const all = [...document.querySelectorAll<HTMLElement>('[data-chart]')];
  const pending = new Set(all);
  drawing = { data, pending };
  observer ??= new IntersectionObserver(
    (entries) =>
      drawPending(
        mods,
        entries.filter((e) => e.isIntersecting).map((e) => e.target as HTMLElement),
      ),
    {
      rootMargin: `${NEAR}px 0px`,
    },
  );
  // Which charts are in or near the view, read before any chart writes to the page. The sections out
  // of view are not laid out (content-visibility: auto, monthly.css: a switch lays out the sections on
  // screen, not all seven), and asking a chart's place inside one would lay it out: so each section is
  // asked first, and only the charts of the sections near the view after.
  const isNear = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.bottom > -NEAR && r.top < innerHeight + NEAR;
  };
  const sections = new Map<Element, boolean>();
  const sectionNear = (s: Element) => sections.get(s) ?? sections.set(s, isNear(s)).get(s)!;
  const near = all.filter((el) => {
    const section = el.closest('.report-section');
    return (section === null || sectionNear(section)) && isNear(el);
  });
  drawPending(mods, near);
  for (const el of pending) {
    el.style.visibility = 'hidden';
    observer.observe(el);
  }
  const mine = drawing;
  const idle = (deadline?: IdleDeadline) => {
    if (drawing !== mine) return;
    let drawn = 0;
    for (const el of [...mine.pending]) {
      if (drawn++ > 0 && deadline && deadline.timeRemaining() < 8) break; // at least one per call (a timed-out call has no time left)
      drawPending(mods, [el]);
    }
    if (mine.pending.size > 0) schedule();
  };
  const schedule = () => ('requestIdleCallback' in window ? requestIdleCallback(idle, { timeout: 1000 }) : setTimeout(idle, 50));
  if (pending.size > 0) schedule(); // else drawPending has marked them all drawn
}

type PlotModule = typeof import('../../components/plot-chart.ts');
let plotModule: PlotModule | null = null;

/** Load the print renderer (Observable Plot) ahead of time, so printing can draw synchronously. */
export async function loadPrintCharts(): Promise<void> {
  plotModule ??= await import('../../components/plot-chart.ts');
}

/**
 * The printed charts (Observable Plot SVG), one per `[data-print-chart]`, with their title, unit and
 * legend as HTML. Synchronous once loadPrintCharts has resolved (print handlers cannot wait).
 */
export function drawPrintCharts(data: MonthlyData): boolean {
  if (!plotModule) return false;
  const period = monthLabel(data.period);
  const scope = selectionName(data.branches, data.branch);
  let n = 0;
  for (const box of document.querySelectorAll<HTMLElement>('[data-print-chart]')) {
    const spec = chartSpec(data, box.dataset['printChart']!);
    // The figure number under the chart (图题置于图下), numbered in reading order.
    box.querySelector('[data-print-caption]')!.textContent = t('print.figure', { n: ++n, period, scope });
    box.dataset['figure'] = String(n);
    box.querySelector('[data-print-title]')!.textContent = spec.title;
    box.querySelector('[data-print-unit]')!.textContent = spec.subtitle;
    const legend = box.querySelector<HTMLElement>('[data-print-legend]')!;
    const items: { name: string; color: string; line?: boolean }[] = spec.series.map((s) => ({ name: s.name, color: s.color }));
    if (spec.target || spec.categoryTargets) items.push({ name: t('monthly.chart.target'), color: '#c0392b', line: true });
    legend.replaceChildren(
      ...(items.length > 1 || spec.target || spec.categoryTargets
        ? items.map((i) => {
            const li = document.createElement('li');
            const sw = document.createElement('span');
            sw.className = i.line ? 'swatch swatch--line' : 'swatch';
            sw.style.setProperty('--swatch', i.color); // CSSOM, allowed by the CSP (no inline style attribute is parsed)
            li.append(sw, i.name);
            return li;
          })
        : []),
    );
    const svg = plotModule.plotChart(spec, { document, width: 340 });
    const holder = box.querySelector<HTMLElement>('[data-print-svg]')!;
    if (svg) holder.replaceChildren(svg);
    else {
      const p = document.createElement('p');
      p.className = 'print-chart__empty';
      p.textContent = spec.emptyText;
      holder.replaceChildren(p);
    }
  }
  return true;
}

/** Values of a CSV cell for tests: the export value of one value. */
export const exportValue = (v: unknown, kind: ValueKind): CsvValue => csvValue(v, kind);
