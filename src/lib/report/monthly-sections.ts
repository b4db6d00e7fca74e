/**
 * What the monthly report (月报) shows, as data: the sections in the order of
 * docs/metrics.md#reports — each with the metrics of its comparison table, its charts, its by-branch columns and its
 * drill lists. The page markup (src/components/monthly/*) and the client (view.ts) both read it, so a
 * metric is placed once (its headline card is in the catalogue, src/lib/metrics.ts). Presentation only: every value comes from computeReport.
 */
import type { MessageId } from '../i18n/dict.ts';

/** A column of a by-branch table: a metric (optionally one key of a breakdown) or the cases behind a rate. */
export type BranchColumn = { metric: string; key?: string; label?: MessageId } | { cases: string; label: MessageId };

/** A chart of a section. `branch:<metric>` = that metric by branch (or by period for a single branch). */
export type ChartId =
  | 'orders.by_type'
  | 'orders.by_class'
  | 'promises'
  | 'satisfaction.distribution'
  | 'cost.composition'
  | 'calls.by_hour'
  | 'calls.by_kind'
  | `branch:${string}`;

/** The drill lists. */
export type DrillId = 'late' | 'repeats' | 'urge' | 'settle' | 'low_tech';

export interface SectionDef {
  id: string;
  title: MessageId;
  note: MessageId;
  /** Rows of the section's table: this month, last month, same month last year, target. */
  metrics: readonly string[];
  charts: readonly ChartId[];
  branchColumns: readonly BranchColumn[];
  drills: readonly DrillId[];
}

export const SECTIONS: readonly SectionDef[] = [
  {
    id: 'volume',
    title: 'section.orders',
    note: 'monthly.section.volume.note',
    metrics: ['orders.received', 'orders.completed'],
    charts: ['orders.by_type', 'orders.by_class'],
    branchColumns: [
      { metric: 'orders.received' },
      { metric: 'orders.completed' },
      { metric: 'orders.by_type', key: 'install', label: 'enum.service_type.install' },
      { metric: 'orders.by_type', key: 'repair', label: 'enum.service_type.repair' },
      { metric: 'orders.by_type', key: 'maintenance', label: 'enum.service_type.maintenance' },
      { metric: 'orders.by_type', key: 'consultation', label: 'enum.service_type.consultation' },
    ],
    drills: [],
  },
  {
    id: 'response',
    title: 'monthly.section.response',
    note: 'monthly.section.response.note',
    metrics: ['response.on_time_rate', 'response.p50_hours', 'response.p90_hours', 'response.reply_24h_rate', 'install.within_2d_rate', 'repair.next_day_rate'],
    charts: ['promises', 'branch:response.on_time_rate'],
    branchColumns: [
      { metric: 'response.on_time_rate' },
      { cases: 'response.on_time_rate', label: 'monthly.col.cases' },
      { metric: 'response.p50_hours' },
      { metric: 'response.p90_hours' },
      { metric: 'response.reply_24h_rate' },
      { metric: 'install.within_2d_rate' },
      { metric: 'repair.next_day_rate' },
    ],
    drills: ['late'],
  },
  {
    id: 'resolution',
    title: 'monthly.section.resolution',
    note: 'monthly.section.resolution.note',
    metrics: ['resolution.same_day_rate', 'repeat.rate'],
    charts: ['branch:resolution.same_day_rate', 'branch:repeat.rate'],
    branchColumns: [
      { metric: 'resolution.same_day_rate' },
      { cases: 'resolution.same_day_rate', label: 'monthly.col.cases' },
      { metric: 'repeat.rate' },
      { cases: 'repeat.rate', label: 'monthly.col.cases' },
    ],
    drills: ['repeats'],
  },
  {
    id: 'complaints',
    title: 'monthly.section.complaints',
    note: 'monthly.section.complaints.note',
    metrics: ['complaints.received', 'complaints.rate_per_100', 'complaints.closed', 'complaints.on_time_close_rate', 'complaints.open_overdue'],
    charts: ['branch:complaints.received', 'branch:complaints.rate_per_100'],
    branchColumns: [
      { metric: 'complaints.received' },
      { metric: 'complaints.rate_per_100' },
      { metric: 'complaints.closed' },
      { metric: 'complaints.on_time_close_rate' },
      { metric: 'complaints.open_overdue' },
    ],
    drills: ['urge', 'settle'],
  },
  {
    id: 'satisfaction',
    title: 'monthly.section.satisfaction',
    note: 'monthly.section.satisfaction.note',
    metrics: [
      'satisfaction.coverage',
      'satisfaction.response_rate',
      'satisfaction.attitude_mean',
      'satisfaction.skill_mean',
      'satisfaction.timeliness_mean',
      'satisfaction.promise_mean',
      'satisfaction.satisfied_rate',
      'satisfaction.overall_mean',
    ],
    charts: ['satisfaction.distribution', 'branch:satisfaction.satisfied_rate'],
    branchColumns: [
      { metric: 'satisfaction.coverage' },
      { metric: 'satisfaction.response_rate' },
      { metric: 'satisfaction.overall_mean' },
      { metric: 'satisfaction.satisfied_rate' },
      { cases: 'satisfaction.satisfied_rate', label: 'monthly.col.responses' },
    ],
    drills: ['low_tech'],
  },
  {
    id: 'cost',
    title: 'section.cost',
    note: 'monthly.section.cost.note',
    metrics: [
      'cost.install',
      'cost.travel',
      'cost.material',
      'cost.shipping',
      'cost.other',
      'cost.total',
      'cost.contract_guided_install',
      'cost.person_times',
      'cost.person_days',
      'cost.per_completed_order',
    ],
    charts: ['cost.composition', 'branch:cost.per_completed_order'],
    branchColumns: [
      { metric: 'cost.total' },
      { metric: 'cost.install' },
      { metric: 'cost.travel' },
      { metric: 'cost.material' },
      { metric: 'cost.shipping' },
      { metric: 'cost.other' },
      { metric: 'cost.person_times' },
      { metric: 'cost.person_days' },
      { metric: 'cost.per_completed_order' },
    ],
    drills: [],
  },
  {
    id: 'completeness',
    title: 'monthly.section.completeness',
    note: 'monthly.section.completeness.note',
    metrics: ['report.completeness_rate'],
    charts: ['branch:report.completeness_rate'],
    branchColumns: [{ metric: 'report.completeness_rate' }, { cases: 'report.completeness_rate', label: 'monthly.col.cases' }],
    drills: [],
  },
  {
    // The hotline: company figures only (calls carry no branch), so no by-branch table.
    id: 'calls',
    title: 'monthly.section.calls',
    note: 'monthly.section.calls.note',
    metrics: ['calls.received', 'calls.answer_rate', 'calls.within_3_rings_rate', 'calls.unanswered_in_hours', 'calls.unanswered_penalty'],
    charts: ['calls.by_hour', 'calls.by_kind'],
    branchColumns: [],
    drills: [],
  },
];

/** The four promise rates of the response section's chart (docs/metrics.md rule 4). */
export const PROMISES = ['response.on_time_rate', 'response.reply_24h_rate', 'install.within_2d_rate', 'repair.next_day_rate'] as const;

/** The satisfaction items with their 4-level distributions. */
export const SATISFACTION_ITEMS = ['attitude', 'skill', 'timeliness', 'promise'] as const;

/** queries/tables/*.sql the page shows (computeReport runs only these for the selected month). */
export const MONTHLY_TABLES = ['late_orders', 'repeats', 'overdue', 'technician_satisfaction', 'calls_by_hour', 'calls_by_kind'] as const;

/** Fewest survey replies a technician needs to be ranked among the lowest rated (a mean of 1–2 replies says little). */
export const LOW_TECH_MIN_RESPONSES = 5;

/** How many rows of a drill list show before "show all" (the CSV export always has every row). */
export const DRILL_LIMIT = 15;

/** Sections whose metric is also drawn by branch: `branch:<metric>` → the metric. */
export const branchChartMetric = (id: ChartId): string | null => (id.startsWith('branch:') ? id.slice('branch:'.length) : null);
