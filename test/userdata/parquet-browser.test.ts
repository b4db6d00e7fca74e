/**
 * Parquet in the browser (hyparquet, pure JS): the same rows as the Node path (importParquetFile on
 * native DuckDB) for every column type the exports use, under each compression codec a writer picks.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openNodeDb } from '../../src/lib/db/db-node.ts';
import { importParquetFile } from '../../src/lib/import/parquet-node.ts';
import { runImport } from '../../src/lib/userdata/pipeline.ts';
import { readCsv } from '../../src/lib/import/csv.ts';
import { fixtureFile, MemoryStore } from './helpers.ts';

const ZONES = ['urban', 'suburban', 'remote'];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-parquet-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = `
  SELECT * FROM (VALUES
    ('P1', 'B01', 'repair', TIMESTAMP '2026-10-05 09:30:15', TIMESTAMPTZ '2026-10-05 01:30:00+00', 1.5::DOUBLE, true, 'completed', 'C1', DATE '2026-10-05', 12.30::DECIMAL(18,2), 3::INTEGER),
    ('P2', 'B02', '维修', TIMESTAMP '2026-10-06 23:59:59', NULL, NULL, NULL, '已完工', 'C2', DATE '2026-10-06', 0.05::DECIMAL(18,2), NULL),
    ('P3', 'B02', 'repair', TIMESTAMP '2026-10-07 08:00:00', NULL, 2.0, false, 'open', 'C3', DATE '2026-10-07', 7.125::DECIMAL(18,3), 1),
    ('P1', 'B02', 'repair', TIMESTAMP '2026-10-08 08:00:00', NULL, NULL, NULL, 'open', 'C4', DATE '2026-10-08', 1::DECIMAL(18,2), 1)
  ) AS t(order_id, branch_id, service_type, called_at, arrived_at, labor_hours, on_site, status, cost_id, "date", amount, person_times)`;

describe.each(['SNAPPY', 'ZSTD', 'GZIP', 'UNCOMPRESSED'])('%s', (codec) => {
  test('service_orders and costs read like the Node path', async () => {
    const db = await openNodeDb();
    const orders = join(dir, `service_orders_${codec}.parquet`);
    const costs = join(dir, `costs_${codec}.parquet`);
    await db.exec(
      `COPY (SELECT order_id, branch_id, service_type, called_at, arrived_at, labor_hours, on_site, status FROM (${ROWS})) TO '${orders}' (FORMAT parquet, COMPRESSION ${codec})`,
    );
    await db.exec(
      `COPY (SELECT cost_id, "date", branch_id, 'travel' AS category, amount, person_times FROM (${ROWS})) TO '${costs}' (FORMAT parquet, COMPRESSION ${codec})`,
    );
    await db.close();
    for (const [path, table] of [
      [orders, 'service_orders'],
      [costs, 'costs'],
    ] as const) {
      const node = await importParquetFile(path, { zones: ZONES }, table);
      const store = new MemoryStore();
      const name = path.split('/').pop()!;
      const s = await runImport(
        { files: [{ id: 'p', file: fixtureFile(name, readFileSync(path)), table, mapping: null }], options: { zones: ZONES }, mode: 'replace', config: null },
        store,
        () => {},
      );
      const f = s.files[0]!;
      expect([f.rowsRead, f.rowsLoaded, f.rowsRejected]).toEqual([node.rowsRead, node.rows.length, node.rejected.length]);
      expect(f.rejectedSample).toEqual(node.rejected);
      const rows = [...readCsv(await store.parts.get(f.part)!.csv.text(), ',')].map((r) => r.fields);
      // The part holds every schema column; compare the file's own columns.
      const cols = node.columns;
      const all = (await import('../../src/lib/schema.ts')).TABLE_BY_NAME[table].columns.map((c) => c.name);
      expect(rows.map((r) => cols.map((c) => r[all.indexOf(c)] || null))).toEqual(node.rows);
    }
  });
});

test('a TIMESTAMP WITH TIME ZONE is read as China time; DECIMAL keeps its cents', async () => {
  const db = await openNodeDb();
  const path = join(dir, 'service_orders_tz.parquet');
  await db.exec(`COPY (SELECT order_id, branch_id, service_type, called_at, arrived_at, status FROM (${ROWS})) TO '${path}' (FORMAT parquet)`);
  await db.close();
  const store = new MemoryStore();
  const s = await runImport(
    {
      files: [{ id: 'p', file: fixtureFile('service_orders_tz.parquet', readFileSync(path)), table: 'service_orders', mapping: null }],
      options: { zones: ZONES },
      mode: 'replace',
      config: null,
    },
    store,
    () => {},
  );
  const first = [...readCsv(await store.parts.get(s.files[0]!.part)!.csv.text(), ',')][0]!.fields;
  expect(first[10]).toBe('2026-10-05 09:30:15'); // called_at, naive
  expect(first[13]).toBe('2026-10-05 09:30:00'); // arrived_at: 01:30 UTC = 09:30 in Shanghai
});
