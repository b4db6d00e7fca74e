import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { ENGINES, fixtureDb, report } from '../helpers/fixture.ts';

// The batch rule (setup/70-quality.sql), October 2026. Orders are generated: `n` orders of a model × batch
// of one service type and fault code, called on October days (no customer, so none is a repeat).
let seq = 0;
function orders(n: number, model: string, batch: string, type: string, fault = '', status = 'completed'): string[] {
  return Array.from({ length: n }, (_, i) => {
    seq += 1;
    const day = String((i % 28) + 1).padStart(2, '0');
    return `G${seq},B1,,${model},${batch},,${fault},${type},2026-10-${day} 10:00:00,,${status}`;
  });
}
const HEADER = 'order_id,branch_id,customer_id,product_model,product_batch,serial_no,fault_code,service_type,called_at,completed_at,status';
const serviceOrders = [
  HEADER,
  // KF-50: 100 orders. Batch 2505B: 20 orders = 12 repairs E4 + 8 installs (and one cancelled repair, not counted);
  // 2503A: 40 = 2 repairs E4 + 4 repairs E7 + 34 installs; 2507A: 40 = 6 repairs E7 + 34 installs.
  ...orders(12, 'KF-50', '2505B', 'repair', 'E4'),
  ...orders(8, 'KF-50', '2505B', 'install'),
  ...orders(1, 'KF-50', '2505B', 'repair', 'E4', 'cancelled'),
  ...orders(2, 'KF-50', '2503A', 'repair', 'E4'),
  ...orders(4, 'KF-50', '2503A', 'repair', 'E7'),
  ...orders(34, 'KF-50', '2503A', 'install'),
  ...orders(6, 'KF-50', '2507A', 'repair', 'E7'),
  ...orders(34, 'KF-50', '2507A', 'install'),
  // KF-35: 100 orders. 2401A: 10 = 5 repairs E1 + 5 maintenance; 2402A: 90 = 5 repairs E1 + 85 installs.
  ...orders(5, 'KF-35', '2401A', 'repair', 'E1'),
  ...orders(5, 'KF-35', '2401A', 'maintenance'),
  ...orders(5, 'KF-35', '2402A', 'repair', 'E1'),
  ...orders(85, 'KF-35', '2402A', 'install'),
  // KF-72: 2406A: 50 = 10 repairs E2 + 40 installs; 2406B: 48 installs; 2 repairs with no batch and no fault.
  ...orders(10, 'KF-72', '2406A', 'repair', 'E2'),
  ...orders(40, 'KF-72', '2406A', 'install'),
  ...orders(48, 'KF-72', '2406B', 'install'),
  ...orders(2, 'KF-72', '', 'repair', ''),
  // A repair of a September batch with one customer twice: the second is a repeat (same serial, 8 days after R1 was completed).
  'R1,B1,K1,KF-72,2406B,SN1,E2,repair,2026-09-20 09:00:00,2026-09-27 09:00:00,completed',
  'R2,B1,K1,KF-72,2406B,SN1,E2,repair,2026-10-05 09:00:00,,open',
].join('\n');
const complaints = `complaint_no,received_at,market,branch_id,product_model,product_batch,nature,valid
  2610001,2026-10-03 09:00:00,domestic,B1,KF-50,2505B,quality,yes
  2610002,2026-10-04 09:00:00,domestic,B1,KF-50,2505B,quality,pending
  2610003,2026-10-05 09:00:00,domestic,B1,KF-50,2505B,non_quality,yes
  2610004,2026-10-06 09:00:00,domestic,B1,KF-50,2505B,quality,no`;

// Hand-worked, October (R1 was called in September, so it counts nowhere; R2 is an October repair):
// KF-50 (orders 100; E4 repairs 12 + 2 = 14 → model E4 rate 0.14; E7 repairs 4 + 6 = 10 → 0.10):
//   2505B E4: 12 / 20 = 0.6, ratio 0.6 / 0.14 = 4.2857…, 12 repairs ≥ 10 → alert
//   2507A E7: 6 / 40 = 0.15, ratio 1.5 → none;  2503A E7: 4 / 40 = 0.1, ratio 1;  2503A E4: 2 / 40 = 0.05, ratio 0.357…
// KF-35 (orders 100; E1 repairs 10 → 0.10):
//   2401A E1: 5 / 10 = 0.5, ratio 5 ≥ 3, 5 repairs (5–9) → watch;  2402A E1: 5 / 90, ratio 0.555…
// KF-72 (orders 10 + 40 + 48 + 2 + R2 = 101; E2 repairs 10 + R2 = 11 → 11 / 101):
//   2406A E2: 10 / 50 = 0.2, ratio 0.2 × 101 / 11 = 1.8363… → none (just under 2 ×: R2 counts for the model)
//   2406B E2: R2 alone, 1 / 49 (48 installs + R2), ratio (1/49) / (11/101) = 101 / 539 = 0.187…
//   empty batch, empty fault: 2 repairs, never flagged
// Batches (all faults): KF-50 2505B: 12 repairs / 20 orders = 0.6; model 24 repairs / 100 = 0.24 → ratio 2.5,
//   flag alert raised by E4; quality complaints: 2610001 (yes) + 2610002 (pending) = 2 (non-quality and
//   invalid ones are not counted). KF-72 2406B: 1 repair (R2), a repeat of R1 → repeats 1.

describe.each(ENGINES)('quality batch rule on %s', (engine) => {
  let db: Db;
  let tables: Record<string, Record<string, unknown>[]>;
  beforeAll(async () => {
    db = await fixtureDb(engine, { service_orders: serviceOrders, complaints });
    tables = (await report(db, { period: '2026-10' })).tables;
  });
  afterAll(() => db.close());

  it('flags a batch ≥ 2 × its model with ≥ 10 repairs (alert), or ≥ 3 × with 5–9 (watch), by fault code', () => {
    const rows = tables['quality_faults']!.map((r) => [r['product_model'], r['product_batch'], r['fault_code'], r['repairs'], r['batch_orders'], r['flag']]);
    expect(rows.slice(0, 2)).toEqual([
      ['KF-50', '2505B', 'E4', 12, 20, 'alert'],
      ['KF-35', '2401A', 'E1', 5, 10, 'watch'],
    ]);
    expect(rows.filter((r) => r[5] !== null)).toHaveLength(2);
    const by = (m: string, b: string | null, f: string | null) =>
      tables['quality_faults']!.find((r) => r['product_model'] === m && r['product_batch'] === b && r['fault_code'] === f)!;
    expect(by('KF-50', '2505B', 'E4')['ratio']).toBeCloseTo(0.6 / 0.14, 12);
    expect(by('KF-50', '2505B', 'E4')['model_fault_rate']).toBeCloseTo(0.14, 12);
    expect(by('KF-50', '2507A', 'E7')['ratio']).toBeCloseTo(1.5, 12);
    expect(by('KF-35', '2401A', 'E1')['ratio']).toBeCloseTo(5, 12);
    expect(by('KF-72', '2406A', 'E2')).toMatchObject({ repairs: 10, batch_orders: 50, model_orders: 101, model_fault_repairs: 11, flag: null });
    expect(by('KF-72', '2406A', 'E2')['ratio']).toBeCloseTo((0.2 * 101) / 11, 12);
    expect(by('KF-72', '2406B', 'E2')['ratio']).toBeCloseTo(101 / 539, 12);
    expect(by('KF-72', null, null)).toMatchObject({ repairs: 2, flag: null });
  });

  it("gives each batch's repair rate against its model's, with repeats and quality complaints", () => {
    const b = Object.fromEntries(tables['quality_batches']!.map((r) => [`${r['product_model']} ${r['product_batch']}`, r]));
    expect(tables['quality_batches']![0]).toMatchObject({ product_model: 'KF-50', product_batch: '2505B', flag: 'alert', flag_fault: 'E4' });
    expect(b['KF-50 2505B']).toMatchObject({ batch_orders: 20, repairs: 12, model_orders: 100, model_repairs: 24, quality_complaints: 2, repeats: 0 });
    expect(b['KF-50 2505B']!['repair_rate']).toBeCloseTo(0.6, 12);
    expect(b['KF-50 2505B']!['model_rate']).toBeCloseTo(0.24, 12);
    expect(b['KF-50 2505B']!['ratio']).toBeCloseTo(2.5, 12);
    expect(b['KF-35 2401A']).toMatchObject({ flag: 'watch', flag_fault: 'E1' });
    expect(b['KF-72 2406B']).toMatchObject({ repairs: 1, repeats: 1, flag: null, flag_fault: null });
  });
});

describe.each(ENGINES)('quality batch rule at its thresholds on %s', (engine) => {
  it('flags a ratio of exactly 2 (alert) or 3 (watch), compared on integers', async () => {
    seq = 1000;
    // KF-90: 2601A 30 orders = 10 repairs E5 + 20 installs; 2601B 70 orders = 5 repairs E5 + 65 installs.
    // Model E5 rate 15 / 100 = 0.15; 2601A 10 / 30 = 0.333… → ratio 2.222… (alert).
    // KF-91: 2602A 20 orders = 10 repairs E6 + 10 installs; 2602B 20 installs.
    // Model E6 rate 10 / 40 = 0.25; 2602A 10 / 20 = 0.5 → exactly 2 → alert.
    // KF-92: 2603A 10 orders = 5 repairs E7 + 5 installs; 2603B 40 = 5 repairs E7 + 35 installs.
    // Model E7 rate 10 / 50 = 0.2; 2603A 5 / 10 = 0.5 → 2.5: only 5 repairs, under 3 × → not flagged.
    // KF-93: 2604A 10 orders = 6 repairs E8 + 4 installs; 2604B 50 = 6 repairs E8 + 44 installs.
    // Model E8 rate 12 / 60 = 0.2; 2604A 6 / 10 = 0.6 → exactly 3 → watch.
    const text = [
      HEADER,
      ...orders(10, 'KF-90', '2601A', 'repair', 'E5'),
      ...orders(20, 'KF-90', '2601A', 'install'),
      ...orders(5, 'KF-90', '2601B', 'repair', 'E5'),
      ...orders(65, 'KF-90', '2601B', 'install'),
      ...orders(10, 'KF-91', '2602A', 'repair', 'E6'),
      ...orders(10, 'KF-91', '2602A', 'install'),
      ...orders(20, 'KF-91', '2602B', 'install'),
      ...orders(5, 'KF-92', '2603A', 'repair', 'E7'),
      ...orders(5, 'KF-92', '2603A', 'install'),
      ...orders(5, 'KF-92', '2603B', 'repair', 'E7'),
      ...orders(35, 'KF-92', '2603B', 'install'),
      ...orders(6, 'KF-93', '2604A', 'repair', 'E8'),
      ...orders(4, 'KF-93', '2604A', 'install'),
      ...orders(6, 'KF-93', '2604B', 'repair', 'E8'),
      ...orders(44, 'KF-93', '2604B', 'install'),
    ].join('\n');
    const db = await fixtureDb(engine, { service_orders: text });
    const rows = (await report(db, { period: '2026-10' })).tables['quality_faults']!;
    const flags = Object.fromEntries(rows.map((r) => [`${r['product_batch']} ${r['fault_code']}`, [r['ratio'], r['flag']]]));
    expect(flags['2601A E5']).toEqual([expect.closeTo(20 / 9, 12), 'alert']);
    expect(flags['2602A E6']).toEqual([expect.closeTo(2, 12), 'alert']);
    expect(flags['2601B E5']![1]).toBeNull();
    expect(flags['2603A E7']).toEqual([expect.closeTo(2.5, 12), null]);
    expect(flags['2604A E8']).toEqual([expect.closeTo(3, 12), 'watch']);
    await db.close();
  });
});
