/**
 * 5. 质量分析: batches above their model (tables.quality_faults, the rule of queries/setup/70-quality.sql),
 * each batch's repair rate against its model's (tables.quality_batches, chart per model), the causes
 * Pareto (tables.complaint_causes) and the full model × batch × fault table (tables.quality).
 */
import type { Row } from '../../lib/db/types.ts';
import { t } from '../../lib/i18n/index.ts';
import { formatCount } from '../../lib/format.ts';
import { batchRatesOption, paretoOption } from '../../lib/charts/quality.ts';
import { csvName, rowsOf, type PageCtx } from './context.ts';
import { causeLabel } from './labels.ts';
import { showQualityChart } from './chart-mount.ts';
import { renderTable, type Column } from './table.ts';
import { el } from '../shell/dom.ts';

let ctx: PageCtx | null = null;

/**
 * How far back the analysis looks: the month, or the last 3 months ending with it (a batch needs volume).
 * Not longer: the rule's fixed repair counts (10 / 5) are meant for a month or a quarter — over a year
 * many cells reach them by chance.
 */
export type Window = '1' | '3';
export const WINDOWS: Window[] = ['1', '3'];

/** The period text of a window ending with `month`: "2026-10", "2026-08..2026-10", "2025-11..2026-10". */
export function windowPeriod(month: string, w: Window): string {
  const n = Number(w);
  if (n === 1) return month;
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - (n - 1);
  const sy = m <= 0 ? y - Math.ceil((1 - m) / 12) : y;
  const sm = ((m - 1 + 1200) % 12) + 1;
  return `${sy}-${String(sm).padStart(2, '0')}..${month}`;
}

/** The window picker's options (labels in the current language). */
export function fillWindows(current: Window): void {
  const sel = document.getElementById('qa-window') as HTMLSelectElement;
  sel.replaceChildren(...WINDOWS.map((w) => new Option(t(`q.qa.window.${w}`), w, false, w === current)));
}
/** Batches drawn per model chart (the busiest; the CSV has them all). */
const CHART_BATCHES = 14;

const flagText = (f: unknown) => (f === 'alert' ? t('q.flag.alert') : f === 'watch' ? t('q.flag.watch') : '');
const flagCell = (r: Row): Node => (r['flag'] ? el('span', `q-badge q-badge--${String(r['flag'])}`, flagText(r['flag'])) : el('span', 'is-null', '—'));
const dash = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

function faultColumns(): Column[] {
  return [
    { label: 'q.col.flag', value: (r) => r['flag'], node: flagCell, csv: (r) => flagText(r['flag']) },
    { label: 'q.col.model', value: (r) => r['product_model'] },
    { label: 'q.col.batch', value: (r) => r['product_batch'], text: (r) => dash(r['product_batch']), cls: () => 'q-id' },
    { label: 'q.col.fault', value: (r) => r['fault_code'], text: (r) => dash(r['fault_code']) },
    { label: 'q.col.repairs', kind: 'count', value: (r) => r['repairs'] },
    { label: 'q.col.batch_orders', kind: 'count', value: (r) => r['batch_orders'] },
    { label: 'q.col.fault_rate', kind: 'rate', value: (r) => r['fault_rate'] },
    { label: 'q.col.model_fault_rate', kind: 'rate', value: (r) => r['model_fault_rate'] },
    { label: 'q.col.times_model', kind: 'times', value: (r) => r['ratio'], cls: (r) => (r['flag'] ? 'q-strong' : null) },
  ];
}

function batchColumns(): Column[] {
  return [
    { label: 'q.col.flag', value: (r) => r['flag'], node: flagCell, csv: (r) => flagText(r['flag']) },
    { label: 'q.col.model', value: (r) => r['product_model'] },
    { label: 'q.col.batch', value: (r) => r['product_batch'], text: (r) => dash(r['product_batch']), cls: () => 'q-id' },
    { label: 'q.col.repairs', kind: 'count', value: (r) => r['repairs'] },
    { label: 'q.col.batch_orders', kind: 'count', value: (r) => r['batch_orders'] },
    { label: 'q.col.repair_rate', kind: 'rate', value: (r) => r['repair_rate'] },
    { label: 'q.col.model_rate', kind: 'rate', value: (r) => r['model_rate'] },
    { label: 'q.col.times_model', kind: 'times', value: (r) => r['ratio'] },
    { label: 'q.col.repeats', kind: 'count', value: (r) => r['repeats'] },
    { label: 'q.col.quality_complaints', kind: 'count', value: (r) => r['quality_complaints'] },
    { label: 'q.col.fault', value: (r) => r['flag_fault'], text: (r) => dash(r['flag_fault']) },
  ];
}

function fullColumns(): Column[] {
  return [
    { label: 'q.col.model', value: (r) => r['product_model'], text: (r) => dash(r['product_model']) },
    { label: 'q.col.batch', value: (r) => r['product_batch'], text: (r) => dash(r['product_batch']), cls: () => 'q-id' },
    { label: 'q.col.fault', value: (r) => r['fault_code'], text: (r) => dash(r['fault_code']) },
    { label: 'q.col.repairs', kind: 'count', value: (r) => r['repairs'] },
    { label: 'q.col.quality_complaints', kind: 'count', value: (r) => r['quality_complaints'] },
    { label: 'q.col.model_share', kind: 'rate', value: (r) => r['model_share'] },
  ];
}

/** What the batch chart shows: a model over all faults, or one fault of a model (a flagged one first). */
interface Focus {
  model: string;
  fault: string | null;
}
const ALL = '*';
const focusKey = (f: Focus) => `${f.model}|${f.fault ?? ALL}`;
let focus: Focus | null = null;

/** The picker: every flagged model × fault first, then each model over all its faults (batch table order). */
function fillFocus(faults: Row[], batches: Row[]): void {
  const choices: { f: Focus; label: string }[] = [];
  for (const r of faults.filter((x) => x['flag'] !== null)) {
    const f = { model: String(r['product_model']), fault: String(r['fault_code']) };
    if (!choices.some((c) => focusKey(c.f) === focusKey(f))) choices.push({ f, label: `${f.model} · ${f.fault}（${flagText(r['flag'])}）` });
  }
  for (const m of new Set(batches.map((r) => String(r['product_model']))))
    choices.push({ f: { model: m, fault: null }, label: `${m} · ${t('q.qa.all_faults')}` });
  if (!focus || !choices.some((c) => focusKey(c.f) === focusKey(focus!))) focus = choices[0]?.f ?? null;
  const sel = document.getElementById('model-select') as HTMLSelectElement;
  sel.replaceChildren(...choices.map((c) => new Option(c.label, focusKey(c.f), false, focus !== null && focusKey(c.f) === focusKey(focus))));
  sel.disabled = choices.length === 0;
}

async function drawBatchChart(c: PageCtx): Promise<void> {
  const f = focus;
  // One fault: that fault's rows (tables.quality_faults); all faults: tables.quality_batches. Both in SQL order.
  const rows = (
    f?.fault
      ? rowsOf(c, 'quality_faults').filter((r) => r['product_model'] === f.model && r['fault_code'] === f.fault)
      : rowsOf(c, 'quality_batches').filter((r) => r['product_model'] === f?.model)
  ).slice(0, CHART_BATCHES);
  const rate = f?.fault ? 'fault_rate' : 'repair_rate';
  const modelRate = f?.fault ? 'model_fault_rate' : 'model_rate';
  await showQualityChart(
    document.getElementById('chart-batches')!,
    batchRatesOption({
      title: f?.fault ? t('q.qa.chart.fault', { model: f.model, fault: f.fault }) : t('q.qa.chart', { model: f?.model ?? '—' }),
      subtitle: t(f?.fault ? 'q.qa.chart.fault.sub' : 'q.qa.chart.sub'),
      emptyText: t('chart.empty'),
      batches: rows.map((r) => dash(r['product_batch'])),
      rates: rows.map((r) => Number(r[rate])),
      repairs: rows.map((r) => Number(r['repairs'])),
      orders: rows.map((r) => Number(r['batch_orders'])),
      flags: rows.map((r) => (r['flag'] as string | null) ?? null),
      modelRate: rows.length ? Number(rows[0]![modelRate]) : null,
      names: { batch: t('q.qa.chart.batch'), model: t('q.qa.chart.model') },
    }),
  );
}

async function drawCauses(c: PageCtx): Promise<void> {
  const rows = rowsOf(c, 'complaint_causes');
  await showQualityChart(
    document.getElementById('chart-causes')!,
    paretoOption({
      title: t('q.qa.causes'),
      subtitle: t('q.qa.causes.sub'),
      emptyText: t('chart.empty'),
      categories: rows.map((r) => causeLabel(r['cause_code'])),
      values: rows.map((r) => Number(r['complaints'])),
      cumulative: rows.map((r) => Number(r['cum_share'])),
      names: { bar: t('q.col.complaints'), line: t('q.col.cum_share'), unit: t('q.unit.cases') },
    }),
  );
}

/** The headline card: rows the batch rule flags 'alert' in the month (not the analysis window). */
export function fillFlaggedKpi(month: PageCtx): void {
  const alerts = rowsOf(month, 'quality_faults').filter((r) => r['flag'] === 'alert').length;
  const kpi = document.getElementById('kpi-flagged')!;
  kpi.textContent = formatCount(alerts);
  kpi.dataset['value'] = String(alerts);
}

export async function renderAnalysis(c: PageCtx): Promise<void> {
  ctx = c;
  const faults = rowsOf(c, 'quality_faults');
  const flagged = faults.filter((r) => r['flag'] !== null);
  renderTable('flagged', faultColumns(), flagged, { name: csvName(c, 'q.qa.flagged'), empty: 'q.qa.flagged.none', rowCls: (r) => `is-${String(r['flag'])}` });
  const batches = rowsOf(c, 'quality_batches');
  renderTable('batches', batchColumns(), batches, {
    name: csvName(c, 'q.qa.batches'),
    limit: 15,
    rowCls: (r) => (r['flag'] ? `is-${String(r['flag'])}` : null),
  });
  renderTable('quality-full', fullColumns(), rowsOf(c, 'quality'), { name: csvName(c, 'q.qa.full'), csvOnly: true });
  fillFocus(faults, batches);
  await drawBatchChart(c);
  await drawCauses(c);
}

/** Wire the model picker once. */
export function wireAnalysis(): void {
  document.getElementById('model-select')!.addEventListener('change', (e) => {
    const [m, f] = (e.target as HTMLSelectElement).value.split('|');
    focus = { model: m!, fault: f === ALL ? null : f! };
    if (ctx) void drawBatchChart(ctx);
  });
}
