import { AsyncDuckDB, VoidLogger, type AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
// Served from this origin (TOOLCHAIN.md "Serve the bundles yourself"). Only the exception-handling
// build ships: every browser we target (Chromium ≥ 95, Firefox ≥ 100, Safari ≥ 15.2) supports Wasm EH.
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { appendCsvSql, bindNamed, readCsvSql, splitStatements } from './bind.ts';
import { arrowRows, type ArrowTableLike } from './values.ts';
import { SAFE_SETTINGS, type Db, type LoadColumn, type Params, type Row } from './types.ts';

/** The browser Db plus what only a browser engine does: read a file from this origin over HTTP. */
export interface BrowserDb extends Db {
  /** Make `bytes` readable as `name` (e.g. for ATTACH); the buffer moves to the engine's worker. */
  registerFileBuffer(name: string, bytes: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
}

const rows = (t: ArrowTableLike): Row[] => arrowRows(t) as Row[];

let loading: Promise<BrowserDb> | null = null;

/** The page's one database: DuckDB-WASM in a Web Worker, started on first use (one loading promise). */
export function browserDb(): Promise<BrowserDb> {
  loading ??= openBrowserDb().catch((e: unknown) => {
    loading = null; // a failed start may be retried (e.g. after a network hiccup)
    throw e;
  });
  return loading;
}

async function openBrowserDb(): Promise<BrowserDb> {
  if (typeof WebAssembly !== 'object' || typeof Worker !== 'function') {
    throw new Error('This browser cannot run WebAssembly in a Web Worker.');
  }
  const worker = new Worker(workerUrl);
  const duck = new AsyncDuckDB(new VoidLogger(), worker);
  try {
    await duck.instantiate(new URL(wasmUrl, location.href).href);
    await duck.open({});
  } catch (e) {
    await duck.terminate().catch(() => {});
    throw e;
  }
  const conn: AsyncDuckDBConnection = await duck.connect();
  // Never download an extension (TOOLCHAIN.md "Extensions"): a Parquet/JSON/ICU call must fail
  // locally, not reach duckdb.org — and a failed download can leave the instance unusable.
  for (const s of splitStatements(SAFE_SETTINGS)) await conn.query(s);
  const version = String(rows(await conn.query('SELECT version() AS v'))[0]!['v']);

  // The worker runs one request at a time anyway; serialising here keeps prepared statements and
  // multi-statement scripts from interleaving when two selections are computed back to back.
  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0; // operations in the queue, not finished
  const settled = () => {
    queued--;
  };
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    queued++;
    const p = queue.then(f, f);
    queue = p.then(settled, settled);
    return p;
  };
  let files = 0;

  // Prepared statements are kept per query text: a report runs the same few dozen queries for every
  // selection, and a kept statement costs one round trip to the worker instead of three (prepare,
  // run, close) and is not parsed and planned again. Anything that changes the schema (exec, loadCsv)
  // closes them all first.
  const prepared = new Map<string, Awaited<ReturnType<AsyncDuckDBConnection['prepare']>>>();
  const forgetPrepared = async () => {
    const all = [...prepared.values()];
    prepared.clear();
    for (const stmt of all) await stmt.close().catch(() => {});
  };

  return {
    engine: `wasm ${version}`,
    query(sql: string, params?: Params): Promise<Row[]> {
      let b: ReturnType<typeof bindNamed>;
      try {
        b = bindNamed(sql, params);
      } catch (e) {
        return Promise.reject(e as Error);
      }
      // A kept statement, with nothing queued before it, goes to the worker at once: the worker runs
      // requests in the order they arrive, one at a time, so reads asked for together (Promise.all)
      // reach it together — it runs them back to back instead of waiting, between two, for this thread
      // to take the reply and post the next (the page's own work sits in between during a switch).
      const kept = b.values.length > 0 ? prepared.get(b.sql) : undefined;
      if (kept && queued === 0) return kept.query(...b.values).then(rows);
      return serial(async () => {
        if (b.values.length === 0) return rows(await conn.query(b.sql));
        let stmt = prepared.get(b.sql);
        if (!stmt) {
          stmt = await conn.prepare(b.sql);
          prepared.set(b.sql, stmt);
        }
        return rows(await stmt.query(...b.values));
      });
    },
    exec(sql: string): Promise<void> {
      return serial(async () => {
        await forgetPrepared();
        for (const s of splitStatements(sql)) await conn.query(s);
      });
    },
    loadCsv(table: string, columns: LoadColumn[], csv: string): Promise<void> {
      return serial(async () => {
        await forgetPrepared();
        const name = `load-${++files}-${table}.csv`;
        await duck.registerFileText(name, csv);
        try {
          await conn.query(readCsvSql(table, columns, name));
        } finally {
          await duck.dropFile(name);
        }
      });
    },
    appendCsv(table: string, columns: LoadColumn[], pieces: readonly Uint8Array[]): Promise<void> {
      // The bytes go to the worker as they are: no string on this thread, no decoding and re-encoding.
      return serial(async () => {
        const names = pieces.map(() => `append-${++files}-${table}.csv`);
        try {
          for (let i = 0; i < names.length; i++) await duck.registerFileBuffer(names[i]!, pieces[i]!);
          await conn.query(appendCsvSql(table, columns, names));
        } finally {
          for (const name of names) await duck.dropFile(name).catch(() => {});
        }
      });
    },
    registerFileBuffer(name: string, bytes: Uint8Array): Promise<void> {
      return serial(() => duck.registerFileBuffer(name, bytes));
    },
    dropFile(name: string): Promise<void> {
      return serial(async () => {
        await duck.dropFile(name);
      });
    },
    async close(): Promise<void> {
      await serial(() => conn.close());
      await duck.terminate();
      loading = null;
    },
  };
}
