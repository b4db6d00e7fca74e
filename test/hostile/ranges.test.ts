/**
 * Hostile input, issue 22 item 1: absurd numbers. Every numeric column has a finite range
 * (docs/import.md "Value ranges"); a value outside it is a rejected row naming the column, never an
 * infinity in a sum or an overflow that stops the report.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { importCsv } from '../../src/lib/import/import-table.ts';
import type { TableName } from '../../src/lib/schema.ts';
import { appendLines, cleanHostile, hostileDir, report } from './helpers.ts';

afterAll(cleanHostile);

const OPTIONS = { zones: ['urban', 'suburban', 'remote'] };

/** One valid row per table: header + the row, with `{}` where the column under test goes. */
const BASE: Record<string, [string, string]> = {
  service_orders: ['order_id,branch_id,service_type,called_at,status,', 'O1,B1,repair,2026-10-05 09:00:00,open,'],
  costs: ['cost_id,date,branch_id,category,amount,', 'K1,2026-10-05,B1,travel,1.00,'],
  complaints: ['complaint_no,received_at,market,branch_id,', '2610001,2026-10-05 09:00:00,domestic,B1,'],
  staff: ['staff_id,', 'S1,'],
  calls: ['call_id,started_at,', 'L1,2026-10-05 09:00:00,'],
};

/** Import one row with `column` = `value`: the rejected reason code, or the loaded value. */
function one(table: TableName, column: string, value: string): { code: string | null; value: string | null } {
  const [head, row] = BASE[table]!;
  // Replace the column if the base row has it already (amount), else add it at the end.
  const cols = head.slice(0, -1).split(',');
  const cells = row.slice(0, -1).split(',');
  const at = cols.indexOf(column);
  if (at >= 0) cells[at] = value;
  else cols.push(column), cells.push(value);
  const t = importCsv(`${table}.csv`, new TextEncoder().encode(`${cols.join(',')}\n${cells.join(',')}\n`), OPTIONS, table);
  expect(t.rows.length + t.rejected.length).toBe(t.rowsRead);
  if (t.rejected.length) {
    expect(t.rejected[0]!.column).toBe(column);
    expect(t.rejected[0]!.line).toBe(2);
    return { code: t.rejected[0]!.code, value: null };
  }
  return { code: null, value: t.rows[0]![t.columns.indexOf(column)]! };
}

// [table, column, accepted values (the ends of the range), refused values]
const CASES: [TableName, string, string[], string[]][] = [
  ['service_orders', 'labor_hours', ['0', '10000', '2.5'], ['1e999', '10000.01', '-1', '1e5', 'Infinity', 'NaN', '-0.5']],
  ['costs', 'amount', ['-10000000000.00', '10000000000.00'], ['10000000000.01', '-10000000000.01', '9999999999999999.99']],
  ['costs', 'person_times', ['0', '100000'], ['2000000000', '100001', '-1']],
  ['costs', 'person_days', ['0', '100000', '0.5'], ['1e33', '100000.5', '-0.5', '1e999']],
  ['complaints', 'loss_amount', ['0.00', '10000000000.00'], ['-1.00', '10000000000.01']],
  ['staff', 'base_points', ['0', '100000'], ['1e300', '100001', '-3']],
  ['staff', 'monthly_bonus', ['0', '100000000.00'], ['100000000.01', '-5.00']],
  ['calls', 'rings', ['0', '1000'], ['1001', '-1', '2147483647']],
];

describe('numeric ranges (docs/import.md "Value ranges")', () => {
  for (const [table, column, good, bad] of CASES) {
    it(`${table}.${column}: the ends of the range load, values outside are rejected with the column`, () => {
      for (const v of good) expect(one(table, column, v).code, `${column}=${v}`).toBeNull();
      for (const v of bad) expect(one(table, column, v).code, `${column}=${v}`).not.toBeNull();
    });
  }

  it('says why: the column, the range and the value as written', () => {
    const [head, row] = BASE['service_orders']!;
    const t = importCsv('service_orders.csv', new TextEncoder().encode(`${head}labor_hours\n${row}1e999\n`), OPTIONS, 'service_orders');
    expect(t.rejected).toEqual([
      { file: 'service_orders.csv', line: 2, column: 'labor_hours', code: 'out_of_range', reason: 'labor_hours out of range 0–10000: 1e999' },
    ]);
  });

  it('rejects timestamps and dates outside the years 1900–2199 (0001 / 9999 placeholders)', () => {
    expect(one('service_orders', 'called_at', '9999-12-31 00:00:00').code).toBe('bad_timestamp');
    expect(one('service_orders', 'called_at', '0001-01-01 00:00:00').code).toBe('bad_timestamp');
    expect(one('service_orders', 'called_at', '2199-12-31 23:59:59').value).toBe('2199-12-31 23:59:59');
    expect(one('service_orders', 'called_at', '1900-01-01 00:00:00').value).toBe('1900-01-01 00:00:00');
    expect(one('costs', 'date', '1899-12-31').code).toBe('bad_date');
    expect(one('costs', 'date', '2200-01-01').code).toBe('bad_date');
  });

  it('cuts a megabyte-long value in a reason to 200 characters', () => {
    const [head, row] = BASE['service_orders']!;
    const huge = '9'.repeat(1 << 20);
    const t = importCsv('service_orders.csv', new TextEncoder().encode(`${head}labor_hours\n${row}${huge}\n`), OPTIONS, 'service_orders');
    expect(t.rejected[0]!.reason.length).toBe(200);
    expect(t.rejected[0]!.reason.endsWith('…')).toBe(true);
  });
});

describe('the report CLI on absurd values (exit 0, rows rejected, sums intact)', () => {
  it('person_days 1e33 and two person_times of 2,000,000,000 are rejected; the report still runs', () => {
    const dir = hostileDir((d) =>
      appendLines(
        d,
        'costs.csv',
        'K4,2026-10-09,B1,travel,1.00,1,1e33,false',
        'K5,2026-10-09,B1,travel,1.00,2000000000,,false',
        'K6,2026-10-09,B2,install,1.00,2000000000,1,false',
      ),
    );
    const r = report(dir);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const costs = out.rejected.filter((x: { file: string }) => x.file === 'costs.csv');
    // K3 (line 4: 12.345, three decimals) was rejected before; K4–K6 are lines 5–7.
    expect(costs.map((x: { line: number; column: string }) => [x.line, x.column])).toEqual([
      [4, 'amount'],
      [5, 'person_days'],
      [6, 'person_times'],
      [7, 'person_times'],
    ]);
    // Only K1 (travel, 1 person-time, 0.5 person-days) is left of the install/travel rows.
    expect(out.metrics['cost.person_times']).toBe(1);
    expect(out.metrics['cost.person_days']).toBe(0.5);
    // travel = K1 80.10 (K4, K5 rejected); total = 80.10 + K2 material 19.90 = 100.00
    expect(out.metrics['cost.travel']).toBe('80.10');
    expect(out.metrics['cost.total']).toBe('100.00');
  });

  it('--period 9999-12 is refused at once (exit 2, one line naming the years)', () => {
    const r = report(hostileDir(), '--period', '9999-12');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('report: --period must be YYYY-MM, YYYY-Qn, YYYY or YYYY-MM..YYYY-MM with years 1900–2199, got "9999-12"');
  });
});
