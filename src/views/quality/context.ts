/** What every section of the quality page is rendered from: the selection and the SQL results. */
import type { Row } from '../../lib/db/types.ts';
import { t, type MessageId } from '../../lib/i18n/index.ts';
import type { Metrics } from '../../lib/report/types.ts';
import type { BranchChoice } from '../../lib/report/selection.ts';

export interface PageCtx {
  period: string;
  branch: string | null;
  asOf: string;
  metrics: Metrics;
  tables: Record<string, Row[]>;
  branches: BranchChoice[];
}

/** The SQL rows of `name` (empty when the table was not computed). */
export const rowsOf = (ctx: PageCtx, name: string): Row[] => ctx.tables[name] ?? [];

/** "B01 北京分公司" (or the id alone). */
export function branchName(ctx: { branches: BranchChoice[] }, id: unknown): string {
  if (id === null || id === undefined) return '—';
  const b = ctx.branches.find((x) => x.branch_id === id);
  return b?.branch_name ? `${String(id)} ${b.branch_name}` : String(id);
}

/** "2026-10-05 13:55:38" → "2026-10-05 13:55" (wall-clock text, never through a Date). */
export const minutes = (ts: unknown): string => (typeof ts === 'string' && ts.length >= 16 ? ts.slice(0, 16) : ts ? String(ts) : '—');

/** File-name parts of a CSV export: page, period, branch, table. */
export function csvName(ctx: PageCtx, title: MessageId | string, period = ctx.period): () => string[] {
  return () => [t('q.title'), period, ctx.branch ? branchName(ctx, ctx.branch) : t('select.company'), title.startsWith('q.') ? t(title as MessageId) : title];
}
