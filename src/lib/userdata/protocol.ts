/** Messages between the page and the import worker (import-worker.ts ↔ client.ts). */
import type { ImportOptions, Rejected } from '../import/types.ts';
import type { TableName } from '../schema.ts';
import type { Distinct, FileMapping } from './mapping.ts';
import type { FileKind } from './readers.ts';
import type { Manifest } from './store.ts';

/** What the mapping step needs to know about a file (from its first rows). */
export interface Inspection {
  kind: FileKind;
  size: number;
  /** Encoding for CSV ('utf-8', 'utf-8-bom', 'gb18030', …), 'xlsx', 'parquet', or '' for config.json. */
  encoding: string;
  header: string[];
  /** The first rows, as text fields in header order. */
  preview: (string | null)[][];
  /** Per header column: its distinct values over the sampled rows. */
  distinct: Distinct[];
  /** Rows sampled for `distinct`, and whether that is the whole file. */
  sampled: number;
  complete: boolean;
  /** config.json: its text (validated on the page). */
  configText?: string;
}

/** One file to import: its table and, for a foreign header set, the mapping. */
export interface ImportFile {
  id: string;
  file: File;
  table: TableName;
  mapping: FileMapping | null;
}

export type ImportMode = 'replace' | 'append';

export interface ImportJob {
  files: ImportFile[];
  /** Zones of the config that will apply (docs/metrics.md#configuration). Formats come from each file's mapping. */
  options: Pick<ImportOptions, 'zones' | 'timeZone'>;
  mode: ImportMode;
  /** config.json imported with the files (null = keep the current one on append, defaults on replace). */
  config: { file: string; text: string } | null;
}

/** The validation report of one file (docs/metrics.md#data-contract: rowsRead = rowsLoaded + rowsRejected). */
export interface FileReport {
  id: string;
  file: string;
  table: TableName;
  encoding: string;
  size: number;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Rows collapsed into another of the same key by the mapping's dedupe: read = loaded + merged + rejected. */
  rowsMerged: number;
  /** Rejected rows by reason code (duplicate keys included: duplicate_key, duplicate_existing). */
  byCode: Record<string, number>;
  /** Header names that fed no column. */
  ignoredColumns: string[];
  /** The first rejected rows, for the report on screen (the CSV download has all). */
  rejectedSample: Rejected[];
  mapped: boolean;
  part: string;
  /** Milliseconds spent reading, parsing and storing this file. */
  ms: number;
}

export interface ImportSummary {
  files: FileReport[];
  /** The dataset the reports would show after "confirm" (already stored as pending). */
  pending: Manifest;
  /** Every file of the pending dataset that was already imported (append), for the totals. */
  kept: number;
  ms: number;
}

export type Request = { type: 'inspect'; id: string; file: File } | { type: 'import'; id: string; job: ImportJob };

export type Response =
  | { type: 'progress'; id: string; file: string; phase: 'read' | 'parse' | 'store'; fraction: number }
  | { type: 'inspected'; id: string; result: Inspection }
  | { type: 'imported'; id: string; result: ImportSummary }
  | { type: 'error'; id: string; file: string | null; code: string; message: string; missing?: string[] };
