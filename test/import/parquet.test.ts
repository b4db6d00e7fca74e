// Parquet through @duckdb/node-api: same header/value path as CSV, line = row index + 2, and timestamps
// come out as wall-clock text even when the process runs in another time zone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importParquetFile } from '../../src/lib/import/parquet-node.ts';
import { UnusableFileError } from '../../src/lib/import/types.ts';
import { OPTIONS, expectCountsAddUp, objects } from './helpers.ts';

// New York is behind Shanghai and UTC and has DST: any accidental conversion would shift the hours.
// Set before any DuckDB instance is created, since DuckDB reads the zone when an instance starts.
const savedTz = process.env['TZ'];
process.env['TZ'] = 'America/New_York';

let dir: string;

async function writeParquet(name: string, select: string): Promise<string> {
  const path = join(dir, name);
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(`COPY (${select}) TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`);
    return path;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'import-parquet-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (savedTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = savedTz;
});

describe('importParquetFile', () => {
  it('runs under America/New_York here (so the next test would catch a time-zone shift)', async () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('America/New_York');
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const r = await conn.runAndReadAll("SELECT current_setting('TimeZone')");
    expect(r.getRows()[0]![0]).toBe('America/New_York');
    conn.closeSync();
    instance.closeSync();
  });

  it('reads TIMESTAMP as wall-clock text, DECIMAL exactly, with lines = row index + 2', async () => {
    const path = await writeParquet(
      'costs.parquet',
      `SELECT * FROM (VALUES
         ('C1', TIMESTAMP '2026-10-05 23:30:00', 'B01', '材料', 12.30::DECIMAL(18,2), 2::INTEGER, true),
         ('C2', TIMESTAMP '2026-03-08 02:30:00', 'B01', 'travel', 0.10::DECIMAL(18,2), NULL, NULL),
         ('C3', TIMESTAMP '2026-10-06 08:00:00', 'B02', 'travel', 1.234::DECIMAL(18,3), NULL, false)
       ) t(cost_id, date, branch_id, category, amount, person_times, contract_guided_install)`,
    );
    const t = await importParquetFile(path, OPTIONS);
    expect(t.table).toBe('costs');
    expect(t.encoding).toBe('parquet');
    // 23:30 stays on the 5th (a UTC or New York shift would move it to another day).
    expect(objects(t)).toEqual([
      { cost_id: 'C1', date: '2026-10-05', branch_id: 'B01', category: 'material', amount: '12.30', person_times: '2', contract_guided_install: 'true' },
      { cost_id: 'C2', date: '2026-03-08', branch_id: 'B01', category: 'travel', amount: '0.10', person_times: null, contract_guided_install: null },
    ]);
    // The VALUES list makes amount a DECIMAL(18,3): 12.300 is still 12.30 (zeros of the column's scale
    // are dropped), but 1.234 has a third decimal and is refused like in CSV. Row index 2 → line 4.
    expect(t.rejected).toEqual([{ file: 'costs.parquet', line: 4, column: 'amount', reason: 'more than 2 decimals in amount: 1.234', code: 'money_decimals' }]);
    expect(t.lines).toEqual([2, 3]);
    expectCountsAddUp(t, 3);
  });

  it('keeps a timestamp in the New York DST gap unchanged (02:30 on 2026-03-08 does not exist there)', async () => {
    const path = await writeParquet(
      'orders.parquet',
      `SELECT 'O1' AS order_id, 'B01' AS branch_id, 'repair' AS service_type,
              TIMESTAMP '2026-03-08 02:30:00' AS called_at, TIMESTAMP '2026-10-05 08:30:15.9' AS arrived_at,
              'completed' AS status, [1, 2] AS some_list`,
    );
    const t = await importParquetFile(path, OPTIONS, 'service_orders');
    expect(objects(t)).toEqual([
      { order_id: 'O1', branch_id: 'B01', service_type: 'repair', called_at: '2026-03-08 02:30:00', arrived_at: '2026-10-05 08:30:15', status: 'completed' },
    ]);
    expect(t.ignoredColumns).toEqual(['some_list']);
  });

  it('reads TIMESTAMP WITH TIME ZONE as an instant shown in China time', async () => {
    const path = await writeParquet(
      'complaint_steps.parquet',
      `SELECT '2610001' AS complaint_no, 'quality' AS step, TIMESTAMPTZ '2026-10-05 01:00:00+00' AS entered_at`,
    );
    const t = await importParquetFile(path, OPTIONS);
    expect(t.rows).toEqual([['2610001', 'quality', '2026-10-05 09:00:00']]);
  });

  it('makes a Parquet file without a required column unusable', async () => {
    const path = await writeParquet('service_orders.parquet', `SELECT 'O1' AS order_id`);
    await expect(importParquetFile(path, OPTIONS)).rejects.toThrow(UnusableFileError);
    await expect(importParquetFile(path, OPTIONS)).rejects.toThrow(/missing required columns .*called_at \(报修时间\)/);
  });
});
