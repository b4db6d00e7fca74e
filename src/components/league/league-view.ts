/**
 * DOM of the league table, a branch's standing and the small multiples (branch comparison; the league
 * table also on the annual report). Values are formatted, never recomputed; every value cell carries the
 * raw value in data-value as the CLI JSON has it.
 */
import type { Config } from '../../lib/config.ts';
import { monthLabel, t, type MessageId } from '../../lib/i18n/index.ts';
import { HEADLINE_KPIS, KPI_BY_ID, median, type HeadlineKpi } from '../../lib/kpis.ts';
import { rankOf, sortRows, standing, type LeagueCell, type LeagueRow, type RowKind, type SortDir, type SortKey } from '../../lib/report/league.ts';
import { formatDelta, periodLabel, targetText } from '../../lib/format-kpi.ts';
import type { CompareChoice } from '../../lib/report/compare-periods.ts';
import { el } from '../../views/shell/shell.ts';
import { csvValue } from '../data-table.ts';
import { formatCount, formatValue, nodeLabel, rawValue } from '../../lib/format.ts';
import { display } from '../../lib/metrics.ts';

/** The period picker: years to date, then months (a partial month says so). */
export function fillPeriodSelect(select: HTMLSelectElement, choices: readonly CompareChoice[], current: string): void {
  const group = (label: string, items: readonly CompareChoice[]) => {
    const g = document.createElement('optgroup');
    g.label = label;
    for (const c of items) {
      const o = new Option(periodLabel(c.period) + (c.partial ? t('select.partial') : ''), c.period);
      o.selected = c.period === current;
      g.append(o);
    }
    return g;
  };
  select.replaceChildren(
    group(
      t('cmp.group.ytd'),
      choices.filter((c) => c.kind === 'ytd'),
    ),
    group(
      t('cmp.group.month'),
      choices.filter((c) => c.kind === 'month'),
    ),
  );
}

/** The targets row under the column heads. */
export function fillTargets(table: HTMLTableElement, config: Config): void {
  for (const th of table.querySelectorAll<HTMLElement>('[data-target-for]')) {
    const id = th.dataset['targetFor']!;
    th.textContent = targetText(config.targets[id], display(id).kind) || '—';
  }
}

/** A branch's label: "B01 上海分公司". */
export { nodeLabel };

/** What the league needs to know besides its rows. */
export interface LeagueView {
  kind: Exclude<RowKind, 'company'>;
  sort: SortKey;
  dir: SortDir;
  config: Config;
  /** The selected row (its standing is open). */
  selected: string | null;
  /** Link target of a row's monthly report (null: no link). */
  monthlyHref: ((id: string) => string) | null;
  /** Whether the name opens the standing (branch comparison) or is plain text (annual ranking). */
  openable: boolean;
}

function kpiCell(kpi: HeadlineKpi, c: LeagueCell, config: Config): HTMLTableCellElement {
  const kind = display(kpi.id).kind;
  const td = el('td', 'num-col num kpi-cell');
  td.dataset['kpi'] = kpi.id;
  td.dataset['value'] = rawValue(c.value);
  // The export is the value alone (not its change); a low-confidence one says so.
  td.setAttribute('data-csv', `${String(csvValue(c.value, kind) ?? '')}${c.low ? '*' : ''}`);
  if (c.cases !== null) td.dataset['cases'] = String(c.cases);
  if (c.value === null) td.classList.add('is-null');
  if (c.low) {
    td.classList.add('is-low');
    td.dataset['low'] = '1';
  } else if (c.status) td.classList.add(`status-${c.status}`);
  const v = el('span', 'kpi-cell__value', formatValue(c.value, kind));
  td.append(v);
  if (c.low) td.append(el('sup', 'low-mark', '*'));
  const tips: string[] = [];
  if (c.cases !== null) tips.push(c.low ? t('cmp.low.title', { n: formatCount(c.cases), min: config.min_cases }) : t('cmp.cases', { n: formatCount(c.cases) }));
  if (c.prev !== null && c.prev !== undefined) tips.push(t('cmp.prev_value', { v: formatValue(c.prev, kind) }));
  if (tips.length) td.title = tips.join('\n');
  const d = formatDelta(c.delta, kind);
  if (d) td.append(el('span', `kpi-cell__delta trend-${c.trend ?? 'same'}`, d));
  return td;
}

function nameCell(r: LeagueRow, view: LeagueView): HTMLTableCellElement {
  const th = el('th', 'league__name');
  th.scope = 'row';
  th.setAttribute('data-csv', r.id === null ? t('cmp.company') : nodeLabel(r.id, r.name));
  if (r.id === null) {
    th.append(el('span', 'league__company', t('cmp.company')));
    return th;
  }
  const label = nodeLabel(r.id, r.name);
  if (view.openable) {
    const b = el('button', 'linklike', label);
    b.type = 'button';
    b.dataset['open'] = r.id;
    b.title = t('br.open', { name: label });
    th.append(b);
  } else th.append(el('span', '', label));
  if (view.monthlyHref) {
    const a = el('a', 'league__monthly', t('br.monthly_link'));
    a.href = view.monthlyHref(r.id);
    th.append(a);
  }
  return th;
}

/** The median row: the median of the peers' solid values per KPI (a reading aid, not a metric). */
function medianRow(peers: readonly LeagueRow[], kind: Exclude<RowKind, 'company'>): HTMLTableRowElement {
  const tr = el('tr', 'league__median');
  tr.append(el('td', 'num-col'));
  const th = el('th', 'league__name', t('cmp.median', { kind: t(kind === 'branch' ? 'cmp.level.branch' : 'cmp.level.center') }));
  th.scope = 'row';
  tr.append(th, el('td', 'num-col'));
  for (const k of HEADLINE_KPIS) {
    const vals = peers.flatMap((p) => {
      const c = p.cells[k.id]!;
      return c.num !== null && !c.low ? [c.num] : [];
    });
    const m = median(vals);
    const kind = display(k.id).kind;
    // A median of money texts is a number: shown (and exported) to the cent.
    const shown = kind === 'money' && m !== null ? m.toFixed(2) : m;
    const td = el('td', 'num-col num', formatValue(shown, kind));
    td.setAttribute('data-csv', String(csvValue(shown, kind) ?? ''));
    td.dataset['kpi'] = k.id;
    td.dataset['median'] = m === null ? 'null' : String(m);
    tr.append(td);
  }
  tr.append(el('td', 'num-col'));
  return tr;
}

/** Fill the league's body: the company row, the peers' median, then the peers sorted. */
export function renderLeague(table: HTMLTableElement, rows: readonly LeagueRow[], view: LeagueView): void {
  const company = rows.find((r) => r.kind === 'company');
  const peers = rows.filter((r) => r.kind === view.kind);
  const sorted = sortRows(peers, view.sort, view.dir);
  const body = table.tBodies[0]!;
  const line = (r: LeagueRow): HTMLTableRowElement => {
    const tr = el('tr', r.kind === 'company' ? 'league__company-row' : '');
    if (r.id) tr.dataset['branch'] = r.id;
    if (r.id && r.id === view.selected) tr.classList.add('is-selected');
    const rank = rankOf(r, view.sort, rows);
    const rk = el('td', 'num-col num league__rank', rank === null ? (r.kind === 'company' ? '' : '—') : String(rank));
    tr.append(rk, nameCell(r, view));
    const vol = el('td', 'num-col num league__volume', formatCount(r.volume));
    vol.dataset['value'] = rawValue(r.volume);
    tr.append(vol);
    for (const k of HEADLINE_KPIS) tr.append(kpiCell(k, r.cells[k.id]!, view.config));
    const met = el('td', 'num-col num league__met', r.judged > 0 ? `${r.met}/${r.judged}` : '—');
    tr.append(met);
    return tr;
  };
  body.replaceChildren(...(company ? [line(company)] : []), medianRow(peers, view.kind), ...sorted.map(line));
  table.dataset['sort'] = view.sort;
  table.dataset['dir'] = view.dir;
  for (const th of table.querySelectorAll<HTMLElement>('thead [data-col]')) {
    const on = th.dataset['col'] === view.sort;
    th.setAttribute('aria-sort', on ? (view.dir === 'asc' ? 'ascending' : 'descending') : 'none');
    th.classList.toggle('is-sorted', on);
  }
}

/** The league as CSV rows in the order shown: rank, branch, volume, each KPI (low-confidence marked *), targets met. */
export function leagueCsvRows(rows: readonly LeagueRow[], view: LeagueView): (string | number | null)[][] {
  const unit = (id: string) => {
    const u = display(id).unit;
    return u ? `（${t(u)}）` : display(id).kind === 'rate' ? '（%）' : '';
  };
  const head = [t('cmp.rank'), t('cmp.branch'), t('cmp.volume'), ...HEADLINE_KPIS.map((k) => `${t(`metric.${k.id}` as MessageId)}${unit(k.id)}`), t('cmp.met')];
  const company = rows.find((r) => r.kind === 'company');
  const peers = sortRows(
    rows.filter((r) => r.kind === view.kind),
    view.sort,
    view.dir,
  );
  const line = (r: LeagueRow) => [
    rankOf(r, view.sort, rows),
    r.id === null ? t('cmp.company') : nodeLabel(r.id, r.name),
    r.volume,
    ...HEADLINE_KPIS.map((k) => {
      const c = r.cells[k.id]!;
      const v = csvValue(c.value, display(k.id).kind);
      return v === null || v === undefined ? null : `${String(v)}${c.low ? '*' : ''}`;
    }),
    r.judged > 0 ? `${r.met}/${r.judged}` : null,
  ];
  return [head, ...(company ? [line(company)] : []), ...peers.map(line)];
}

/** Where a value sits against the median, in words: "优于中位数 ▲2.1个百分点", coloured better / worse. */
function versusMedian(td: HTMLElement, kpi: HeadlineKpi, value: number | null, med: number | null): void {
  if (value === null || med === null) {
    td.textContent = '—';
    return;
  }
  const d = value - med;
  if (Math.abs(d) < 1e-12) {
    td.textContent = t('br.detail.equal');
    return;
  }
  const better = d > 0 === (kpi.better === 'higher');
  td.classList.add(better ? 'trend-better' : 'trend-worse');
  td.textContent = `${t(better ? 'br.detail.better' : 'br.detail.worse')} ${formatDelta(d, display(kpi.id).kind, true)}`;
}

const SVG = 'http://www.w3.org/2000/svg';
const svg = (tag: string, attrs: Record<string, string | number>): SVGElement => {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
};

/** A strip of the peers' values (grey dots), this row's (blue), the median (a tick) and the target (red). */
function strip(kpi: HeadlineKpi, s: ReturnType<typeof standing>[string], target: number | null): SVGElement {
  const W = 220;
  const H = 26;
  const all = [...s.peers.map((p) => p.value), ...(s.value !== null ? [s.value] : []), ...(target !== null ? [target] : [])];
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'strip', role: 'img' });
  if (all.length === 0) return root;
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi === lo) {
    lo -= 1;
    hi += 1;
  }
  // Better to the right, whichever way the KPI runs.
  const x = (v: number) => {
    const f = (v - lo) / (hi - lo);
    return 8 + (kpi.better === 'higher' ? f : 1 - f) * (W - 16);
  };
  root.append(svg('line', { x1: 8, x2: W - 8, y1: H / 2, y2: H / 2, stroke: '#e3e7ec', 'stroke-width': 1 }));
  if (target !== null)
    root.append(svg('line', { x1: x(target), x2: x(target), y1: 3, y2: H - 3, stroke: '#c0392b', 'stroke-width': 1, 'stroke-dasharray': '2 2' }));
  for (const p of s.peers) root.append(svg('circle', { cx: x(p.value), cy: H / 2, r: 3.5, fill: '#b8c0cc', 'fill-opacity': 0.8 }));
  if (s.median !== null) root.append(svg('line', { x1: x(s.median), x2: x(s.median), y1: 4, y2: H - 4, stroke: '#1d2733', 'stroke-width': 1.5 }));
  if (s.value !== null) {
    root.append(svg('circle', { cx: x(s.value), cy: H / 2, r: 5, fill: s.low ? '#ffffff' : '#2a5f8f', stroke: '#2a5f8f', 'stroke-width': 1.5 }));
  }
  return root;
}

/** The standing of `row` among its peers: value, rank of n, the peers' median, the company, a strip. */
export function renderDetail(body: HTMLTableSectionElement, row: LeagueRow, rows: readonly LeagueRow[], config: Config): void {
  const st = standing(row, rows);
  body.replaceChildren(
    ...HEADLINE_KPIS.map((k) => {
      const s = st[k.id]!;
      const kind = display(k.id).kind;
      const tr = el('tr');
      tr.dataset['kpi'] = k.id;
      const th = el('th', '', t(`metric.${k.id}` as MessageId));
      th.scope = 'row';
      const cell = row.cells[k.id]!;
      const v = el('td', `num-col num ${cell.low ? 'is-low' : cell.status ? `status-${cell.status}` : ''}`, formatValue(cell.value, kind));
      v.dataset['value'] = rawValue(cell.value);
      if (cell.low) v.append(el('sup', 'low-mark', '*'));
      const rank = el('td', 'num-col num', s.rank === null ? '—' : t('br.detail.rank_of', { r: s.rank, n: s.ranked }));
      const med = el('td', 'num-col num', formatValue(s.median, kind));
      med.dataset['value'] = s.median === null ? 'null' : String(s.median);
      const comp = el('td', 'num-col num', formatValue(s.company, kind));
      const vs = el('td', 'detail-table__vs');
      if (cell.low) vs.textContent = t('cmp.low.title', { n: formatCount(cell.cases), min: config.min_cases });
      else versusMedian(vs, k, s.value, s.median);
      const sp = el('td', 'detail-table__spread');
      const target = config.targets[k.id];
      sp.append(strip(k, s, target?.min ?? target?.max ?? null));
      tr.append(th, v, rank, med, comp, vs, sp);
      return tr;
    }),
  );
}

/** One mini trend: a node, its points and its latest value. */
export interface MultipleItem {
  id: string;
  name: string | null;
  latest: { month: string; value: unknown; low: boolean; status: string | null } | null;
}

/** Cards by node id, kept when they leave the page (another level) so their charts are reused. */
const cardCache = new Map<string, HTMLElement>();

/**
 * The small multiples' cards (one per node, kept across re-renders so the charts are reused); returns
 * each node's chart element.
 */
export function layoutMultiples(container: HTMLElement, items: readonly MultipleItem[], kpiId: string): Map<string, HTMLElement> {
  const kind = display(kpiId).kind;
  const charts = new Map<string, HTMLElement>();
  const cards = items.map((it) => {
    let card = cardCache.get(it.id);
    if (!card) {
      card = el('figure', 'card multiple');
      card.dataset['node'] = it.id;
      const cap = el('figcaption', 'multiple__head');
      cap.append(el('span', 'multiple__name'), el('span', 'multiple__latest num'));
      const chart = el('div', 'multiple__chart');
      chart.setAttribute('role', 'img');
      card.append(cap, chart);
      cardCache.set(it.id, card);
    }
    card.querySelector('.multiple__name')!.textContent = nodeLabel(it.id, it.name);
    const latest = card.querySelector<HTMLElement>('.multiple__latest')!;
    latest.className = `multiple__latest num ${it.latest?.low ? 'is-low' : it.latest?.status ? `status-text-${it.latest.status}` : ''}`;
    latest.textContent = it.latest ? t('br.latest', { m: monthLabel(it.latest.month), v: formatValue(it.latest.value, kind) }) : '—';
    const chart = card.querySelector<HTMLElement>('.multiple__chart')!;
    chart.setAttribute('aria-label', `${nodeLabel(it.id, it.name)} · ${t(`metric.${kpiId}` as MessageId)}`);
    charts.set(it.id, chart);
    return card;
  });
  container.replaceChildren(...cards);
  return charts;
}

/** Is `id` a headline KPI (with a direction), or only a volume? */
export const isHeadline = (id: string): boolean => KPI_BY_ID.has(id);
