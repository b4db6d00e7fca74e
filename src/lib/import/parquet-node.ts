/**
 * Node only: read a Parquet file with @duckdb/node-api and import it through the same header and value
 * path as CSV. Every column is turned into text inside DuckDB, so JavaScript never sees a Date and no
 * time-zone conversion can happen: naive TIMESTAMPs are formatted as their wall-clock text.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { TableName } from '../schema.ts';
import { detectTable, mapHeaders } from './headers.ts';
import { sourceIndexes } from '../mapping/apply.ts';
import { importRecords } from './import-table.ts';
import type { SourceRecord } from './import-table.ts';
import { UnusableFileError } from './types.ts';
import type { ImportOptions, ImportedTable } from './types.ts';

/**
 * Zone used only for Parquet TIMESTAMP WITH TIME ZONE columns (instants, e.g. pandas tz-aware data):
 * Data-contract timestamps (docs/metrics.md) are Chinese local wall-clock time, and China has one zone.
 */
export const PARQUET_INSTANT_ZONE = 'Asia/Shanghai';

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** SQL turning one column into canonical-ish text, by its DuckDB type. */
function asText(name: string, type: string): string {
  const c = quoteIdent(name);
  if (type === 'TIMESTAMP WITH TIME ZONE') {
    return `strftime(timezone('${PARQUET_INSTANT_ZONE}', ${c}), '%Y-%m-%d %H:%M:%S')`;
  }
  // TIMESTAMP, TIMESTAMP_S/_MS/_NS: all naive wall-clock; truncated to seconds like CSV fractions.
  if (type.startsWith('TIMESTAMP')) return `strftime(CAST(${c} AS TIMESTAMP), '%Y-%m-%d %H:%M:%S')`;
  if (type === 'DATE') return `strftime(${c}, '%Y-%m-%d')`;
  // DECIMAL prints with its scale: 12.30 in DECIMAL(18,3) is "12.300". The scale is the column's, not
  // the value's, so zeros past the second decimal are dropped ("12.30"); real digits there ("1.234")
  // stay and are refused by the money rule like in CSV.
  if (type.startsWith('DECIMAL')) return `regexp_replace(CAST(${c} AS VARCHAR), '(\\.[0-9]{2}[0-9]*?)0+$', '\\1')`;
  // Numbers and booleans as plain text.
  return `CAST(${c} AS VARCHAR)`;
}

/** Import a Parquet file; line = row index + 2 (as if a header were line 1), encoding 'parquet'. */
export async function importParquetFile(path: string, options: ImportOptions, table?: TableName): Promise<ImportedTable> {
  const file = path.split(/[\\/]/).pop()!;
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    let described;
    try {
      described = await conn.runAndReadAll('DESCRIBE SELECT * FROM read_parquet($1)', [path]);
    } catch (e) {
      throw new UnusableFileError(file, `cannot read Parquet: ${(e as Error).message.split('\n')[0]}`, 'unreadable');
    }
    const schema = described.getRowObjects().map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) }));
    const header = schema.map((c) => c.name);
    const t = table ?? options.mapping?.table ?? detectTable(file, header);
    // Only mapped columns are read (an unmapped LIST or BLOB column never needs a text form).
    const used = new Set(options.mapping ? sourceIndexes(file, options.mapping, header).index.values() : mapHeaders(file, t, header).source);
    const select = schema.map((c, i) => (used.has(i) ? asText(c.name, c.type) : 'NULL')).join(', ');
    const reader = await conn.runAndReadAll(`SELECT ${select} FROM read_parquet($1)`, [path]);
    const rows = reader.getRows() as (string | null)[][];
    const records = (function* (): Generator<SourceRecord> {
      for (let i = 0; i < rows.length; i++) yield { line: i + 2, fields: rows[i]! };
    })();
    return importRecords(file, t, header, records, 'parquet', options);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
