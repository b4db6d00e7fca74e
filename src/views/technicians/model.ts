/**
 * The technician scorecard table (tables.technician, docs/metrics.md#metrics 技术员工作日报表) as the page shows it:
 * its columns, filtering by name, sorting, and the medians the printed scorecard compares against.
 * Presentation only — every value is a column of queries/tables/technician.sql.
 */
import type { Row } from '../../lib/db/types.ts';
import type { MessageId } from '../../lib/i18n/index.ts';
import { median, numeric, type Better } from '../../lib/kpis.ts';
import type { ValueKind } from '../../lib/format.ts';

/** One column of the scorecard. */
export interface TechColumn {
  key: string;
  label: MessageId;
  kind: ValueKind | 'text';
  group: 'who' | 'orders' | 'arrival' | 'satisfaction' | 'quality';
  /** Which way is good (for the comparison on the printed scorecard); none for plain volumes. */
  better?: Better;
}

const col = (key: string, kind: TechColumn['kind'], group: TechColumn['group'], better?: Better): TechColumn => ({
  key,
  label: `tech.col.${key}` as MessageId,
  kind,
  group,
  ...(better ? { better } : {}),
});

export const TECH_COLUMNS: readonly TechColumn[] = [
  col('technician', 'text', 'who'),
  col('branch', 'text', 'who'),
  col('completed', 'count', 'orders'),
  col('class_a', 'count', 'orders'),
  col('class_b', 'count', 'orders'),
  col('class_c', 'count', 'orders'),
  col('class_d', 'count', 'orders'),
  col('labor_hours', 'hours', 'orders'),
  col('on_time_rate', 'rate', 'arrival', 'higher'),
  col('late_arrivals', 'count', 'arrival', 'lower'),
  col('attitude_mean', 'score', 'satisfaction', 'higher'),
  col('skill_mean', 'score', 'satisfaction', 'higher'),
  col('timeliness_mean', 'score', 'satisfaction', 'higher'),
  col('promise_mean', 'score', 'satisfaction', 'higher'),
  col('repeats_charged', 'count', 'quality', 'lower'),
  col('complaint_share', 'number', 'quality', 'lower'),
  col('incomplete_reports', 'count', 'quality', 'lower'),
  col('fine_estimate', 'money', 'quality', 'lower'),
];

/** The numeric columns (everything after name, branch and team). */
/** The table's column groups over its heads (技术员工作日报表): each group's label (none over the names) and width. */
export const TECH_GROUPS: readonly { group: string; label: MessageId | null; span: number }[] = (() => {
  const groups: { group: string; label: MessageId | null; span: number }[] = [];
  for (const c of TECH_COLUMNS) {
    const label: MessageId | null =
      c.group === 'who'
        ? null
        : c.group === 'orders'
          ? 'tech.group.orders'
          : c.group === 'arrival'
            ? 'tech.group.arrival'
            : c.group === 'satisfaction'
              ? 'tech.group.satisfaction'
              : 'tech.group.quality';
    const last = groups.at(-1);
    if (last && last.group === c.group) last.span++;
    else groups.push({ group: c.group, label, span: 1 });
  }
  return groups;
})();

export const TECH_VALUE_COLUMNS = TECH_COLUMNS.filter((c) => c.kind !== 'text');

/** A satisfaction mean below 3 (满意) is flagged on the scorecard. */
export const SATISFIED_SCORE = 3;

/** The value a column sorts by: text for who, a number for the rest (money texts included). */
export function techValue(r: Row, key: string): string | number | null {
  if (key === 'technician') return String(r['name'] ?? r['technician_id'] ?? '');
  if (key === 'branch') return r['branch_id'] === null || r['branch_id'] === undefined ? null : String(r['branch_id']);
  if (key === 'unit') return r['unit'] === null || r['unit'] === undefined ? null : String(r['unit']);
  return numeric(r[key]);
}

/** Rows whose name or staff id contains `query` (case-insensitive, trimmed); all rows for an empty query. */
export function filterTechs(rows: readonly Row[], query: string): Row[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...rows];
  return rows.filter((r) => `${String(r['technician_id'] ?? '')} ${String(r['name'] ?? '')}`.toLowerCase().includes(q));
}

/** Sort by a column; rows without a value last whichever the direction; ties by staff id. */
export function sortTechs(rows: readonly Row[], key: string, dir: 'asc' | 'desc'): Row[] {
  const sign = dir === 'asc' ? 1 : -1;
  const id = (r: Row) => String(r['technician_id'] ?? '');
  return [...rows].sort((a, b) => {
    const va = techValue(a, key);
    const vb = techValue(b, key);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
      return id(a).localeCompare(id(b));
    }
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb), 'zh-Hans-CN');
    return c !== 0 ? sign * c : id(a).localeCompare(id(b));
  });
}

/** The first direction of a column: names A→Z, volumes and rates largest first, counts of faults smallest first. */
export function techDefaultDir(key: string): 'asc' | 'desc' {
  const c = TECH_COLUMNS.find((x) => x.key === key);
  if (!c || c.kind === 'text') return 'asc';
  return c.better === 'lower' ? 'asc' : 'desc';
}

/** Median of each numeric column over `rows` (a reading aid on the printed scorecard, not a metric). */
export function techMedians(rows: readonly Row[]): Record<string, number | null> {
  return Object.fromEntries(TECH_VALUE_COLUMNS.map((c) => [c.key, median(rows.map((r) => numeric(r[c.key])).filter((v): v is number => v !== null))]));
}
