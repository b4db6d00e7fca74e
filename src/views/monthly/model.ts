/**
 * The monthly report's view model (pure: reports in, display values out): comparison deltas, target
 * status, the branches of the selection, chart specs. Nothing here computes a metric — a delta is the
 * presentation subtraction of two values the SQL computed for two months; money is subtracted in exact
 * integer cents.
 */
import type { ChartSpec } from '../../lib/charts/spec.ts';
import { CHART_COLORS } from '../../lib/charts/spec.ts';
import type { Config, Target } from '../../lib/config.ts';
import { has, monthLabel, t } from '../../lib/i18n/index.ts';
import type { Metrics, Report } from '../../lib/report/types.ts';
import { targetStatus, type TargetStatus } from '../../lib/kpis.ts';
import { formatCount, formatMoney, formatNumber, formatValue, type ValueKind } from '../../lib/format.ts';
import { betterOf as catalogueBetter, display, SERVICE_TYPES, CHARGE_CLASSES, COST_CATEGORIES, type Better } from '../../lib/metrics.ts';
import type { BranchChoice } from '../../lib/report/selection.ts';
import { PROMISES, SATISFACTION_ITEMS } from '../../lib/report/monthly-sections.ts';
import { notMeasuredAll } from '../shell/not-measured.ts';
import { callsByHourSpec, callsByKindSpec } from './calls-charts.ts';

export { targetStatus, type TargetStatus };

/** A month's report as computeReport returns it. */
export type MonthReport = Omit<Report, 'rejected' | 'orphans'>;

/** Everything the page shows for one selection. */
export interface MonthlyData {
  period: string;
  branch: string | null;
  current: MonthReport;
  /** The month before; null when the data has no such month. */
  previous: MonthReport | null;
  /** The same month a year earlier; null when the data has no such month. */
  lastYear: MonthReport | null;
  config: Config;
  branches: BranchChoice[];
}

/** A value as a number (money texts too), for geometry and comparisons; null when there is none. */
export function numeric(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
}

/** "1234.5" → 123450 cents (exact, from the text). */
function cents(v: string): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(v.trim());
  if (!m) return null;
  const c = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -c : c;
}

/** 123450n → "1234.50". */
function centsText(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** How a change reads: better, worse, no change, or neutral (a metric with no good direction). */
export type Tone = 'better' | 'worse' | 'flat' | 'neutral';

export interface Delta {
  /** The difference as a number (percentage points for rates), for tests and arrows; null = no comparison. */
  diff: number | null;
  /** Shown text, e.g. "+1.2 个百分点", "−¥1,234.50", "+56（+3.2%）"; "—" when there is no comparison. */
  text: string;
  tone: Tone | null;
}

const MINUS = '−';
const signed = (s: string, negative: boolean, zero: boolean): string => (zero ? s : negative ? `${MINUS}${s}` : `+${s}`);

/**
 * The change from `base` to `cur` for a metric shown as `kind`: rates in percentage points (1 decimal),
 * money exact to the cent, counts with their relative change, other numbers on their display precision.
 */
export function delta(cur: unknown, base: unknown, kind: ValueKind, better: Better | undefined): Delta {
  const none: Delta = { diff: null, text: '—', tone: null };
  if (cur === null || cur === undefined || base === null || base === undefined) return none;
  let diff: number;
  let text: string;
  let zero: boolean;
  if (kind === 'money') {
    const a = cents(String(cur));
    const b = cents(String(base));
    if (a === null || b === null) return none;
    const d = a - b;
    diff = Number(d) / 100;
    zero = d === 0n;
    text = signed(formatMoney(centsText(d < 0n ? -d : d)), d < 0n, zero);
  } else {
    const a = numeric(cur);
    const b = numeric(base);
    if (a === null || b === null) return none;
    if (kind === 'rate') {
      diff = (a - b) * 100;
      const shown = Math.abs(diff).toFixed(1);
      zero = Number(shown) === 0;
      text = `${signed(shown, diff < 0, zero)} ${t('monthly.pp')}`;
    } else if (kind === 'count') {
      diff = a - b;
      zero = diff === 0;
      const rel = b !== 0 ? `（${signed(`${Math.abs((diff / b) * 100).toFixed(1)}%`, diff < 0, zero)}）` : '';
      text = signed(formatCount(Math.abs(diff)), diff < 0, zero) + rel;
    } else {
      diff = a - b;
      const digits = kind === 'hours' ? 1 : 2;
      const shown = formatNumber(Math.abs(diff), digits, kind === 'number' ? 0 : digits);
      zero = Number(Math.abs(diff).toFixed(digits)) === 0;
      text = signed(shown, diff < 0, zero);
    }
  }
  if (zero) return { diff, text: t('monthly.flat'), tone: 'flat' };
  const tone: Tone = better === undefined ? 'neutral' : diff > 0 === (better === 'higher') ? 'better' : 'worse';
  return { diff, text, tone };
}

/** Good direction of a metric: its target's (min → higher, max → lower), else the catalogue's. */
export function betterOf(metric: string, target: Target | undefined): Better | undefined {
  if (target?.min !== undefined && target.max === undefined) return 'higher';
  if (target?.max !== undefined && target.min === undefined) return 'lower';
  return catalogueBetter(metric);
}

/** The target as text: "≥ 95.0%", "≤ 1.00", "90.0%–100.0%"; null without one. */
export function targetText(target: Target | undefined, kind: ValueKind): string | null {
  if (!target || (target.min === undefined && target.max === undefined)) return null;
  const f = (v: number) => formatValue(kind === 'money' ? v.toFixed(2) : v, kind);
  if (target.min !== undefined && target.max !== undefined) return `${f(target.min)}–${f(target.max)}`;
  return target.min !== undefined ? `≥ ${f(target.min)}` : `≤ ${f(target.max!)}`;
}

/** Red / amber / green of a metric's value against its config target (docs/metrics.md#configuration), null without a target or value. */
export function statusOf(metric: string, value: unknown, config: Config): TargetStatus | null {
  return targetStatus(numeric(value), config.targets[metric]);
}

/** A row of a by-branch table: a branch of the selection, indented under its centre. */
export interface ScopeRow {
  branch_id: string;
  label: string;
  /** 0 = directly under the selection. */
  depth: number;
  /** Has branches below it: its row combines them (roll-up). */
  group: boolean;
}

/** "B01 上海分公司", or the id alone when branches.csv does not name it. */
export const branchName = (b: BranchChoice | undefined, id: string): string => (b?.branch_name ? `${id} ${b.branch_name}` : id);

/**
 * The branches of a selection, in tree order: for the whole company every branch except a single root
 * (the head office: its row would repeat the total); for a centre, the branches below it; for a leaf
 * branch, none. Ids with no place in the tree (used by rows, missing from branches.csv) are listed for
 * the company.
 */
export function scopeRows(branches: readonly BranchChoice[], selected: string | null): ScopeRow[] {
  const children = new Map<string, string[]>();
  for (const b of branches) if (b.parent_id) (children.get(b.parent_id) ?? children.set(b.parent_id, []).get(b.parent_id)!).push(b.branch_id);
  const byId = new Map(branches.map((b) => [b.branch_id, b]));
  const out: ScopeRow[] = [];
  const walk = (id: string, depth: number) => {
    for (const c of children.get(id) ?? []) {
      out.push({ branch_id: c, label: branchName(byId.get(c), c), depth, group: (children.get(c)?.length ?? 0) > 0 });
      walk(c, depth + 1);
    }
  };
  if (selected !== null) {
    walk(selected, 0);
    return out;
  }
  const roots = branches.filter((b) => !b.parent_id || !byId.has(b.parent_id));
  const treeRoots = roots.filter((r) => (children.get(r.branch_id)?.length ?? 0) > 0);
  for (const r of roots) {
    if (treeRoots.length === 1 && r === treeRoots[0]) walk(r.branch_id, 0);
    else {
      out.push({ branch_id: r.branch_id, label: branchName(r, r.branch_id), depth: 0, group: (children.get(r.branch_id)?.length ?? 0) > 0 });
      walk(r.branch_id, 1);
    }
  }
  return out;
}

/** The name of the selection for titles: "全公司" or "C1 华东服务中心". */
export function selectionName(branches: readonly BranchChoice[], branch: string | null): string {
  return branch === null
    ? t('select.company')
    : branchName(
        branches.find((b) => b.branch_id === branch),
        branch,
      );
}

/** The scope line under the title (the roll-up said in words). */
export function scopeText(branches: readonly BranchChoice[], branch: string | null): string {
  if (branch === null) return t('monthly.scope.company');
  const below = scopeRows(branches, branch).filter((r) => !r.group).length;
  const name = selectionName(branches, branch);
  return below > 0 ? t('monthly.scope.rollup', { name, n: below }) : t('monthly.scope.branch', { name });
}

/** Metric label (the dictionary's, or the id). */
export const metricLabel = (id: string): string => {
  const k = `metric.${id}`;
  return has(k) ? t(k) : id;
};

/** The unit line of a chart of `kind`. */
function unitLine(kind: ValueKind, metric?: string): string {
  const unit =
    kind === 'rate'
      ? t('monthly.unit.percent')
      : kind === 'money'
        ? t('monthly.unit.yuan')
        : metric && display(metric).unit
          ? t(display(metric).unit!)
          : metric?.startsWith('complaints.') && kind === 'count'
            ? t('monthly.unit.items')
            : kind === 'count'
              ? t('unit.count')
              : '';
  return unit ? t('monthly.chart.unit', { unit }) : '';
}

/** A chart's empty text: which input is missing when none of `metrics` is measured, else "no data". */
const emptyText = (metrics: readonly string[] = []) => notMeasuredAll(metrics) ?? t('chart.empty');

/** The months of a comparison chart, oldest first, with their reports (a missing month is left out). */
function periodColumns(data: MonthlyData): { label: string; metrics: Metrics; color: string }[] {
  const cols: { label: string; metrics: Metrics; color: string }[] = [];
  if (data.lastYear) cols.push({ label: t('monthly.col.last_year'), metrics: data.lastYear.metrics, color: CHART_COLORS.lastYear });
  if (data.previous) cols.push({ label: t('monthly.col.last_month'), metrics: data.previous.metrics, color: CHART_COLORS.previous });
  cols.push({ label: t('monthly.col.this_month'), metrics: data.current.metrics, color: CHART_COLORS.current });
  return cols;
}

/** Breakdown of orders received by service type or charge class (this month). */
export function breakdownSpec(data: MonthlyData, metric: 'orders.by_type' | 'orders.by_class'): ChartSpec {
  const keys = metric === 'orders.by_type' ? SERVICE_TYPES : CHARGE_CLASSES;
  const enumOf = metric === 'orders.by_type' ? 'service_type' : 'charge_class';
  const o = (data.current.metrics[metric] ?? {}) as Record<string, unknown>;
  return {
    id: metric,
    type: 'column',
    title: t(metric === 'orders.by_type' ? 'chart.by_type' : 'chart.by_class'),
    subtitle: unitLine('count'),
    kind: 'count',
    categories: keys.map((k) => {
      const id = `enum.${enumOf}.${k}`;
      return has(id) ? t(id) : k;
    }),
    series: [{ name: t('chart.series.received'), values: keys.map((k) => numeric(o[k])), color: CHART_COLORS.current }],
    emptyText: emptyText(),
  };
}

/** The four promises: this month against the comparison months, each with its target. */
export function promisesSpec(data: MonthlyData): ChartSpec {
  const cols = periodColumns(data);
  const targets = PROMISES.map((id) => data.config.targets[id]?.min ?? null);
  return {
    id: 'promises',
    type: 'column',
    title: t('monthly.chart.promises'),
    subtitle: unitLine('rate'),
    kind: 'rate',
    categories: PROMISES.map((id) => t(`monthly.short.${id}`)),
    series: cols.map((c) => ({ name: c.label, values: PROMISES.map((id) => numeric(c.metrics[id])), color: c.color })),
    categoryTargets: targets.some((v) => v !== null) ? { values: targets, label: t('monthly.chart.target') } : null,
    emptyText: emptyText(PROMISES),
  };
}

/** The leaf branches of the selection (the bars of a by-branch chart). */
export function leafRows(data: MonthlyData): ScopeRow[] {
  return scopeRows(data.branches, data.branch).filter((r) => !r.group);
}

/** A single target value to draw for a metric (min or max), null without one. */
function targetLine(metric: string, config: Config): ChartSpec['target'] {
  const tg = config.targets[metric];
  const v = tg?.min ?? tg?.max;
  return v === undefined ? null : { value: v, label: t('monthly.chart.target') };
}

/**
 * One metric compared: by branch when the selection has two or more branches (bars down the page,
 * tree order), else this month against the comparison months.
 */
export function metricSpec(data: MonthlyData, metric: string): ChartSpec {
  const kind = display(metric).kind;
  const leaves = leafRows(data);
  const label = metricLabel(metric);
  if (leaves.length >= 2) {
    return {
      id: `branch:${metric}`,
      type: 'bar',
      title: t('monthly.chart.by_branch', { metric: label }),
      subtitle: unitLine(kind, metric),
      kind,
      categories: leaves.map((r) => r.label),
      series: [
        { name: t('monthly.col.this_month'), values: leaves.map((r) => numeric(data.current.by_branch[r.branch_id]?.[metric])), color: CHART_COLORS.current },
      ],
      target: targetLine(metric, data.config),
      emptyText: emptyText([metric]),
    };
  }
  const cols = periodColumns(data);
  return {
    id: `branch:${metric}`,
    type: 'column',
    title: t('monthly.chart.by_period', { metric: label }),
    subtitle: unitLine(kind, metric),
    kind,
    categories: cols.map((c) => c.label),
    series: [{ name: label, values: cols.map((c) => numeric(c.metrics[metric])), color: CHART_COLORS.current }],
    target: targetLine(metric, data.config),
    emptyText: emptyText([metric]),
  };
}

/** The 4-level distributions of the four items, stacked (counts of ratings, this month). */
export function distributionSpec(data: MonthlyData): ChartSpec {
  const dist = (item: string) => (data.current.metrics[`satisfaction.${item}_distribution`] ?? {}) as Record<string, unknown>;
  return {
    id: 'satisfaction.distribution',
    type: 'bar',
    stacked: true,
    title: t('monthly.chart.distribution'),
    subtitle: t('monthly.chart.unit', { unit: t('monthly.unit.ratings') }),
    kind: 'count',
    categories: SATISFACTION_ITEMS.map((i) => metricLabel(`satisfaction.${i}_mean`)),
    series: (['1', '2', '3', '4'] as const).map((level, i) => ({
      name: t(`monthly.level.${level}`),
      values: SATISFACTION_ITEMS.map((item) => numeric(dist(item)[level])),
      color: CHART_COLORS.levels[i]!,
    })),
    emptyText: emptyText(SATISFACTION_ITEMS.map((i) => `satisfaction.${i}_distribution`)),
  };
}

/** The five cost categories stacked, by branch (or by month for a single branch). */
export function costSpec(data: MonthlyData): ChartSpec {
  const leaves = leafRows(data);
  const byBranch = leaves.length >= 2;
  const rows: { label: string; metrics: Metrics | undefined }[] = byBranch
    ? leaves.map((r) => ({ label: r.label, metrics: data.current.by_branch[r.branch_id] }))
    : periodColumns(data).map((c) => ({ label: c.label, metrics: c.metrics }));
  return {
    id: 'cost.composition',
    type: 'bar',
    stacked: true,
    title: t(byBranch ? 'monthly.chart.cost_by_branch' : 'monthly.chart.cost_by_period'),
    subtitle: unitLine('money'),
    kind: 'money',
    categories: rows.map((r) => r.label),
    series: COST_CATEGORIES.map((id, i) => ({
      name: metricLabel(id),
      values: rows.map((r) => numeric(r.metrics?.[id])),
      color: CHART_COLORS.categories[i]!,
    })),
    emptyText: emptyText(COST_CATEGORIES),
  };
}

/** The chart of a section by its id (sections.ts ChartId). */
export function chartSpec(data: MonthlyData, id: string): ChartSpec {
  if (id === 'orders.by_type' || id === 'orders.by_class') return breakdownSpec(data, id);
  if (id === 'promises') return promisesSpec(data);
  if (id === 'satisfaction.distribution') return distributionSpec(data);
  if (id === 'cost.composition') return costSpec(data);
  if (id === 'calls.by_hour') return callsByHourSpec(data);
  if (id === 'calls.by_kind') return callsByKindSpec(data);
  if (id.startsWith('branch:')) return metricSpec(data, id.slice('branch:'.length));
  throw new Error(`unknown chart ${id}`);
}

/** "2026 年 9 月" labels of the comparison months (for table headers' titles). */
export function comparisonLabels(data: MonthlyData): { previous: string; lastYear: string } {
  return {
    previous: data.previous ? monthLabel(data.previous.period) : '—',
    lastYear: data.lastYear ? monthLabel(data.lastYear.period) : '—',
  };
}
