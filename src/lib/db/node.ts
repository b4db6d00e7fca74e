import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { bindNamed, readCsvSql } from './bind.ts';
import { plain } from './values.ts';
import { SAFE_SETTINGS, type Db, type LoadColumn, type Params, type Row } from './types.ts';

/** Db on native DuckDB (@duckdb/node-api): the CLI, the tests and the build of the bundled database. */
export async function openNodeDb(path = ':memory:'): Promise<Db> {
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
      const dir = mkdtempSync(join(tmpdir(), 'kpi-load-'));
      const file = join(dir, `${table}.csv`);
      try {
        writeFileSync(file, csv);
        await conn.run(readCsvSql(table, columns, file));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async close(): Promise<void> {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
