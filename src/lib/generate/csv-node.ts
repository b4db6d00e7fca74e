/** Streaming CSV writer: header and column order come from the schema, never from a local list. */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { TABLE_BY_NAME } from '../schema.ts';
import type { TableName } from '../schema.ts';

/** A cell as the generators hand it over; numbers must already be formatted where decimals matter. */
export type Cell = string | number | boolean | null | undefined;

/** One row keyed by canonical column name; absent keys are written empty. */
export type Row = Record<string, Cell>;

/** An open CSV file of one table. */
export interface CsvWriter {
  readonly table: TableName;
  write(row: Row): void;
  close(): void;
  /** Data rows written so far. */
  rows(): number;
}

// RFC 4180: only fields with a comma, quote or line break need quoting.
const NEEDS_QUOTE = /[",\r\n]/;

function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const s = typeof value === 'number' ? String(value) : value;
  return NEEDS_QUOTE.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const FLUSH_CHARS = 1 << 20; // ~1 M characters per write: big enough to be fast, small enough for L

/** Opens `<dir>/<table>.csv` and writes the schema's header. */
export function openCsv(dir: string, table: TableName): CsvWriter {
  const columns = TABLE_BY_NAME[table].columns.map((c) => c.name);
  const fd = openSync(join(dir, `${table}.csv`), 'w');
  let parts: string[] = [columns.join(',') + '\n'];
  let chars = 0;
  let count = 0;
  const flush = (): void => {
    if (parts.length) writeSync(fd, parts.join(''), null, 'utf8');
    parts = [];
    chars = 0;
  };
  return {
    table,
    write(row) {
      let line = '';
      for (let i = 0; i < columns.length; i++) line += (i ? ',' : '') + cellText(row[columns[i]!]);
      line += '\n';
      parts.push(line);
      chars += line.length;
      count++;
      if (chars >= FLUSH_CHARS) flush();
    },
    close() {
      flush();
      closeSync(fd);
    },
    rows: () => count,
  };
}

/** Canonical values of an enum column, from the schema. */
export function enumValues(table: TableName, column: string): string[] {
  const col = TABLE_BY_NAME[table].columns.find((c) => c.name === column);
  if (!col?.values) throw new Error(`${table}.${column} is not an enum column`);
  return Object.keys(col.values);
}

/**
 * Checks that a weight table uses only values of a schema enum, so a renamed enum value fails loudly
 * at start-up instead of producing rows the importer would reject.
 */
export function checkEnumKeys<T extends Record<string, unknown>>(table: TableName, column: string, weights: T): T {
  const allowed = new Set(enumValues(table, column));
  for (const k of Object.keys(weights)) if (!allowed.has(k)) throw new Error(`${table}.${column}: "${k}" is not in the schema`);
  return weights;
}

/** Integer cents as a money string with exactly two decimals (no float rounding involved). */
export function money(cents: number): string {
  const c = Math.round(cents);
  const sign = c < 0 ? '-' : '';
  const a = Math.abs(c);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
