import type { MessageId } from '../i18n/dict.ts';
import type { ValueKind } from './format.ts';

/** How each scalar metric (SPEC §7 ids) is displayed: value kind and unit label. Presentation only. */
export interface MetricDisplay {
  kind: ValueKind;
  unit: MessageId | null;
}

const count: MetricDisplay = { kind: 'count', unit: 'unit.count' };
const money: MetricDisplay = { kind: 'money', unit: null }; // shown with ¥
const rate: MetricDisplay = { kind: 'rate', unit: null };
const score: MetricDisplay = { kind: 'score', unit: 'unit.score' };

export const METRICS: Record<string, MetricDisplay> = {
  'orders.received': count,
  'orders.completed': count,
  'response.on_time_rate': rate,
  'response.p50_hours': { kind: 'hours', unit: 'unit.hours' },
  'response.p90_hours': { kind: 'hours', unit: 'unit.hours' },
  'response.reply_24h_rate': rate,
  'install.within_2d_rate': rate,
  'repair.next_day_rate': rate,
  'resolution.same_day_rate': rate,
  'repeat.rate': rate,
  'complaints.received': { kind: 'count', unit: null },
  'complaints.rate_per_100': { kind: 'per100', unit: 'unit.per100' },
  'complaints.closed': { kind: 'count', unit: null },
  'complaints.on_time_close_rate': rate,
  'complaints.open_overdue': { kind: 'count', unit: null },
  'satisfaction.coverage': rate,
  'satisfaction.response_rate': rate,
  'satisfaction.attitude_mean': score,
  'satisfaction.skill_mean': score,
  'satisfaction.timeliness_mean': score,
  'satisfaction.promise_mean': score,
  'satisfaction.satisfied_rate': rate,
  'satisfaction.overall_mean': score,
  'cost.install': money,
  'cost.travel': money,
  'cost.material': money,
  'cost.shipping': money,
  'cost.other': money,
  'cost.total': money,
  'cost.contract_guided_install': money,
  'cost.person_times': { kind: 'count', unit: 'unit.person_times' },
  'cost.person_days': { kind: 'number', unit: 'unit.person_days' },
  'cost.per_completed_order': money,
  'report.completeness_rate': rate,
  'calls.received': { kind: 'count', unit: 'unit.calls' },
  'calls.answer_rate': rate,
  'calls.within_3_rings_rate': rate,
  'calls.unanswered_in_hours': { kind: 'count', unit: 'unit.calls' },
  'calls.unanswered_penalty': money,
};

/** The five cost categories of cost.total, in the order of the monthly statement [002#11 §六.6]. */
export const COST_CATEGORIES = ['cost.install', 'cost.travel', 'cost.material', 'cost.shipping', 'cost.other'] as const;

/** Enum orders of the breakdowns (SPEC §2). */
export const SERVICE_TYPES = ['install', 'repair', 'maintenance', 'inspection', 'consultation', 'return'] as const;
export const CHARGE_CLASSES = ['A', 'B', 'C', 'D'] as const;

export const display = (id: string): MetricDisplay => METRICS[id] ?? { kind: 'number', unit: null };
