/**
 * Header row → canonical columns of schema.ts (canonical English name or a Chinese alias), and which
 * table a file is. docs/metrics.md#data-contract: unknown extra columns are ignored; a missing required column = unusable file.
 */
import { TABLES, TABLE_BY_NAME } from '../schema.ts';
import type { Column, Table, TableName } from '../schema.ts';
import { UnusableFileError } from './types.ts';

/** How a file's header maps onto a table. */
export interface HeaderMapping {
  table: Table;
  /** Schema columns present in the file, in schema order. */
  columns: Column[];
  /** For each entry of `columns`, the index of its field in the header. */
  source: number[];
  /** Header names that matched no column (or repeated a column already matched). */
  ignoredColumns: string[];
}

/** Normalise a header for matching: trimmed, lower case, spaces and hyphens as underscores ("Order ID" → order_id). */
export function normalizeHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s\-]+/g, '_');
}

/** Lookup of normalised header name → column, for one table. */
function headerIndex(table: Table): Map<string, Column> {
  const m = new Map<string, Column>();
  for (const c of table.columns) {
    m.set(normalizeHeader(c.name), c);
    for (const zh of c.zh) if (!m.has(normalizeHeader(zh))) m.set(normalizeHeader(zh), c);
  }
  return m;
}

const INDEX = new Map<TableName, Map<string, Column>>(TABLES.map((t) => [t.name, headerIndex(t)]));

/** "called_at (报修时间)" — how a column is named in messages, so both kinds of users recognise it. */
export function describeColumn(c: Column): string {
  return c.zh.length > 0 ? `${c.name} (${c.zh[0]})` : c.name;
}

/** Map a header row onto `table`; throws UnusableFileError naming every missing required column. */
export function mapHeaders(file: string, table: TableName, header: readonly string[]): HeaderMapping {
  const t = TABLE_BY_NAME[table];
  const index = INDEX.get(table)!;
  const found = new Map<string, number>();
  const ignoredColumns: string[] = [];
  header.forEach((h, i) => {
    const c = index.get(normalizeHeader(h));
    // A second header for the same column (e.g. both order_id and 工单号): the first one wins.
    if (c && !found.has(c.name)) found.set(c.name, i);
    else if (h.trim() !== '') ignoredColumns.push(h.trim());
  });
  const missing = t.columns.filter((c) => c.required && !found.has(c.name));
  if (missing.length > 0) {
    const list = missing.map(describeColumn).join(', ');
    throw new UnusableFileError(
      file,
      `missing required column${missing.length > 1 ? 's' : ''} ${list} for table ${table}`,
      'missing_column',
      missing.map((c) => c.name),
    );
  }
  const columns = t.columns.filter((c) => found.has(c.name));
  return { table: t, columns, source: columns.map((c) => found.get(c.name)!), ignoredColumns };
}

/** Table named by a file's base name: exact ("costs.csv") or followed by a separator ("costs_2026-10.csv"). */
export function tableFromFileName(fileName: string): TableName | null {
  const base = fileName
    .split(/[\\/]/)
    .pop()!
    .toLowerCase()
    .replace(/\.(csv|txt|tsv|parquet)$/, '');
  let best: TableName | null = null;
  for (const t of TABLES) {
    if (base === t.name || (base.startsWith(t.name) && /^[-_. 0-9]/.test(base.slice(t.name.length)))) {
      if (!best || t.name.length > best.length) best = t.name;
    }
  }
  return best;
}

/**
 * Which table a file holds: by its base file name first, else the table whose columns best match the
 * headers (most columns matched, all required ones present; ties → larger share of the table matched).
 */
export function detectTable(fileName: string, header: readonly string[]): TableName {
  const byName = tableFromFileName(fileName);
  if (byName) return byName;
  let best: { table: TableName; matched: number; ratio: number } | null = null;
  let closest: { table: Table; missing: Column[]; matched: number } | null = null;
  for (const t of TABLES) {
    const index = INDEX.get(t.name)!;
    const hit = new Set<string>();
    for (const h of header) {
      const c = index.get(normalizeHeader(h));
      if (c) hit.add(c.name);
    }
    const missing = t.columns.filter((c) => c.required && !hit.has(c.name));
    if (missing.length === 0) {
      const ratio = hit.size / t.columns.length;
      if (!best || hit.size > best.matched || (hit.size === best.matched && ratio > best.ratio)) {
        best = { table: t.name, matched: hit.size, ratio };
      }
    } else if (!closest || hit.size > closest.matched) {
      closest = { table: t, missing, matched: hit.size };
    }
  }
  if (best) return best.table;
  const hint = closest && closest.matched > 0 ? ` (closest: ${closest.table.name}, missing ${closest.missing.map(describeColumn).join(', ')})` : '';
  throw new UnusableFileError(
    fileName,
    `cannot tell which table this file is: its name is not a table name (${TABLES.map((t) => t.name).join(', ')}) and its headers do not contain the required columns of any table${hint}`,
    'unknown_table',
  );
}
