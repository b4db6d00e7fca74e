import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { ENGINES, fixtureDb, SQL } from '../helpers/fixture.ts';
import { computeReport } from '../../src/lib/report/compute.ts';

// tables.late_orders (queries/tables/late_orders.sql): the orders the on-time rate counts as missed.
// Default config: working window 08:30–17:30 (9 h) every day; urban 6 h, suburban 7 h, remote by contract.
// Period 2026-10; as_of 2026-11-01 00:00:00 unless given.
const staff = `staff_id,name,branch_id,department
  T1,王师傅,B1,service
  T3,张师傅,B2,service`;
const orders = `order_id,branch_id,service_type,zone,called_at,dispatched_at,promised_at,arrived_at,completed_at,technician_id,status
  R1,B1,install,urban,2026-10-05 09:00:00,,,2026-10-05 15:00:00,2026-10-05 16:00:00,T1,completed
  R2,B1,install,urban,2026-10-05 09:00:00,,,2026-10-05 15:00:01,2026-10-06 09:00:00,T1,completed
  R4,B1,repair,suburban,2026-10-05 15:00:00,,,2026-10-07 09:00:00,2026-10-07 10:00:00,T9,completed
  R6,B2,maintenance,remote,2026-10-07 09:00:00,,,2026-10-20 09:00:00,2026-10-20 10:00:00,T3,completed
  R7,B2,repair,urban,2026-10-31 16:00:00,,,,,T3,open
  R8,B2,install,urban,2026-10-20 09:00:00,2026-10-20 10:00:00,,,,T3,dispatched
  R9,B1,consultation,urban,2026-10-06 09:00:00,,,,2026-10-06 09:05:00,T1,completed
  R10,B1,repair,urban,2026-10-12 10:00:00,,,,2026-10-12 10:30:00,T1,completed
  R11,B1,repair,urban,2026-10-15 09:00:00,,,2026-10-16 09:30:00,2026-10-16 10:00:00,T1,cancelled
  R12,B2,repair,urban,2026-10-25 10:00:00,2026-10-25 11:00:00,,2026-11-01 09:00:00,,,in_progress
  P1,B1,repair,remote,2026-10-09 10:00:00,,2026-10-10 20:00:00,2026-10-10 21:00:00,2026-10-10 22:00:00,T1,completed
  P2,B1,repair,remote,2026-10-09 10:00:00,,2026-10-12 10:00:00,2026-10-12 09:00:00,2026-10-12 10:00:00,T1,completed
  Q1,B1,repair,urban,2026-09-30 09:00:00,,,2026-10-02 09:00:00,2026-10-02 10:00:00,T1,completed`;
// Deadlines (rule 3) and the on-time test (order_promises):
//   R1  10-05 09:00 + 6 h = 15:00, arrived 15:00           → kept (≤), not listed
//   R2  same deadline, arrived 15:00:01                     → late by 1 s = 1/3600 working hours
//   R4  suburban 7 h: 2.5 h on 10-05 + 4.5 h → 10-06 13:00; arrived 10-07 09:00
//       → late 4.5 h (13:00–17:30 on 10-06) + 0.5 h (08:30–09:00 on 10-07) = 5; technician T9 is not in staff → no name
//   R6  remote without promised_at: no standard, not in the set (however late)
//   R7  deadline 11-01 13:00 ≥ as_of: not yet due, left out
//   R8  deadline 10-20 15:00, never arrived → late until as_of 11-01 00:00:
//       2.5 h (15:00–17:30 on 10-20) + 11 days × 9 h (10-21 … 10-31) = 101.5
//   R9  consultation, R10 resolved by phone (completed, no arrival), R11 cancelled: not in the set
//   R12 deadline 10-25 16:00, arrived 11-01 09:00 (after as_of, recorded — rule 2)
//       → 1.5 h + 6 days × 9 h (10-26 … 10-31) + 0.5 h (08:30–09:00 on 11-01) = 56
//   P1  promised 10-10 20:00 (after the window), arrived 21:00 → late; both instants lie after 17:30,
//       so W(21:00) = W(20:00) = the day's window end → 0 working hours late
//   P2  promised 10-12 10:00, arrived 09:00 → kept
//   Q1  called in September: another period
// Sorted by hours late: R8 101.5, R12 56, R4 5, R2 0.000278, P1 0.
// The on-time rate over the same set: kept R1, P2 of R1 R2 R4 R8 R12 P1 P2 → 2 / 7; the 5 missed are the list.

describe.each(ENGINES)('late orders drill list on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await fixtureDb(engine, { service_orders: orders, staff });
  });
  afterAll(() => db.close());

  const late = (sel: { branch?: string | null; asOf?: string | null } = {}) =>
    computeReport(db, { period: '2026-10', branch: null, asOf: null, rollup: false, ...sel }, SQL, { tables: ['late_orders'] });

  it('lists the missed orders of the on-time set, latest first, with working hours late', async () => {
    const r = await late();
    const rows = r.tables['late_orders']!;
    expect(rows.map((x) => x['order_id'])).toEqual(['R8', 'R12', 'R4', 'R2', 'P1']);
    const hours = Object.fromEntries(rows.map((x) => [x['order_id'], x['hours_late']]));
    expect(hours['R8']).toBeCloseTo(101.5, 9);
    expect(hours['R12']).toBeCloseTo(56, 9);
    expect(hours['R4']).toBeCloseTo(5, 9);
    expect(hours['R2']).toBeCloseTo(1 / 3600, 9);
    expect(hours['P1']).toBe(0);
    expect(rows[0]).toMatchObject({
      order_id: 'R8',
      branch_id: 'B2',
      branch_name: '二号网点',
      technician_id: 'T3',
      technician_name: '张师傅',
      service_type: 'install',
      zone: 'urban',
      promised: false,
      called_at: '2026-10-20 09:00:00',
      deadline: '2026-10-20 15:00:00',
      arrived_at: null,
      status: 'dispatched',
    });
    expect(rows.find((x) => x['order_id'] === 'R4')).toMatchObject({ technician_id: 'T9', technician_name: null, deadline: '2026-10-06 13:00:00' });
    expect(rows.find((x) => x['order_id'] === 'P1')).toMatchObject({ promised: true, deadline: '2026-10-10 20:00:00', arrived_at: '2026-10-10 21:00:00' });
  });

  it('has exactly the misses the on-time rate counts (2 kept of 7)', async () => {
    const r = await computeReport(db, { period: '2026-10', branch: null, asOf: null }, SQL, { tables: ['late_orders'] });
    const evaluated = r.cases.total['response.on_time_rate'] as number;
    expect(evaluated).toBe(7);
    expect(r.metrics['response.on_time_rate']).toBeCloseTo(2 / 7, 12);
    expect(r.tables['late_orders']!.length).toBe(7 - 2);
  });

  it('cuts by the order branch', async () => {
    const rows = (await late({ branch: 'B1' })).tables['late_orders']!;
    expect(rows.map((x) => x['order_id'])).toEqual(['R4', 'R2', 'P1']);
  });

  it('as_of decides what is due: an order not yet due is left out, a recorded late arrival stays (rule 2)', async () => {
    // as_of 10-20 12:00: R8 (deadline 10-20 15:00) is not yet due; R12 arrived after as_of but is recorded → listed.
    const rows = (await late({ asOf: '2026-10-20 12:00:00' })).tables['late_orders']!;
    expect(rows.map((x) => x['order_id'])).toEqual(['R12', 'R4', 'R2', 'P1']);
  });
});
