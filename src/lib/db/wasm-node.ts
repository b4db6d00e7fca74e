import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { appendCsvSql, bindNamed, readCsvSql, splitStatements } from './bind.ts';
import { arrowRows, type ArrowTableLike } from './values.ts';
import { SAFE_SETTINGS, type Db, type LoadColumn, type Params, type Row } from './types.ts';

const require = createRequire(import.meta.url);

/**
 * Db on DuckDB-WASM's Node build (the browser's engine, v1.4): the query tests run against it as well
 * as native DuckDB so a dialect difference between the two engines fails a test.
 */
/** The WASM Node Db, plus what only benchmarks need: a file given as bytes, attachable by name. */
export interface WasmNodeDb extends Db {
  registerFileBuffer(name: string, bytes: Uint8Array): void;
  dropFile(name: string): Promise<void>;
}

export async function openWasmNodeDb(): Promise<WasmNodeDb> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({});
  const conn = db.connect();
  conn.query(SAFE_SETTINGS);
  const rows = (t: ArrowTableLike): Row[] => arrowRows(t) as Row[];
  const version = rows(conn.query('SELECT version() AS v'))[0]!['v'];
  let files = 0;
  return {
    engine: `wasm ${String(version)}`,
    async query(sql: string, params?: Params): Promise<Row[]> {
      const b = bindNamed(sql, params);
      if (b.values.length === 0) return rows(conn.query(b.sql));
      const stmt = conn.prepare(b.sql);
      try {
        return rows(stmt.query(...b.values));
      } finally {
        stmt.close();
      }
    },
    async exec(sql: string): Promise<void> {
      for (const s of splitStatements(sql)) conn.query(s);
    },
    async loadCsv(table: string, columns: LoadColumn[], csv: string): Promise<void> {
      const name = `load-${++files}-${table}.csv`;
      db.registerFileText(name, csv);
      try {
        conn.query(readCsvSql(table, columns, name));
      } finally {
        db.dropFile(name);
      }
    },
    async appendCsv(table: string, columns: LoadColumn[], pieces: readonly Uint8Array[]): Promise<void> {
      const names = pieces.map((bytes) => {
        const name = `append-${++files}-${table}.csv`;
        db.registerFileBuffer(name, bytes);
        return name;
      });
      try {
        conn.query(appendCsvSql(table, columns, names));
      } finally {
        for (const name of names) db.dropFile(name);
      }
    },
    registerFileBuffer(name: string, bytes: Uint8Array): void {
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name: string): Promise<void> {
      db.dropFile(name);
    },
    async close(): Promise<void> {
      conn.close();
      await db.terminate?.();
    },
  };
}
