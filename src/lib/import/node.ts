/** Node-only entry points of the importer: files on disk (CSV or Parquet). Re-exports the core API. */
import { readFile } from 'node:fs/promises';
import type { TableName } from '../schema.ts';
import { importCsv } from './import-table.ts';
import { importParquetFile } from './parquet-node.ts';
import type { ImportOptions, ImportedTable } from './types.ts';

export * from './index.ts';
export { importParquetFile } from './parquet-node.ts';

/** Import a CSV file from disk; the reported file name is its base name. */
export async function importCsvFile(path: string, options: ImportOptions, table?: TableName): Promise<ImportedTable> {
  const bytes = await readFile(path);
  const file = path.split(/[\\/]/).pop()!;
  return importCsv(file, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options, table);
}

/** Import a CSV or Parquet file from disk, chosen by its extension. */
export async function importFile(path: string, options: ImportOptions, table?: TableName): Promise<ImportedTable> {
  return /\.parquet$/i.test(path) ? importParquetFile(path, options, table) : importCsvFile(path, options, table);
}
