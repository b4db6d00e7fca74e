/**
 * The month's change explained on the page (ExplainPanel.astro): a KPI card's 环比 / 同比 of the four
 * explained rates opens it — the waterfall (ECharts, src/lib/charts/waterfall.ts) from the comparison
 * month's rate to this month's and the table of weights, rates and both effects in percentage points; a
 * switch between branch and service type; a branch's bar (or its name in the table) opens that branch's
 * report. The numbers are the rows of queries/explain/shift-share.sql (report/explain.ts), only formatted.
 */
import { formatRate } from '../../lib/format.ts';
import { has, monthLabel, t } from '../../lib/i18n/index.ts';
import { waterfallBars, waterfallOption, type WaterfallText } from '../../lib/charts/waterfall.ts';
import {
  comparisonMonth,
  EXPLAINED_METRICS,
  type Comparison,
  type Decomposition,
  type Dimension,
  type Explain,
  type ExplainedMetric,
  type ExplainRow,
} from '../../lib/report/explain.ts';
import { betterOf } from '../../lib/metrics.ts';
import { toSearch } from '../../lib/report/selection.ts';
import { metricLabel, type MonthlyData } from './model.ts';

let data: MonthlyData | null = null;
/** The explanation of `data`'s selection; undefined while it computes. */
let explain: Explain | null | undefined;
let open: { metric: ExplainedMetric; cmp: Comparison } | null = null;
let dim: Dimension = 'branch';

const panel = () => document.getElementById('explain-panel')!;
const q = <T extends HTMLElement>(sel: string) => panel().querySelector<T>(sel)!;

/** Signed percentage points, 2 decimals, with a true minus. */
const pp = (x: number) => {
  const s = Math.abs(x * 100).toFixed(2);
  return Number(s) === 0 ? s : `${x < 0 ? '−' : '+'}${s}`;
};
const pct = (x: number | null) => (x === null ? '—' : formatRate(x));

function groupName(d: Dimension, g: string): string {
  if (d === 'branch') {
    const b = data?.branches.find((x) => x.branch_id === g);
    return b?.branch_name ? `${b.branch_name}` : g;
  }
  const k = `enum.service_type.${g}`;
  return has(k) ? t(k) : g;
}

const branchHref = (g: string) => toSearch({ period: data!.period, branch: g });

function cell(tr: HTMLTableRowElement, text: string, num = true, tag: 'td' | 'th' = 'td'): HTMLTableCellElement {
  const c = document.createElement(tag);
  c.textContent = text;
  if (num) c.className = 'num';
  tr.append(c);
  return c;
}

function renderTable(d: Decomposition): void {
  const table = q<HTMLTableElement>('[data-explain-table]');
  const head = document.createElement('tr');
  for (const k of ['group', 'weight_then', 'weight_now', 'rate_then', 'rate_now', 'rate_effect', 'mix_effect', 'total'] as const) {
    cell(head, t(`explain.col.${k}`), k !== 'group', 'th').scope = 'col';
  }
  (table.tHead ?? table.createTHead()).replaceChildren(head);
  const body = table.tBodies[0] ?? table.createTBody();
  body.replaceChildren(
    ...d.rows.map((r: ExplainRow) => {
      const tr = document.createElement('tr');
      tr.dataset['group'] = r.group;
      const name = cell(tr, '', false);
      if (dim === 'branch') {
        const a = document.createElement('a');
        a.href = branchHref(r.group);
        a.textContent = groupName(dim, r.group);
        a.dataset['branchLink'] = r.group;
        name.append(a);
      } else name.textContent = groupName(dim, r.group);
      cell(tr, pct(r.weight_then));
      cell(tr, pct(r.weight_now));
      cell(tr, pct(r.rate_then));
      cell(tr, pct(r.rate_now));
      cell(tr, pp(r.rate_effect)).dataset['value'] = String(r.rate_effect);
      cell(tr, pp(r.mix_effect)).dataset['value'] = String(r.mix_effect);
      cell(tr, pp(r.rate_effect + r.mix_effect));
      return tr;
    }),
  );
  const foot = document.createElement('tr');
  foot.className = 'row-total';
  cell(foot, t('table.total'), false);
  cell(foot, pct(1));
  cell(foot, pct(1));
  cell(foot, pct(d.then));
  cell(foot, pct(d.now));
  cell(foot, pp(d.rows.reduce((s, r) => s + r.rate_effect, 0)));
  cell(foot, pp(d.rows.reduce((s, r) => s + r.mix_effect, 0)));
  cell(foot, pp(d.now - d.then));
  (table.tFoot ?? table.createTFoot()).replaceChildren(foot);
}

async function renderChart(d: Decomposition, text: WaterfallText, metric: ExplainedMetric): Promise<void> {
  const el = q<HTMLElement>('[data-explain-chart]');
  const bars = waterfallBars(d, text);
  const [{ showChart }, echarts] = await Promise.all([import('../../components/chart-mount.ts'), import('echarts/core')]);
  showChart(el, waterfallOption(bars, text, betterOf(metric) === 'lower' ? 'lower' : 'higher'));
  el.setAttribute(
    'aria-label',
    `${text.title}：${bars.map((b) => `${b.label} ${b.kind === 'end' ? b.value.toFixed(1) + '%' : pp(b.value / 100)}`).join('，')}`,
  );
  el.dataset['bars'] = JSON.stringify(bars.map((b) => ({ label: b.label, group: b.group, value: b.value })));
  const chart = echarts.getInstanceByDom(el);
  // Print: the SVG is drawn at the screen width; a viewBox lets it scale to the paper (explain.css).
  const fit = () => {
    const svg = el.querySelector('svg');
    if (svg && chart) {
      svg.setAttribute('viewBox', `0 0 ${chart.getWidth()} ${chart.getHeight()}`);
      svg.setAttribute('preserveAspectRatio', 'xMinYMin meet');
    }
  };
  fit();
  chart?.off('finished');
  chart?.on('finished', fit);
  chart?.off('click');
  chart?.on('click', (p: { dataIndex?: number }) => {
    const g = bars[p.dataIndex ?? -1]?.group;
    if (g && dim === 'branch') location.href = branchHref(g);
  });
}

/** Draw what is open (if anything) from the current data. */
function render(): void {
  const p = panel();
  if (!open || !data) {
    p.hidden = true;
    return;
  }
  p.hidden = false;
  const { metric, cmp } = open;
  const label = metricLabel(metric);
  q('[data-explain-title]').textContent = t('explain.title', { metric: label, cmp: t(cmp === 'mom' ? 'monthly.mom' : 'monthly.yoy') });
  for (const b of p.querySelectorAll<HTMLElement>('[data-explain-dim]')) b.setAttribute('aria-pressed', String(b.dataset['explainDim'] === dim));
  p.dataset['metric'] = metric;
  p.dataset['cmp'] = cmp;
  p.dataset['dim'] = dim;
  const none = q('[data-explain-none]');
  const d = explain?.[metric][cmp]?.[dim] ?? null;
  const chartEl = q<HTMLElement>('[data-explain-chart]');
  const table = q<HTMLTableElement>('[data-explain-table]');
  if (!d) {
    none.hidden = false;
    none.textContent = t(explain === undefined ? 'explain.loading' : 'explain.none');
    chartEl.hidden = true;
    table.hidden = true;
    q('[data-explain-note]').textContent = '';
    p.dataset['ready'] = explain === undefined ? '0' : '1';
    return;
  }
  none.hidden = true;
  chartEl.hidden = false;
  table.hidden = false;
  const then = monthLabel(comparisonMonth(data.period, cmp));
  const now = monthLabel(data.period);
  const text: WaterfallText = {
    title: `${label} · ${t(('explain.dim.' + dim) as 'explain.dim.branch')}`,
    subtitle: t('explain.subtitle', { then, now }),
    then,
    now,
    rest: (n) => t('explain.rest', { n }),
    name: (g) => groupName(dim, g),
  };
  renderTable(d);
  q('[data-explain-note]').textContent = t('explain.note', { change: pp(d.now - d.then) });
  p.dataset['ready'] = '0';
  void renderChart(d, text, metric).then(() => {
    p.dataset['ready'] = '1';
  });
}

/** Called when the panel opens on a selection whose explanation was not asked for yet (computed on demand). */
let onDemand: (() => void) | null = null;
export function whenOpened(f: (() => void) | null): void {
  onDemand = f;
}

/** Open the explanation of `metric` against `cmp`. */
export function openExplain(metric: ExplainedMetric, cmp: Comparison): void {
  open = { metric, cmp };
  if (explain === undefined && onDemand) {
    const f = onDemand;
    onDemand = null;
    f();
  }
  render();
  panel().scrollIntoView({ block: 'start' });
}

/** New figures on the page (explanation null = cannot be computed, undefined = still computing). */
export function setExplainData(d: MonthlyData, x: Explain | null | undefined): void {
  data = d;
  explain = x;
  render();
}

/** Make the 环比 / 同比 of the explained rates' KPI cards open the panel; wire its controls (once). */
export function wireExplain(): void {
  for (const metric of EXPLAINED_METRICS) {
    for (const cmp of ['mom', 'yoy'] as const) {
      const dd = document.querySelector<HTMLElement>(`[data-kpi="${metric}"] [data-delta="${cmp}"]`);
      if (!dd) continue;
      dd.classList.add('delta--explain');
      dd.tabIndex = 0;
      dd.setAttribute('role', 'button');
      dd.title = t('explain.open');
      dd.dataset['explain'] = `${metric}|${cmp}`;
      const go = () => openExplain(metric, cmp);
      dd.addEventListener('click', go);
      dd.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          go();
        }
      });
    }
  }
  for (const b of panel().querySelectorAll<HTMLElement>('[data-explain-dim]')) {
    b.addEventListener('click', () => {
      dim = b.dataset['explainDim'] as Dimension;
      render();
    });
  }
  q('[data-explain-close]').addEventListener('click', () => {
    open = null;
    render();
  });
}

/** Re-translate (language switch): the panel is re-drawn from the same numbers. */
export function refreshExplain(): void {
  for (const dd of document.querySelectorAll<HTMLElement>('[data-explain]')) dd.title = t('explain.open');
  render();
}
