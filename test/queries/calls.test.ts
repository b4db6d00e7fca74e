import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { ENGINES, fixtureDb, report } from '../helpers/fixture.ts';
import { dropColumn } from '../helpers/columns.ts';

// The hotline (docs/metrics.md "Hotline"), period 2026-10. Orders only so the report has branches.
const orders = `order_id,branch_id,service_type,called_at,status
  O1,B1,repair,2026-10-05 09:00:00,open`;

const calls = `call_id,started_at,answered,rings,kind
  K1,2026-10-01 08:59:59,false,5,repair
  K2,2026-10-01 09:00:00,否,6,install
  K3,2026-10-02 21:59:59,,4,inquiry
  K4,2026-10-02 22:00:00,0,,complaint
  K5,2026-10-03 10:00:00,是,2,repair
  K6,2026-10-03 11:00:00,1,3,praise
  K7,2026-10-03 12:00:00,true,4,repair
  K8,2026-10-03 13:00:00,yes,,inquiry
  K9,2026-09-30 23:59:59,false,,repair
  K10,2026-11-01 00:00:00,false,,repair`;
// In October (K9 is September, K10 November): K1 … K8 → received = 8.
// answered: K5 (是), K6 (1), K7 (true), K8 (yes) = 4; K3's empty answered is not answered → 4 / 8 = 0.5
// within 3 rings: answered with rings ≤ 3 = K5 (2), K6 (3) = 2; K7 rang 4; K8 answered with empty
//   rings is left out of both sides → 2 / (8 − 1) = 2 / 7
// unanswered in [09:00, 22:00): K2 (09:00:00) and K3 (21:59:59) = 2; K1 (08:59:59) is before,
//   K4 (22:00:00) is at the end, outside → penalty 2 × 50.00 = "100.00"

describe.each(ENGINES)('calls.* on %s', (engine) => {
  const dbs: Db[] = [];
  const open = async (files: Parameters<typeof fixtureDb>[1]) => {
    const db = await fixtureDb(engine, files);
    dbs.push(db);
    return db;
  };
  let full: Db;
  beforeAll(async () => {
    full = await open({ service_orders: orders, calls });
  });
  afterAll(async () => {
    for (const db of dbs) await db.close();
  });

  it('counts, rates, the 09:00–22:00 window and the fine, by hand', async () => {
    const m = (await report(full, { period: '2026-10' })).metrics;
    expect(m['calls.received']).toBe(8);
    expect(m['calls.answer_rate']).toBe(0.5);
    expect(m['calls.within_3_rings_rate']).toBeCloseTo(2 / 7, 12);
    expect(m['calls.unanswered_in_hours']).toBe(2);
    expect(m['calls.unanswered_penalty']).toBe('100.00');
  });

  it('is a company figure: null in every by_branch entry and under --branch', async () => {
    const r = await report(full, { period: '2026-10' });
    expect(Object.keys(r.by_branch).sort()).toEqual(['B1', 'B2']);
    for (const b of Object.values(r.by_branch)) {
      for (const id of ['calls.received', 'calls.answer_rate', 'calls.within_3_rings_rate', 'calls.unanswered_in_hours', 'calls.unanswered_penalty'])
        expect(b[id]).toBeNull();
    }
    const one = await report(full, { period: '2026-10', branch: 'B1' });
    expect(one.metrics['calls.received']).toBeNull();
    expect(one.metrics['calls.unanswered_penalty']).toBeNull();
  });

  it("calls by hour of day and by kind (the page's breakdowns)", async () => {
    const t = (await report(full, { period: '2026-10' })).tables;
    const hours = t['calls_by_hour']!;
    expect(hours).toHaveLength(24); // every hour has a row
    const at = (h: number) => hours.find((r) => r['hour'] === h);
    // 08: K1 unanswered, before 09:00; 09: K2 unanswered, in hours; 21: K3 (empty answered) in hours;
    // 22: K4 unanswered, out of hours; 10–13: K5–K8 answered; every other hour 0.
    expect(at(8)).toEqual({ hour: 8, received: 1, answered: 0, unanswered: 1, unanswered_in_hours: 0 });
    expect(at(9)).toEqual({ hour: 9, received: 1, answered: 0, unanswered: 1, unanswered_in_hours: 1 });
    expect(at(21)).toEqual({ hour: 21, received: 1, answered: 0, unanswered: 1, unanswered_in_hours: 1 });
    expect(at(22)).toEqual({ hour: 22, received: 1, answered: 0, unanswered: 1, unanswered_in_hours: 0 });
    expect(at(12)).toEqual({ hour: 12, received: 1, answered: 1, unanswered: 0, unanswered_in_hours: 0 });
    expect(at(0)).toEqual({ hour: 0, received: 0, answered: 0, unanswered: 0, unanswered_in_hours: 0 });
    // repair K1 K5 K7 (answered K5 K7); inquiry K3 K8 (answered K8); complaint K4, install K2 (none
    // answered); praise K6 (answered). Most calls first, then by kind.
    expect(t['calls_by_kind']).toEqual([
      { kind: 'repair', received: 3, answered: 2, answer_rate: 2 / 3 },
      { kind: 'inquiry', received: 2, answered: 1, answer_rate: 0.5 },
      { kind: 'complaint', received: 1, answered: 0, answer_rate: 0 },
      { kind: 'install', received: 1, answered: 0, answer_rate: 0 },
      { kind: 'praise', received: 1, answered: 1, answer_rate: 1 },
    ]);
    // A report on one branch has no hotline rows (calls carry no branch).
    const one = (await report(full, { period: '2026-10', branch: 'B1' })).tables;
    expect(one['calls_by_hour']).toEqual([]);
    expect(one['calls_by_kind']).toEqual([]);
  });

  it('a month with no calls: 0 received, null rates, 0 unanswered and "0.00"', async () => {
    const m = (await report(full, { period: '2025-01' })).metrics;
    expect(m['calls.received']).toBe(0);
    expect(m['calls.answer_rate']).toBeNull();
    expect(m['calls.within_3_rings_rate']).toBeNull();
    expect(m['calls.unanswered_in_hours']).toBe(0);
    expect(m['calls.unanswered_penalty']).toBe('0.00');
  });

  it('no calls file: every calls.* is null (not measured)', async () => {
    const m = (await report(await open({ service_orders: orders }), { period: '2026-10' })).metrics;
    for (const id of ['calls.received', 'calls.answer_rate', 'calls.within_3_rings_rate', 'calls.unanswered_in_hours', 'calls.unanswered_penalty'])
      expect(m[id]).toBeNull();
  });

  it('no rings column: only within_3_rings_rate is null', async () => {
    const m = (await report(await open({ service_orders: orders, calls: dropColumn(calls, 'rings') }), { period: '2026-10' })).metrics;
    expect(m['calls.within_3_rings_rate']).toBeNull();
    expect(m['calls.received']).toBe(8);
    expect(m['calls.answer_rate']).toBe(0.5);
    expect(m['calls.unanswered_in_hours']).toBe(2);
  });

  it('no answered column: all but calls.received are null', async () => {
    const m = (await report(await open({ service_orders: orders, calls: dropColumn(calls, 'answered') }), { period: '2026-10' })).metrics;
    expect(m['calls.received']).toBe(8);
    expect(m['calls.answer_rate']).toBeNull();
    expect(m['calls.within_3_rings_rate']).toBeNull();
    expect(m['calls.unanswered_in_hours']).toBeNull();
    expect(m['calls.unanswered_penalty']).toBeNull();
  });

  it('an answered column present but all empty is measured: nothing answered', async () => {
    const blank = calls.replace(/^(\s*K\d+,[^,]+,)[^,]*,/gm, '$1,');
    const m = (await report(await open({ service_orders: orders, calls: blank }), { period: '2026-10' })).metrics;
    // All 8 not answered: rate 0; within 3 rings 0 / 8; in hours K2, K3, K5, K6, K7, K8 = 6 → "300.00"
    expect(m['calls.answer_rate']).toBe(0);
    expect(m['calls.within_3_rings_rate']).toBe(0);
    expect(m['calls.unanswered_in_hours']).toBe(6);
    expect(m['calls.unanswered_penalty']).toBe('300.00');
  });
});
