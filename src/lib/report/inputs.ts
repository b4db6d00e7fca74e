/**
 * Which inputs a figure needs, and which of them the data lacks — so a page can say "未导入费用明细" /
 * "no costs file" instead of showing a zero or a bare dash (docs/metrics.md "Not measured"). The SQL
 * makes the figures null (queries/setup/00-macros.sql has_table / has_column over `_inputs`); this
 * only names the missing input for the reader. DOM-free.
 */
import type { Db } from '../db/types.ts';

/** The tables imported and their present columns, from `_inputs` (written by every loader). */
export interface Inputs {
  tables: ReadonlyMap<string, ReadonlySet<string>>;
}

/** One missing input: a whole file, or a column (any of `columns`) of a table's file. */
export type Missing = { kind: 'file'; table: string } | { kind: 'column'; table: string; columns: readonly string[] };

/** An input a figure needs: a table's file, or a column of it (`any`: one of several will do). */
type Need = { table: string; column?: string; any?: readonly string[] };

/** Read `_inputs`; every input counts as present when the database has no such table (older files). */
export async function readInputs(db: Db): Promise<Inputs | null> {
  try {
    const rows = await db.query('SELECT table_name, column_name FROM _inputs');
    const tables = new Map<string, Set<string>>();
    for (const r of rows) {
      const t = String(r['table_name']);
      if (!tables.has(t)) tables.set(t, new Set());
      tables.get(t)!.add(String(r['column_name']));
    }
    return { tables };
  } catch {
    return null;
  }
}

const O = 'service_orders';
const file = (table: string): Need => ({ table });
const col = (table: string, column: string): Need => ({ table, column });
const ARRIVED = [col(O, 'arrived_at')];
const COMPLETED = col(O, 'completed_at');
const SURVEYS = [file('surveys'), COMPLETED];
const ITEMS = ['attitude', 'skill', 'timeliness', 'promise'] as const;

/** What each figure needs (the rule's table, docs/metrics.md "Not measured"). */
const NEEDS: Record<string, readonly Need[]> = {
  'orders.completed': [COMPLETED],
  'response.on_time_rate': ARRIVED,
  'response.p50_hours': ARRIVED,
  'response.p90_hours': ARRIVED,
  'install.within_2d_rate': ARRIVED,
  'repair.next_day_rate': ARRIVED,
  'response.reply_24h_rate': [col(O, 'dispatched_at')],
  'resolution.same_day_rate': [COMPLETED],
  'repeat.rate': [COMPLETED, col(O, 'customer_id'), { table: O, any: ['product_model', 'serial_no'] }],
  'report.completeness_rate': [COMPLETED, col(O, 'cause'), col(O, 'solution'), col(O, 'parts'), col(O, 'customer_opinion')],
  'satisfaction.coverage': [...SURVEYS, col('surveys', 'sent_at')],
  'satisfaction.response_rate': [...SURVEYS, col('surveys', 'sent_at'), col('surveys', 'responded_at')],
  'satisfaction.satisfied_rate': [...SURVEYS, col('surveys', 'responded_at')],
  'satisfaction.overall_mean': [...SURVEYS, col('surveys', 'responded_at'), ...ITEMS.map((i) => col('surveys', i))],
  'cost.per_completed_order': [file('costs'), COMPLETED],
  'calls.answer_rate': [file('calls'), col('calls', 'answered')],
  'calls.within_3_rings_rate': [file('calls'), col('calls', 'answered'), col('calls', 'rings')],
  'calls.unanswered_in_hours': [file('calls'), col('calls', 'answered')],
  'calls.unanswered_penalty': [file('calls'), col('calls', 'answered')],
};
for (const i of ITEMS) {
  NEEDS[`satisfaction.${i}_mean`] = [...SURVEYS, col('surveys', 'responded_at'), col('surveys', i)];
  NEEDS[`satisfaction.${i}_distribution`] = NEEDS[`satisfaction.${i}_mean`]!;
}

/** The needs of a figure: its own, else by its family (every cost.*, complaints.*, calls.*). */
function needsOf(metric: string): readonly Need[] {
  const own = NEEDS[metric];
  if (own) return own;
  if (metric.startsWith('cost.')) return [file('costs')];
  if (metric.startsWith('complaints.')) return [file('complaints')];
  if (metric.startsWith('calls.')) return [file('calls')];
  return [];
}

/** The inputs `metric` needs that the data lacks (a missing file hides its columns); [] = measured. */
export function missingFor(metric: string, inputs: Inputs | null): Missing[] {
  if (!inputs) return [];
  const out: Missing[] = [];
  const key = (m: Missing) => (m.kind === 'file' ? m.table : `${m.table}.${m.columns.join('|')}`);
  for (const n of needsOf(metric)) {
    const cols = inputs.tables.get(n.table);
    let m: Missing | null = null;
    if (!cols) m = { kind: 'file', table: n.table };
    else if (n.column && !cols.has(n.column)) m = { kind: 'column', table: n.table, columns: [n.column] };
    else if (n.any && !n.any.some((c) => cols.has(c))) m = { kind: 'column', table: n.table, columns: n.any };
    if (m && !out.some((x) => key(x) === key(m))) out.push(m);
  }
  // A missing file says it all: its columns are not listed as well.
  return out.filter((m) => m.kind === 'file' || !out.some((x) => x.kind === 'file' && x.table === m.table));
}

/** The inputs any of `metrics` lacks, each once, in order. */
export function missingForAll(metrics: readonly string[], inputs: Inputs | null): Missing[] {
  const out: Missing[] = [];
  for (const id of metrics) {
    for (const m of missingFor(id, inputs)) {
      if (!out.some((x) => JSON.stringify(x) === JSON.stringify(m))) out.push(m);
    }
  }
  return out;
}
