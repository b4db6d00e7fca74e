/**
 * Where the monthly page's time goes, query by query: open a bundled database (as the site does: copy
 * its tables, run queries/setup), then time every setup file and every metric/table file for one
 * selection on native DuckDB and on DuckDB-WASM's Node build (the browser's engine, without the browser).
 * Usage: node bench/profile.ts [--db FILE] [--period YYYY-MM] [--branch ID] [--engine native|wasm|both]
 */
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { openNodeDb } from '../src/lib/db/db-node.ts';
import { openWasmNodeDb, type WasmNodeDb } from '../src/lib/db/wasm-node.ts';
import type { Db } from '../src/lib/db/types.ts';
import { loadBundledSample } from '../src/lib/report/browser-sample.ts';
import type { BrowserDb } from '../src/lib/db/browser.ts';
import { filesUnder } from '../src/lib/report/prepare.ts';
import { selectionParams } from '../src/lib/report/compute.ts';
import { previousMonth, sameMonthLastYear } from '../src/lib/report/period.ts';
import { readSqlFiles } from '../src/lib/report/sql-node.ts';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';

const a = parseArgs({
  options: {
    db: { type: 'string', default: 'bench/cache/M/site.duckdb' },
    period: { type: 'string', default: '2026-10' },
    branch: { type: 'string' },
    engine: { type: 'string', default: 'both' },
  },
}).values;
const sql = readSqlFiles();
const DB_FILE = resolve(a.db!);
const TABLES = ['late_orders', 'repeats', 'overdue', 'technician_satisfaction'];

async function timed(label: string, f: () => Promise<unknown>, out: [string, number][]): Promise<void> {
  const t = performance.now();
  await f();
  out.push([label, performance.now() - t]);
}

async function profile(db: Db): Promise<[string, number][]> {
  const out: [string, number][] = [];
  // Loaded as the page loads it (loadBundledSample: the file's bytes attached, views, the setup's macros);
  // native DuckDB cannot attach bytes, so it finds the file by name in a temporary cwd.
  const file = DB_FILE;
  // The WASM build's own registerFileBuffer, taken before it is replaced below.
  const wasm = 'registerFileBuffer' in db ? (db as unknown as WasmNodeDb).registerFileBuffer.bind(db) : null;
  const bdb = Object.assign(db, {
    async registerFileBuffer(name: string, bytes: Uint8Array) {
      if (wasm) wasm(name, bytes);
      else {
        const dir = mkdtempSync(join(tmpdir(), 'profile-'));
        symlinkSync(file, join(dir, name));
        process.chdir(dir);
      }
    },
    async dropFile() {},
  }) as unknown as BrowserDb;
  await timed('open bundled database (attach + setup)', () => loadBundledSample(bdb, sql, readFileSync(file)), out);
  const branch = a.branch ?? null;
  const run = async (tag: string, period: string, rollup: boolean, tables: boolean) => {
    const params = { ...selectionParams({ period, branch, rollup }), by_branch: tables };
    for (const f of filesUnder(sql, 'metrics')) await timed(`${tag} ${f}`, () => db.query(sql[f]!, params), out);
    if (tables) for (const t of TABLES) await timed(`${tag} tables/${t}.sql`, () => db.query(sql[`tables/${t}.sql`]!, params), out);
  };
  await run('warm', a.period!, branch === null, true);
  await run('month', a.period!, branch === null, true);
  if (/^\d{4}$/.test(a.period!)) {
    // A year (the annual page): the year before, with its branch rows (the league table's change column).
    await run('prev', String(Number(a.period) - 1), branch === null, true);
  } else {
    await run('prev', previousMonth(a.period!), false, false);
    await run('lastyear', sameMonthLastYear(a.period!), false, false);
  }
  return out;
}

const engines = a.engine === 'both' ? ['native', 'wasm'] : [a.engine!];
const results: Record<string, [string, number][]> = {};
for (const e of engines) {
  const db = e === 'native' ? await openNodeDb() : await openWasmNodeDb();
  results[e] = await profile(db);
  await db.close();
}
const labels = results[engines[0]!]!.map(([l]) => l).filter((l) => !l.startsWith('warm '));
const sums: Record<string, number> = {};
console.log(`| step | ${engines.join(' ms | ')} ms |\n|---|${engines.map(() => '---:').join('|')}|`);
for (const l of labels) {
  const vals = engines.map((e) => results[e]!.find(([k]) => k === l)![1]);
  engines.forEach((e, i) => {
    const g = l.split(' ')[0]!;
    sums[`${g} ${e}`] = (sums[`${g} ${e}`] ?? 0) + vals[i]!;
  });
  console.log(`| ${l} | ${vals.map((v) => v.toFixed(0)).join(' | ')} |`);
}
console.log(sums);
