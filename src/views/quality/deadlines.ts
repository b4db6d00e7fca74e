/**
 * 2. 处理时限: where time goes (tables.complaint_step_times), the 催办单 / 洽办单 lists (tables.overdue)
 * and each complaint's steps against their standards (tables.complaint_deadlines).
 */
import type { Row } from '../../lib/db/types.ts';
import { t } from '../../lib/i18n/index.ts';
import { formatNumber } from '../../lib/format.ts';
import { branchName, csvName, minutes, rowsOf, type PageCtx } from './context.ts';
import { stepTimesOption } from '../../lib/charts/quality.ts';
import { enumLabel, stepLabel } from './labels.ts';
import { showQualityChart } from './chart-mount.ts';
import { formatKind, renderTable, type Column } from './table.ts';
import { el } from '../shell/dom.ts';

/** The workflow steps of docs/metrics.md#complaint-workflow in order, with their standard in days (domestic / foreign) for headers. */
export const STEPS: [string, string | null][] = [
  ['sales_intake', null],
  ['gm_office', '0.5'],
  ['quality', '1'],
  ['manufacturing', '1'],
  ['rnd', '1'],
  ['sales_negotiation', '5 / 12'],
  ['gm_review', '0.5'],
];

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

async function drawStepChart(c: PageCtx): Promise<void> {
  const rows = rowsOf(c, 'complaint_step_times');
  await showQualityChart(
    document.getElementById('chart-steps')!,
    stepTimesOption({
      title: t('q.chart.steps'),
      subtitle: t('q.chart.steps.sub'),
      emptyText: t('chart.empty'),
      steps: rows.map((r) => stepLabel(r['step'])),
      median: rows.map((r) => num(r['median_days'])),
      p90: rows.map((r) => num(r['p90_days'])),
      standard: rows.map((r) => num(r['standard_days'])),
      names: { median: t('q.chart.median'), p90: t('q.chart.p90'), standard: t('q.chart.standard'), unit: t('q.unit.days') },
    }),
  );
  renderTable(
    'step-times',
    [
      { label: 'q.col.step', value: (r) => r['step'], text: (r) => stepLabel(r['step']) },
      { label: 'q.col.steps_n', kind: 'count', value: (r) => r['steps'] },
      { label: 'q.col.median', kind: 'days', value: (r) => r['median_days'] },
      { label: 'q.col.p90', kind: 'days', value: (r) => r['p90_days'] },
      { label: 'q.col.standard_days', kind: 'days', value: (r) => r['standard_days'] },
      { label: 'q.col.overran', kind: 'count', value: (r) => r['overran'], cls: (r) => (Number(r['overran']) > 0 ? 'is-over' : null) },
    ],
    rows,
    { name: csvName(c, 'q.chart.steps') },
  );
}

/** "质量管理部 148.0 / 24 小时" — the step that overran and its hours against the standard. */
function stepCell(r: Row): Node {
  const span = document.createElement('span');
  if (!r['step']) {
    span.textContent = '—';
    return span;
  }
  span.append(el('span', r['step_overrun'] ? 'is-over-text' : '', stepLabel(r['step'])));
  if (r['step_hours'] !== null && r['step_hours'] !== undefined) {
    const std = r['step_standard_hours'];
    span.append(
      el(
        'span',
        'q-sub num',
        ` ${formatNumber(r['step_hours'], 1, 1)}${std !== null && std !== undefined ? ` / ${formatNumber(std, 1)}` : ''} ${t('unit.hours')}`,
      ),
    );
  }
  return span;
}

function reasons(r: Row): Node {
  const span = document.createElement('span');
  if (r['past_limit']) span.append(el('span', 'q-badge q-badge--danger', t('q.reason.past_limit')));
  if (r['step_overrun']) span.append(el('span', 'q-badge q-badge--warn', t('q.reason.step_overrun')));
  return span;
}
const reasonsCsv = (r: Row) =>
  [r['past_limit'] ? t('q.reason.past_limit') : '', r['step_overrun'] ? t('q.reason.step_overrun') : ''].filter(Boolean).join('; ');

function overdueColumns(c: PageCtx, kind: 'urge' | 'settle'): Column[] {
  return [
    { label: 'q.col.complaint_no', value: (r) => r['complaint_no'], cls: () => 'q-id' },
    { label: 'q.col.branch', value: (r) => r['branch_id'], text: (r) => branchName(c, r['branch_id']) },
    { label: 'q.col.market', value: (r) => r['market'], text: (r) => enumLabel('market', r['market']) },
    { label: 'q.col.received_at', value: (r) => r['received_at'], text: (r) => minutes(r['received_at']) },
    ...(kind === 'settle' ? [{ label: 'q.col.closed_at', value: (r: Row) => r['closed_at'], text: (r: Row) => minutes(r['closed_at']) } satisfies Column] : []),
    {
      label: kind === 'urge' ? 'q.col.age' : 'q.col.total_days',
      kind: 'days',
      value: (r) => r['days'],
      text: (r) => `${formatKind(r['days'], 'days')} / ${formatNumber(r['limit_days'], 0)}`,
      cls: (r) => (r['past_limit'] ? 'is-over' : null),
    },
    {
      label: kind === 'urge' ? 'q.col.current_step' : 'q.col.step',
      value: (r) => r['step'],
      node: stepCell,
      csv: (r) =>
        r['step'] ? `${stepLabel(r['step'])} ${formatNumber(r['step_hours'], 1, 1)} / ${formatNumber(r['step_standard_hours'], 1)} ${t('unit.hours')}` : '',
    },
    { label: 'q.col.reason', value: (r) => r['past_limit'], node: reasons, csv: reasonsCsv },
  ];
}

/** The per-complaint table: one column per step (days; red when over its standard, ▸ on the current one). */
function deadlineColumns(c: PageCtx): Column[] {
  const stepCols: Column[] = STEPS.map(([step, std]) => ({
    label: () => (std ? `${stepLabel(step)} ≤${std}` : stepLabel(step)),
    kind: 'days',
    value: (r: Row) => r[`${step}_days`],
    text: (r: Row) => (r['current_step'] === step ? '▸ ' : '') + formatKind(r[`${step}_days`], 'days'),
    cls: (r: Row) => [r[`${step}_over`] === true ? 'is-over' : '', r['current_step'] === step ? 'is-current' : ''].filter(Boolean).join(' ') || null,
    headCls: 'q-step-head',
  }));
  return [
    { label: 'q.col.complaint_no', value: (r) => r['complaint_no'], cls: () => 'q-id' },
    { label: 'q.col.branch', value: (r) => r['branch_id'], text: (r) => String(r['branch_id'] ?? '—'), title: (r) => branchName(c, r['branch_id']) },
    { label: 'q.col.market', value: (r) => r['market'], text: (r) => enumLabel('market', r['market']) },
    { label: 'q.col.status', value: (r) => r['status'], text: (r) => t(r['status'] === 'open' ? 'q.open' : 'q.closed') },
    ...stepCols,
    {
      label: 'q.col.total_days',
      kind: 'days',
      value: (r) => r['days'],
      text: (r) => `${formatKind(r['days'], 'days')} / ${formatNumber(r['limit_days'], 0)}`,
      cls: (r) => (r['past_limit'] ? 'is-over' : null),
    },
    { label: 'q.col.steps_over', kind: 'count', value: (r) => r['steps_over'], cls: (r) => (Number(r['steps_over']) > 0 ? 'is-warn' : null) },
  ];
}

export async function renderDeadlines(c: PageCtx): Promise<void> {
  const overdue = rowsOf(c, 'overdue');
  renderTable(
    'urge',
    overdueColumns(c, 'urge'),
    overdue.filter((r) => r['kind'] === 'urge'),
    { name: csvName(c, 'q.urge.title') },
  );
  renderTable(
    'settle',
    overdueColumns(c, 'settle'),
    overdue.filter((r) => r['kind'] === 'settle'),
    { name: csvName(c, 'q.settle.title') },
  );
  renderTable('deadlines', deadlineColumns(c), rowsOf(c, 'complaint_deadlines'), {
    name: csvName(c, 'q.steps.title'),
    rowCls: (r) => (r['status'] === 'open' ? 'is-open' : null),
  });
  await drawStepChart(c);
}
