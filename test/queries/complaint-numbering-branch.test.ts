import { describe, expect, it } from 'vitest';
import { ENGINES, fixtureDb, report } from '../helpers/fixture.ts';

// The serial is the company's: October's 001 was received in B1, 002 and 003 in B2. Regression: the
// restart check used to look at one branch's complaints only, so B2's view reported "starts at 002".
// November starts at 002 (no 001 anywhere) → reported, in the view of the branch that holds 2611002.
const complaints = `complaint_no,received_at,market,branch_id,valid
  2610001,2026-10-02 09:00:00,domestic,B1,yes
  2610002,2026-10-03 09:00:00,domestic,B2,yes
  2610003,2026-10-04 09:00:00,domestic,B2,yes
  2611002,2026-11-02 09:00:00,domestic,B2,yes
  2611003,2026-11-03 09:00:00,domestic,B1,yes`;

describe.each(ENGINES)('numbering check by branch on %s', (engine) => {
  it('checks the serial restart over the company, lists a branch its own problems', async () => {
    const db = await fixtureDb(engine, { complaints });
    const problems = async (period: string, branch: string | null) =>
      (await report(db, { period, branch })).tables['complaint_numbering']!.map((r) => [r['complaint_no'], r['problem']]);
    expect(await problems('2026-10', 'B2')).toEqual([]);
    expect(await problems('2026-10', null)).toEqual([]);
    expect(await problems('2026-11', null)).toEqual([['2611002', 'first_serial']]);
    expect(await problems('2026-11', 'B2')).toEqual([['2611002', 'first_serial']]);
    expect(await problems('2026-11', 'B1')).toEqual([]);
    await db.close();
  });
});
