/**
 * DOM of the annual report's sections. Values are formatted from the SQL's results, never recomputed;
 * value cells carry data-value (raw, as the CLI JSON) and data-csv (the export value, csv-export.ts).
 */
import type { Config } from '../../lib/config.ts';
import type { Row } from '../../lib/db/types.ts';
import { has, lang, t, type MessageId } from '../../lib/i18n/index.ts';
import type { Metrics } from '../../lib/report/types.ts';
import { pivotComplaintSummary, SATISFACTION_ITEMS, SUMMARY_DIMENSIONS, type Ranked, type SummaryDimension } from '../../lib/report/annual.ts';
import { numeric, targetStatus } from '../../lib/kpis.ts';
import { formatDelta, formatGrowth, monthName, targetText } from '../../lib/format-kpi.ts';
import { nodeLabel } from '../../components/league/league-view.ts';
import { el } from '../shell/shell.ts';
import { csvValue } from '../../components/data-table.ts';
import { formatValue, rawValue, type ValueKind } from '../../lib/format.ts';
import { ANNUAL_CARDS, ANNUAL_KPIS, betterOf, COST_CATEGORIES, display, type Better } from '../../lib/metrics.ts';

const label = (id: string): string => (has(`metric.${id}`) ? t(`metric.${id}` as MessageId) : id);

/** A value cell: formatted text, raw data-value, export data-csv. */
function valueCell(v: unknown, kind: ValueKind, cls = ''): HTMLTableCellElement {
  const td = el('td', `num-col num ${cls}`.trim(), formatValue(v ?? null, kind));
  td.dataset['value'] = rawValue(v ?? null);
  const csv = csvValue(v ?? null, kind);
  td.setAttribute('data-csv', csv === null || csv === undefined ? '' : String(csv));
  if (v === null || v === undefined) td.classList.add('is-null');
  return td;
}

const rowHead = (text: string): HTMLTableCellElement => {
  const th = el('th', '', text);
  th.scope = 'row';
  return th;
};

/** Money texts subtracted exactly, in cents ("12.30" − "2.05" = 10.25). */
function moneyDelta(a: unknown, b: unknown): number | null {
  const c = (v: unknown) => {
    const m = /^(-?)(\d+)\.(\d{2})$/.exec(String(v));
    return m ? (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3])) : null;
  };
  const x = c(a);
  const y = c(b);
  return x === null || y === null ? null : (x - y) / 100;
}

/** The change of a value against last year: a rate in points, a count or amount also as growth. */
function change(id: string, cur: unknown, prev: unknown): { delta: number | null; growth: string } {
  const kind = display(id).kind;
  const delta = kind === 'money' ? moneyDelta(cur, prev) : numeric(cur) !== null && numeric(prev) !== null ? numeric(cur)! - numeric(prev)! : null;
  const growth = kind === 'count' || kind === 'money' || kind === 'number' ? formatGrowth(numeric(cur), numeric(prev)) : '';
  return { delta, growth };
}

const trendClass = (delta: number | null, better: Better | undefined): string => {
  if (delta === null || !better || Math.abs(delta) < 1e-12) return '';
  return delta > 0 === (better === 'higher') ? 'trend-better' : 'trend-worse';
};

/** 一、年度概况: one card per figure, with its year-on-year change. */
export function renderSummary(container: HTMLElement, cur: Metrics, prev: Metrics | null): void {
  container.replaceChildren(
    ...ANNUAL_CARDS.map((id) => {
      const better = betterOf(id);
      const d = display(id);
      const card = el('article', 'card metric-card');
      card.append(el('h3', 'metric-card__label', label(id)));
      const value = el('p', 'metric-card__value');
      const num = el('span', 'num', formatValue(cur[id] ?? null, d.kind));
      num.dataset['metric'] = id;
      num.dataset['value'] = rawValue(cur[id] ?? null);
      value.append(num);
      if (d.unit) value.append(el('span', 'metric-card__unit', t(d.unit)));
      card.append(value);
      if (prev) {
        const { delta, growth } = change(id, cur[id], prev[id]);
        const yoy = el('p', 'yoy');
        yoy.append(t('annual.yoy'));
        const text = growth || formatDelta(delta, d.kind);
        const v = el('span', `num ${trendClass(delta, better)}`, text || '—');
        yoy.append(v, el('span', 'yoy__prev', ` · ${t('annual.last_year_short')} ${formatValue(prev[id] ?? null, d.kind)}`));
        card.append(yoy);
      }
      return card;
    }),
  );
}

/** 二、关键指标同比: this year, last year, change, target and status. */
export function renderKpiTable(body: HTMLTableSectionElement, cur: Metrics, prev: Metrics | null, config: Config): void {
  body.replaceChildren(
    ...ANNUAL_KPIS.map((id) => {
      const better = betterOf(id);
      const kind = display(id).kind;
      const tr = el('tr');
      tr.dataset['metric'] = id;
      const { delta } = change(id, cur[id], prev?.[id]);
      const d = el('td', `num-col num ${trendClass(delta, better)}`, prev ? formatDelta(delta, kind, true) || '—' : '—');
      const target = config.targets[id];
      const status = targetStatus(numeric(cur[id]), target);
      const st = el('td');
      if (status) st.append(el('span', `status-pill status-${status}`, t(`annual.status.${status}` as MessageId)));
      tr.append(
        rowHead(label(id)),
        valueCell(cur[id], kind),
        valueCell(prev ? prev[id] : null, kind),
        d,
        el('td', 'num-col num', targetText(target, kind) || '—'),
        st,
      );
      return tr;
    }),
  );
}

/** Month column heads of a year: "1 月" … / "Jan" …; a partial month is marked. */
export function monthHead(month: string, partial: boolean): string {
  const m = Number(month.slice(5));
  const text = lang() === 'zh' ? t('annual.month_short', { m }) : t('annual.month_short', { mon: monthName(m, 'en') });
  return partial ? `${text}*` : text;
}

/** The rows of the monthly table: volumes, the headline KPIs, the cost total. */
export const TREND_TABLE_IDS = [
  'orders.received',
  'orders.completed',
  'response.on_time_rate',
  'response.p90_hours',
  'resolution.same_day_rate',
  'repeat.rate',
  'complaints.received',
  'complaints.rate_per_100',
  'satisfaction.satisfied_rate',
  'cost.total',
  'cost.per_completed_order',
  'report.completeness_rate',
  'calls.received',
  'calls.answer_rate',
  'calls.within_3_rings_rate',
  'calls.unanswered_in_hours',
  'calls.unanswered_penalty',
] as const;

/**
 * 三、the monthly table: one column per month of the year — a month the data does not cover is a gap
 * ("—", marked, never 0) — and the year's own figure.
 */
export function renderTrendTable(
  table: HTMLTableElement,
  months: readonly string[],
  byMonth: ReadonlyMap<string, Metrics>,
  partial: ReadonlySet<string>,
  year: Metrics,
): void {
  const head = table.tHead!.rows[0]!;
  const th = (text: string, cls = '') => {
    const h = el('th', cls, text);
    h.scope = 'col';
    return h;
  };
  head.replaceChildren(th(t('table.item')), ...months.map((m) => th(monthHead(m, partial.has(m)), 'num-col')), th(t('annual.full_year'), 'num-col col-year'));
  table.tBodies[0]!.replaceChildren(
    ...TREND_TABLE_IDS.map((id) => {
      const kind = display(id).kind;
      const tr = el('tr');
      tr.dataset['metric'] = id;
      tr.append(rowHead(label(id)));
      for (const m of months) {
        const r = byMonth.get(m);
        if (!r) {
          const gap = el('td', 'num-col num is-gap', '—');
          gap.dataset['month'] = m;
          gap.dataset['value'] = 'null';
          gap.dataset['gap'] = '1';
          gap.setAttribute('data-csv', '');
          gap.title = t('cmp.gap');
          tr.append(gap);
        } else {
          const c = valueCell(r[id], kind);
          c.dataset['month'] = m;
          tr.append(c);
        }
      }
      tr.append(valueCell(year[id], kind, 'col-year'));
      return tr;
    }),
  );
}

/** 四、售后费用: the five categories, the total, contract-guided installation, person-times and -days. */
export function renderCostTable(body: HTMLTableSectionElement, cur: Metrics, prev: Metrics | null): void {
  const ids = [...COST_CATEGORIES, 'cost.total', 'cost.contract_guided_install', 'cost.person_times', 'cost.person_days'];
  body.replaceChildren(
    ...ids.map((id) => {
      const kind = display(id).kind;
      const tr = el('tr', id === 'cost.total' ? 'row-total' : id === 'cost.contract_guided_install' ? 'row-aside' : '');
      tr.dataset['metric'] = id;
      const { delta, growth } = change(id, cur[id], prev?.[id]);
      const h = rowHead(label(id));
      if (id === 'cost.contract_guided_install') h.append(el('span', 'tag', t('table.excluded')));
      tr.append(
        h,
        valueCell(cur[id], kind),
        valueCell(prev ? prev[id] : null, kind),
        el('td', 'num-col num', prev ? formatDelta(delta, kind) || '—' : '—'),
        el('td', 'num-col num', prev ? growth || '—' : '—'),
      );
      return tr;
    }),
  );
}

/** A complaint-summary value in words: a cause code with its name, a translated enum, a branch. */
export function dimensionValue(dim: SummaryDimension, value: string | null, branchName: (id: string) => string | null): string {
  if (value === null) return t('cmp.unknown');
  if (dim === 'branch') return nodeLabel(value, branchName(value));
  const key = `cmp.${dim}.${value}`;
  if (has(key)) return dim === 'cause' ? `${value} ${t(key)}` : t(key);
  return value;
}

/** 五、季度投诉汇总: per dimension and value, the complaints of each quarter and of the year. */
export function renderComplaintSummary(
  table: HTMLTableElement,
  year: readonly Row[],
  quarters: ReadonlyMap<number, readonly Row[]>,
  branchName: (id: string) => string | null,
): boolean {
  const pivot = pivotComplaintSummary(year, quarters);
  const th = (text: string, cls = '') => {
    const h = el('th', cls, text);
    h.scope = 'col';
    return h;
  };
  table.tHead!.rows[0]!.replaceChildren(
    th(t('annual.value')),
    ...[1, 2, 3, 4].map((q) => th(t('annual.quarter_short', { q }), 'num-col')),
    th(t('annual.full_year'), 'num-col col-year'),
    th(t('annual.closed_on_time'), 'num-col'),
    th(t('annual.still_open'), 'num-col'),
  );
  const rows: HTMLTableRowElement[] = [];
  for (const dim of SUMMARY_DIMENSIONS) {
    const lines = pivot[dim];
    if (lines.length === 0) continue;
    const h = el('tr', 'dim-head');
    const hc = el('th', '', t(`annual.dim.${dim}` as MessageId));
    hc.colSpan = 8;
    hc.scope = 'colgroup';
    h.append(hc);
    rows.push(h);
    for (const l of lines) {
      const tr = el('tr');
      tr.dataset['dimension'] = dim;
      tr.dataset['dimValue'] = l.value ?? '';
      tr.append(rowHead(dimensionValue(dim, l.value, branchName)));
      l.quarters.forEach((n, i) => {
        const c = valueCell(n, 'count');
        c.dataset['quarter'] = String(i + 1);
        if (n === null) {
          c.classList.add('is-gap');
          c.title = t('cmp.gap');
        }
        tr.append(c);
      });
      tr.append(valueCell(l.year, 'count', 'col-year'), valueCell(l.closedOnTime, 'count'), valueCell(l.stillOpen, 'count'));
      rows.push(tr);
    }
  }
  table.tBodies[0]!.replaceChildren(...rows);
  return rows.length > 0;
}

/** 六、the satisfaction table: per item the mean of each quarter and of the year; then overall, satisfied, coverage, response. */
export function renderSatisfactionTable(table: HTMLTableElement, quarters: ReadonlyMap<number, Metrics>, year: Metrics): void {
  const th = (text: string, cls = '') => {
    const h = el('th', cls, text);
    h.scope = 'col';
    return h;
  };
  table.tHead!.rows[0]!.replaceChildren(
    th(t('table.item')),
    ...[1, 2, 3, 4].map((q) => th(t('annual.quarter_short', { q }), 'num-col')),
    th(t('annual.full_year'), 'num-col col-year'),
  );
  const ids = [
    ...SATISFACTION_ITEMS.map((i) => `satisfaction.${i}_mean`),
    'satisfaction.overall_mean',
    'satisfaction.satisfied_rate',
    'satisfaction.coverage',
    'satisfaction.response_rate',
  ];
  table.tBodies[0]!.replaceChildren(
    ...ids.map((id) => {
      const kind = display(id).kind;
      const tr = el('tr');
      tr.dataset['metric'] = id;
      tr.append(rowHead(label(id)));
      for (const q of [1, 2, 3, 4]) {
        const m = quarters.get(q);
        const c = valueCell(m ? m[id] : null, kind);
        if (!m) {
          c.classList.add('is-gap');
          c.title = t('cmp.gap');
        }
        tr.append(c);
      }
      tr.append(valueCell(year[id], kind, 'col-year'));
      return tr;
    }),
  );
}

/** A best / worst list: rank, name, overall mean, responses. */
export function rankedList(title: string, items: readonly Ranked[], who: 'branch' | 'technician', branchName: (id: string) => string | null): HTMLElement {
  const card = el('div', 'card');
  card.dataset['list'] = title;
  card.append(el('h3', '', title));
  if (items.length === 0) {
    card.append(el('p', 'section__note', t('annual.none')));
    return card;
  }
  const table = el('table', 'data-table data-table--compact');
  const head = el('tr');
  for (const [text, cls] of [
    [t('cmp.rank'), 'num-col'],
    [t(who === 'branch' ? 'cmp.branch' : 'tech.col.technician'), ''],
    [t('annual.overall'), 'num-col'],
    [t('annual.responses'), 'num-col'],
  ] as const) {
    const h = el('th', cls, text);
    h.scope = 'col';
    head.append(h);
  }
  table.append(el('thead'));
  table.tHead!.append(head);
  const body = el('tbody');
  items.forEach((it, i) => {
    const tr = el('tr');
    tr.dataset['id'] = it.id;
    const name = who === 'branch' ? nodeLabel(it.id, it.name) : `${it.name ?? it.id} ${it.id}${it.branch ? ` · ${branchName(it.branch) ?? it.branch}` : ''}`;
    tr.append(el('td', 'num-col num', String(i + 1)), el('td', '', name), valueCell(it.value, 'score'), valueCell(it.responses, 'count'));
    body.append(tr);
  });
  table.append(body);
  card.append(table);
  return card;
}
