/**
 * 1. 投诉登记 (tables.complaint_register) with its filters, and the numbering check
 * (tables.complaint_numbering). Filtering only chooses which SQL rows are shown.
 */
import type { Row } from '../../lib/db/types.ts';
import { t, type MessageId } from '../../lib/i18n/index.ts';
import { formatCount } from '../../lib/format.ts';
import { branchName, csvName, minutes, rowsOf, type PageCtx } from './context.ts';
import { causeLabel, enumLabel, stepLabel } from './labels.ts';
import { renderTable, type Column } from './table.ts';
import { el } from '../shell/dom.ts';

type Filter = 'market' | 'cause' | 'severity' | 'valid' | 'status' | 'branch';

/** Each filter: the register column it reads and how its values are named. */
const FILTERS: Record<Filter, { column: string; label: (ctx: PageCtx, v: string) => string }> = {
  market: { column: 'market', label: (_, v) => enumLabel('market', v) },
  cause: { column: 'cause_code', label: (_, v) => causeLabel(v) },
  severity: { column: 'severity', label: (_, v) => enumLabel('severity', v) },
  valid: { column: 'valid', label: (_, v) => enumLabel('valid', v) },
  status: { column: 'status', label: (_, v) => t(v === 'open' ? 'q.open' : 'q.closed') },
  branch: { column: 'branch_id', label: (ctx, v) => branchName(ctx, v) },
};

const EMPTY = '∅'; // option value of an empty cell (no cause code …)

let ctx: PageCtx | null = null;
const chosen: Partial<Record<Filter, string>> = {};

const statusCell = (r: Row) => el('span', r['status'] === 'open' ? 'q-badge q-badge--open' : 'q-badge', t(r['status'] === 'open' ? 'q.open' : 'q.closed'));

function columns(c: PageCtx): Column[] {
  return [
    { label: 'q.col.complaint_no', value: (r) => r['complaint_no'], cls: () => 'q-id' },
    { label: 'q.col.received_at', value: (r) => r['received_at'], text: (r) => minutes(r['received_at']), cls: () => 'num' },
    { label: 'q.col.branch', value: (r) => r['branch_id'], text: (r) => branchName(c, r['branch_id']) },
    { label: 'q.col.market', value: (r) => r['market'], text: (r) => enumLabel('market', r['market']) },
    { label: 'q.col.cause', value: (r) => r['cause_code'], text: (r) => causeLabel(r['cause_code']) },
    {
      label: 'q.col.severity',
      value: (r) => r['severity'],
      text: (r) => enumLabel('severity', r['severity']),
      cls: (r) => (r['severity'] === 'major' ? 'is-major' : null),
    },
    { label: 'q.col.valid', value: (r) => r['valid'], text: (r) => enumLabel('valid', r['valid']) },
    { label: 'q.col.status', value: (r) => r['status'], node: statusCell, csv: (r) => t(r['status'] === 'open' ? 'q.open' : 'q.closed') },
    { label: 'q.col.age', kind: 'days', value: (r) => r['age_days'], cls: (r) => (r['past_limit'] === true ? 'is-over' : null) },
    { label: 'q.col.current_step', value: (r) => r['current_step'], text: (r) => stepLabel(r['current_step']) },
    {
      label: 'q.col.on_time',
      value: (r) => r['on_time'],
      text: (r) => (r['on_time'] === null || r['on_time'] === undefined ? '—' : t(r['on_time'] ? 'q.on_time' : 'q.late')),
      cls: (r) => (r['on_time'] === false ? 'is-over' : null),
    },
    { label: 'q.col.closed_at', value: (r) => r['closed_at'], text: (r) => minutes(r['closed_at']), cls: () => 'num' },
  ];
}

function valueOf(r: Row, f: Filter): string {
  const v = r[FILTERS[f].column];
  return v === null || v === undefined || v === '' ? EMPTY : String(v);
}

/** The option lists: 全部 + the values present in the period's rows. */
function fillFilters(c: PageCtx, rows: Row[]): void {
  for (const sel of document.querySelectorAll<HTMLSelectElement>('#register-filters select[data-filter]')) {
    const f = sel.dataset['filter'] as Filter;
    const values = [...new Set(rows.map((r) => valueOf(r, f)))].sort();
    if (chosen[f] && !values.includes(chosen[f]!)) delete chosen[f];
    sel.replaceChildren(
      new Option(t('q.all'), ''),
      ...values.map((v) => {
        const o = new Option(v === EMPTY ? '—' : FILTERS[f].label(c, v), v);
        o.selected = chosen[f] === v;
        return o;
      }),
    );
  }
}

function drawRegister(): void {
  if (!ctx) return;
  const all = rowsOf(ctx, 'complaint_register');
  const shown = all.filter((r) => (Object.entries(chosen) as [Filter, string][]).every(([f, v]) => valueOf(r, f) === v));
  renderTable('register', columns(ctx), shown, {
    name: csvName(ctx, 'q.sec.register'),
    total: all.length,
    rowCls: (r) => (r['valid'] === 'no' ? 'is-muted' : null),
  });
}

const PROBLEMS: Record<string, MessageId> = { format: 'q.problem.format', month: 'q.problem.month', first_serial: 'q.problem.first_serial' };

function drawNumbering(c: PageCtx): void {
  const rows = rowsOf(c, 'complaint_numbering');
  const summary = document.getElementById('numbering-summary')!;
  const box = document.getElementById('numbering')!;
  box.classList.toggle('is-bad', rows.length > 0);
  summary.textContent = rows.length
    ? t('q.numbering.bad', { n: formatCount(rows.length) })
    : t('q.numbering.ok', { n: formatCount(rowsOf(c, 'complaint_register').length) });
  const table = document.getElementById('numbering-table') as HTMLTableElement;
  table.hidden = rows.length === 0;
  renderTable(
    'numbering-table',
    [
      { label: 'q.col.complaint_no', value: (r) => r['complaint_no'], cls: () => 'q-id' },
      {
        label: 'q.col.problem',
        value: (r) => r['problem'],
        text: (r) => (PROBLEMS[String(r['problem'])] ? t(PROBLEMS[String(r['problem'])]!) : String(r['problem'])),
      },
      { label: 'q.col.received_at', value: (r) => r['received_at'], text: (r) => minutes(r['received_at']) },
      { label: 'q.col.detail', value: (r) => r['detail'] },
    ],
    rows,
    { name: csvName(c, 'q.numbering.title') },
  );
}

/** Render the section for `c` (filters that no longer match a value are cleared). */
export function renderRegister(c: PageCtx): void {
  ctx = c;
  fillFilters(c, rowsOf(c, 'complaint_register'));
  drawRegister();
  drawNumbering(c);
}

/** Wire the filter controls once. */
export function wireRegister(): void {
  const form = document.getElementById('register-filters') as HTMLFormElement;
  form.addEventListener('change', (e) => {
    const sel = e.target as HTMLSelectElement;
    const f = sel.dataset['filter'] as Filter | undefined;
    if (!f) return;
    if (sel.value) chosen[f] = sel.value;
    else delete chosen[f];
    drawRegister();
  });
  document.getElementById('register-reset')!.addEventListener('click', () => {
    for (const k of Object.keys(chosen) as Filter[]) delete chosen[k];
    if (ctx) renderRegister(ctx);
  });
}
