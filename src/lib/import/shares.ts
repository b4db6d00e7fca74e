/**
 * File-level rule of docs/metrics.md rule 15: a complaint's responsibility shares must sum to 1 ± 0.001,
 * otherwise every row of that complaint is rejected. Sums are exact: shares are integer millionths.
 */
import { SHARE_DECIMALS, formatMicro, shareToMicro } from './values.ts';
import type { ImportedTable } from './types.ts';

const ONE = 10 ** SHARE_DECIMALS;
const TOLERANCE = ONE / 1000; // ± 0.001

/** Reject (in place) all rows of every complaint whose loaded shares do not sum to 1 ± 0.001. */
export function rejectBadShareSums(t: ImportedTable): void {
  const noCol = t.columns.indexOf('complaint_no');
  const shareCol = t.columns.indexOf('share');
  if (noCol < 0 || shareCol < 0) return;
  const sums = new Map<string, number>();
  for (const row of t.rows) {
    const no = row[noCol]!;
    sums.set(no, (sums.get(no) ?? 0) + shareToMicro(row[shareCol]!));
  }
  const bad = new Set<string>();
  for (const [no, sum] of sums) if (Math.abs(sum - ONE) > TOLERANCE) bad.add(no);
  if (bad.size === 0) return;
  const rows: (string | null)[][] = [];
  const lines: number[] = [];
  t.rows.forEach((row, i) => {
    const no = row[noCol]!;
    if (bad.has(no)) {
      t.rejected.push({
        file: t.file,
        line: t.lines[i]!,
        column: 'share',
        reason: `shares of complaint ${no} sum to ${formatMicro(sums.get(no)!)}, not 1`,
        code: 'share_sum',
      });
    } else {
      rows.push(row);
      lines.push(t.lines[i]!);
    }
  });
  t.rows = rows;
  t.lines = lines;
}
