import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { computeExplain, type Decomposition } from '../../src/lib/report/explain.ts';
import { ENGINES, fixtureDb, SQL } from '../helpers/fixture.ts';

// resolution.same_day_rate: received (not consultation, not cancelled), completed on the call's date.
// No zone and no promised_at: no order has a response standard, so on-time has no denominator.
const branches = `branch_id,branch_name,level
  B1,一号网点,branch
  B2,二号网点,branch
  B3,三号网点,branch`;
const orders = `order_id,branch_id,service_type,called_at,completed_at,status
  S1,B1,repair,2026-09-02 09:00:00,2026-09-02 15:00:00,completed
  S2,B1,repair,2026-09-03 09:00:00,2026-09-03 16:00:00,completed
  S3,B1,install,2026-09-04 09:00:00,2026-09-04 12:00:00,completed
  S4,B1,install,2026-09-05 09:00:00,2026-09-06 10:00:00,completed
  S5,B2,repair,2026-09-02 09:00:00,2026-09-02 11:00:00,completed
  S6,B2,repair,2026-09-03 09:00:00,2026-09-05 11:00:00,completed
  S7,B2,repair,2026-09-04 09:00:00,,open
  S8,B2,install,2026-09-05 09:00:00,2026-09-07 11:00:00,completed
  T1,B1,repair,2026-10-02 09:00:00,2026-10-02 15:00:00,completed
  T2,B1,install,2026-10-03 09:00:00,2026-10-03 15:00:00,completed
  C1,B1,consultation,2026-10-03 09:00:00,2026-10-03 09:10:00,completed
  T3,B2,repair,2026-10-02 09:00:00,2026-10-02 15:00:00,completed
  T4,B2,repair,2026-10-03 09:00:00,2026-10-04 15:00:00,completed
  T5,B2,install,2026-10-04 09:00:00,2026-10-04 15:00:00,completed
  T6,B2,install,2026-10-05 09:00:00,,open
  X1,B2,repair,2026-10-05 09:00:00,2026-10-05 10:00:00,cancelled
  T7,B3,repair,2026-10-06 09:00:00,2026-10-06 15:00:00,completed
  T8,B3,maintenance,2026-10-07 09:00:00,2026-10-08 15:00:00,completed`;
// September (then): B1 S1 S2 S3 same day of 4 → r = 3/4; B2 S5 of 4 (S6 two days, S7 open, S8 late) → r = 1/4
//   D = 8, w_B1 = w_B2 = 4/8 = 0.5, R = 4/8 = 0.5.
// October (now; C1 consultation and X1 cancelled are out): B1 T1 T2 of 2 → 1; B2 T3 T5 of 4 → 1/2;
//   B3 (no September orders) T7 of 2 → 1/2.  D′ = 8: w′ = 0.25, 0.5, 0.25; R′ = 5/8 = 0.625.
// Rm = (0.5 + 0.625) / 2 = 0.5625.
// B1: rate (1 − 0.75) × (0.5 + 0.25)/2 = 0.25 × 0.375 = 0.09375
//     mix  (0.25 − 0.5) × ((0.75 + 1)/2 − 0.5625) = −0.25 × 0.3125 = −0.078125   → total 0.015625
// B2: rate (0.5 − 0.25) × (0.5 + 0.5)/2 = 0.125; mix (0.5 − 0.5) × … = 0           → total 0.125
// B3: only in October: rate 0; mix 0.25 × (0.5 − 0.5625) − 0 = −0.015625          → total −0.015625
// Σ = 0.015625 + 0.125 − 0.015625 = 0.125 = 0.625 − 0.5.
// Order: B2 (0.125), then B1 and B3 tie at |0.015625| → by group: B1, B3.
const sameDayByBranch: Decomposition = {
  then: 0.5,
  now: 0.625,
  rows: [
    { group: 'B2', weight_then: 0.5, weight_now: 0.5, rate_then: 0.25, rate_now: 0.5, rate_effect: 0.125, mix_effect: 0 },
    { group: 'B1', weight_then: 0.5, weight_now: 0.25, rate_then: 0.75, rate_now: 1, rate_effect: 0.09375, mix_effect: -0.078125 },
    { group: 'B3', weight_then: 0, weight_now: 0.25, rate_then: null, rate_now: 0.5, rate_effect: 0, mix_effect: -0.015625 },
  ],
};
// By service type. September: repair S1 S2 S5 S6 S7 → d 5, n 3 (S1 S2 S5); install S3 S4 S8 → d 3, n 1 (S3).
// October: repair T1 T3 T4 T7 → d 4, n 3; install T2 T5 T6 → d 3, n 2; maintenance T8 → d 1, n 0 (new).
// repair:      w 5/8 → 4/8, r 0.6 → 0.75: rate 0.15 × (0.625 + 0.5)/2 = 0.084375;
//              mix (0.5 − 0.625) × ((0.6 + 0.75)/2 − 0.5625) = −0.125 × 0.1125 = −0.0140625 → total 0.0703125
// install:     w 3/8 → 3/8, r 1/3 → 2/3: rate (1/3) × 0.375 = 0.125; mix 0                  → total 0.125
// maintenance: only in October, w′ 1/8, r′ 0: rate 0; mix 0.125 × (0 − 0.5625) = −0.0703125 → total −0.0703125
// Σ = 0.0703125 + 0.125 − 0.0703125 = 0.125. repair and maintenance tie at |0.0703125| (in exact
// arithmetic; the floating-point sums differ in the last bits) → by group: maintenance, repair.
const sameDayByType: Decomposition = {
  then: 0.5,
  now: 0.625,
  rows: [
    { group: 'install', weight_then: 0.375, weight_now: 0.375, rate_then: 1 / 3, rate_now: 2 / 3, rate_effect: 0.125, mix_effect: 0 },
    { group: 'maintenance', weight_then: 0, weight_now: 0.125, rate_then: null, rate_now: 0, rate_effect: 0, mix_effect: -0.0703125 },
    { group: 'repair', weight_then: 0.625, weight_now: 0.5, rate_then: 0.6, rate_now: 0.75, rate_effect: 0.084375, mix_effect: -0.0140625 },
  ],
};

/** Numbers to 12 decimals (floating-point noise), nulls and texts as they are. */
function close(d: Decomposition | null | undefined, want: Decomposition) {
  expect(d).not.toBeNull();
  expect(d!.then).toBeCloseTo(want.then, 12);
  expect(d!.now).toBeCloseTo(want.now, 12);
  expect(d!.rows.map((r) => r.group)).toEqual(want.rows.map((r) => r.group));
  d!.rows.forEach((r, i) => {
    const w = want.rows[i]!;
    for (const k of ['weight_then', 'weight_now', 'rate_then', 'rate_now', 'rate_effect', 'mix_effect'] as const) {
      if (w[k] === null) expect(r[k], `${r.group} ${k}`).toBeNull();
      else expect(r[k], `${r.group} ${k}`).toBeCloseTo(w[k], 12);
    }
  });
}

describe.each(ENGINES)('a month change explained (shift-share) on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await fixtureDb(engine, { branches, service_orders: orders });
  });
  afterAll(() => db.close());

  it('splits the same-day rate over branches and service types, a group present in one month only', async () => {
    const x = await computeExplain(db, { period: '2026-10', branch: null }, SQL);
    close(x['resolution.same_day_rate'].mom?.branch, sameDayByBranch);
    close(x['resolution.same_day_rate'].mom?.service_type, sameDayByType);
  });

  it('is null when either month has no denominator', async () => {
    const x = await computeExplain(db, { period: '2026-10', branch: null }, SQL);
    // No data in 2025-10: the same month a year before has no denominator.
    expect(x['resolution.same_day_rate'].yoy).toBeNull();
    // No order has a response standard (no zone, no promised_at): on-time has no denominator at all.
    expect(x['response.on_time_rate'].mom).toBeNull();
    // 2026-11 against 2026-10: November has no orders.
    const nov = await computeExplain(db, { period: '2026-11', branch: null }, SQL);
    expect(nov['resolution.same_day_rate'].mom).toBeNull();
  });

  it('is null for a rate the report does not measure', async () => {
    // The report's figure is null (e.g. its column absent from the data): no explanation.
    const x = await computeExplain(db, { period: '2026-10', branch: null }, SQL, { 'resolution.same_day_rate': null, 'repeat.rate': 0 });
    expect(x['resolution.same_day_rate'].mom).toBeNull();
    expect(x['repeat.rate'].mom).not.toBeNull();
  });

  it('keeps to the branch selection', async () => {
    // B2 alone. September: repair S5 S6 S7 → d 3, n 1; install S8 → d 1, n 0; D 4, R 1/4.
    // October: repair T3 T4 → d 2, n 1; install T5 T6 → d 2, n 1; D 4, R 2/4. Rm = 0.375.
    // repair:  w 0.75 → 0.5, r 1/3 → 1/2: rate (1/6) × 0.625 = 0.1041666…;
    //          mix −0.25 × ((1/3 + 1/2)/2 − 0.375) = −0.25 × (5/12 − 3/8) = −0.25 × 1/24 = −0.0104166…  → total 0.09375
    // install: w 0.25 → 0.5, r 0 → 1/2: rate 0.5 × 0.375 = 0.1875; mix 0.25 × (0.25 − 0.375) = −0.03125 → total 0.15625
    // By branch: B2 only, w 1 → 1: rate 0.25 × 1 = 0.25, mix 0.
    const x = await computeExplain(db, { period: '2026-10', branch: 'B2' }, SQL);
    close(x['resolution.same_day_rate'].mom?.branch, {
      then: 0.25,
      now: 0.5,
      rows: [{ group: 'B2', weight_then: 1, weight_now: 1, rate_then: 0.25, rate_now: 0.5, rate_effect: 0.25, mix_effect: 0 }],
    });
    close(x['resolution.same_day_rate'].mom?.service_type, {
      then: 0.25,
      now: 0.5,
      rows: [
        { group: 'install', weight_then: 0.25, weight_now: 0.5, rate_then: 0, rate_now: 0.5, rate_effect: 0.1875, mix_effect: -0.03125 },
        { group: 'repair', weight_then: 0.75, weight_now: 0.5, rate_then: 1 / 3, rate_now: 0.5, rate_effect: (1 / 6) * 0.625, mix_effect: -0.25 / 24 },
      ],
    });
  });
});

// response.on_time_rate, each month judged at its own month-end. All promised (a standard without zones).
const promised = `order_id,branch_id,service_type,called_at,promised_at,arrived_at,completed_at,status
  P1,B1,repair,2026-09-10 09:00:00,2026-09-10 17:00:00,2026-09-10 16:00:00,2026-09-10 18:00:00,completed
  P2,B1,repair,2026-09-29 09:00:00,2026-10-02 09:00:00,,,open
  P3,B2,repair,2026-09-10 09:00:00,2026-09-10 17:00:00,2026-09-11 09:00:00,2026-09-11 12:00:00,completed
  Q1,B1,repair,2026-10-10 09:00:00,2026-10-10 17:00:00,2026-10-10 12:00:00,2026-10-10 14:00:00,completed
  Q2,B2,repair,2026-10-10 09:00:00,2026-10-10 17:00:00,2026-10-10 12:00:00,2026-10-10 14:00:00,completed
  Q3,B2,install,2026-10-20 09:00:00,2026-10-21 09:00:00,,,open`;
// September at its month-end as_of 2026-10-01: P1 kept; P2 not arrived, promised 10-02 ≥ as_of → not yet
//   due, left out; P3 arrived late → missed. B1 1/1, B2 0/1: D 2, R 1/2.
//   (Judged at the report's as_of 2026-11-01 instead, P2 would be missed: B1 1/2 — wrong.)
// October, report as_of 2026-10-21 00:00: Q1, Q2 kept; Q3 promised 10-21 09:00 ≥ as_of → not yet due.
//   B1 1/1, B2 1/1: R′ 1. Rm 0.75.
// B1: w 0.5 → 0.5, r 1 → 1: rate 0, mix 0.   B2: w 0.5 → 0.5, r 0 → 1: rate 1 × 0.5 = 0.5, mix 0.
// Σ 0.5 = 1 − 0.5. Order: B2, B1.
describe.each(ENGINES)('each month judged at its own as_of on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await fixtureDb(engine, { service_orders: promised });
  });
  afterAll(() => db.close());

  it('explains on-time against the month before at its own month-end', async () => {
    const x = await computeExplain(db, { period: '2026-10', branch: null, asOf: '2026-10-21 00:00:00' }, SQL);
    close(x['response.on_time_rate'].mom?.branch, {
      then: 0.5,
      now: 1,
      rows: [
        { group: 'B2', weight_then: 0.5, weight_now: 0.5, rate_then: 0, rate_now: 1, rate_effect: 0.5, mix_effect: 0 },
        { group: 'B1', weight_then: 0.5, weight_now: 0.5, rate_then: 1, rate_now: 1, rate_effect: 0, mix_effect: 0 },
      ],
    });
  });
});
