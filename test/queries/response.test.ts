import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { ENGINES, fixtureDb, report } from '../helpers/fixture.ts';

// Default config: working window 08:30–17:30 (9 h) every day; urban 6 h, suburban 7 h, remote by contract.
// Period 2026-10; as_of 2026-11-01 00:00:00 unless given.
const orders = `order_id,branch_id,service_type,zone,called_at,dispatched_at,promised_at,arrived_at,completed_at,status
  R1,B1,install,urban,2026-10-05 09:00:00,2026-10-05 09:10:00,,2026-10-05 15:00:00,2026-10-05 16:00:00,completed
  R2,B1,install,urban,2026-10-05 09:00:00,2026-10-06 09:00:00,,2026-10-05 15:00:01,2026-10-06 09:00:00,completed
  R3,B1,repair,urban,2026-10-05 20:00:00,2026-10-06 20:00:01,,2026-10-06 10:00:00,2026-10-06 11:00:00,completed
  R4,B1,repair,suburban,2026-10-05 15:00:00,,,2026-10-07 09:00:00,2026-10-07 10:00:00,completed
  R5,B2,repair,remote,2026-10-08 09:00:00,2026-10-08 10:00:00,2026-10-09 10:00:00,2026-10-09 09:50:00,2026-10-09 11:00:00,completed
  R6,B2,maintenance,remote,2026-10-07 09:00:00,,,2026-10-08 09:00:00,2026-10-08 10:00:00,completed
  R7,B2,repair,urban,2026-10-31 16:00:00,,,,,open
  R8,B2,install,urban,2026-10-20 09:00:00,2026-10-20 10:00:00,,,,dispatched
  R9,B1,consultation,urban,2026-10-06 09:00:00,,,,2026-10-06 09:05:00,completed
  R10,B1,repair,urban,2026-10-12 10:00:00,,,,2026-10-12 10:30:00,completed
  R11,B1,repair,urban,2026-10-15 09:00:00,,,2026-10-15 09:30:00,2026-10-15 10:00:00,cancelled
  R12,B2,repair,urban,2026-10-25 10:00:00,2026-10-25 11:00:00,,2026-11-01 09:00:00,,in_progress
  R13,B1,install,urban,2026-10-30 10:00:00,2026-10-30 11:00:00,,,,dispatched
  R14,B1,install,urban,2026-10-29 10:00:00,2026-10-29 10:30:00,,,,dispatched`;
// Deadlines (docs/metrics.md rule 3):
//   R1, R2  09:00 + 6 h                                          → 10-05 15:00
//   R3      evening call: clock starts 10-06 08:30 + 6 h          → 10-06 14:30
//   R4      suburban 7 h: 2.5 h on 10-05 (15:00–17:30) + 4.5 h    → 10-06 13:00
//   R5      promised_at                                           → 10-09 10:00
//   R6      remote, no promise                                    → no standard
//   R7      1.5 h on 10-31 + 4.5 h                                → 11-01 13:00 (≥ as_of: not yet due)
//   R8 10-20 15:00; R12 10-25 16:00; R13 10-30 16:00; R14 10-29 16:00
// The set of the four promises (rule 4): received, not consultation (R9), not phone-resolved (R10),
// not cancelled (R11), with a standard (not R6): R1 R2 R3 R4 R5 R7 R8 R12 R13 R14.
//
// on-time: R1 arrived 15:00 = deadline (kept, ≤), R2 15:00:01 (missed), R3 10:00 ≤ 14:30 (kept),
//   R4 10-07 09:00 > 10-06 13:00 (missed), R5 09:50 ≤ 10:00 (kept), R7 not due (out),
//   R8 R13 R14 not arrived and past deadline (missed), R12 arrived 11-01 > 10-25 16:00 (missed; rule 2)
//   → 3 kept / 9 = 1/3.   B1: R1 R3 kept of R1 R2 R3 R4 R13 R14 → 2/6;  B2: R5 of R5 R8 R12 → 1/3
// P50/P90 (rule 6): arrived, received, not consultation — R1..R6 and R12 (R11 cancelled), working hours:
//   R3 1.5 (08:30–10:00); R1 6; R2 6 + 1/3600; R6 8.5 + 0.5 = 9; R5 8.5 + 1h20m = 9.8333…;
//   R4 2.5 + 9 + 0.5 = 12; R12 7.5 + 6 days × 9 + 0.5 = 62
//   sorted 1.5, 6, 6.0003, 9, 9.8333, 12, 62 → P50 = 9; P90 at (7−1) × 0.9 = 5.4 → 12 + 0.4 × (62 − 12) = 32
// 24 h reply (deadline called_at + 24 h, inclusive): R1 kept, R2 dispatched at exactly +24 h (kept),
//   R3 +24 h 1 s (missed), R4 never dispatched and 10-06 15:00 < as_of (missed), R5 R8 R12 R13 R14 kept,
//   R7 not dispatched, 11-01 16:00 ≥ as_of (out) → 7 / 9
// 2-day install (rule 5, before 00:00 of called date + 3): R1, R2 kept; R8 (10-23 00:00 ≤ as_of) missed;
//   R14 (called 10-29 → 11-01 00:00 ≤ as_of, the boundary) missed; R13 (11-02 00:00 > as_of) out → 2 / 4
// next-day repair (before 00:00 of called date + 2): R3 (arrived 10-06 < 10-07) kept, R4 (10-07 09:00) missed,
//   R5 (10-09 < 10-10) kept, R12 missed, R7 (11-02 > as_of) out → 2 / 4
// same-day (rule 7): denominator received, not consultation: R1–R8, R10, R12–R14 = 12;
//   completed on the call's date: R1 (10-05), R10 (phone, 10-12) → 2 / 12

describe.each(ENGINES)('response metrics on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await fixtureDb(engine, { service_orders: orders });
  });
  afterAll(() => db.close());

  it('computes deadlines in working hours (rule 3)', async () => {
    const rows = await db.query('SELECT order_id, ts_text(deadline) AS d FROM orders_x ORDER BY _line');
    const d = Object.fromEntries(rows.map((r) => [r['order_id'], r['d']]));
    expect(d).toMatchObject({
      R1: '2026-10-05 15:00:00',
      R3: '2026-10-06 14:30:00',
      R4: '2026-10-06 13:00:00',
      R5: '2026-10-09 10:00:00',
      R6: null,
      R7: '2026-11-01 13:00:00',
    });
  });

  it('on-time rate, percentiles, 24 h reply, 2-day install, next-day repair, same day', async () => {
    const r = await report(db, { period: '2026-10' });
    const m = r.metrics;
    expect(m['response.on_time_rate']).toBeCloseTo(3 / 9, 12);
    expect(m['response.p50_hours']).toBeCloseTo(9, 9);
    expect(m['response.p90_hours']).toBeCloseTo(32, 9);
    expect(m['response.reply_24h_rate']).toBeCloseTo(7 / 9, 12);
    expect(m['install.within_2d_rate']).toBe(0.5);
    expect(m['repair.next_day_rate']).toBe(0.5);
    expect(m['resolution.same_day_rate']).toBeCloseTo(2 / 12, 12);
    expect(r.by_branch['B1']!['response.on_time_rate']).toBeCloseTo(2 / 6, 12);
    expect(r.by_branch['B2']!['response.on_time_rate']).toBeCloseTo(1 / 3, 12);
    // case counts behind the rates: 9 evaluated on-time promises, 7 arrived orders, 12 same-day orders
    expect(r.cases.total).toMatchObject({ 'response.on_time_rate': 9, 'response.p90_hours': 7, 'resolution.same_day_rate': 12 });
    expect(r.cases.by_branch['B1']!['response.on_time_rate']).toBe(6);
  });

  it('as_of decides only what is not yet due; recorded late events still count (rule 2)', async () => {
    // as_of 10-20 12:00: R8 (deadline 10-20 15:00), R13, R14 and R7 not arrived and not yet due → out;
    // R12 arrived after as_of but recorded → missed. Set: R1 k, R2 m, R3 k, R4 m, R5 k, R12 m → 3 / 6
    const m = (await report(db, { period: '2026-10', asOf: '2026-10-20 12:00:00' })).metrics;
    expect(m['response.on_time_rate']).toBe(0.5);
  });

  it('a branch with no orders has null rates, not 0 %', async () => {
    const r = await report(db, { period: '2026-09' });
    expect(r.metrics['response.on_time_rate']).toBeNull();
    expect(r.metrics['response.p50_hours']).toBeNull();
    expect(r.metrics['resolution.same_day_rate']).toBeNull();
  });
});

describe.each(ENGINES)('working calendar with holidays and 调休 on %s', (engine) => {
  // Mon–Fri, 10-01 (Thu) and 10-02 (Fri) holidays, Saturday 10-10 an extra workday, 09:00–17:00 (8 h).
  const config = {
    working_hours: { start: '09:00', end: '17:00', workdays: [1, 2, 3, 4, 5], holidays: ['2026-10-01', '2026-10-02'], extra_workdays: ['2026-10-10'] },
  };
  const orders = `order_id,branch_id,service_type,zone,called_at,arrived_at,status
    H1,B1,repair,urban,2026-09-30 16:00:00,2026-10-05 10:00:00,completed
    H2,B1,repair,urban,2026-10-09 15:30:00,,open
    H3,B1,repair,suburban,2026-10-03 10:00:00,,open
    H4,B1,repair,urban,2026-10-05 11:00:00,,open`;
  // H1: 1 h on Wed 09-30 (16:00–17:00); Thu/Fri holidays, Sat/Sun off; 5 h on Mon 10-05 → 14:00.
  //     Working hours to arrival: 1 + 1 (09:00–10:00 on 10-05) = 2
  // H2: 1.5 h on Fri 10-09; Sat 10-10 is an extra workday: 4.5 h → 10-10 13:30
  // H3: called on Saturday 10-03 (off): clock starts Mon 10-05 09:00, 7 h → 16:00
  // H4: 11:00 + 6 h = 17:00, the window's end exactly (not the next morning)
  it('deadlines follow the configured calendar', async () => {
    const db = await fixtureDb(engine, { service_orders: orders }, config);
    const rows = await db.query('SELECT order_id, ts_text(deadline) AS d, response_hours AS h FROM orders_x ORDER BY order_id');
    expect(rows).toEqual([
      { order_id: 'H1', d: '2026-10-05 14:00:00', h: 2 },
      { order_id: 'H2', d: '2026-10-10 13:30:00', h: null },
      { order_id: 'H3', d: '2026-10-05 16:00:00', h: null },
      { order_id: 'H4', d: '2026-10-05 17:00:00', h: null },
    ]);
    await db.close();
  });
});
