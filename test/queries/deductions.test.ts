import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { ENGINES, fixtureDb, report } from '../helpers/fixture.ts';

const staff = `staff_id,name,branch_id,department,unit,base_points,monthly_bonus
  S1,甲,B1,service,一班,10,2000.00
  S2,乙,B1,service,一班,20,3000.00
  S3,丙,B1,quality,品管组,30,4000.00
  U1,丁,B1,manufacturing,装配组,10,1000.00
  U2,戊,B1,manufacturing,装配组,20,1000.00
  U3,己,B1,manufacturing,装配组,30,1000.00
  U4,庚,B1,manufacturing,喷涂组,5,1000.00`;
const complaints = `complaint_no,received_at,market,branch_id,valid,repeat_of,loss_amount,closed_at
  2608001,2026-08-01 09:00:00,domestic,B1,yes,,600.00,2026-08-10 09:00:00
  2608002,2026-08-02 09:00:00,domestic,B1,yes,,5000.00,2026-08-20 09:00:00
  2609001,2026-09-01 09:00:00,domestic,B1,yes,2608002,100.00,2026-09-15 09:00:00
  2610001,2026-10-01 09:00:00,domestic,B1,yes,,300.00,2026-10-05 09:00:00
  2610002,2026-10-02 09:00:00,domestic,B1,yes,,10.00,2026-10-20 09:00:00
  2610003,2026-10-02 09:00:00,domestic,B1,no,,999.00,2026-10-20 09:00:00`;
const responsibility = `complaint_no,department,unit,staff_id,share,sanction
  2608001,manufacturing,装配组,,1,none
  2608002,service,一班,S1,0.5,none
  2608002,service,一班,S2,0.3,none
  2608002,quality,品管组,S3,0.2,none
  2609001,service,一班,S2,1,warning
  2610001,quality,品管组,S3,1,minor
  2610002,manufacturing,装配组,U1,1,major
  2610003,service,一班,S1,1,major`;
// 2608001 (600.00) goes to the unit 装配组 (10 + 20 + 30 = 60 base points; 喷涂组's U4 is another unit):
//   U1 600 × 10/60 = 100.00, U2 600 × 20/60 = 200.00, U3 600 × 30/60 = 300.00 — all under their 500.00 caps.
// 2608002 (5000.00) split 0.5 / 0.3 / 0.2 across service and quality: S1 2500.00, S2 1500.00, S3 1000.00.
//   S1: cap 50 % × 2000.00 = 1000.00 → August deducts 1000.00, carries 1500.00;
//       September deducts 1000.00, carries 500.00; October deducts 500.00, carries 0 (two months of carry-over)
//   S2: cap 1500.00 → 1500.00 deducted, nothing carried.  S3: cap 2000.00 → 1000.00.
// 2609001 is a repeat of 2608002: 100.00 × 1 × 2 = 200.00 to S2 in September; warning → minimum 400.00 shown.
// 2610001: 300.00 to S3 in October; minor → minimum 800 × 30 base points = 24000.00 shown.
// 2610002: 10.00 to U1 with a major sanction → the full monthly bonus 1000.00 is deducted in October.
// 2610003 is not valid → nothing.

describe.each(ENGINES)('deductions on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await fixtureDb(engine, { staff, complaints, complaint_responsibility: responsibility });
  });
  afterAll(() => db.close());

  const pick = (rows: Record<string, unknown>[]) =>
    rows.map((r) => [r['staff_id'], r['accrued'], r['carried_in'], r['cap'], r['deducted'], r['carried_out'], r['schedule']]);

  it('August: unit split by base points, a 0.5/0.3/0.2 split, the cap and the carry-over schedule', async () => {
    const rows = (await report(db, { period: '2026-08' })).tables['deductions']!;
    expect(pick(rows)).toEqual([
      ['U1', '100.00', '0.00', '500.00', '100.00', '0.00', null],
      ['U2', '200.00', '0.00', '500.00', '200.00', '0.00', null],
      ['U3', '300.00', '0.00', '500.00', '300.00', '0.00', null],
      ['S3', '1000.00', '0.00', '2000.00', '1000.00', '0.00', null],
      ['S1', '2500.00', '0.00', '1000.00', '1000.00', '1500.00', ['1000.00', '500.00']],
      ['S2', '1500.00', '0.00', '1500.00', '1500.00', '0.00', null],
    ]);
  });

  it('September and October: carry-over runs out, a repeat is doubled, sanctions', async () => {
    const sep = (await report(db, { period: '2026-09' })).tables['deductions']!;
    expect(pick(sep)).toEqual([
      ['S1', '0.00', '1500.00', '1000.00', '1000.00', '500.00', ['500.00']],
      ['S2', '200.00', '0.00', '1500.00', '200.00', '0.00', null],
    ]);
    expect(sep[1]).toMatchObject({ sanction: 'warning', sanction_minimum: '400.00' });
    const oct = (await report(db, { period: '2026-10' })).tables['deductions']!;
    expect(pick(oct)).toEqual([
      ['U1', '10.00', '0.00', '1000.00', '1000.00', '0.00', null],
      ['S3', '300.00', '0.00', '2000.00', '300.00', '0.00', null],
      ['S1', '0.00', '500.00', '1000.00', '500.00', '0.00', null],
    ]);
    expect(oct[0]).toMatchObject({ sanction: 'major' });
    expect(oct[1]).toMatchObject({ sanction: 'minor', sanction_minimum: '24000.00' });
  });

  it('a quarter lists each of its months', async () => {
    const q = (await report(db, { period: '2026-Q3' })).tables['deductions']!;
    expect(q.map((r) => [r['month'], r['staff_id']])).toEqual([
      ['2026-08', 'U1'],
      ['2026-08', 'U2'],
      ['2026-08', 'U3'],
      ['2026-08', 'S3'],
      ['2026-08', 'S1'],
      ['2026-08', 'S2'],
      ['2026-09', 'S1'],
      ['2026-09', 'S2'],
    ]);
  });
});
