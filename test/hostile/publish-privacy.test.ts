/**
 * Issue 22 item 6: a published site's database leaves out bonuses, base points and customer ids by
 * default (build-sample-db --strip-personal-data, which publish-site passes unless
 * --include-personal-data), and the quality page's bonus deductions still come out — computed at build
 * time from the whole data.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../src/lib/report/bundle.ts';
import { openNodeDb } from '../../src/lib/db/db-node.ts';
import type { Db, Row } from '../../src/lib/db/types.ts';
import { computeReport } from '../../src/lib/report/compute.ts';
import { readSqlFiles } from '../../src/lib/report/sql-node.ts';
import { cleanHostile, hostileDir, runScript } from './helpers.ts';

const SQL = readSqlFiles();
const SECRET = 'CUST-SECRET-4711';

/**
 * One complaint, 2610001, closed 2026-10-10, valid, loss 1000.00; responsibility: S1 (unit U0) by name 0.6, and
 * unit U1 of service 0.4 — split by base points over S2 (30) and S3 (10). Bonuses S1 800, S2 1000, S3 2000.
 *   S1: 1000 × 0.6 = 600.00; cap = 800 / 2 = 400 → deducted 400.00, carried out 200.00;
 *       November: carried in 200.00, deducted 200.00 (cap 400), carried out 0.
 *   S2: 1000 × 0.4 × 30/40 = 300.00 ≤ cap 500 → deducted 300.00
 *   S3: 1000 × 0.4 × 10/40 = 100.00 ≤ cap 1000 → deducted 100.00
 */
function folder(): string {
  return hostileDir((d) => {
    writeFileSync(
      join(d, 'staff.csv'),
      'staff_id,name,branch_id,department,unit,base_points,monthly_bonus\nS1,张三,B1,service,U0,20,800.00\nS2,李四,B1,service,U1,30,1000.00\nS3,王五,B2,service,U1,10,2000.00\n',
    );
    writeFileSync(
      join(d, 'complaints.csv'),
      `complaint_no,received_at,market,branch_id,customer_id,valid,loss_amount,closed_at\n2610001,2026-10-02 09:00:00,domestic,B1,${SECRET},yes,1000.00,2026-10-10 10:00:00\n`,
    );
    writeFileSync(
      join(d, 'complaint_responsibility.csv'),
      'complaint_no,department,unit,staff_id,share,sanction\n2610001,service,U1,S1,0.6,none\n2610001,service,U1,,0.4,none\n',
    );
    // An order in November, so 2026-11 is a month of the data; a customer id that must not ship.
    writeFileSync(
      join(d, 'service_orders.csv'),
      `order_id,branch_id,customer_id,service_type,zone,called_at,status\nO1,B1,${SECRET},repair,urban,2026-10-05 20:00:00,open\nO2,B2,C2,repair,urban,2026-11-05 09:00:00,open\n`,
    );
  });
}

const pick = (rows: Row[], cols: string[]) => rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c]])));

describe('publish without personal data', () => {
  let dir: string;
  let file: string;
  let db: Db;
  beforeAll(async () => {
    dir = folder();
    mkdirSync(join(dir, '..', 'out'));
    file = join(dir, '..', 'out', 'site.duckdb');
    const r = runScript('src/cli/build-db.ts', ['--strip-personal-data', '--data', dir, '--out', file], 300_000);
    expect(r.status, r.stderr).toBe(0);
    db = await openNodeDb();
    await openBundle(db, SQL, file);
  }, 300_000);
  afterAll(async () => {
    await db?.close();
    cleanHostile();
  });

  it('no customer id in the file or its stored part, not even as bytes', () => {
    for (const f of [file, `${file.replace(/\.duckdb$/, '')}.stored.duckdb`]) {
      const bytes = readFileSync(f);
      expect(bytes.includes(Buffer.from(SECRET)), f).toBe(false);
    }
  });

  it('every bonus, base-points and customer-id column is empty', async () => {
    const cols = await db.query(
      "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = 'sample' AND column_name IN ('customer_id', 'monthly_bonus', 'base_points', 'unit_base_points')",
    );
    expect(cols.length).toBeGreaterThan(0);
    for (const c of cols) {
      const [n] = await db.query(`SELECT count("${String(c['column_name'])}")::INTEGER AS n FROM sample.main."${String(c['table_name'])}"`);
      expect(n!['n'], `${String(c['table_name'])}.${String(c['column_name'])}`).toBe(0);
    }
  });

  it('the quality page still gets the deductions, worked out at build time (bonus, cap and instalments left out)', async () => {
    const oct = await computeReport(db, { period: '2026-10', branch: null, asOf: null }, SQL, { metrics: false, tables: ['deductions', 'deduction_lines'] });
    expect(pick(oct.tables['deductions']!, ['staff_id', 'accrued', 'deducted', 'carried_out', 'monthly_bonus', 'cap', 'schedule'])).toEqual([
      { staff_id: 'S1', accrued: '600.00', deducted: '400.00', carried_out: '200.00', monthly_bonus: null, cap: null, schedule: null },
      { staff_id: 'S2', accrued: '300.00', deducted: '300.00', carried_out: '0.00', monthly_bonus: null, cap: null, schedule: null },
      { staff_id: 'S3', accrued: '100.00', deducted: '100.00', carried_out: '0.00', monthly_bonus: null, cap: null, schedule: null },
    ]);
    expect(pick(oct.tables['deduction_lines']!, ['staff_id', 'basis', 'amount', 'base_points'])).toEqual([
      { staff_id: 'S1', basis: 'person', amount: '600.00', base_points: null },
      { staff_id: 'S2', basis: 'base_points', amount: '300.00', base_points: null },
      { staff_id: 'S3', basis: 'base_points', amount: '100.00', base_points: null },
    ]);
    // November: S1's 200.00 carried in and deducted; a branch cut keeps B1's people only.
    const nov = await computeReport(db, { period: '2026-11', branch: 'B1', asOf: null }, SQL, { metrics: false, tables: ['deductions'] });
    expect(pick(nov.tables['deductions']!, ['staff_id', 'carried_in', 'deducted', 'carried_out'])).toEqual([
      { staff_id: 'S1', carried_in: '200.00', deducted: '200.00', carried_out: '0.00' },
    ]);
    // A quarter is its months' rows.
    const q4 = await computeReport(db, { period: '2026-Q4', branch: null, asOf: null }, SQL, { metrics: false, tables: ['deductions'] });
    expect(q4.tables['deductions']!.map((r) => `${String(r['month'])} ${String(r['staff_id'])}`)).toEqual([
      '2026-10 S1',
      '2026-10 S2',
      '2026-10 S3',
      '2026-11 S1',
    ]);
  });

  it('the repeats drill list and the monthly figures still come out (customer column empty)', async () => {
    const r = await computeReport(db, { period: '2026-10', branch: null, asOf: null }, SQL, { tables: ['repeats'] });
    expect(r.metrics['orders.received']).toBe(1);
    expect(r.tables['repeats']).toEqual([]);
  });
});

describe('with the personal data (build-db, publish-site --include-personal-data)', () => {
  it('keeps the bonus and the customer ids', async () => {
    const dir = folder();
    const file = join(dir, '..', 'full.duckdb');
    const r = runScript('src/cli/build-db.ts', ['--no-figures', '--data', dir, '--out', file], 300_000);
    expect(r.status, r.stderr).toBe(0);
    const db = await openNodeDb();
    try {
      await openBundle(db, SQL, file);
      const rep = await computeReport(db, { period: '2026-10', branch: null, asOf: null }, SQL, { metrics: false, tables: ['deductions'] });
      expect(pick(rep.tables['deductions']!, ['staff_id', 'monthly_bonus', 'cap'])).toEqual([
        { staff_id: 'S1', monthly_bonus: '800.00', cap: '400.00' },
        { staff_id: 'S2', monthly_bonus: '1000.00', cap: '500.00' },
        { staff_id: 'S3', monthly_bonus: '2000.00', cap: '1000.00' },
      ]);
      expect(readFileSync(file).includes(Buffer.from(SECRET))).toBe(true);
    } finally {
      await db.close();
    }
  }, 300_000);
});
