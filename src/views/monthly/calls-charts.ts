/**
 * The hotline section's charts (热线): calls by hour of day (answered / unanswered, stacked) and by
 * kind, from queries/tables/calls_by_hour.sql and calls_by_kind.sql. Pure: the month's tables in, chart
 * specs out; an empty chart says why (no calls file / no answered column, or a branch is selected).
 */
import type { ChartSpec } from '../../lib/charts/spec.ts';
import { CHART_COLORS } from '../../lib/charts/spec.ts';
import { has, t } from '../../lib/i18n/index.ts';
import { notMeasured } from '../shell/not-measured.ts';
import type { MonthlyData } from './model.ts';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Why a hotline chart is empty: the missing input, a branch selected, or no calls this month. */
function emptyText(data: MonthlyData, metric: string): string {
  return notMeasured(metric) ?? (data.branch !== null ? t('calls.no_branch') : t('chart.empty'));
}

/** Calls by hour of day, 0–23: answered and unanswered stacked. */
export function callsByHourSpec(data: MonthlyData): ChartSpec {
  const rows = data.current.tables['calls_by_hour'] ?? [];
  const hours = Array.from({ length: 24 }, (_, h) => h);
  const at = (h: number) => rows.find((r) => r['hour'] === h);
  return {
    id: 'calls.by_hour',
    type: 'column',
    stacked: true,
    title: t('calls.chart.by_hour'),
    subtitle: t('monthly.chart.unit', { unit: t('unit.calls') }),
    kind: 'count',
    categories: hours.map((h) => t('calls.hour', { h })),
    series: rows.length
      ? [
          { name: t('calls.series.answered'), values: hours.map((h) => num(at(h)?.['answered'])), color: CHART_COLORS.current },
          { name: t('calls.series.unanswered'), values: hours.map((h) => num(at(h)?.['unanswered'])), color: CHART_COLORS.target },
        ]
      : [],
    emptyText: emptyText(data, 'calls.unanswered_in_hours'),
  };
}

/** Calls by kind: answered and unanswered stacked, the most frequent kind first. */
export function callsByKindSpec(data: MonthlyData): ChartSpec {
  const rows = data.current.tables['calls_by_kind'] ?? [];
  const label = (k: unknown) => {
    const id = `calls.kind.${k === null || k === undefined ? 'none' : String(k)}`;
    return has(id) ? t(id) : String(k);
  };
  const answered = (r: (typeof rows)[number]) => num(r['answered']);
  return {
    id: 'calls.by_kind',
    type: 'bar',
    stacked: true,
    title: t('calls.chart.by_kind'),
    subtitle: t('monthly.chart.unit', { unit: t('unit.calls') }),
    kind: 'count',
    categories: rows.map((r) => label(r['kind'])),
    series: rows.length
      ? [
          { name: t('calls.series.answered'), values: rows.map(answered), color: CHART_COLORS.current },
          {
            name: t('calls.series.unanswered'),
            values: rows.map((r) => (answered(r) === null ? null : num(r['received'])! - answered(r)!)),
            color: CHART_COLORS.target,
          },
        ]
      : [],
    emptyText: emptyText(data, 'calls.received'),
  };
}
