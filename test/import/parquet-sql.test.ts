// A typed Parquet file checked in SQL (parquet-sql-node.ts) gives the rejects and the loaded rows of the
// text path (parquet-node.ts), on a small file with a bad value of each kind.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendRows, createTable } from '../../src/lib/db/load.ts';
import { openNodeDb } from '../../src/lib/db/db-node.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { importParquetFile } from '../../src/lib/import/parquet-node.ts';
import { loadTypedParquet } from '../../src/lib/report/parquet-sql-node.ts';
import { loadDataDir } from '../../src/lib/report/data-dir-node.ts';
import { OPTIONS } from './helpers.ts';

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

/** The loaded table as text, in load order. */
async function rowsOf(db: Db, table: string): Promise<Record<string, unknown>[]> {
  return db.query(
    `SELECT cost_id, CAST(date AS VARCHAR) AS date, branch_id, category, CAST(amount AS VARCHAR) AS amount, person_times, CAST(person_days AS VARCHAR) AS person_days, contract_guided_install, _line FROM ${table} ORDER BY rowid`,
  );
}

// Types as a typed export has them: DATE, DECIMAL (scale 3, so a third decimal can be written), BIGINT,
// BOOLEAN, text. Line = row index + 2.
const COSTS = `SELECT * FROM (VALUES
  ('C1', DATE '2026-10-05', 'B01', ' 材料 ', 12.300::DECIMAL(18,3), 2::BIGINT, 1.500::DECIMAL(10,3), true),
  ('C2', DATE '2026-03-08', 'B01', 'Travel', 1.234::DECIMAL(18,3), NULL, NULL, NULL),
  ('C3', NULL, 'B01', 'travel', 1.000::DECIMAL(18,3), NULL, NULL, NULL),
  ('C4', DATE '2026-10-06', 'B02', 'lunch', 1.000::DECIMAL(18,3), NULL, NULL, NULL),
  ('C1', DATE '2026-10-07', 'B02', 'travel', 1.000::DECIMAL(18,3), NULL, NULL, NULL),
  ('C5', DATE '2026-10-08', 'B02', '差旅', 0.100::DECIMAL(18,3), 3000000000::BIGINT, NULL, NULL),
  ('C6', DATE '2026-10-09', '  ', 'travel', 1.000::DECIMAL(18,3), NULL, NULL, NULL),
  ('C7', DATE '2026-10-31', 'B03', 'OTHER', -5.000::DECIMAL(18,3), NULL, 2.000::DECIMAL(10,3), false),
  ('C8', DATE '2026-10-31', 'B03', 'bad', 1.239::DECIMAL(18,3), NULL, NULL, NULL),
  ('C9', DATE '2026-11-01', 'B03', '其他', 7::DECIMAL(18,3), -7::BIGINT, 0.250::DECIMAL(10,3), NULL)
) t(cost_id, date, branch_id, category, amount, person_times, person_days, contract_guided_install)`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'import-parquet-sql-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadTypedParquet (typed Parquet checked in SQL)', () => {
  it('rejects and loads what the text path does, with lines = row index + 2', async () => {
    const path = await writeParquet('costs.parquet', COSTS);
    const db = await openNodeDb();
    await createTable(db, 'costs');
    const typed = await loadTypedParquet(db, path, OPTIONS, 'costs');
    expect(typed).not.toBeNull();
    const r = (line: number, column: string | null, code: string, reason: string) => ({ file: 'costs.parquet', line, column, code, reason });
    const expected = [
      r(3, 'amount', 'money_decimals', 'more than 2 decimals in amount: 1.234'), // 'Travel' is travel in any case
      r(4, 'date', 'required_empty', 'empty required value'),
      r(5, 'category', 'bad_enum', 'unknown category: lunch'),
      r(6, 'cost_id', 'duplicate_key', 'duplicate key cost_id=C1 (first on line 2)'),
      r(7, 'person_times', 'bad_int', 'whole number out of range: 3000000000'), // > 2 147 483 647
      r(8, 'branch_id', 'required_empty', 'empty required value'), // white space only
      r(10, 'category', 'bad_enum', 'unknown category: bad'), // category comes before amount (1.239) in the schema
      r(11, 'person_times', 'out_of_range', 'person_times out of range 0–100000: -7'), // person_times' range is 0–100 000
    ];
    expect(typed!.rejected.map((x) => ({ ...x }))).toEqual(expected.map((x) => expect.objectContaining(x)));
    // 10 rows read = 2 loaded (C1, C7) + 8 rejected.
    expect(typed!.rowsRead).toBe(10);
    expect(typed!.rowsLoaded).toBe(2);

    // The text path: same rejects, same rows once loaded.
    const text = await importParquetFile(path, OPTIONS, 'costs');
    expect(typed!.rejected).toEqual(text.rejected);
    expect(typed!.columns).toEqual(text.columns);
    const db2 = await openNodeDb();
    await createTable(db2, 'costs');
    await appendRows(db2, text);
    const loaded = await rowsOf(db, 'costs');
    expect(loaded).toEqual(await rowsOf(db2, 'costs'));
    // By hand: ' 材料 ' trimmed → material; 12.300 → 12.30; 1.500 days → 1.5; 'OTHER' → other; -5.000 → -5.00;
    // 2.000 → 2.
    expect(loaded).toEqual([
      {
        cost_id: 'C1',
        date: '2026-10-05',
        branch_id: 'B01',
        category: 'material',
        amount: '12.30',
        person_times: 2,
        person_days: '1.5',
        contract_guided_install: true,
        _line: 2,
      },
      {
        cost_id: 'C7',
        date: '2026-10-31',
        branch_id: 'B03',
        category: 'other',
        amount: '-5.00',
        person_times: null,
        person_days: '2.0',
        contract_guided_install: false,
        _line: 9,
      },
    ]);
    await db.close();
    await db2.close();
  });

  it('reads DOUBLE and FLOAT numbers as the text path does, and refuses NaN and infinity', async () => {
    // 0.1 as FLOAT is 0.100000001490116…: its text "0.1" is what the text path loads, as a DOUBLE 0.1.
    const wrap = await writeParquet(
      'costs-num.parquet',
      `SELECT cost_id, DATE '2026-10-05' AS date, 'B01' AS branch_id, 'travel' AS category, 1::INTEGER AS amount, person_days
         FROM (VALUES ('C1', 0.1::FLOAT), ('C2', 'nan'::FLOAT), ('C3', 1.5::FLOAT), ('C4', 'inf'::FLOAT)) t(cost_id, person_days)`,
    );
    const db = await openNodeDb();
    await createTable(db, 'costs');
    const typed = await loadTypedParquet(db, wrap, OPTIONS, 'costs');
    // Rows 2 and 4 (lines 3 and 5): NaN and infinity.
    expect(typed!.rejected.map((r) => [r.line, r.column, r.code])).toEqual([
      [3, 'person_days', 'bad_number'],
      [5, 'person_days', 'bad_number'],
    ]);
    expect(typed!.rejected[0]!.reason).toBe('not a number: nan');
    const text = await importParquetFile(wrap, OPTIONS, 'costs');
    expect(typed!.rejected).toEqual(text.rejected);
    const db2 = await openNodeDb();
    await createTable(db2, 'costs');
    await appendRows(db2, text);
    const loaded = await db.query('SELECT cost_id, person_days FROM costs ORDER BY rowid');
    expect(loaded).toEqual([
      { cost_id: 'C1', person_days: 0.1 },
      { cost_id: 'C3', person_days: 1.5 },
    ]);
    expect(loaded).toEqual(await db2.query('SELECT cost_id, person_days FROM costs ORDER BY rowid'));
    await db.close();
    await db2.close();
  });

  it('loads timestamps to the second as wall-clock time, instants in China time, as the text path does', async () => {
    // Row 1: a naive TIMESTAMP with a fraction (cut to 10:15:30); row 2: an instant at 02:00 UTC = 10:00 in
    // China; row 3: no time (required: rejected, line 4); row 4: an unknown market (line 5).
    const path = await writeParquet(
      'complaints.parquet',
      `SELECT * FROM (VALUES
         ('K1', TIMESTAMP '2026-10-05 10:15:30.750', TIMESTAMPTZ '2026-10-06 02:00:00+00', '国内', 'B01'),
         ('K2', TIMESTAMP '2026-10-05 23:59:59', NULL, 'foreign', 'B01'),
         ('K3', NULL, NULL, 'domestic', 'B01'),
         ('K4', TIMESTAMP '2026-10-07 08:00:00', NULL, 'mars', 'B01')
       ) t(complaint_no, received_at, closed_at, market, branch_id)`,
    );
    const db = await openNodeDb();
    await createTable(db, 'complaints');
    const typed = await loadTypedParquet(db, path, OPTIONS, 'complaints');
    expect(typed!.rejected.map((r) => [r.line, r.column, r.code, r.reason])).toEqual([
      [4, 'received_at', 'required_empty', 'empty required value'],
      [5, 'market', 'bad_enum', 'unknown market: mars'],
    ]);
    const text = await importParquetFile(path, OPTIONS, 'complaints');
    expect(typed!.rejected).toEqual(text.rejected);
    const db2 = await openNodeDb();
    await createTable(db2, 'complaints');
    await appendRows(db2, text);
    const q =
      'SELECT complaint_no, CAST(received_at AS VARCHAR) AS received_at, CAST(closed_at AS VARCHAR) AS closed_at, market FROM complaints ORDER BY rowid';
    const loaded = await db.query(q);
    expect(loaded).toEqual([
      { complaint_no: 'K1', received_at: '2026-10-05 10:15:30', closed_at: '2026-10-06 10:00:00', market: 'domestic' },
      { complaint_no: 'K2', received_at: '2026-10-05 23:59:59', closed_at: null, market: 'foreign' },
    ]);
    expect(loaded).toEqual(await db2.query(q));
    await db.close();
    await db2.close();
  });

  it('is the way a data folder loads a typed Parquet file (loadDataDir: source_files, _rejected)', async () => {
    const folder = join(dir, 'folder');
    cpSync('test/fixtures/cli-data', folder, { recursive: true });
    rmSync(join(folder, 'costs.csv'));
    await writeParquet('folder/costs.parquet', COSTS);
    const db = await openNodeDb();
    const data = await loadDataDir(db, folder);
    const costs = data.files.find((f) => f.table === 'costs')!;
    // As in the first test: 10 read, 2 loaded, 8 rejected.
    expect([costs.rowsRead, costs.rowsLoaded, costs.rejected.length]).toEqual([10, 2, 8]);
    expect(await db.query("SELECT row_count::INT AS n FROM source_files WHERE table_name = 'costs'")).toEqual([{ n: 2 }]);
    expect(await db.query("SELECT count(*)::INT AS n FROM _rejected WHERE file = 'costs.parquet'")).toEqual([{ n: 8 }]);
    await db.close();
  });

  it('leaves a file whose types do not fit to the text path (DOUBLE money, text dates)', async () => {
    const db = await openNodeDb();
    await createTable(db, 'costs');
    const double = await writeParquet(
      'costs-double.parquet',
      `SELECT 'C1' AS cost_id, DATE '2026-10-05' AS date, 'B01' AS branch_id, 'travel' AS category, 1.5::DOUBLE AS amount`,
    );
    expect(await loadTypedParquet(db, double, OPTIONS, 'costs')).toBeNull();
    const textDate = await writeParquet(
      'costs-text.parquet',
      `SELECT 'C1' AS cost_id, '2026/10/5' AS date, 'B01' AS branch_id, 'travel' AS category, 1.5::DECIMAL(18,2) AS amount`,
    );
    expect(await loadTypedParquet(db, textDate, OPTIONS, 'costs')).toBeNull();
    expect(await db.query('SELECT count(*)::INT AS n FROM costs')).toEqual([{ n: 0 }]);
    await db.close();
  });
});
