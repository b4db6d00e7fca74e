/**
 * Stored user data → DuckDB: the canonical parts load into exactly the tables loadTables builds from
 * the same files (both engines), with _rejected and _orphans; a pending dataset's orphans are checked
 * on staged copies without touching the report tables.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/config.ts';
import { loadTables } from '../../src/lib/db/load.ts';
import { openNodeDb } from '../../src/lib/db/db-node.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { openWasmNodeDb } from '../../src/lib/db/wasm-node.ts';
import { importCsv } from '../../src/lib/import/import-table.ts';
import { findOrphans, prepareDatabase, readAtRuntime } from '../../src/lib/report/prepare.ts';
import { readSqlFiles } from '../../src/lib/report/sql-node.ts';
import { TABLES } from '../../src/lib/schema.ts';
import { canonicalBlob } from '../../src/lib/userdata/canonical.ts';
import { loadUserDataset, stagedOrphans } from '../../src/lib/userdata/dataset.ts';
import { missingTables } from '../../src/lib/userdata/manifest.ts';
import { runImport } from '../../src/lib/userdata/pipeline.ts';
import { fixtureFile, MemoryStore } from './helpers.ts';
import { readFileSync } from 'node:fs';
import { FIXTURES } from './helpers.ts';

const SQL = readSqlFiles();
const ZONES = ['urban', 'suburban', 'remote'];
const FILES = [
  ['网点.csv', 'branches'],
  ['工单_2026年10月.csv', 'service_orders'],
  ['service_orders_bad.csv', 'service_orders'],
] as const;

async function stored() {
  const store = new MemoryStore();
  const files = FILES.map(([name, table], i) => ({ id: String(i), file: fixtureFile(name), table, mapping: null }));
  const s = await runImport({ files, options: { zones: ZONES }, mode: 'replace', config: null }, store, () => {});
  const m = store.promote();
  return { store, m, parts: await store.getParts(m.files.map((f) => f.part)), summary: s };
}

const dump = async (db: Db, table: string) => JSON.stringify(await db.query(`SELECT * FROM "${table}" ORDER BY ALL`));

let dbs: Db[] = [];
afterEach(async () => {
  for (const d of dbs) await d.close();
  dbs = [];
});

describe.each(['node', 'wasm'] as const)('%s engine', (engine) => {
  const open = async () => {
    const d = engine === 'node' ? await openNodeDb() : await openWasmNodeDb();
    dbs.push(d);
    return d;
  };

  test('stored parts load into the same tables as loadTables, with _rejected and _orphans', async () => {
    const { m, parts } = await stored();
    const a = await open();
    const data = await loadUserDataset(a, SQL, m, parts);
    // The reference: the importer's rows through loadTables, as the CLI does. The second service_orders
    // file is deduplicated against the first by the pipeline (none of its keys repeat), so the rows agree.
    const b = await open();
    const imported = FILES.map(([name, table]) => importCsv(name, new Uint8Array(readFileSync(FIXTURES + name)), { zones: ZONES }, table));
    await prepareDatabase(b, imported, parseConfig(null), SQL);
    for (const t of TABLES) expect(await dump(a, t.name), t.name).toBe(await dump(b, t.name));
    expect(await dump(a, 'source_files')).toBe(await dump(b, 'source_files'));
    expect(await dump(a, '_rejected')).toBe(await dump(b, '_rejected'));
    // Which tables and columns were imported ("not measured" rule): the same from both loaders. Only
    // branches and service_orders have files; service_orders_bad.csv has no dispatched_at, but the GBK
    // export has (a column of any of a table's files counts); no file has cost or survey columns.
    expect(await dump(a, '_inputs')).toBe(await dump(b, '_inputs'));
    const has = async (t: string, c: string) => (await a.query('SELECT has_column($t, $c) AS h', { t, c }))[0]!['h'];
    expect(await has('service_orders', 'dispatched_at')).toBe(true);
    expect(await has('service_orders', 'labor_hours')).toBe(true);
    expect((await a.query("SELECT has_table('costs') AS h"))[0]!['h']).toBe(false);
    const orphans = await findOrphans(b, SQL);
    expect(orphans).toEqual([{ file: 'service_orders_bad.csv', line: 11, column: 'branch_id', reason: 'unknown branch_id: B99' }]);
    expect(await a.query('SELECT file, line, "column", reason FROM _orphans')).toEqual(orphans);
    expect(data).toMatchObject({ source: 'user', rows: 17 + 40 + 4, rejected: 7, orphans: 1, importedAt: m.importedAt });
    expect(data.files.map((f) => [f.file, f.rows_read, f.rows_loaded, f.rows_rejected])).toEqual([
      ['网点.csv', 17, 17, 0],
      ['工单_2026年10月.csv', 40, 40, 0],
      ['service_orders_bad.csv', 11, 4, 7],
    ]);
    // The report SQL runs on it.
    const [n] = await a.query("SELECT CAST(count(*) AS INTEGER) AS n FROM orders_x WHERE called_at >= '2026-10-01'");
    expect(n!['n']).toBe(44);
  });

  test('an orphan in the second of two appended files is reported with that file and its own line', async () => {
    const enc = (t: string) => new TextEncoder().encode(t.replace(/^ +/gm, ''));
    const branches = importCsv('branches.csv', enc('branch_id,branch_name,level\nB1,一号,branch\n'), { zones: ZONES }, 'branches');
    const head = 'order_id,branch_id,service_type,zone,called_at,status\n';
    // a_orders.csv: two good rows. z_orders.csv: line 2 good, line 3 names branch B9 (unknown).
    const a = importCsv(
      'a_orders.csv',
      enc(`${head}A1,B1,repair,urban,2026-10-05 09:00:00,open\nA2,B1,repair,urban,2026-10-05 09:00:00,open\n`),
      { zones: ZONES },
      'service_orders',
    );
    const z = importCsv(
      'z_orders.csv',
      enc(`${head}Z1,B1,repair,urban,2026-10-05 09:00:00,open\nZ2,B9,repair,urban,2026-10-05 09:00:00,open\n`),
      { zones: ZONES },
      'service_orders',
    );
    const db = await open();
    await loadTables(db, [branches, a, z], 1); // one row per chunk: the file ranges must still hold
    expect(await findOrphans(db, SQL)).toEqual([{ file: 'z_orders.csv', line: 3, column: 'branch_id', reason: 'unknown branch_id: B9' }]);
    expect(
      await db.query('SELECT file, CAST(first_row AS INTEGER) AS f, CAST(row_count AS INTEGER) AS n FROM source_files WHERE table_name = $t ORDER BY f', {
        t: 'service_orders',
      }),
    ).toEqual([
      { file: 'a_orders.csv', f: 0, n: 2 },
      { file: 'z_orders.csv', f: 2, n: 2 },
    ]);
  });

  test('loadTables in chunks of 3 rows builds the same tables, rows in file order, as in one piece', async () => {
    const imported = FILES.map(([name, table]) => importCsv(name, new Uint8Array(readFileSync(FIXTURES + name)), { zones: ZONES }, table));
    const a = await open();
    await loadTables(a, imported, 3); // 40 + 4 service orders → 15 chunks, the last one of 2 rows
    const b = await open();
    await loadTables(b, imported);
    for (const t of TABLES) expect(await dump(a, t.name), t.name).toBe(await dump(b, t.name));
    // File order is kept: the first file's 40 rows, then the second file's 4 (by their line numbers).
    const lines = (await a.query('SELECT _line FROM service_orders')).map((r) => r['_line']);
    expect(lines.length).toBe(44);
    expect(lines.slice(0, 3)).toEqual(imported[1]!.lines.slice(0, 3));
    expect(lines.slice(40)).toEqual(imported[2]!.lines);
    expect(await a.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = '_load_chunk'")).toEqual([{ n: 0 }]);
  });

  test('parts stored in small record-aligned pieces (a two-line cell among them) load the same tables', async () => {
    const { m, parts } = await stored();
    const imported = FILES.map(([name, table]) => importCsv(name, new Uint8Array(readFileSync(FIXTURES + name)), { zones: ZONES }, table));
    const small = parts.map((p, i) => ({ ...p, ...canonicalBlob(imported[i]!, 3) }));
    expect(small[1]!.pieces.length).toBe(14); // 40 rows in pieces of 3
    const a = await open();
    await loadUserDataset(a, SQL, m, small);
    const b = await open();
    await loadUserDataset(b, SQL, m, parts);
    for (const t of TABLES) expect(await dump(a, t.name), t.name).toBe(await dump(b, t.name));
    expect(await a.query('SELECT cause FROM service_orders WHERE order_id = $o', { o: 'S6' })).toEqual([{ cause: '线路板\n烧坏' }]);
    expect(await a.query("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%piece%'")).toEqual([]);
  });

  test('orphans of a pending dataset are checked on staged copies; the report tables stay as they were', async () => {
    const { m, parts } = await stored();
    const d = await open();
    await d.exec("CREATE TABLE service_orders AS SELECT 'untouched' AS x");
    const orphans = await stagedOrphans(d, SQL, m, parts);
    expect(orphans).toEqual([{ file: 'service_orders_bad.csv', line: 11, column: 'branch_id', reason: 'unknown branch_id: B99' }]);
    expect(await d.query('SELECT x FROM service_orders')).toEqual([{ x: 'untouched' }]);
    expect(await d.query("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '_stage_%'")).toEqual([]);
  });
});

test('missingTables names what the reports need', async () => {
  const { m } = await stored();
  expect(missingTables(m)).toEqual([]);
  expect(missingTables({ ...m, files: m.files.filter((f) => f.table !== 'branches') })).toEqual(['branches']);
});

describe('readAtRuntime: which raw tables a bundled database must carry', () => {
  const files = {
    'metrics/a.sql': '-- reads surveys_x, not surveys (a comment does not count)\nSELECT count(*) FROM surveys_x JOIN costs USING (order_id);',
    'setup/10-x.sql': 'CREATE OR REPLACE TABLE surveys_x AS SELECT * FROM surveys;\nCREATE OR REPLACE MACRO m() AS TABLE SELECT * FROM staff;',
  };
  test('a table read by a report query or a setup macro counts; one only a setup table build reads does not', () => {
    expect(readAtRuntime(files, 'costs')).toBe(true); // metrics/a.sql
    expect(readAtRuntime(files, 'staff')).toBe(true); // the macro runs in the browser
    expect(readAtRuntime(files, 'surveys')).toBe(false); // only in a comment, in surveys_x, and in the table build
  });
});
