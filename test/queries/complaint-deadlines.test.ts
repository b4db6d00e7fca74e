import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { ENGINES, fixtureDb, report } from '../helpers/fixture.ts';

// Period 2026-10, as_of 2026-11-01 00:00. Limits: 13 days domestic, 17 foreign (× 24 h).
const complaints = `complaint_no,received_at,market,branch_id,cause_code,nature,severity,valid,closed_at
  2610001,2026-10-01 09:00:00,domestic,B1,C04,quality,general,yes,2026-10-14 09:00:00
  2610002,2026-10-01 09:00:00,domestic,B1,C04,quality,major,yes,2026-10-15 09:00:00
  2610003,2026-10-02 10:00:00,foreign,B2,C09,non_quality,general,yes,2026-10-19 10:00:00
  2610004,2026-10-02 10:00:00,foreign,B2,C04,quality,general,pending,2026-10-20 10:00:00
  2610005,2026-10-25 09:00:00,domestic,B1,C12,non_quality,general,yes,
  2610006,2026-10-26 09:00:00,domestic,B1,C04,quality,general,no,2026-10-27 09:00:00
  2609001,2026-09-20 09:00:00,domestic,B2,,,general,yes,2026-10-02 09:00:00
  2609002,2026-09-01 09:00:00,domestic,B2,C09,non_quality,general,yes,2026-09-10 09:00:00
  2608001,2026-08-20 09:00:00,domestic,B1,C15,non_quality,general,yes,`;
const steps = `complaint_no,step,entered_at,left_at
  2610002,sales_intake,2026-10-01 09:00:00,2026-10-01 12:00:00
  2610002,gm_office,2026-10-01 12:00:00,2026-10-02 06:00:00
  2610002,quality,2026-10-02 06:00:00,2026-10-03 06:00:00
  2610002,sales_negotiation,2026-10-03 06:00:00,2026-10-09 06:00:00
  2610002,gm_review,2026-10-09 06:00:00,2026-10-15 09:00:00
  2610004,sales_negotiation,2026-10-05 10:00:00,2026-10-16 10:00:00
  2610005,sales_intake,2026-10-25 09:00:00,2026-10-25 12:00:00
  2610005,gm_office,2026-10-25 12:00:00,2026-10-25 20:00:00
  2610005,quality,2026-10-25 20:00:00,`;
// In the table (valid ≠ no; received in October, closed in October, or open at as_of):
//   2610001 (received and closed in Oct), 002, 003, 004, 005 (open), 2609001 (closed in Oct), 2608001 (open
//   since August: a stock case). Not: 2610006 (not valid), 2609002 (received and closed in September).
// Whole case, domestic 13 d / foreign 17 d:
//   2610001 closed on day 13 exactly (10-01 09:00 + 13 × 24 h = 10-14 09:00) → on time, 13 days
//   2610002 closed on day 14 (10-15 09:00) → late, 14 days, past_limit
//   2610003 foreign, day 17 (10-19 10:00) → on time;  2610004 foreign, day 18 → late
//   2610005 open: 10-25 09:00 → 11-01 00:00 = 6 d 15 h = 6.625 days, limit 11-07 09:00 not passed
//   2608001 open: 08-20 09:00 → 11-01 00:00 = 72 d 15 h = 72.625 days, past its limit (09-02 09:00)
// Steps (2610002, domestic): sales_intake 3 h = 0.125 d (no standard); gm_office 18 h = 0.75 d > 0.5 → over;
//   quality 24 h = 1 d, not over (> is late, = is not); sales_negotiation 6 d > 5 → over;
//   gm_review 6 d 3 h = 6.125 d > 0.5 → over → 3 steps over.
// 2610004 (foreign): sales_negotiation 11 d ≤ 12 d → not over.
// 2610005 (open): quality is the current step, entered 10-25 20:00 → as_of: 6 d 4 h = 6.1666… d > 1 → over.

describe.each(ENGINES)('complaint deadlines on %s', (engine) => {
  let db: Db;
  let tables: Record<string, Record<string, unknown>[]>;
  beforeAll(async () => {
    db = await fixtureDb(engine, { complaints, complaint_steps: steps });
    tables = (await report(db, { period: '2026-10' })).tables;
  });
  afterAll(() => db.close());

  it('measures the whole case against 13 days (domestic) and 17 days (foreign)', () => {
    const rows = tables['complaint_deadlines']!;
    expect(rows.map((r) => [r['complaint_no'], r['status'], r['on_time'], r['past_limit'], r['limit_days']])).toEqual([
      ['2608001', 'open', null, true, 13],
      ['2609001', 'closed', true, false, 13],
      ['2610001', 'closed', true, false, 13],
      ['2610002', 'closed', false, true, 13],
      ['2610003', 'closed', true, false, 17],
      ['2610004', 'closed', false, true, 17],
      ['2610005', 'open', null, false, 13],
    ]);
    const by = Object.fromEntries(rows.map((r) => [r['complaint_no'], r]));
    expect(by['2610001']!['days']).toBe(13);
    expect(by['2610002']!['days']).toBe(14);
    expect(by['2610003']!['days']).toBe(17);
    expect(by['2610004']!['days']).toBe(18);
    expect(by['2610005']!['days']).toBeCloseTo(6.625, 12);
    expect(by['2608001']!['days']).toBeCloseTo(72.625, 12);
  });

  it('marks the register rows past their limit, open or closed', () => {
    // Register = received in October (all validity values): 2610001 … 2610006.
    const reg = tables['complaint_register']!.map((r) => [r['complaint_no'], r['status'], r['on_time'], r['past_limit']]);
    expect(reg).toEqual([
      ['2610001', 'closed', true, false],
      ['2610002', 'closed', false, true],
      ['2610003', 'closed', true, false],
      ['2610004', 'closed', false, true],
      ['2610005', 'open', null, false],
      ['2610006', 'closed', true, false],
    ]);
  });

  it("gives each step's days against its standard, the open case overdue in step quality", () => {
    const by = Object.fromEntries(tables['complaint_deadlines']!.map((r) => [r['complaint_no'], r]));
    expect(by['2610002']).toMatchObject({
      sales_intake_days: 0.125,
      gm_office_days: 0.75,
      quality_days: 1,
      manufacturing_days: null,
      rnd_days: null,
      sales_negotiation_days: 6,
      gm_review_days: 6.125,
      gm_office_over: true,
      quality_over: false,
      manufacturing_over: null,
      sales_negotiation_over: true,
      gm_review_over: true,
      steps_over: 3,
      current_step: null,
    });
    expect(by['2610004']).toMatchObject({ sales_negotiation_days: 11, sales_negotiation_over: false, steps_over: 0 });
    expect(by['2610005']).toMatchObject({ current_step: 'quality', quality_over: true, gm_office_over: false, steps_over: 1 });
    expect(by['2610005']!['quality_days']).toBeCloseTo(6 + 4 / 24, 12);
  });

  it('puts the open case on 催办 naming quality, and the late one on 洽办 naming its worst step', () => {
    // 催办: 2608001 (past its limit, no steps), 2610005 (quality 148 h vs 24 h).
    // 洽办 (closed in October, late or a step overran): 2610002 — worst step gm_review (147 h − 12 h = 135 h
    //   over; sales_negotiation 144 h − 120 h = 24 h; gm_office 18 − 12 = 6 h); 2610004 (18 days, no step over).
    const rows = tables['overdue']!;
    expect(rows.map((r) => [r['kind'], r['complaint_no'], r['step']])).toEqual([
      ['urge', '2608001', null],
      ['urge', '2610005', 'quality'],
      ['settle', '2610002', 'gm_review'],
      ['settle', '2610004', null],
    ]);
  });

  it('counts causes for the Pareto, most frequent first, the empty code last', () => {
    // Received in October, valid ≠ no: 001 C04, 002 C04, 003 C09, 004 C04, 005 C12 (006 not valid) → 5.
    // C04 3 (all quality) → 0.6, cum 0.6;  C09 1 → cum 0.8;  C12 1 → cum 1.0.
    const rows = tables['complaint_causes']!;
    expect(rows.map((r) => [r['cause_code'], r['complaints'], r['quality']])).toEqual([
      ['C04', 3, 3],
      ['C09', 1, 0],
      ['C12', 1, 0],
    ]);
    expect(rows.map((r) => r['cum_share'])).toEqual([expect.closeTo(0.6, 12), expect.closeTo(0.8, 12), expect.closeTo(1, 12)]);
  });

  it('puts an empty cause code last in a longer period', async () => {
    const q = (await report(db, { period: '2026-Q3' })).tables['complaint_causes']!;
    // Q3 received, valid ≠ no: 2609001 (empty), 2609002 C09, 2608001 C15 → C09 1, C15 1, then empty 1.
    expect(q.map((r) => [r['cause_code'], r['complaints'], r['cum_share']])).toEqual([
      ['C09', 1, expect.closeTo(1 / 3, 12)],
      ['C15', 1, expect.closeTo(2 / 3, 12)],
      [null, 1, expect.closeTo(1, 12)],
    ]);
  });
});
