/**
 * 4. 奖金罚扣: per person and month (tables.deductions) with the arithmetic under each row — every
 * complaint line (tables.deduction_lines: loss × share [× base points ÷ unit's points] [× 2]) and the
 * month (carried in + charged = due; cap; deducted; carried forward; instalments). All figures are SQL's.
 */
import type { Row } from '../../lib/db/types.ts';
import { t } from '../../lib/i18n/index.ts';
import { formatMoney, formatNumber } from '../../lib/format.ts';
import { csvName, rowsOf, type PageCtx } from './context.ts';
import { enumLabel } from './labels.ts';
import { renderTable, type Column } from './table.ts';
import { el } from '../shell/dom.ts';

const money = (v: unknown) => formatMoney(v);
const isZero = (v: unknown) => v === null || v === undefined || /^0+(\.0+)?$/.test(String(v));
const schedule = (r: Row) => (Array.isArray(r['schedule']) ? (r['schedule'] as unknown[]) : []);

/** The instalments as runs: ["925.00" × 23, "369.97"] → "¥925.00 × 23 期 → ¥369.97". */
function scheduleText(r: Row): string {
  const runs: [unknown, number][] = [];
  for (const a of schedule(r)) {
    const last = runs[runs.length - 1];
    if (last && last[0] === a) last[1] += 1;
    else runs.push([a, 1]);
  }
  return runs.map(([a, n]) => (n > 1 ? t('q.ded.instalments', { amount: money(a), n }) : money(a))).join(' → ') || '—';
}

function personCell(r: Row): Node {
  const span = document.createElement('span');
  span.append(el('span', 'q-person', String(r['name'] ?? '—')), el('span', 'q-sub', ` ${String(r['staff_id'])}`));
  return span;
}

function sanctionCell(r: Row): Node {
  const span = document.createElement('span');
  if (!r['sanction']) {
    span.textContent = '—';
    return span;
  }
  span.append(el('span', `q-badge ${r['sanction'] === 'major' ? 'q-badge--danger' : 'q-badge--warn'}`, enumLabel('sanction', r['sanction'])));
  if (r['sanction_minimum']) span.append(el('span', 'q-sub num', ` ≥ ${money(r['sanction_minimum'])}`));
  return span;
}

function columns(): Column[] {
  return [
    { label: 'q.col.month', value: (r) => r['month'], cls: () => 'num q-nowrap' },
    { label: 'q.col.person', value: (r) => r['staff_id'], node: personCell, csv: (r) => `${String(r['staff_id'])} ${String(r['name'] ?? '')}`.trim() },
    {
      label: 'q.col.dept_unit',
      value: (r) => r['department'],
      text: (r) => `${enumLabel('department', r['department'])}${r['unit'] ? ` / ${String(r['unit'])}` : ''}`,
      cls: () => 'q-wrap',
    },
    { label: 'q.col.bonus', kind: 'money', value: (r) => r['monthly_bonus'] },
    { label: 'q.col.accrued', kind: 'money', value: (r) => r['accrued'] },
    { label: 'q.col.carried_in', kind: 'money', value: (r) => r['carried_in'], cls: (r) => (isZero(r['carried_in']) ? 'is-zero' : null) },
    { label: 'q.col.cap', kind: 'money', value: (r) => r['cap'] },
    { label: 'q.col.deducted', kind: 'money', value: (r) => r['deducted'], cls: () => 'q-strong' },
    { label: 'q.col.carried_out', kind: 'money', value: (r) => r['carried_out'], cls: (r) => (isZero(r['carried_out']) ? 'is-zero' : 'is-warn') },
    {
      label: 'q.col.schedule',
      value: (r) => r['schedule'],
      text: scheduleText,
      csv: (r) => schedule(r).join(' / '),
      cls: () => 'q-schedule num',
    },
    {
      label: 'q.col.sanction',
      value: (r) => r['sanction'],
      node: sanctionCell,
      csv: (r) => (r['sanction'] ? `${enumLabel('sanction', r['sanction'])} ${String(r['sanction_minimum'] ?? '')}`.trim() : ''),
    },
  ];
}

/** One complaint's line: "2610008  ¥231.48 × 比例 0.3 × 基点 30 / 58 = ¥35.92". */
function lineItem(l: Row): HTMLLIElement {
  const li = document.createElement('li');
  const share = formatNumber(l['share'], 6);
  let text =
    l['basis'] === 'base_points'
      ? t('q.ded.line.points', { loss: money(l['loss']), share, bp: formatNumber(l['base_points'], 2), ubp: formatNumber(l['unit_base_points'], 2) })
      : t('q.ded.line.person', { loss: money(l['loss']), share });
  if (Number(l['multiplier']) === 2) text += t('q.ded.line.repeat');
  li.append(el('span', 'q-id', String(l['complaint_no'])), el('span', 'num', text), el('span', 'num q-strong', ` = ${money(l['amount'])}`));
  if (l['sanction'] && l['sanction'] !== 'none') li.append(el('span', 'q-badge q-badge--warn', enumLabel('sanction', l['sanction'])));
  return li;
}

function capText(r: Row): string {
  if (r['sanction'] === 'major') return t('q.ded.cap.major');
  if (r['cap'] === null || r['cap'] === undefined) return t('q.ded.cap.none');
  return t('q.ded.cap.normal', { bonus: money(r['monthly_bonus']) });
}

/** The detail row under a person's month: the lines and the month's arithmetic. */
function detailRow(r: Row, lines: Row[], span: number): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.className = 'q-detail';
  tr.hidden = true;
  tr.setAttribute('data-csv-skip', '');
  const td = document.createElement('td');
  td.colSpan = span;
  const mine = lines.filter((l) => l['month'] === r['month'] && l['staff_id'] === r['staff_id']);
  if (mine.length) {
    const ul = document.createElement('ul');
    ul.className = 'q-lines';
    ul.append(...mine.map(lineItem));
    td.append(ul);
  } else td.append(el('p', 'q-note', t('q.ded.no_lines')));
  const month = t(r['sanction'] === 'major' ? 'q.ded.month.major' : 'q.ded.month', {
    due: money(r['due']),
    carried: money(r['carried_in']),
    accrued: money(r['accrued']),
    cap: r['cap'] === null || r['cap'] === undefined ? '—' : `${money(r['cap'])}（${capText(r)}）`,
    deducted: money(r['deducted']),
    out: money(r['carried_out']),
  });
  td.append(el('p', 'q-month num', month));
  if (schedule(r).length) td.append(el('p', 'q-month num', `${t('q.col.schedule')}: ${scheduleText(r)}`));
  tr.append(td);
  return tr;
}

function lineColumns(): Column[] {
  return [
    { label: 'q.col.month', value: (r) => r['month'], cls: () => 'num q-nowrap' },
    { label: 'q.col.person', value: (r) => r['staff_id'], text: (r) => `${String(r['name'] ?? '')} ${String(r['staff_id'])}`.trim() },
    { label: 'q.col.complaint_no', value: (r) => r['complaint_no'], cls: () => 'q-id' },
    {
      label: 'q.col.dept_unit',
      value: (r) => r['unit'],
      text: (r) => `${enumLabel('department', r['department'])}${r['unit'] ? ` / ${String(r['unit'])}` : ''}`,
    },
    { label: 'q.col.loss', kind: 'money', value: (r) => r['loss'] },
    { label: 'q.col.share', kind: 'share', value: (r) => r['share'] },
    {
      label: 'q.col.base_points',
      kind: 'share',
      value: (r) => r['base_points'],
      text: (r) => (r['basis'] === 'base_points' ? `${formatNumber(r['base_points'], 2)} / ${formatNumber(r['unit_base_points'], 2)}` : '—'),
    },
    { label: () => '×', kind: 'count', value: (r) => r['multiplier'], cls: (r) => (Number(r['multiplier']) > 1 ? 'is-warn' : null) },
    { label: 'q.col.amount', kind: 'money', value: (r) => r['amount'] },
    {
      label: 'q.col.sanction',
      value: (r) => r['sanction'],
      text: (r) => (r['sanction'] && r['sanction'] !== 'none' ? enumLabel('sanction', r['sanction']) : '—'),
    },
  ];
}

export function renderDeductions(c: PageCtx): void {
  const lines = rowsOf(c, 'deduction_lines');
  const cols = columns();
  const toggleCol: Column = {
    label: () => '',
    value: () => null,
    node: () => {
      const b = el('button', 'btn btn--small q-explain', t('q.ded.explain'));
      b.type = 'button';
      b.setAttribute('aria-expanded', 'false');
      return b;
    },
    csv: () => null,
  };
  renderTable('deductions', [...cols, toggleCol], rowsOf(c, 'deductions'), {
    name: csvName(c, 'q.ded.table'),
    exportCols: cols,
    rowCls: (r) => [!isZero(r['carried_out']) ? 'is-carry' : '', r['sanction'] === 'major' ? 'is-major-row' : ''].filter(Boolean).join(' ') || null,
    after: (r) => detailRow(r, lines, cols.length + 1),
  });
  renderTable('deduction-lines', lineColumns(), lines, { name: csvName(c, 'q.ded.lines') });
}

/** Wire the "计算明细" buttons once (delegated). */
export function wireDeductions(): void {
  document.getElementById('deductions')!.addEventListener('click', (e) => {
    const b = (e.target as Element).closest<HTMLButtonElement>('.q-explain');
    if (!b) return;
    const detail = b.closest('tr')!.nextElementSibling as HTMLElement | null;
    if (!detail?.classList.contains('q-detail')) return;
    detail.hidden = !detail.hidden;
    b.setAttribute('aria-expanded', String(!detail.hidden));
  });
}
