/**
 * 6. 季度投诉汇总 [004 二(八)]: the chosen quarter's complaint figures (metrics complaints.*), counts by
 * cause / market / severity / nature / branch (tables.complaint_summary) and the main responsible units
 * (tables.responsibility_rollup, unit level, Pareto order).
 */
import type { Row } from '../../lib/db/types.ts';
import { t } from '../../lib/i18n/index.ts';
import { fillMetrics } from '../shell/render.ts';
import { branchName, csvName, rowsOf, type PageCtx } from './context.ts';
import { CAUSE_LIST, causeLabel, enumLabel } from './labels.ts';
import { renderTable, type Column } from './table.ts';
import type { PeriodChoice } from '../../lib/report/selection.ts';

/** "2026-Q3" for a month "2026-08". */
export const quarterOf = (month: string): string => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

/**
 * The quarter the summary opens on for a month: its own quarter when the month closes it (03, 06, 09,
 * 12), else the one before — the summary is made once a quarter is over — when the data has it.
 */
export function defaultQuarter(month: string, quarters: string[]): string {
  const own = quarterOf(month);
  const m = Number(month.slice(5, 7));
  if (m % 3 === 0) return own;
  const y = Number(month.slice(0, 4));
  const q = Math.ceil(m / 3);
  const prev = q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  return quarters.includes(prev) ? prev : own;
}

/** The quarters the data's months fall in, newest first. */
export function quarterChoices(periods: PeriodChoice[]): string[] {
  return [...new Set(periods.map((p) => quarterOf(p.period)))].sort().reverse();
}

/** "2026 年第 3 季度" / "Q3 2026". */
export function quarterLabel(q: string): string {
  const [y, n] = q.split('-Q');
  return t('q.quarter.label', { y: y!, q: n! });
}

export function fillQuarters(quarters: string[], current: string): void {
  const sel = document.getElementById('quarter-select') as HTMLSelectElement;
  sel.replaceChildren(...quarters.map((q) => new Option(quarterLabel(q), q, false, q === current)));
  sel.disabled = quarters.length === 0;
}

const counts: Column[] = [
  { label: 'q.col.complaints', kind: 'count', value: (r) => r['complaints'] },
  { label: 'q.col.closed_on_time', kind: 'count', value: (r) => r['closed_on_time'] },
  { label: 'q.col.still_open', kind: 'count', value: (r) => r['still_open'] },
];

/** The quarter's section; `ctx` holds the quarter's computation (period = the quarter). */
export function renderQuarter(ctx: PageCtx): void {
  const title = document.getElementById('quarter-title')!;
  title.textContent = `${quarterLabel(ctx.period)} · ${ctx.branch ? branchName(ctx, ctx.branch) : t('select.company')}`;
  fillMetrics(ctx.metrics, document.getElementById('quarter-kpis')!);
  const summary = rowsOf(ctx, 'complaint_summary');
  const of = (d: string) => summary.filter((r) => r['dimension'] === d);
  const name = (id: string) => csvName(ctx, id, ctx.period);

  // Every cause code C01–C15 is listed (a code with no complaint shows 0), as on the regulation's form.
  const byCause = new Map(of('cause').map((r) => [r['value'] ?? null, r]));
  const causeRows: Row[] = [...CAUSE_LIST, ...(byCause.has(null) ? [null] : [])].map(
    (code) => byCause.get(code) ?? { dimension: 'cause', value: code, complaints: 0, closed_on_time: 0, still_open: 0 },
  );
  renderTable('qs-cause', [{ label: 'q.col.cause', value: (r) => r['value'], text: (r) => causeLabel(r['value']) }, ...counts], causeRows, {
    name: name('q.qs.by.cause'),
    rowCls: (r) => (r['complaints'] === 0 ? 'is-muted' : null),
  });
  renderTable('qs-market', [{ label: 'q.col.market', value: (r) => r['value'], text: (r) => enumLabel('market', r['value']) }, ...counts], of('market'), {
    name: name('q.qs.by.market'),
  });
  renderTable(
    'qs-severity',
    [{ label: 'q.col.severity', value: (r) => r['value'], text: (r) => enumLabel('severity', r['value']) }, ...counts],
    of('severity'),
    {
      name: name('q.qs.by.severity'),
    },
  );
  renderTable('qs-nature', [{ label: 'q.col.nature', value: (r) => r['value'], text: (r) => enumLabel('nature', r['value']) }, ...counts], of('nature'), {
    name: name('q.qs.by.nature'),
  });
  renderTable('qs-branch', [{ label: 'q.col.branch', value: (r) => r['value'], text: (r) => branchName(ctx, r['value']) }, ...counts], of('branch'), {
    name: name('q.qs.by.branch'),
  });
  renderTable(
    'qs-units',
    [
      {
        label: 'q.col.dept_unit',
        value: (r) => r['unit'],
        text: (r) => `${enumLabel('department', r['department'])} / ${r['unit'] === null ? t('q.whole_department') : String(r['unit'])}`,
        cls: () => 'q-wrap',
      },
      { label: 'q.col.share_sum', kind: 'share', value: (r) => r['share_sum'] },
      { label: 'q.col.ratio', kind: 'rate', value: (r) => r['ratio'] },
      { label: 'q.col.attributed', kind: 'money', value: (r) => r['loss'] },
      { label: 'q.col.complaints', kind: 'count', value: (r) => r['complaints'] },
      { label: 'q.col.cum_share', kind: 'rate', value: (r) => r['cum_share'] },
    ],
    rowsOf(ctx, 'responsibility_rollup').filter((r) => r['level'] === 'unit'),
    { name: name('q.qs.top_units'), limit: 10 },
  );
}
