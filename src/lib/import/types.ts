import type { FileRule } from '../mapping/types.ts';
import type { TableName } from '../schema.ts';

/** One rejected row (or a whole-file problem, line = 0): docs/metrics.md rule 18. */
export interface Rejected {
  file: string;
  /** Physical line where the record starts; the header is line 1. For Parquet: row number + 1. */
  line: number;
  /** Canonical column name, or null when the problem is not one column's (too many fields, quote). */
  column: string | null;
  reason: string;
  /** Machine-readable reason, for translation in the UI (e.g. "bad_timestamp", "duplicate_key"). */
  code: string;
}

/** The result of importing one file: typed rows ready to load, and what was rejected. */
export interface ImportedTable {
  file: string;
  table: TableName;
  /** Canonical column names present in the file, in schema order (missing optional columns are absent). */
  columns: string[];
  /**
   * Loaded rows, one value per entry of `columns`, normalised to canonical text:
   * timestamp "YYYY-MM-DD HH:MM:SS", date "YYYY-MM-DD", money "12.30", bool "true"/"false",
   * enum = canonical value, share/number/int as decimal text; null = empty.
   */
  rows: (string | null)[][];
  /** Physical start line of each loaded row (same order as rows). */
  lines: number[];
  rejected: Rejected[];
  /** Data records read (excluding the header): rows.length + merged + rejected rows = rowsRead. */
  rowsRead: number;
  /** Rows collapsed into another row of the same key by a mapping's `dedupe` (not rejected); 0 without one. */
  merged?: number;
  /** Encoding detected for CSV: 'utf-8', 'utf-8-bom', 'gb18030'; 'parquet' for Parquet. */
  encoding: string;
  /** Header names that mapped to no column (kept out of the table, reported for information). */
  ignoredColumns: string[];
}

/** A file that cannot be used at all (missing required column, unknown table): exit 2 in the CLI. */
export class UnusableFileError extends Error {
  readonly file: string;
  /** Machine-readable reason: missing_column, unknown_table, empty_file, bad_encoding, bad_header, unreadable. */
  readonly code: string;
  /** Canonical names of the missing required columns (code missing_column), for the mapping UI. */
  readonly missingColumns: string[];
  constructor(file: string, message: string, code = 'unusable', missingColumns: string[] = []) {
    super(`${file}: ${message}`);
    this.name = 'UnusableFileError';
    this.file = file;
    this.code = code;
    this.missingColumns = missingColumns;
  }
}

export interface ImportOptions {
  /** Zone names allowed by the config (docs/metrics.md#configuration: a row whose zone is not in zones is rejected). */
  zones: string[];
  /**
   * Date format per canonical column (issue 6, column mapping), e.g. { called_at: 'MM/DD/YYYY hh:mm:ss A' }
   * (grammar in formats.ts). Columns without one take the contract formats, which stay the default.
   */
  formats?: Record<string, string>;
  /** Longest line read, in characters (default csv.ts MAX_LINE); tests make it small. */
  maxLineChars?: number;
  /** Named formats are the only ones read (a mapping file's); else the contract formats (docs/metrics.md#data-contract) are tried second. */
  strictFormats?: boolean;
  /** Zone in which epoch formats (unix, unix_ms) are shown as wall-clock time; default Asia/Shanghai. */
  timeZone?: string;
  /** A mapping file's entry for this file (lib/mapping): how its columns become the table's. */
  mapping?: FileRule;
}
