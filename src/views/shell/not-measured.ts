/**
 * The pages' "not measured" wording: a figure the data has no input for (docs/metrics.md "Not
 * measured") shows which input is missing — "未导入费用明细" / "no costs file", "导出中无派工时间列" /
 * "no dispatch time column in the export" — instead of a zero or a bare dash. The inputs are read once
 * per session (session.ts) from `_inputs`; the wording follows the reader's language.
 */
import { has, t } from '../../lib/i18n/index.ts';
import { missingFor, missingForAll, type Inputs, type Missing } from '../../lib/report/inputs.ts';

let inputs: Inputs | null = null;

/** The inputs of the data on the page (null: unknown, every figure counts as measured). */
export function setInputs(i: Inputs | null): void {
  inputs = i;
}

/** One missing input in words. */
export function missingText(m: Missing): string {
  if (m.kind === 'file') {
    const k = `inputs.file.${m.table}`;
    return t('inputs.file', { file: has(k) ? t(k) : m.table });
  }
  const names = m.columns.map((c) => {
    const k = `inputs.col.${m.table}.${c}`;
    return has(k) ? t(k) : c;
  });
  return t('inputs.column', { column: names.join(t('inputs.or')) });
}

/** Why `metric` has no value — the missing inputs in words — or null when it is measured. */
export function notMeasured(metric: string): string | null {
  const m = missingFor(metric, inputs);
  return m.length ? m.map(missingText).join(t('inputs.list_sep')) : null;
}

/** The inputs any of `metrics` lacks, in words (a section's line), or null. */
export function notMeasuredAny(metrics: readonly string[]): string | null {
  const m = missingForAll(metrics, inputs);
  return m.length ? m.map(missingText).join(t('inputs.list_sep')) : null;
}

/** Why every one of `metrics` is empty (a chart of them), or null when any is measured. */
export function notMeasuredAll(metrics: readonly string[]): string | null {
  const texts = metrics.map(notMeasured);
  return texts.length > 0 && texts.every((x) => x !== null) ? [...new Set(texts)].join(t('inputs.list_sep')) : null;
}

/**
 * Every empty figure under `root` (`[data-metric]` whose value is null) that is not measured: its
 * text says which input is missing (class `is-not-measured`, the same words as its title).
 */
export function markNotMeasured(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-metric]')) {
    // A comparison month the data does not have (data-value "none") stays "—" with its own title.
    const empty = el.dataset['value'] !== 'none' && (el.classList.contains('is-null') || el.dataset['value'] === 'null');
    const why = empty ? notMeasured(el.dataset['metric']!) : null;
    el.classList.toggle('is-not-measured', why !== null);
    if (why === null) continue;
    el.textContent = why;
    el.title = why;
  }
}

/** Each `[data-section]` under `root` with a line naming the inputs its figures lack (hidden when none). */
export function markSections(sections: readonly { id: string; metrics: readonly string[] }[], root: ParentNode = document): void {
  for (const s of sections) {
    const head = root.querySelector<HTMLElement>(`[data-section="${s.id}"] .section__head`);
    if (!head) continue;
    let line = head.querySelector<HTMLElement>('.section__missing');
    const why = notMeasuredAny(s.metrics);
    if (!why) {
      line?.remove();
      continue;
    }
    if (!line) {
      line = document.createElement('p');
      line.className = 'section__missing';
      line.setAttribute('role', 'note');
      head.append(line);
    }
    line.textContent = t('inputs.section', { list: why });
  }
}

/**
 * Tables whose rows are metrics (`tr[data-metric]`, the annual page): each empty cell of a row whose
 * metric is not measured names the missing input; a month the data does not cover (a gap) stays a gap.
 */
export function markNotMeasuredRows(root: ParentNode = document): void {
  for (const tr of root.querySelectorAll<HTMLElement>('tr[data-metric]')) {
    const why = notMeasured(tr.dataset['metric']!);
    if (why === null) continue;
    for (const td of tr.querySelectorAll<HTMLElement>('td.is-null:not(.is-gap):not([data-gap])')) {
      td.textContent = why;
      td.title = why;
      td.classList.add('is-not-measured');
    }
  }
}

/** Columns of the technician table, by the figure whose inputs they need (queries/tables/technician.sql). */
const TECH_COLUMNS: Record<string, string> = {
  completed: 'orders.completed',
  class_a: 'orders.completed',
  class_b: 'orders.completed',
  class_c: 'orders.completed',
  class_d: 'orders.completed',
  on_time_rate: 'response.on_time_rate',
  late_arrivals: 'response.on_time_rate',
  late_fine: 'response.on_time_rate',
  repeats_charged: 'repeat.rate',
  attitude_mean: 'satisfaction.attitude_mean',
  skill_mean: 'satisfaction.skill_mean',
  timeliness_mean: 'satisfaction.timeliness_mean',
  promise_mean: 'satisfaction.promise_mean',
  complaint_share: 'complaints.received',
  incomplete_reports: 'report.completeness_rate',
  report_fine: 'report.completeness_rate',
};

/** Why a technician-table column has no value (its input is absent), or null. */
export function techNotMeasured(column: string): string | null {
  if (column === 'fine_estimate') return notMeasuredAll(['response.on_time_rate', 'report.completeness_rate']);
  const metric = TECH_COLUMNS[column];
  return metric ? notMeasured(metric) : null;
}

/** League cells (`td.is-null[data-kpi]`) of a figure the data has no input for: the missing input, not "—". */
export function markNotMeasuredKpiCells(root: ParentNode = document): void {
  for (const td of root.querySelectorAll<HTMLElement>('td.is-null[data-kpi]')) {
    const why = notMeasured(td.dataset['kpi']!);
    if (why === null) continue;
    td.classList.add('is-not-measured');
    td.title = why;
    const value = td.querySelector('.kpi-cell__value');
    if (value) value.textContent = why;
  }
}
