import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { appendCsvSql, bindNamed, readCsvSql } from './bind.ts';
import { plain } from './values.ts';
import { SAFE_SETTINGS, type Db, type LoadColumn, type Params, type Row } from './types.ts';

/** Db on native DuckDB (@duckdb/node-api): the CLI, the tests and the build of the bundled database. */
export async function openNodeDb(path = ':memory:'): Promise<Db> {
  const instance = await DuckDBInstance.create(path);
  const conn: DuckDBConnection = await instance.connect();
  await conn.run(SAFE_SETTINGS);
  const version = (await conn.runAndReadAll('SELECT version() AS v')).getRowObjectsJS()[0]!['v'];
  // A connection runs one statement at a time: statements asked for together (Promise.all) wait their turn.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const p = queue.then(f, f);
    queue = p.catch(() => {});
    return p;
  };
  return {
    engine: `node ${String(version)}`,
    query(sql: string, params?: Params): Promise<Row[]> {
      return serial(async () => {
        const b = bindNamed(sql, params);
        const reader = await conn.runAndReadAll(b.sql, b.values as DuckDBValue[]);
        return reader.getRowObjectsJS().map((r) => plain(r) as Row);
      });
    },
    exec(sql: string): Promise<void> {
      return serial(async () => void (await conn.run(sql)));
    },
    loadCsv(table: string, columns: LoadColumn[], csv: string): Promise<void> {
      return serial(() => viaFile(table, csv, (file) => conn.run(readCsvSql(table, columns, file))));
    },
    appendCsv(table: string, columns: LoadColumn[], pieces: readonly Uint8Array[]): Promise<void> {
      return serial(() => viaFiles(table, pieces, (files) => conn.run(appendCsvSql(table, columns, files))));
    },
    async close(): Promise<void> {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** Run `f` on a temporary file holding `data` (DuckDB reads CSV from files), removed afterwards. */
async function viaFile(name: string, data: string | Uint8Array, f: (file: string) => Promise<unknown>): Promise<void> {
  await viaFiles(name, [data], ([file]) => f(file!));
}

/** `pieces` written to temporary files (read by DuckDB, then deleted). */
async function viaFiles(name: string, pieces: readonly (string | Uint8Array)[], f: (files: string[]) => Promise<unknown>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-load-'));
  try {
    const files = pieces.map((data, i) => {
      const file = join(dir, `${name}-${i}.csv`);
      writeFileSync(file, data);
      return file;
    });
    await f(files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
