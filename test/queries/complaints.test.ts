import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { ENGINES, fixtureDb, report } from '../helpers/fixture.ts';

// Limits 13 days domestic, 17 foreign (× 24 h). Period 2026-10, as_of 2026-11-01 00:00.
const complaints = `complaint_no,received_at,market,branch_id,valid,closed_at
  2610001,2026-10-01 09:00:00,domestic,B1,yes,2026-10-14 09:00:00
  2610002,2026-10-01 09:00:00,domestic,B1,yes,2026-10-14 09:00:01
  2610003,2026-10-02 10:00:00,foreign,B2,pending,2026-10-19 10:00:00
  2610004,2026-10-02 10:00:00,foreign,B2,yes,2026-10-20 10:00:00
  2610005,2026-10-03 09:00:00,domestic,B1,no,2026-10-05 09:00:00
  2609001,2026-09-10 09:00:00,domestic,B1,yes,2026-10-02 09:00:00
  2609002,2026-09-25 09:00:00,domestic,B2,yes,
  2610006,2026-10-25 09:00:00,domestic,B1,,
  2610007,2026-10-28 09:00:00,domestic,B2,yes,
  2610008,2026-10-20 09:00:00,domestic,B1,yes,2026-11-05 09:00:00
  2610009,2026-10-21 09:00:00,domestic,B2,yes,
  2610010,2026-10-22 09:00:00,domestic,B1,yes,`;
const steps = `complaint_no,step,entered_at,left_at
  2610006,sales_intake,2026-10-25 09:00:00,2026-10-25 12:00:00
  2610006,gm_office,2026-10-25 12:00:00,2026-10-29 00:00:00
  2610006,quality,2026-10-29 00:00:00,
  2610007,gm_office,2026-10-31 18:00:00,
  2610008,sales_intake,2026-10-20 09:00:00,
  2610009,sales_negotiation,2026-10-26 23:00:00,
  2610010,rnd,2026-10-23 09:00:00,2026-10-31 20:00:00
  2610010,gm_review,2026-10-31 20:00:00,`;
const orders = `order_id,branch_id,service_type,called_at,status
  O1,B1,repair,2026-10-01 09:00:00,open
  O2,B1,repair,2026-10-02 09:00:00,open
  O3,B1,repair,2026-10-03 09:00:00,open
  O4,B1,repair,2026-10-03 09:00:00,cancelled
  O5,B2,repair,2026-10-04 09:00:00,open
  O6,B2,repair,2026-10-05 09:00:00,open`;
// received (in October, valid ≠ no; pending and empty count): 2610001 002 003 004 006 007 008 009 010 = 9
//   (2610005 is not valid; 2609xxx are September).  B1: 001 002 006 008 010 = 5;  B2: 003 004 007 009 = 4
// rate_per_100: orders received (not cancelled) B1 3, B2 2, company 5 → 9/5 × 100 = 180; B1 500/3; B2 200
// closed in October: 001 (exactly 13 × 24 h: on time), 002 (13 d + 1 s: late), 003 (foreign, 17 d: on time),
//   004 (foreign, 18 d: late), 2609001 (received in September, 22 d: late) → 5 closed, 2 on time → 0.4
//   B1: 001 002 2609001 → 1/3;  B2: 003 004 → 1/2
// open_overdue at 11-01 00:00 (a stock):
//   2609002 open since 09-25, limit 10-08 09:00 < as_of → overdue (B2)
//   2610006 limit 11-07; current step quality entered 10-29 00:00: 72 h > 24 h → overdue (B1)
//   2610007 current gm_office for 6 h ≤ 12 h → no
//   2610008 closed 11-05 ≥ as_of so open; limit 11-02 09:00; current step sales_intake has no standard → no
//   2610009 current sales_negotiation since 10-26 23:00: 121 h > 120 h (5 d domestic) → overdue (B2)
//   2610010 rnd overran but is finished (→ 洽办 later, not 催办); current gm_review 4 h ≤ 12 h → no
//   → 3 (B1 1, B2 2)

describe.each(ENGINES)('complaint metrics on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await fixtureDb(engine, { complaints, complaint_steps: steps, service_orders: orders });
  });
  afterAll(() => db.close());

  it('received, rate per 100 orders, closed, on-time closing, open overdue', async () => {
    const r = await report(db, { period: '2026-10' });
    expect(r.metrics).toMatchObject({
      'complaints.received': 9,
      'complaints.rate_per_100': 180,
      'complaints.closed': 5,
      'complaints.on_time_close_rate': 0.4,
      'complaints.open_overdue': 3,
    });
    expect(r.by_branch['B1']).toMatchObject({ 'complaints.received': 5, 'complaints.closed': 3, 'complaints.open_overdue': 1 });
    expect(r.by_branch['B1']!['complaints.rate_per_100']).toBeCloseTo(500 / 3, 12);
    expect(r.by_branch['B1']!['complaints.on_time_close_rate']).toBeCloseTo(1 / 3, 12);
    expect(r.by_branch['B2']).toMatchObject({
      'complaints.received': 4,
      'complaints.rate_per_100': 200,
      'complaints.closed': 2,
      'complaints.on_time_close_rate': 0.5,
      'complaints.open_overdue': 2,
    });
  });

  it('lists 催办 (open overdue, naming the current step) and 洽办 (closed late or a step overran)', async () => {
    // urge: 2609002 (past its limit; no steps), 2610006 (quality, 72 h vs 24 h), 2610009 (sales_negotiation,
    //   121 h vs 120 h), ordered by received_at.
    // settle, closed in October: 2610002 (13 d + 1 s), 2610004 (foreign, 18 d), 2609001 (22 d); no steps recorded.
    //   2610010's rnd overran (9 d 11 h vs 1 d) but it is still open → not settled yet.
    const rows = (await report(db, { period: '2026-10' })).tables['overdue']!;
    expect(rows.map((r) => [r['kind'], r['complaint_no'], r['step'], r['past_limit'], r['step_overrun']])).toEqual([
      ['urge', '2609002', null, true, false],
      ['urge', '2610009', 'sales_negotiation', false, true],
      ['urge', '2610006', 'quality', false, true],
      ['settle', '2609001', null, true, false],
      ['settle', '2610002', null, true, false],
      ['settle', '2610004', null, true, false],
    ]);
    const q = rows.find((r) => r['complaint_no'] === '2610006')!;
    expect([q['step_hours'], q['step_standard_hours']]).toEqual([72, 24]);
  });

  it('open_overdue follows as_of', async () => {
    // as_of 10-15 00:00: open then are 003 and 004 (closed 10-19/10-20, limits 10-19 10:00 not passed),
    // 2609002 (limit 10-08 09:00 passed → overdue), 008 (received 10-20: not yet) → 1
    const r = await report(db, { period: '2026-10', asOf: '2026-10-15 00:00:00' });
    expect(r.metrics['complaints.open_overdue']).toBe(1);
  });
});
