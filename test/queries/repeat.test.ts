import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { ENGINES, fixtureDb, report } from '../helpers/fixture.ts';

// repeat_window_days = 30 (default): r.called_at − e.completed_at ≤ 30 × 24 h (docs/metrics.md rule 8).
const orders = `order_id,branch_id,customer_id,product_model,serial_no,fault_code,service_type,called_at,completed_at,technician_id,status
  A1,B1,C1,KF-35,SN1,E1,repair,2026-09-01 09:00:00,2026-09-01 12:00:00,T1,completed
  A2,B1,C1,KF-35,SN1,E1,repair,2026-10-01 12:00:00,,,open
  B1,B1,C2,KF-35,SN2,E1,repair,2026-09-01 09:00:00,2026-09-01 12:00:00,T1,completed
  B2,B1,C2,KF-35,SN2,E1,repair,2026-10-01 12:00:01,2026-10-01 15:00:00,T2,completed
  M1,B2,C3,KF-50,,,repair,2026-09-20 09:00:00,2026-09-20 10:00:00,T3,completed
  M2,B2,C3,KF-50,,E7,repair,2026-10-05 09:00:00,2026-10-05 11:00:00,T4,completed
  F1,B2,C4,KF-50,SN4,E1,repair,2026-10-02 09:00:00,2026-10-02 10:00:00,T3,completed
  F2,B2,C4,KF-50,SN4,E2,repair,2026-10-06 09:00:00,,,open
  S1,B2,C5,KF-50,SN5,E1,repair,2026-10-02 09:00:00,2026-10-02 10:00:00,T3,completed
  S2,B2,C5,KF-50,SN6,E1,repair,2026-10-06 09:00:00,,,open
  K1,B1,C6,KF-35,SN7,,repair,2026-10-01 09:00:00,2026-10-01 10:00:00,T1,completed
  K2,B1,C6,KF-35,SN7,,repair,2026-10-03 09:00:00,2026-10-03 10:00:00,T2,completed
  K3,B1,C6,KF-35,SN7,,repair,2026-10-09 09:00:00,,,open
  N1,B1,C7,KF-35,SN8,E1,install,2026-10-01 09:00:00,2026-10-01 10:00:00,T1,completed
  N2,B1,C7,KF-35,SN8,E1,repair,2026-10-04 09:00:00,,,open
  X1,B1,C8,KF-35,SN9,E1,repair,2026-10-01 09:00:00,2026-10-01 10:00:00,T1,cancelled
  X2,B1,C8,KF-35,SN9,E1,repair,2026-10-04 09:00:00,,,open
  Z1,B1,,KF-35,SN10,E1,repair,2026-10-01 09:00:00,2026-10-01 10:00:00,T1,completed
  Z2,B1,,KF-35,SN10,E1,repair,2026-10-04 09:00:00,,,open`;
// A2: A1 completed 09-01 12:00, A2 called 10-01 12:00 = exactly 30 × 24 h later → repeat (just inside), charged T1
// B2: 30 days + 1 s after B1 → not a repeat (just outside)
// M2: no serial on either → compared by model KF-50; M1 has no fault code → codes not compared → repeat, T3
// F2: same serial, both have fault codes E1 ≠ E2 → not a repeat
// S2: both have serials and they differ (SN5 ≠ SN6) → not a repeat, though the model is the same
// K2: repeat of K1 (T1). K3: K1 and K2 both qualify → charged to the most recent, K2's technician T2
// N2: the earlier order is an install, not a repair → not a repeat
// X2: the earlier repair was cancelled → not a repeat
// Z2: empty customer_id → never a repeat
// October repairs received (not cancelled): A2 B2 M2 F1 F2 S1 S2 K1 K2 K3 N2 X2 Z1 Z2 = 14 (X1 cancelled)
// Repeats in October: A2 M2 K2 K3 = 4 → repeat.rate = 4 / 14
//   B1: repairs A2 B2 K1 K2 K3 N2 X2 Z1 Z2 = 9, repeats A2 K2 K3 = 3 → 3/9;  B2: M2 F1 F2 S1 S2 = 5, repeat M2 → 1/5

describe.each(ENGINES)('repeat repairs on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await fixtureDb(engine, { service_orders: orders });
  });
  afterAll(() => db.close());

  it('finds repeats by serial, by model, with and without fault code, at the window edge', async () => {
    const r = await report(db, { period: '2026-10' });
    expect(r.metrics['repeat.rate']).toBeCloseTo(4 / 14, 12);
    expect(r.by_branch['B1']!['repeat.rate']).toBeCloseTo(3 / 9, 12);
    expect(r.by_branch['B2']!['repeat.rate']).toBeCloseTo(1 / 5, 12);
    const list = r.tables['repeats']!.map((x) => [x['order_id'], x['previous_order_id'], x['charged_technician_id']]);
    expect(list).toEqual([
      ['A2', 'A1', 'T1'],
      ['K2', 'K1', 'T1'],
      ['M2', 'M1', 'T3'],
      ['K3', 'K2', 'T2'],
    ]);
  });
});
