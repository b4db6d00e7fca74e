/**
 * The drafted 综述 of the monthly report: a paragraph written by rules from the report's own figures —
 * volume, targets met and missed, the four explained rates with their month-on-month and year-on-year
 * changes and main contributors (the change explained, report/explain.ts), complaints to chase (催办) and
 * where they wait, the three lowest-rated technicians, cost per completed order against last month.
 * DOM-free and pure: every number in the text is a figure of the input, formatted, never recomputed —
 * except a change, which is the presentation subtraction of two figures (rates in percentage points,
 * money in exact cents), as on the KPI cards. A figure that is null (not measured) leaves its sentence out.
 */
import type { Target } from '../config.ts';
import type { Row } from '../db/types.ts';
import { formatCount, formatMoney, formatValue } from '../format.ts';
import { has, monthLabel, t, type Lang } from '../i18n/index.ts';
import { numeric, targetStatus } from '../kpis.ts';
import { display, HEADLINE_CARDS as HEADLINE } from '../metrics.ts';
import { EXPLAINED_METRICS, type Decomposition, type Explain, type ExplainedMetric, type ExplainRow } from '../report/explain.ts';
import { LOW_TECH_MIN_RESPONSES } from '../report/monthly-sections.ts';
import type { Metrics } from '../report/types.ts';
import { PHRASES, type Contributor, type Direction, type Miss } from './phrases.ts';

/** What the summary is drafted from: the report's own data for one selection and month. */
export interface SummaryInput {
  /** "YYYY-MM". */
  period: string;
  /** The selected branch, null = the whole company. */
  branch: string | null;
  /** Branch names by id (a branch without one is called by its id). */
  branchNames: Record<string, string>;
  current: { metrics: Metrics; tables: Record<string, Row[]> };
  /** The month before and the same month a year before; null when the data has no such month. */
  previous: { metrics: Metrics } | null;
  lastYear: { metrics: Metrics } | null;
  targets: Record<string, Target>;
  /** The month's change explained; null when not computed. */
  explain: Explain | null;
}

/** How the contributors name a rate (the short word after a group: "上海分公司准时率下降"). */
const SHORT: Record<Lang, Record<ExplainedMetric, string>> = {
  zh: { 'response.on_time_rate': '准时率', 'resolution.same_day_rate': '当日完工率', 'repeat.rate': '重复维修率', 'report.completeness_rate': '报告完整率' },
  en: { 'response.on_time_rate': 'on-time', 'resolution.same_day_rate': 'same-day', 'repeat.rate': 'repeats', 'report.completeness_rate': 'complete reports' },
};

/** Workflow steps in their order (where overdue complaints wait, listed by count then this order). */
const STEPS = ['sales_intake', 'gm_office', 'quality', 'manufacturing', 'rnd', 'sales_negotiation', 'gm_review'];

const MINUS = '−';
const dirOf = (x: number): Direction => (x > 0 ? 'up' : x < 0 ? 'down' : 'flat');

/** A change of a rate in percentage points, 1 decimal: direction and unsigned text; flat when it shows as 0.0. */
function ppChange(cur: unknown, base: unknown): { dir: Direction; pp: string; abs: number } | null {
  const a = numeric(cur);
  const b = numeric(base);
  if (a === null || b === null) return null;
  const d = (a - b) * 100;
  const pp = Math.abs(d).toFixed(1);
  return { dir: Number(pp) === 0 ? 'flat' : dirOf(d), pp, abs: Math.abs(d) };
}

/** A signed contribution in percentage points, 2 decimals ("−0.40", "+0.12"). */
function signedPp(x: number): string {
  const s = Math.abs(x * 100).toFixed(2);
  return Number(s) === 0 ? s : `${x < 0 ? MINUS : '+'}${s}`;
}

/** "12.34" → 1234n (exact). */
function cents(v: unknown): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(v ?? '').trim());
  if (!m) return null;
  const c = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -c : c;
}
const centsText = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;

/** The name of a group of a dimension in `lang`. */
function groupName(input: SummaryInput, dim: 'branch' | 'service_type', group: string, lang: Lang): string {
  if (dim === 'branch') return input.branchNames[group] || group;
  const k = `enum.service_type.${group}`;
  return has(k) ? t(k, {}, lang) : group;
}

/**
 * The main contributor of a split, when it has two groups or more: the largest row (the rows come
 * ordered by size) that moved the rate the way it went (`dir`) — a group pulling against the change
 * did not cause it.
 */
function contributor(input: SummaryInput, dim: 'branch' | 'service_type', d: Decomposition | undefined, dir: Direction, lang: Lang): Contributor | null {
  if (!d || d.rows.length < 2) return null;
  const r: ExplainRow | undefined = d.rows.find((x) => dirOf(x.rate_effect + x.mix_effect) === dir);
  if (!r) return null;
  const total = r.rate_effect + r.mix_effect;
  const pp = signedPp(total);
  if (Number(pp) === 0) return null;
  const how: Contributor['how'] =
    r.rate_then === null ? 'new' : r.rate_now === null ? 'gone' : Math.abs(r.rate_effect) >= Math.abs(r.mix_effect) ? 'rate' : 'mix';
  const moved = how === 'rate' ? dirOf(r.rate_now! - r.rate_then!) : how === 'mix' ? dirOf(r.weight_now - r.weight_then) : how === 'new' ? 'up' : 'down';
  return { group: groupName(input, dim, r.group, lang), how, dir: moved, pp };
}

/** "≥ 95.0%", "≤ ¥120.00", "90.0%–100.0%". */
function targetText(target: Target, kind: ReturnType<typeof display>['kind']): string {
  const f = (v: number) => formatValue(kind === 'money' ? v.toFixed(2) : v, kind);
  if (target.min !== undefined && target.max !== undefined) return `${f(target.min)}–${f(target.max)}`;
  return target.min !== undefined ? `≥ ${f(target.min)}` : `≤ ${f(target.max!)}`;
}

/** The drafted 综述 of `input` in `lang`, as one paragraph. */
export function draftSummary(input: SummaryInput, lang: Lang): string {
  const p = PHRASES[lang];
  const m = input.current.metrics;
  const label = (id: string) => (has(`metric.${id}`) ? t(`metric.${id}` as never, {}, lang) : id);
  const out: string[] = [];

  const scope = input.branch === null ? t('select.company', {}, lang) : input.branchNames[input.branch] || input.branch;
  if (numeric(m['orders.received']) !== null) {
    out.push(p.opening(monthLabel(input.period, lang), scope, formatCount(m['orders.received']), formatCount(m['orders.completed'] ?? 0)));
  }

  // Targets met and missed, over the headline figures that have a target and a value.
  const judged = HEADLINE.filter((id) => input.targets[id] && numeric(m[id]) !== null).map((id) => ({
    id,
    status: targetStatus(numeric(m[id]), input.targets[id]),
  }));
  const rated = judged.filter((j) => j.status !== null);
  if (rated.length) {
    const misses: Miss[] = rated
      .filter((j) => j.status === 'missed')
      .map((j) => ({ label: label(j.id), value: formatValue(m[j.id], display(j.id).kind), target: targetText(input.targets[j.id]!, display(j.id).kind) }));
    const n = (s: string) => rated.filter((j) => j.status === s).length;
    out.push(p.targets(n('met'), n('near'), n('missed'), misses));
  } else if (Object.keys(input.targets).length === 0) out.push(p.noTargets());

  // The explained rates, the biggest month-on-month move first.
  const rates = EXPLAINED_METRICS.filter((id) => numeric(m[id]) !== null).map((id) => ({
    id,
    mom: input.previous ? ppChange(m[id], input.previous.metrics[id]) : null,
    yoy: input.lastYear ? ppChange(m[id], input.lastYear.metrics[id]) : null,
  }));
  rates.sort((a, b) => (b.mom?.abs ?? -1) - (a.mom?.abs ?? -1));
  for (const r of rates) {
    const x = input.explain?.[r.id]?.mom ?? null;
    const by =
      r.mom && r.mom.dir !== 'flat' && x
        ? [contributor(input, 'branch', x.branch, r.mom.dir, lang), contributor(input, 'service_type', x.service_type, r.mom.dir, lang)].filter(
            (c): c is Contributor => c !== null,
          )
        : [];
    out.push(p.rate(label(r.id), formatValue(m[r.id], 'rate'), r.mom, by, SHORT[lang][r.id], r.yoy));
  }

  // Complaints to chase (催办) and the steps they wait at.
  const overdue = numeric(m['complaints.open_overdue']);
  if (overdue !== null) {
    if (overdue === 0) out.push(p.noUrge());
    else {
      const counts = new Map<string | null, number>();
      for (const row of input.current.tables['overdue'] ?? []) {
        if (row['kind'] !== 'urge') continue;
        const s = (row['step'] as string | null) ?? null;
        counts.set(s, (counts.get(s) ?? 0) + 1);
      }
      const rank = (s: string | null) => (s === null ? STEPS.length + 1 : STEPS.includes(s) ? STEPS.indexOf(s) : STEPS.length);
      const steps = [...counts]
        .sort((a, b) => b[1] - a[1] || rank(a[0]) - rank(b[0]) || String(a[0]).localeCompare(String(b[0])))
        .map(([s, n]) => ({ step: s === null ? p.noStep() : has(`monthly.step.${s}`) ? t(`monthly.step.${s}` as never, {}, lang) : s, n }));
      out.push(p.urge(overdue, steps));
    }
  }

  // The three lowest-rated technicians (enough responses to judge; overall mean, then id).
  const low = (input.current.tables['technician_satisfaction'] ?? [])
    .filter((r) => typeof r['responses'] === 'number' && r['responses'] >= LOW_TECH_MIN_RESPONSES && typeof r['overall_mean'] === 'number')
    .sort((a, b) => (a['overall_mean'] as number) - (b['overall_mean'] as number) || String(a['technician_id']).localeCompare(String(b['technician_id'])))
    .slice(0, 3);
  if (low.length) out.push(p.lowTech(low.map((r) => ({ name: String(r['name'] ?? r['technician_id']), score: (r['overall_mean'] as number).toFixed(2) }))));

  // Cost per completed order against last month, exact in cents.
  const cost = cents(m['cost.per_completed_order']);
  if (cost !== null) {
    const before = input.previous ? cents(input.previous.metrics['cost.per_completed_order']) : null;
    const d = before === null ? null : cost - before;
    out.push(
      p.cost(formatMoney(m['cost.per_completed_order']), d === null ? null : { dir: dirOf(Number(d)), amount: formatMoney(centsText(d < 0n ? -d : d)) }),
    );
  }
  return out.join(lang === 'zh' ? '' : ' ');
}
