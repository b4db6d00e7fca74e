import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { ENGINES, fixtureDb, report } from '../helpers/fixture.ts';

// Period 2026-10 ([2026-10-01 00:00, 2026-11-01 00:00)). Branches B1, B2, B3 (B3 has no rows);
// O9 uses B9, which branches.csv does not list (docs/metrics.md rule 17: it still gets a by_branch entry).
const branches = `branch_id,branch_name,level
  B1,一号网点,branch
  B2,二号网点,branch
  B3,三号网点,branch`;

const orders = `order_id,branch_id,service_type,charge_class,called_at,completed_at,status
  O1,B1,repair,A,2026-10-01 09:00:00,2026-10-01 15:00:00,completed
  O2,B1,install,B,2026-10-31 23:59:59,,open
  O3,B1,consultation,C,2026-10-05 10:00:00,2026-10-05 10:10:00,completed
  O4,B2,repair,A,2026-10-07 09:00:00,2026-10-08 09:00:00,cancelled
  O5,B2,maintenance,D,2026-09-30 23:59:59,2026-10-01 00:00:00,completed
  O6,B2,repair,,2026-11-01 00:00:00,,open
  O7,B2,inspection,C,2026/10/10 9:00,2026-11-01 00:00:00,completed
  O8,B1,return,A,2026-10-15 09:00:00,2026-10-20 09:00:00,in_progress
  O9,B9,repair,A,2026-10-02 09:00:00,,open`;
// received (called in Oct, not cancelled): O1 O2 O3 (consultations count in volumes) O7 O8 O9 = 6
//   B1: O1 O2 O3 O8 = 4; B2: O7 = 1; B9: O9 = 1; B3: 0.   O4 cancelled, O5 September, O6 November.
// completed (completed_at in Oct, not cancelled; status need not say completed): O1 O3 O5 O8 = 4
//   B1: O1 O3 O8 = 3; B2: O5 = 1.   O4 cancelled, O7 completed 11-01 00:00 (November).
// by_type of received: install O2, repair O1 O9, inspection O7, consultation O3, return O8
// by_class of received: A O1 O8 O9 = 3, B O2 = 1, C O3 O7 = 2, D 0

// Thirty material amounts of 0.10 in B1 must sum to exactly "3.00" (no float drift).
const material = Array.from({ length: 30 }, (_, i) => `M${i + 1},2026-10-${String((i % 28) + 1).padStart(2, '0')},B1,material,0.10,,,`);
const costs = `cost_id,date,branch_id,category,amount,person_times,person_days,contract_guided_install
  ${material.join('\n')}
  T1,2026-10-02,B1,travel,150.50,2,1.5,
  T2,2026/10/31,B2,travel,49.50,1,0.5,false
  I1,2026-10-03 18:00:00,B2,install,200.00,3,2,
  I2,2026-10-04,B2,install,1000.00,5,4,true
  G2,2026-10-06,B1,travel,300.00,4,2,是
  S1,2026-10-05,B1,shipping,12.34,,,
  X1,2026-09-30,B1,other,99.99,,,
  X2,2026-11-01,B1,other,5.00,,,
  X3,2026-10-31,B2,other,0.01,,,`;
// In October, leaving out the contract-guided rows I2 (1000.00) and G2 (300.00):
//   install  = I1 200.00                      travel = T1 150.50 + T2 49.50 = 200.00
//   material = 30 × 0.10 = 3.00               shipping = S1 12.34        other = X3 0.01 (X1 Sept, X2 Nov)
//   total = 200.00 + 200.00 + 3.00 + 12.34 + 0.01 = 415.35
//   contract_guided_install = 1000.00 + 300.00 = 1300.00
//   person_times = T1 2 + T2 1 + I1 3 = 6;  person_days = 1.5 + 0.5 + 2 = 4
//   per_completed_order = 415.35 / 4 completed = 103.8375 → "103.84"
// B1: travel 150.50, material 3.00, shipping 12.34 → total 165.84; guided 300.00; 2 times, 1.5 days;
//     165.84 / 3 completed = 55.28
// B2: install 200.00, travel 49.50, other 0.01 → total 249.51; guided 1000.00; 4 times, 2.5 days;
//     249.51 / 1 completed = 249.51
// B3, B9: no costs → "0.00"; per_completed_order null (no completed order)

describe.each(ENGINES)('volume and cost metrics on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await fixtureDb(engine, { branches, service_orders: orders, costs });
  });
  afterAll(() => db.close());

  it('counts received and completed orders by docs/metrics.md rules 1 and 9', async () => {
    const r = await report(db, { period: '2026-10' });
    expect(r.metrics['orders.received']).toBe(6);
    expect(r.metrics['orders.completed']).toBe(4);
    expect(r.metrics['orders.by_type']).toEqual({ install: 1, repair: 2, maintenance: 0, inspection: 1, consultation: 1, return: 1 });
    expect(r.metrics['orders.by_class']).toEqual({ A: 3, B: 1, C: 2, D: 0 });
    expect(Object.keys(r.by_branch).sort()).toEqual(['B1', 'B2', 'B3', 'B9']);
    expect(r.by_branch['B1']!['orders.received']).toBe(4);
    expect(r.by_branch['B2']!['orders.received']).toBe(1);
    expect(r.by_branch['B3']!['orders.received']).toBe(0);
    expect(r.by_branch['B9']!['orders.received']).toBe(1);
    expect(r.by_branch['B1']!['orders.completed']).toBe(3);
    expect(r.by_branch['B2']!['orders.completed']).toBe(1);
  });

  it('sums costs exactly and leaves contract-guided installs out of the categories', async () => {
    const m = (await report(db, { period: '2026-10' })).metrics;
    expect(m['cost.install']).toBe('200.00');
    expect(m['cost.travel']).toBe('200.00');
    expect(m['cost.material']).toBe('3.00');
    expect(m['cost.shipping']).toBe('12.34');
    expect(m['cost.other']).toBe('0.01');
    expect(m['cost.total']).toBe('415.35');
    expect(m['cost.contract_guided_install']).toBe('1300.00');
    expect(m['cost.person_times']).toBe(6);
    expect(m['cost.person_days']).toBe(4);
    expect(m['cost.per_completed_order']).toBe('103.84');
  });

  it('cuts costs by branch, and empty branches show 0.00 with a null per-order cost', async () => {
    const b = (await report(db, { period: '2026-10' })).by_branch;
    expect(b['B1']).toMatchObject({
      'cost.total': '165.84',
      'cost.contract_guided_install': '300.00',
      'cost.person_times': 2,
      'cost.person_days': 1.5,
      'cost.per_completed_order': '55.28',
    });
    expect(b['B2']).toMatchObject({
      'cost.total': '249.51',
      'cost.install': '200.00',
      'cost.other': '0.01',
      'cost.person_times': 4,
      'cost.person_days': 2.5,
      'cost.per_completed_order': '249.51',
    });
    expect(b['B3']).toMatchObject({
      'cost.total': '0.00',
      'cost.install': '0.00',
      'cost.person_times': 0,
      'cost.person_days': 0,
      'cost.per_completed_order': null,
    });
    expect(b['B9']!['cost.per_completed_order']).toBeNull();
  });

  it('--branch computes everything for one branch and by_branch holds only it', async () => {
    const r = await report(db, { period: '2026-10', branch: 'B2' });
    expect(Object.keys(r.by_branch)).toEqual(['B2']);
    expect(r.metrics['orders.received']).toBe(1);
    expect(r.metrics['cost.total']).toBe('249.51');
    expect(r.by_branch['B2']).toEqual(r.metrics);
  });

  it('a month without data gives zero counts, 0.00 amounts and null rates', async () => {
    const m = (await report(db, { period: '2025-01' })).metrics;
    expect(m['orders.received']).toBe(0);
    expect(m['cost.total']).toBe('0.00');
    expect(m['cost.per_completed_order']).toBeNull();
    expect(m['response.on_time_rate']).toBeNull();
    expect(m['complaints.rate_per_100']).toBeNull();
  });

  it('a year sums its months', async () => {
    // 2026: O1 O2 O3 O7 O8 O9 (October) + O5 (September) + O6 (November) = 8 received;
    // costs: October 415.35 + X1 99.99 (September) + X2 5.00 (November) = 520.34
    const m = (await report(db, { period: '2026' })).metrics;
    expect(m['orders.received']).toBe(8);
    expect(m['cost.total']).toBe('520.34');
  });

  it('rounds money quotients once, half away from zero (四舍五入)', async () => {
    // 0.05 / 2 = 0.025 → 0.03; -0.05 / 2 = -0.025 → -0.03; 10.00 / 3 = 3.333… → 3.33; 0.01 / 2 = 0.005 → 0.01
    const rows = await db.query(
      'SELECT money_per(0.05::DECIMAL(18,2), 2) a, money_per(-0.05::DECIMAL(18,2), 2) b, money_per(10.00::DECIMAL(18,2), 3) c, money_per(0.01::DECIMAL(18,2), 2) d, money_per(1::DECIMAL(18,2), 0) e',
    );
    expect(rows[0]).toEqual({ a: '0.03', b: '-0.03', c: '3.33', d: '0.01', e: null });
  });
});
