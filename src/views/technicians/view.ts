/**
 * DOM of the technician scorecards: the sortable table, and the printed edition — one A4 page per
 * technician with the month's figures beside the medians of the branch's and the company's technicians,
 * the fine's rule applied, a comments box and signatures. Values formatted, never recomputed.
 */
import { techNotMeasured } from '../shell/not-measured.ts';
import type { Config } from '../../lib/config.ts';
import type { Row } from '../../lib/db/types.ts';
import { t } from '../../lib/i18n/index.ts';
import { numeric, targetStatus } from '../../lib/kpis.ts';
import { fineFormula } from '../../lib/format-kpi.ts';
import { el } from '../shell/shell.ts';
import { csvValue } from '../../components/data-table.ts';
import { formatCount, formatValue, rawValue, type ValueKind } from '../../lib/format.ts';
import { SATISFIED_SCORE, TECH_COLUMNS, TECH_VALUE_COLUMNS, techMedians, type TechColumn } from './model.ts';

/** The branch label of a technician's branch id ("B01 上海分公司"). */
export type BranchName = (id: string | null) => string;

let branchShort: (id: string) => string | null = () => null;
/** How the table names a branch in its narrow column (the branch's name alone; the id in the tooltip). */
export function setBranchShort(f: (id: string) => string | null): void {
  branchShort = f;
}

function valueCell(r: Row, c: TechColumn, config: Config): HTMLTableCellElement {
  const v = r[c.key] ?? null;
  const td = el('td', 'num-col num', formatValue(v, c.kind as ValueKind));
  td.dataset['col'] = c.key;
  td.dataset['value'] = rawValue(v);
  td.setAttribute('data-csv', String(csvValue(v, c.kind as ValueKind) ?? ''));
  if (v === null) {
    td.classList.add('is-null');
    // Not measured (its file or column is absent): say which, not "—".
    const why = techNotMeasured(c.key);
    if (why) {
      td.textContent = why;
      td.title = why;
      td.classList.add('is-not-measured');
    }
  }
  const n = numeric(v);
  if (c.key === 'on_time_rate') {
    const s = targetStatus(n, config.targets['response.on_time_rate']);
    if (s) td.classList.add(`status-text-${s}`);
  } else if (c.group === 'satisfaction' && n !== null && n < SATISFIED_SCORE) td.classList.add('status-text-missed');
  else if (c.group === 'quality' && n !== null && n > 0) td.classList.add('is-flagged');
  if (c.key === 'fine_estimate') {
    td.title = fineFormula(r['late_arrivals'], r['incomplete_reports']);
    if (n !== null && n > 0) td.append(el('span', 'fine-formula', fineFormula(r['late_arrivals'], r['incomplete_reports'])));
  }
  if (c.key === 'on_time_rate' && typeof r['late_arrivals'] === 'number') td.title = t('tech.col.late_arrivals') + ` ${formatCount(r['late_arrivals'])}`;
  return td;
}

/** Fill the table body with `rows` (already filtered and sorted) and mark the sorted column. */
export function renderTechTable(
  table: HTMLTableElement,
  rows: readonly Row[],
  sort: string,
  dir: 'asc' | 'desc',
  config: Config,
  branchName: BranchName,
): void {
  table.tBodies[0]!.replaceChildren(
    ...rows.map((r) => {
      const tr = el('tr');
      tr.dataset['technician'] = String(r['technician_id']);
      const who = el('th', 'tech-table__who');
      who.scope = 'row';
      who.append(el('span', 'tech-name', String(r['name'] ?? '—')), el('span', 'tech-id num', String(r['technician_id'])));
      if (r['unit']) who.append(el('span', 'tech-unit', String(r['unit'])));
      who.setAttribute('data-csv', `${String(r['technician_id'])} ${String(r['name'] ?? '')}`.trim());
      const b = (r['branch_id'] as string | null) ?? null;
      const branch = el('td', 'tech-table__branch', b === null ? '—' : (branchShort(b) ?? b));
      branch.title = branchName(b);
      branch.setAttribute('data-csv', branchName(b));
      tr.append(who, branch);
      for (const c of TECH_VALUE_COLUMNS) tr.append(valueCell(r, c, config));
      return tr;
    }),
  );
  for (const th of table.querySelectorAll<HTMLElement>('thead [data-col]')) {
    const on = th.dataset['col'] === sort;
    th.setAttribute('aria-sort', on ? (dir === 'asc' ? 'ascending' : 'descending') : 'none');
    th.classList.toggle('is-sorted', on);
  }
}

/** The table as CSV rows (技术员工作日报表): staff id, name, branch, team, then every value column. */
export function techCsvRows(rows: readonly Row[], branchName: BranchName): (string | number | null)[][] {
  const head = [t('tech.sheet.id'), t('tech.sheet.name'), t('tech.col.branch'), t('tech.col.unit'), ...TECH_VALUE_COLUMNS.map((c) => t(c.label))];
  return [
    head,
    ...rows.map((r) => [
      String(r['technician_id']),
      (r['name'] as string | null) ?? null,
      branchName((r['branch_id'] as string | null) ?? null),
      (r['unit'] as string | null) ?? null,
      ...TECH_VALUE_COLUMNS.map((c) => {
        const v = csvValue(r[c.key] ?? null, c.kind as ValueKind);
        return typeof v === 'boolean' || v === undefined ? null : v;
      }),
    ]),
  ];
}

/** What a printed scorecard says about the report it belongs to. */
export interface SheetContext {
  company: string;
  period: string;
  config: Config;
  branchName: BranchName;
  /** The month's table for the whole company: the medians compared against. */
  companyRows: readonly Row[];
}

function compareMark(c: TechColumn, v: number | null, m: number | null): string {
  if (!c.better || v === null || m === null || v === m) return '';
  return v > m === (c.better === 'higher') ? 'trend-better' : 'trend-worse';
}

/** One technician's page. */
function sheet(
  r: Row,
  i: number,
  n: number,
  ctx: SheetContext,
  companyMed: Record<string, number | null>,
  branchMed: Record<string, number | null>,
): HTMLElement {
  const page = el('article', 'tech-sheet');
  const head = el('header', 'tech-sheet__head');
  head.append(el('p', 'tech-sheet__company', ctx.company), el('h2', 'tech-sheet__title', t('tech.sheet.title')), el('p', 'tech-sheet__period', ctx.period));
  const info = el('dl', 'tech-sheet__info');
  const field = (label: string, value: string) => info.append(el('dt', '', label), el('dd', '', value));
  field(t('tech.sheet.name'), String(r['name'] ?? '—'));
  field(t('tech.sheet.id'), String(r['technician_id']));
  field(t('tech.sheet.branch'), ctx.branchName((r['branch_id'] as string | null) ?? null));
  field(t('tech.sheet.unit'), String(r['unit'] ?? '—'));
  field(t('tech.sheet.period'), ctx.period);

  const table = el('table', 'data-table tech-sheet__table');
  const hr = el('tr');
  for (const [label, cls] of [
    [t('tech.sheet.item'), ''],
    [t('tech.sheet.self'), 'num-col'],
    [t('tech.sheet.branch_median'), 'num-col'],
    [t('tech.sheet.company_median'), 'num-col'],
  ] as const) {
    const th = el('th', cls, label);
    th.scope = 'col';
    hr.append(th);
  }
  table.append(el('thead'));
  table.tHead!.append(hr);
  const body = el('tbody');
  for (const c of TECH_VALUE_COLUMNS) {
    if (c.key === 'fine_estimate') continue;
    const v = r[c.key] ?? null;
    const tr = el('tr');
    const th = el('th', '', t(c.label));
    th.scope = 'row';
    const self = el('td', `num-col num ${compareMark(c, numeric(v), branchMed[c.key] ?? null)}`, formatValue(v, c.kind as ValueKind));
    self.dataset['col'] = c.key;
    self.dataset['value'] = rawValue(v);
    tr.append(
      th,
      self,
      el('td', 'num-col num', formatValue(branchMed[c.key] ?? null, c.kind as ValueKind)),
      el('td', 'num-col num', formatValue(companyMed[c.key] ?? null, c.kind as ValueKind)),
    );
    body.append(tr);
  }
  table.append(body);

  const fines = el('section', 'tech-sheet__fines');
  fines.append(el('h3', '', t('tech.sheet.fines')));
  const list = el('ul');
  list.append(
    el('li', '', t('tech.sheet.late', { n: r['late_arrivals'] === null ? (techNotMeasured('late_arrivals') ?? '—') : formatCount(r['late_arrivals'] ?? 0) })),
    el(
      'li',
      '',
      t('tech.sheet.incomplete', {
        n: r['incomplete_reports'] === null ? (techNotMeasured('incomplete_reports') ?? '—') : formatCount(r['incomplete_reports'] ?? 0),
      }),
    ),
  );
  const total = el('p', 'tech-sheet__fine-total');
  const amount = el('strong', 'num', formatValue(r['fine_estimate'] ?? null, 'money'));
  amount.dataset['col'] = 'fine_estimate';
  amount.dataset['value'] = rawValue(r['fine_estimate'] ?? null);
  total.append(el('span', '', `${t('tech.sheet.total')}（${fineFormula(r['late_arrivals'], r['incomplete_reports'])}）`), amount);
  fines.append(list, total, el('p', 'tech-sheet__rule', t('tech.fine_rule')));

  const comments = el('section', 'tech-sheet__comments');
  comments.append(el('h3', '', t('tech.sheet.comments')), el('div', 'tech-sheet__box'));
  const sign = el('footer', 'tech-sheet__sign');
  for (const k of ['tech.sheet.sign.tech', 'tech.sheet.sign.supervisor', 'tech.sheet.sign.date'] as const) {
    const s = el('div', 'sign-field');
    s.append(el('span', '', t(k)), el('span', 'sign-line'));
    sign.append(s);
  }
  // Page numbers: the print frame's footer (one sheet a page); the sheet says which technician of how many.
  page.dataset['sheet'] = `${i}/${n}`;
  page.append(head, info, table, fines, comments, sign);
  return page;
}

/** Build the printed edition: one page per technician of `rows`. */
export function renderSheets(container: HTMLElement, rows: readonly Row[], ctx: SheetContext): void {
  const companyMed = techMedians(ctx.companyRows);
  const byBranch = new Map<string, Record<string, number | null>>();
  const branchMedOf = (b: string | null) => {
    const key = b ?? '';
    let m = byBranch.get(key);
    if (!m) {
      m = techMedians(ctx.companyRows.filter((x) => (x['branch_id'] ?? '') === key));
      byBranch.set(key, m);
    }
    return m;
  };
  container.replaceChildren(...rows.map((r, i) => sheet(r, i + 1, rows.length, ctx, companyMed, branchMedOf((r['branch_id'] as string | null) ?? null))));
}

export { TECH_COLUMNS };
