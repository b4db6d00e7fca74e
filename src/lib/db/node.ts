import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { bindNamed, readCsvSql } from './bind.ts';
import type { AppendsCsvBytes } from './load.ts';
import { plain } from './values.ts';
import { SAFE_SETTINGS, type Db, type LoadColumn, type Params, type Row } from './types.ts';

/** Db on native DuckDB (@duckdb/node-api): the CLI, the tests and the build of the bundled database. */
export async function openNodeDb(path = ':memory:'): Promise<Db & AppendsCsvBytes> {
  const instance = await DuckDBInstance.create(path);
  const conn: DuckDBConnection = await instance.connect();
  await conn.run(SAFE_SETTINGS);
  const version = (await conn.runAndReadAll('SELECT version() AS v')).getRowObjectsJS()[0]!['v'];
  return {
    engine: `node ${String(version)}`,
    async query(sql: string, params?: Params): Promise<Row[]> {
      const b = bindNamed(sql, params);
      const reader = await conn.runAndReadAll(b.sql, b.values as DuckDBValue[]);
      return reader.getRowObjectsJS().map((r) => plain(r) as Row);
    },
    async exec(sql: string): Promise<void> {
      await conn.run(sql);
    },
    async loadCsv(table: string, columns: LoadColumn[], csv: string): Promise<void> {
      await viaFile(table, csv, (file) => conn.run(readCsvSql(table, columns, file)));
    },
    async appendCsv(table: string, columns: LoadColumn[], csv: Uint8Array): Promise<void> {
      // readCsvSql's options, without a header line, straight into the table (no scratch table to copy).
      const cols = columns.map((c) => `'${c.name.replace(/'/g, "''")}': '${c.type}'`).join(', ');
      await viaFile(table, csv, (file) =>
        conn.run(
          `INSERT INTO "${table}" SELECT * FROM read_csv('${file.replace(/'/g, "''")}', header = false, auto_detect = false, ` +
            `delim = ',', quote = '"', escape = '"', nullstr = '', columns = {${cols}})`,
        ),
      );
    },
    async close(): Promise<void> {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** Run `f` on a temporary file holding `data` (DuckDB reads CSV from files), removed afterwards. */
async function viaFile(name: string, data: string | Uint8Array, f: (file: string) => Promise<unknown>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-load-'));
  const file = join(dir, `${name}.csv`);
  try {
    writeFileSync(file, data);
    await f(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
