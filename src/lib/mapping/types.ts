/**
 * The mapping file (docs/import.md, "Mapping file"): one JSON document saying how each file of a
 * folder of foreign exports becomes a table of the data contract. Plain data, so it travels to
 * worker threads and into storage as it is.
 */
import type { TableName } from '../schema.ts';

/** How one contract column is filled: from source column(s), or a constant. */
export interface ColumnRule {
  /** A source header, or several whose cells are joined by one space (empty cells left out). */
  from?: string | string[];
  /** The same value on every row. */
  value?: string;
  /** Source value (trimmed, exact) → contract value. */
  values?: Record<string, string>;
  /** Contract value of a non-empty cell `values` does not list (without it the cell stays as written). */
  other?: string;
  /** Contract value of an empty cell. */
  default?: string;
  /** Timestamp / date format: tokens (YYYY YY MM M DD D HH H hh h mm m ss s A), or excel, unix, unix_ms. */
  format?: string;
}

/** Several rows of one key collapsed to one: first or last in file order, or by a contract column. */
export interface Dedupe {
  keep: 'first' | 'last';
  by?: string;
}

/** One entry of `files`: the files it matches and how they become `table`. */
export interface FileRule {
  /** File-name glob (`*`, `?`). */
  match: string;
  table: TableName;
  /** "auto" (comma, tab, semicolon or |, from the header line) or the character. */
  delimiter?: string;
  encoding?: 'auto' | 'utf-8' | 'gb18030';
  /** Cells equal to one of these after trimming are empty. */
  null_values?: string[];
  dedupe?: Dedupe;
  /** Contract column → how it is filled; a column not named is absent. */
  columns: Record<string, ColumnRule>;
  /** Position in the file's `files` list (0-based), for messages; set by parseMapping. */
  index?: number;
}

/** A parsed, checked mapping file. */
export interface MappingFile {
  version: 1;
  files: FileRule[];
}
