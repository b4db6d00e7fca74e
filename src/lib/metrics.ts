/**
 * The metric catalogue: one entry per metric id that queries/metrics/*.sql outputs (docs/metrics.md
 * defines each). It says how a value is shown (kind, unit), which direction is good, its label, and which
 * pages show it. Every page, chart and export reads it; nothing else lists metrics. Presentation only:
 * the values come out of queries/ (computeReport), nothing here computes a metric.
 */
import type { MessageId } from './i18n/dict.ts';
import type { ValueKind } from './format.ts';

/** Which direction is good. */
export type Better = 'higher' | 'lower';

/** Where the case count behind a league KPI comes from: a report.cases id (the rate's denominator), or a volume metric. */
export type CasesOf = { cases: string } | { metric: string };

/** Pages that show a metric (beyond the monthly sections, see src/lib/report/monthly-sections.ts). */
export interface Shown {
  /** Position of its card among the monthly headline cards (1 = first). */
  monthlyCard?: number;
  /** Position of its card among the annual report's year cards (1 = first). */
  annualCard?: number;
  /** One of the headline KPIs compared across branches (league table, annual report), with its case count. */
  league?: CasesOf;
  /** A row of the annual year-on-year KPI table. */
  annualTable?: true;
}

/** One metric of the catalogue. */
export interface MetricDef {
  /** The metric id, as the SQL's column alias (e.g. `orders.received`). */
  id: string;
  /** How a value is shown; a breakdown's per-key values are counts. */
  kind: ValueKind;
  /** Unit label (null: none, or implied by the kind — ¥ for money, % for rates). */
  unit: MessageId | null;
  /** Good direction (colours changes and ranks); absent = neutral (volumes, amounts). */
  better?: Better;
  /** Its name in the dictionary (`metric.<id>`). */
  label: MessageId;
  /** A breakdown: an object of counts keyed by an enum value, not a scalar. */
  breakdown?: true;
  show: Shown;
}

/** How each metric is displayed: value kind and unit label. */
export interface MetricDisplay {
  kind: ValueKind;
  unit: MessageId | null;
}

type Def = Omit<MetricDef, 'id' | 'label' | 'show'> & { show?: Shown };
const count: Def = { kind: 'count', unit: 'unit.count' };
const money: Def = { kind: 'money', unit: null }; // shown with ¥
const rate: Def = { kind: 'rate', unit: null };
const score: Def = { kind: 'score', unit: 'unit.score' };
const hours: Def = { kind: 'hours', unit: 'unit.hours' };
const breakdown: Def = { kind: 'count', unit: null, breakdown: true };
const up = (d: Def, show: Shown = {}): Def => ({ ...d, better: 'higher', show });
const down = (d: Def, show: Shown = {}): Def => ({ ...d, better: 'lower', show });
const shown = (d: Def, show: Shown): Def => ({ ...d, show });
const cases = (id: string): CasesOf => ({ cases: id });

/** Every metric, in the order of docs/metrics.md (the league and annual tables keep this order). */
const DEFS: Readonly<Record<string, Def>> = {
  'orders.received': shown(count, { monthlyCard: 1, annualCard: 1 }),
  'orders.completed': shown(count, { monthlyCard: 2, annualCard: 2 }),
  'orders.by_type': breakdown,
  'orders.by_class': breakdown,
  'response.on_time_rate': up(rate, { monthlyCard: 5, league: cases('response.on_time_rate'), annualTable: true }),
  'response.p50_hours': down(hours, { annualTable: true }),
  'response.p90_hours': down(hours, { monthlyCard: 6, league: cases('response.p90_hours'), annualTable: true }),
  'response.reply_24h_rate': up(rate, { annualTable: true }),
  'install.within_2d_rate': up(rate, { annualTable: true }),
  'repair.next_day_rate': up(rate, { annualTable: true }),
  'resolution.same_day_rate': up(rate, { monthlyCard: 7, league: cases('resolution.same_day_rate'), annualTable: true }),
  'repeat.rate': down(rate, { monthlyCard: 8, league: cases('repeat.rate'), annualTable: true }),
  'complaints.received': down({ kind: 'count', unit: null }, { annualCard: 3 }),
  'complaints.rate_per_100': down(
    { kind: 'per100', unit: 'unit.per100' },
    { monthlyCard: 9, league: { metric: 'orders.received' }, annualTable: true, annualCard: 4 },
  ),
  'complaints.closed': { kind: 'count', unit: null },
  'complaints.on_time_close_rate': up(rate, { monthlyCard: 10, annualTable: true }),
  'complaints.open_overdue': down({ kind: 'count', unit: null }),
  'satisfaction.coverage': up(rate, { annualTable: true }),
  'satisfaction.response_rate': up(rate, { annualTable: true }),
  'satisfaction.attitude_mean': up(score),
  'satisfaction.skill_mean': up(score),
  'satisfaction.timeliness_mean': up(score),
  'satisfaction.promise_mean': up(score),
  'satisfaction.satisfied_rate': up(rate, { monthlyCard: 11, league: cases('satisfaction.satisfied_rate'), annualTable: true }),
  'satisfaction.overall_mean': up(score, { annualTable: true }),
  'satisfaction.attitude_distribution': breakdown,
  'satisfaction.skill_distribution': breakdown,
  'satisfaction.timeliness_distribution': breakdown,
  'satisfaction.promise_distribution': breakdown,
  'cost.install': money,
  'cost.travel': money,
  'cost.material': money,
  'cost.shipping': money,
  'cost.other': money,
  'cost.total': shown(money, { monthlyCard: 3, annualCard: 5 }),
  'cost.contract_guided_install': money,
  'cost.person_times': shown({ kind: 'count', unit: 'unit.person_times' }, { annualCard: 7 }),
  'cost.person_days': shown({ kind: 'number', unit: 'unit.person_days' }, { annualCard: 8 }),
  'cost.per_completed_order': down(money, { monthlyCard: 4, league: { metric: 'orders.completed' }, annualTable: true, annualCard: 6 }),
  'report.completeness_rate': up(rate, { monthlyCard: 12, league: cases('report.completeness_rate'), annualTable: true }),
  // The hotline (400 热线, queries/metrics/calls.sql): company figures, null for a branch; the monthly
  // page's 热线 section and the annual year-on-year table show them.
  'calls.received': { kind: 'count', unit: 'unit.calls' },
  'calls.answer_rate': up(rate, { annualTable: true }),
  'calls.within_3_rings_rate': up(rate, { annualTable: true }),
  'calls.unanswered_in_hours': down({ kind: 'count', unit: 'unit.calls' }, { annualTable: true }),
  'calls.unanswered_penalty': down(money, { annualTable: true }),
};

/** The catalogue, keyed by metric id. */
export const CATALOGUE: ReadonlyMap<string, MetricDef> = new Map(
  Object.entries(DEFS).map(([id, d]) => [id, { ...d, id, label: `metric.${id}` as MessageId, show: d.show ?? {} }]),
);

/** The catalogue's entries, in its order. */
export const ALL_METRICS: readonly MetricDef[] = [...CATALOGUE.values()];

/** The entry of `id`, or undefined for an id the catalogue does not know. */
export const metricDef = (id: string): MetricDef | undefined => CATALOGUE.get(id);

/** How `id` is displayed (an unknown id: a plain number without unit). */
export function display(id: string): MetricDisplay {
  const d = CATALOGUE.get(id);
  return d ? { kind: d.kind, unit: d.unit } : { kind: 'number', unit: null };
}

/** Good direction of `id`; undefined when neither direction is better. */
export const betterOf = (id: string): Better | undefined => CATALOGUE.get(id)?.better;

/** Ids with a card on a page, by card position. */
function cards(key: 'monthlyCard' | 'annualCard'): string[] {
  return ALL_METRICS.filter((d) => d.show[key] !== undefined)
    .sort((a, b) => a.show[key]! - b.show[key]!)
    .map((d) => d.id);
}

/** The monthly headline cards, in reading order: volume and cost, then the service KPIs of config.targets. */
export const HEADLINE_CARDS: readonly string[] = cards('monthlyCard');

/** The figures of the annual report's year cards, in reading order. */
export const ANNUAL_CARDS: readonly string[] = cards('annualCard');

/** The KPIs of the annual year-on-year table (the league eight and the other promises and rates). */
export const ANNUAL_KPIS: readonly string[] = ALL_METRICS.filter((d) => d.show.annualTable).map((d) => d.id);

/** The five cost categories of cost.total, in the order of the monthly statement [002#11 §六.6]. */
export const COST_CATEGORIES = ['cost.install', 'cost.travel', 'cost.material', 'cost.shipping', 'cost.other'] as const;

/** Enum orders of the breakdowns (docs/metrics.md, data contract). */
export const SERVICE_TYPES = ['install', 'repair', 'maintenance', 'inspection', 'consultation', 'return'] as const;
export const CHARGE_CLASSES = ['A', 'B', 'C', 'D'] as const;
