import { describe, expect, it } from 'vitest';
import { ENGINES, fixtureDb, report } from '../helpers/fixture.ts';

const complaints = `complaint_no,received_at,market,branch_id,valid,loss_amount,closed_at
  2610011,2026-10-01 09:00:00,domestic,B1,yes,1000.00,2026-10-10 09:00:00
  2610012,2026-10-01 09:00:00,domestic,B1,yes,333.33,2026-10-11 09:00:00
  2610013,2026-10-01 09:00:00,domestic,B2,yes,,2026-10-12 09:00:00
  2610014,2026-10-01 09:00:00,domestic,B2,pending,500.00,2026-10-12 09:00:00
  2609011,2026-09-01 09:00:00,domestic,B1,yes,800.00,2026-09-30 09:00:00
  2610015,2026-10-02 09:00:00,domestic,B1,yes,0.05,2026-10-13 09:00:00
  2610016,2026-10-02 09:00:00,domestic,B1,yes,0.01,2026-10-14 09:00:00`;
const responsibility = `complaint_no,department,unit,staff_id,share
  2610011,service,一班,S1,0.5
  2610011,service,一班,S2,0.3
  2610011,质量管理部,品管一组,S3,0.2
  2610012,service,一班,S1,1
  2610013,manufacturing,装配组,,1
  2610014,service,一班,S2,1
  2609011,service,一班,S2,1
  2610015,other,杂项,S4,0.5
  2610015,other,杂项,S5,0.5
  2610016,other,杂项,S4,0.5
  2610016,other,杂项,S5,0.5`;
// Valid (= yes) complaints closed in October with responsibility rows: 2610011 012 013 015 016 → N = 5
//   (2610014 is pending, 2609011 closed in September).
// manufacturing/装配组/(unit):  share 1          ratio 1/5 = 0.2    loss 0 (empty loss_amount = 0) → 0.00
// other/杂项/S4:  share 0.5 + 0.5 = 1  ratio 0.2  loss 0.05 × 0.5 + 0.01 × 0.5 = 0.025 + 0.005 = 0.030 → 0.03
//   (rounded once at the end; rounding each would give 0.03 + 0.01 = 0.04)
// other/杂项/S5:  the same → 1, 0.2, 0.03
// quality/品管一组/S3:  share 0.2  ratio 0.04  loss 1000.00 × 0.2 = 200.00
// service/一班/S1:  share 0.5 + 1 = 1.5  ratio 0.3  loss 500.00 + 333.33 = 833.33
// service/一班/S2:  share 0.3  ratio 0.06  loss 300.00
// Sorted by department, unit, staff_id. Branch B2 alone: only 2610013 → manufacturing 1, ratio 1, 0.00

describe.each(ENGINES)('responsibility table on %s', (engine) => {
  it('sums shares and losses per department → unit → person', async () => {
    const db = await fixtureDb(engine, { complaints, complaint_responsibility: responsibility });
    const rows = (await report(db, { period: '2026-10' })).tables['responsibility']!;
    const pick = rows.map((r) => [r['department'], r['unit'], r['staff_id'], r['share_sum'], r['ratio'], r['loss']]);
    expect(pick).toEqual([
      ['manufacturing', '装配组', null, 1, 0.2, '0.00'],
      ['other', '杂项', 'S4', 1, 0.2, '0.03'],
      ['other', '杂项', 'S5', 1, 0.2, '0.03'],
      ['quality', '品管一组', 'S3', 0.2, expect.closeTo(0.04, 12), '200.00'],
      ['service', '一班', 'S1', 1.5, expect.closeTo(0.3, 12), '833.33'],
      ['service', '一班', 'S2', 0.3, expect.closeTo(0.06, 12), '300.00'],
    ]);
    const b2 = (await report(db, { period: '2026-10', branch: 'B2' })).tables['responsibility']!;
    expect(b2.map((r) => [r['department'], r['share_sum'], r['ratio'], r['loss']])).toEqual([['manufacturing', 1, 1, '0.00']]);
    await db.close();
  });
});
