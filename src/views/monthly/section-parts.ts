/**
 * What the monthly page's section template (ReportSection.astro, KpiTable.astro) looks up: kept here, in
 * TypeScript that `tsc` checks, because .astro frontmatter is not type-checked.
 */
import type { MessageId } from '../../lib/i18n/index.ts';
import type { DrillId } from '../../lib/report/monthly-sections.ts';

/** A drill list's title and note (dictionary ids). */
export const DRILL_TEXT: Record<DrillId, { title: MessageId; note?: MessageId }> = {
  late: { title: 'monthly.drill.late', note: 'monthly.drill.late.note' },
  repeats: { title: 'monthly.drill.repeats', note: 'monthly.drill.repeats.note' },
  urge: { title: 'monthly.drill.urge', note: 'monthly.drill.urge.note' },
  settle: { title: 'monthly.drill.settle', note: 'monthly.drill.settle.note' },
  low_tech: { title: 'monthly.drill.low_tech' },
};

/** The table a figure exports (it carries a table of its numbers, exported like any other), or null. */
export const chartCsv = (chart: string): string | null =>
  chart === 'satisfaction.distribution' ? 'satisfaction-distribution' : chart.startsWith('orders.') ? chart : null;

/** The export's name: a dictionary id, translated when the button is clicked (the reader's language). */
export const chartCsvTitle = (chart: string): MessageId =>
  chart === 'orders.by_type' ? 'chart.by_type' : chart === 'orders.by_class' ? 'chart.by_class' : 'monthly.chart.distribution';

/** The comparison table's total row (bold) and its aside row (a part shown under the total). */
export const isTotalRow = (metric: string): boolean => metric === 'cost.total';
export const isAsideRow = (metric: string): boolean => metric === 'cost.contract_guided_install';
