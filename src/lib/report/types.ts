import type { Rejected } from '../import/types.ts';
import type { Row } from '../db/types.ts';

/** The SQL files of `queries/`, keyed by their path relative to it (e.g. "metrics/volume.sql"). */
export type SqlFiles = Record<string, string>;

/** What a report is computed for. */
export interface Selection {
  period: string;
  /** NULL = the whole company. */
  branch: string | null;
  /** "YYYY-MM-DD HH:MM:SS"; default the period's end. */
  asOf?: string | null;
  /**
   * Roll branches up the tree: by_branch then also holds every centre and the head office, each over
   * itself and its descendants (league tables). Off for the docs/metrics.md#report-cli report (rule 17: no roll-up).
   */
  rollup?: boolean;
}

/** An orphan row: kept in the totals, reported (docs/metrics.md#data-contract reference integrity). */
export interface Orphan {
  file: string;
  line: number;
  column: string;
  reason: string;
}

export type Metrics = Record<string, unknown>;

/** The report document of docs/metrics.md#report-cli. */
export interface Report {
  period: string;
  as_of: string;
  branch: string | null;
  metrics: Metrics;
  by_branch: Record<string, Metrics>;
  rejected: Rejected[];
  /** Per file of a folder (CLI): rows read = loaded + merged (a mapping's dedupe) + rejected. */
  import?: { file: string; table: string; rows_read: number; loaded: number; merged: number; rejected: number }[];
  orphans: Orphan[];
  tables: Record<string, Row[]>;
  /** Case counts behind the rates (denominators), by metric id: a rate on few cases is low-confidence. */
  cases: { total: Metrics; by_branch: Record<string, Metrics> };
  /** With --explain: the month's change of four rates split over groups (report/explain.ts). */
  explain?: Record<string, unknown>;
}
