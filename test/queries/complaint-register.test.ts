import { describe, expect, it } from 'vitest';
import { ENGINES, fixtureDb, report } from '../helpers/fixture.ts';

const complaints = `complaint_no,received_at,market,branch_id,valid,closed_at
  2610001,2026-10-02 09:00:00,domestic,B1,yes,2026-10-06 09:00:00
  2610002,2026-10-03 09:00:00,domestic,B1,yes,
  2609005,2026-10-04 09:00:00,domestic,B2,yes,
  26X0003,2026-10-05 09:00:00,domestic,B2,pending,
  2611002,2026-11-02 09:00:00,domestic,B1,yes,
  2611003,2026-11-03 09:00:00,domestic,B1,no,`;
const steps = `complaint_no,step,entered_at,left_at
  2610001,quality,2026-10-02 09:00:00,2026-10-04 09:00:00
  2610002,quality,2026-10-03 09:00:00,2026-10-03 21:00:00
  2610002,manufacturing,2026-10-03 21:00:00,`;

describe.each(ENGINES)('complaint register, numbering and step times on %s', (engine) => {
  it('flags numbers that break YYMM + serial', async () => {
    const db = await fixtureDb(engine, { complaints, complaint_steps: steps });
    // Q4 2026: 2609005 was received in October (number says September) → 'month';
    // 26X0003 is not YYMM + digits → 'format'; November's lowest serial is 002 → 'first_serial'.
    const r = await report(db, { period: '2026-Q4' });
    expect(r.tables['complaint_numbering']!.map((x) => [x['complaint_no'], x['problem']])).toEqual([
      ['2609005', 'month'],
      ['26X0003', 'format'],
      ['2611002', 'first_serial'],
    ]);

    // October register at as_of 11-01: 2610001 closed after 4 days (on time); 2610002 open since
    // 10-03 09:00 → 28 d 15 h = 28.625 days, shown as 28.63, in step manufacturing (entered 10-03 21:00).
    const oct = await report(db, { period: '2026-10' });
    const reg = Object.fromEntries(oct.tables['complaint_register']!.map((x) => [x['complaint_no'], x]));
    expect(reg['2610001']).toMatchObject({ status: 'closed', age_days: 4, on_time: true, current_step: null });
    expect(reg['2610002']).toMatchObject({ status: 'open', age_days: 28.63, on_time: null, current_step: 'manufacturing' });

    // Steps left in October: quality 2 days (2610001) and 0.5 day (2610002):
    // median (0.5 + 2) / 2 = 1.25, P90 0.5 + 0.9 × 1.5 = 1.85, one over the 1-day standard.
    const q = oct.tables['complaint_step_times']!.find((x) => x['step'] === 'quality')!;
    expect(q['steps']).toBe(2);
    expect(q['median_days']).toBeCloseTo(1.25, 12);
    expect(q['p90_days']).toBeCloseTo(1.85, 12);
    expect(q['overran']).toBe(1);
    await db.close();
  });
});
