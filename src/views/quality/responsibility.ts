/**
 * 3. 责任归属: the department → unit → person tree (tables.responsibility_rollup subtotals over the rows
 * of tables.responsibility), the units' Pareto, the drill from a department to its complaints
 * (tables.responsibility_complaints), and the complaints left out for shares ≠ 1
 * (tables.responsibility_excluded). Arranging rows into the tree is all that happens here.
 */
import type { Row } from '../../lib/db/types.ts';
import { t } from '../../lib/i18n/index.ts';
import { formatCount } from '../../lib/format.ts';
import { branchName, csvName, minutes, rowsOf, type PageCtx } from './context.ts';
import { paretoOption } from '../../lib/charts/quality.ts';
import { causeLabel, enumLabel } from './labels.ts';
import { showQualityChart } from './chart-mount.ts';
import { renderTable, type Column } from './table.ts';
import { el } from '../shell/dom.ts';

let ctx: PageCtx | null = null;
let drilled: string | null = null;

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
const unitName = (u: unknown) => (u === null || u === undefined ? t('q.whole_department') : String(u));

/** The tree's rows in display order: each department (Pareto order), its units, their people. */
export function treeRows(rollup: Row[], leaves: Row[]): Row[] {
  const out: Row[] = [];
  const units = rollup.filter((r) => r['level'] === 'unit');
  for (const d of rollup.filter((r) => r['level'] === 'department')) {
    out.push({ ...d, level: 'department' });
    for (const u of units.filter((x) => same(x['department'], d['department']))) {
      out.push({ ...u, level: 'unit' });
      const people = leaves.filter((l) => same(l['department'], u['department']) && same(l['unit'], u['unit']));
      // A unit carried as a whole, with nobody named: its one row is the unit row itself.
      if (people.length === 1 && people[0]!['staff_id'] === null) continue;
      for (const p of people) out.push({ ...p, level: 'person' });
    }
  }
  return out;
}

function partyCell(r: Row): Node {
  const level = String(r['level']);
  const span = document.createElement('span');
  span.className = `q-tree q-tree--${level}`;
  if (level === 'department') {
    span.append(el('span', 'q-tree__name', enumLabel('department', r['department'])));
    span.append(el('span', 'q-link', `${t('q.resp.drill')} ▸`));
  } else if (level === 'unit') span.textContent = unitName(r['unit']);
  else span.textContent = r['staff_id'] ? `${String(r['staff_name'] ?? '')} ${String(r['staff_id'])}`.trim() : t('q.whole_unit');
  return span;
}

const numbers: Column[] = [
  { label: 'q.col.share_sum', kind: 'share', value: (r) => r['share_sum'] },
  { label: 'q.col.ratio', kind: 'rate', value: (r) => r['ratio'] },
  { label: 'q.col.attributed', kind: 'money', value: (r) => r['loss'] },
  { label: 'q.col.complaints', kind: 'count', value: (r) => r['complaints'] },
];

const LEVELS = { department: 'q.level.department', unit: 'q.level.unit', person: 'q.level.person' } as const;

const exportCols: Column[] = [
  { label: 'q.col.level', value: (r) => r['level'], text: (r) => t(LEVELS[r['level'] as keyof typeof LEVELS]) },
  { label: 'q.col.department', value: (r) => r['department'], text: (r) => enumLabel('department', r['department']) },
  { label: 'q.col.unit', value: (r) => r['unit'], text: (r) => (r['level'] === 'department' ? '' : unitName(r['unit'])) },
  {
    label: 'q.col.person',
    value: (r) => r['staff_id'],
    text: (r) => (r['staff_id'] ? `${String(r['staff_id'])} ${String(r['staff_name'] ?? '')}`.trim() : ''),
  },
  ...numbers,
];

function drawDrill(c: PageCtx): void {
  const box = document.getElementById('drill')!;
  box.hidden = drilled === null;
  if (drilled === null) return;
  const rows = rowsOf(c, 'responsibility_complaints').filter((r) => r['department'] === drilled);
  document.getElementById('drill-title')!.textContent = t('q.resp.drill.title', { dept: enumLabel('department', drilled) });
  renderTable(
    'drill-table',
    [
      { label: 'q.col.complaint_no', value: (r) => r['complaint_no'], cls: () => 'q-id' },
      { label: 'q.col.closed_at', value: (r) => r['closed_at'], text: (r) => minutes(r['closed_at']) },
      { label: 'q.col.branch', value: (r) => r['branch_id'], text: (r) => branchName(c, r['branch_id']) },
      { label: 'q.col.cause', value: (r) => r['cause_code'], text: (r) => causeLabel(r['cause_code']) },
      { label: 'q.col.severity', value: (r) => r['severity'], text: (r) => enumLabel('severity', r['severity']) },
      { label: 'q.col.unit', value: (r) => r['unit'], text: (r) => unitName(r['unit']) },
      {
        label: 'q.col.person',
        value: (r) => r['staff_id'],
        text: (r) => (r['staff_id'] ? `${String(r['staff_name'] ?? '')} ${String(r['staff_id'])}`.trim() : t('q.whole_unit')),
      },
      { label: 'q.col.share', kind: 'share', value: (r) => r['share'] },
      { label: 'q.col.loss', kind: 'money', value: (r) => r['loss_amount'] },
      { label: 'q.col.attributed', kind: 'money', value: (r) => r['attributed'] },
      {
        label: 'q.col.sanction',
        value: (r) => r['sanction'],
        text: (r) => (r['sanction'] && r['sanction'] !== 'none' ? enumLabel('sanction', r['sanction']) : '—'),
      },
      { label: 'q.col.repeat_of', value: (r) => r['repeat_of'] },
    ],
    rows,
    { name: () => [...csvName(c, 'q.sec.responsibility')(), enumLabel('department', drilled)] },
  );
}

function drawExcluded(c: PageCtx): void {
  const rows = rowsOf(c, 'responsibility_excluded');
  const box = document.getElementById('resp-excluded')!;
  box.classList.toggle('is-bad', rows.length > 0);
  document.getElementById('resp-excluded-text')!.textContent = rows.length
    ? t('q.resp.excluded.some', { n: formatCount(rows.length) })
    : t('q.resp.excluded.none');
  const kpi = document.getElementById('kpi-excluded')!;
  kpi.textContent = formatCount(rows.length);
  kpi.dataset['value'] = String(rows.length);
  (document.getElementById('excluded') as HTMLTableElement).hidden = rows.length === 0;
  renderTable(
    'excluded',
    [
      { label: 'q.col.complaint_no', value: (r) => r['complaint_no'], cls: () => 'q-id' },
      { label: 'q.col.branch', value: (r) => r['branch_id'], text: (r) => branchName(c, r['branch_id']) },
      { label: 'q.col.closed_at', value: (r) => r['closed_at'], text: (r) => minutes(r['closed_at']) },
      { label: 'q.col.share_found', kind: 'share', value: (r) => r['share_sum'] },
      { label: 'q.col.rejected_rows', kind: 'count', value: (r) => r['rejected_rows'] },
    ],
    rows,
    { name: csvName(c, 'q.kpi.excluded') },
  );
}

async function drawPareto(c: PageCtx): Promise<void> {
  const units = rowsOf(c, 'responsibility_rollup')
    .filter((r) => r['level'] === 'unit')
    .slice(0, 15);
  await showQualityChart(
    document.getElementById('chart-pareto-units')!,
    paretoOption({
      title: t('q.resp.pareto'),
      subtitle: t('q.resp.pareto.sub'),
      emptyText: t('chart.empty'),
      categories: units.map((u) => (u['unit'] === null ? enumLabel('department', u['department']) : String(u['unit']))),
      values: units.map((u) => Number(u['share_sum'])),
      cumulative: units.map((u) => Number(u['cum_share'])),
      names: { bar: t('q.col.share_sum'), line: t('q.col.cum_share'), unit: t('q.unit.cases') },
      decimals: 2,
    }),
  );
}

export async function renderResponsibility(c: PageCtx): Promise<void> {
  ctx = c;
  const rollup = rowsOf(c, 'responsibility_rollup');
  if (drilled !== null && !rollup.some((r) => r['department'] === drilled)) drilled = null;
  const n = rollup[0]?.['n_complaints'] ?? 0;
  document.getElementById('resp-denominator')!.textContent = t('q.resp.denominator', { n: formatCount(n) });
  const rows = treeRows(rollup, rowsOf(c, 'responsibility'));
  renderTable('responsibility', [{ label: 'q.col.party', value: (r) => r['level'], node: partyCell }, ...numbers], rows, {
    name: csvName(c, 'q.resp.table'),
    exportCols,
    rowCls: (r) => `q-level-${String(r['level'])}${r['level'] === 'department' && r['department'] === drilled ? ' is-selected' : ''}`,
    onRow: (tr, r) => {
      if (r['level'] !== 'department') return;
      tr.tabIndex = 0;
      tr.classList.add('is-clickable');
      tr.dataset['department'] = String(r['department']);
    },
  });
  drawExcluded(c);
  drawDrill(c);
  await drawPareto(c);
}

function toggleDrill(dept: string): void {
  if (!ctx) return;
  drilled = drilled === dept ? null : dept;
  for (const tr of document.querySelectorAll<HTMLElement>('#responsibility tr[data-department]')) {
    tr.classList.toggle('is-selected', tr.dataset['department'] === drilled);
  }
  drawDrill(ctx);
  if (drilled) document.getElementById('drill')!.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

/** Wire the drill-down once: click or Enter on a department row. */
export function wireResponsibility(): void {
  const table = document.getElementById('responsibility')!;
  table.addEventListener('click', (e) => {
    const tr = (e.target as Element).closest<HTMLElement>('tr[data-department]');
    if (tr) toggleDrill(tr.dataset['department']!);
  });
  table.addEventListener('keydown', (e) => {
    const tr = (e.target as Element).closest<HTMLElement>('tr[data-department]');
    if (tr && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      toggleDrill(tr.dataset['department']!);
    }
  });
  document.getElementById('drill-close')!.addEventListener('click', () => drilled && toggleDrill(drilled));
}
