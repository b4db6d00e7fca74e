import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { ENGINES, fixtureDb, report } from '../helpers/fixture.ts';

const staff = `staff_id,name,branch_id,department,unit,base_points,monthly_bonus
  S1,甲,B1,service,一班,10,2000.00
  S2,乙,B1,service,一班,20,3000.00
  S3,丙,B1,quality,品管组,30,4000.00
  S4,丁,B2,other,杂项,10,1000.00
  S5,戊,B2,service,二班,10,1000.00`;
const complaints = `complaint_no,received_at,market,branch_id,valid,repeat_of,loss_amount,closed_at
  2610001,2026-10-01 09:00:00,domestic,B1,yes,,1000.00,2026-10-10 09:00:00
  2610002,2026-10-02 09:00:00,domestic,B2,yes,,333.33,2026-10-11 09:00:00
  2610003,2026-10-03 09:00:00,domestic,B1,yes,,0.05,2026-10-12 09:00:00
  2610004,2026-10-04 09:00:00,domestic,B1,yes,,0.01,2026-10-13 09:00:00
  2610005,2026-10-05 09:00:00,domestic,B1,no,,500.00,2026-10-14 09:00:00
  2610006,2026-10-06 09:00:00,domestic,B2,yes,,,2026-10-15 09:00:00`;
const responsibility = `complaint_no,department,unit,staff_id,share,sanction
  2610001,service,一班,S1,0.5,none
  2610001,service,一班,S2,0.3,warning
  2610001,quality,品管组,S3,0.2,none
  2610002,service,二班,,1,none
  2610003,service,一班,S1,0.5,none
  2610003,other,杂项,S4,0.5,none
  2610004,service,一班,S1,0.5,none
  2610004,other,杂项,S4,0.5,none
  2610005,service,一班,S1,1,major
  2610006,other,杂项,S4,1,major`;
// Valid complaints closed in October with responsibility rows: 001 002 003 004 006 → N = 5 (005 is not valid).
// 2610001 is split 0.5 / 0.3 / 0.2 across persons of two departments (service S1 S2, quality S3).
// Units:  service/一班: 0.5 + 0.3 + 0.5 + 0.5 = 1.8, loss 500 + 300 + 0.025 + 0.005 = 800.03 (once: 800.030)
//         service/二班: 1, loss 333.33;  other/杂项: 0.5 + 0.5 + 1 = 2, loss 0.025 + 0.005 + 0 = 0.03
//         quality/品管组: 0.2, loss 200.00
// Departments: service 2.8 (1.8 + 1), loss 800.03 + 333.33 = 1133.36; other 2, 0.03; quality 0.2, 200.00
// Ratios ÷ 5: service 0.56, other 0.4, quality 0.04; 一班 0.36, 二班 0.2, 杂项 0.4, 品管组 0.04.
// Pareto by share_sum (total 5 at each level):
//   departments: service 2.8 → 0.56, other 2 → 0.96, quality 0.2 → 1
//   units: 杂项 2 → 0.4, 一班 1.8 → 0.76, 二班 1 → 0.96, 品管组 0.2 → 1

describe.each(ENGINES)('responsibility subtotals and drill-down on %s', (engine) => {
  let db: Db;
  let tables: Record<string, Record<string, unknown>[]>;
  beforeAll(async () => {
    db = await fixtureDb(engine, { staff, complaints, complaint_responsibility: responsibility });
    tables = (await report(db, { period: '2026-10' })).tables;
  });
  afterAll(() => db.close());

  it('sums departments and units, rounds each loss once, and orders them for the Pareto', () => {
    const pick = (r: Record<string, unknown>) => [r['level'], r['department'], r['unit'], r['share_sum'], r['loss'], r['complaints'], r['rank']];
    const rows = tables['responsibility_rollup']!;
    expect(rows.map(pick)).toEqual([
      ['department', 'service', null, expect.closeTo(2.8, 12), '1133.36', 4, 1],
      ['department', 'other', null, 2, '0.03', 3, 2],
      ['department', 'quality', null, 0.2, '200.00', 1, 3],
      ['unit', 'other', '杂项', 2, '0.03', 3, 1],
      ['unit', 'service', '一班', expect.closeTo(1.8, 12), '800.03', 3, 2],
      ['unit', 'service', '二班', 1, '333.33', 1, 3],
      ['unit', 'quality', '品管组', 0.2, '200.00', 1, 4],
    ]);
    expect(rows.map((r) => r['ratio'])).toEqual([0.56, 0.4, 0.04, 0.4, 0.36, 0.2, 0.04].map((x) => expect.closeTo(x, 12)));
    expect(rows.every((r) => r['n_complaints'] === 5)).toBe(true);
    expect(rows.map((r) => r['cum_share'])).toEqual([0.56, 0.96, 1, 0.4, 0.76, 0.96, 1].map((x) => expect.closeTo(x, 12)));
  });

  it('lists every responsibility row with its complaint for the drill-down', () => {
    const rows = tables['responsibility_complaints']!.filter((r) => r['department'] === 'service');
    // 1000.00 × 0.5 = 500.00, × 0.3 = 300.00; 333.33 × 1; 0.05 × 0.5 = 0.025 → 0.03; 0.01 × 0.5 = 0.005 → 0.01
    expect(rows.map((r) => [r['complaint_no'], r['unit'], r['staff_id'], r['staff_name'], r['share'], r['attributed'], r['sanction']])).toEqual([
      ['2610001', '一班', 'S1', '甲', 0.5, '500.00', 'none'],
      ['2610001', '一班', 'S2', '乙', 0.3, '300.00', 'warning'],
      ['2610002', '二班', null, null, 1, '333.33', 'none'],
      ['2610003', '一班', 'S1', '甲', 0.5, '0.03', 'none'],
      ['2610004', '一班', 'S1', '甲', 0.5, '0.01', 'none'],
    ]);
    expect(tables['responsibility_complaints']!.some((r) => r['complaint_no'] === '2610005')).toBe(false);
  });

  it('shows the arithmetic of each deduction line', () => {
    const lines = tables['deduction_lines']!;
    // 2610002 goes to the unit 二班 (only S5, 10 of 10 base points): 333.33 × 1 × 10/10 = 333.33.
    expect(lines.find((l) => l['complaint_no'] === '2610002')).toMatchObject({
      staff_id: 'S5',
      basis: 'base_points',
      loss: '333.33',
      share: 1,
      base_points: 10,
      unit_base_points: 10,
      multiplier: 1,
      amount: '333.33',
    });
    expect(lines.find((l) => l['complaint_no'] === '2610001' && l['staff_id'] === 'S2')).toMatchObject({
      basis: 'person',
      loss: '1000.00',
      share: 0.3,
      base_points: null,
      multiplier: 1,
      amount: '300.00',
      sanction: 'warning',
    });
    // S4: 0.05 × 0.5 + 0.01 × 0.5 = 0.03 accrued (once), and 2610006 (empty loss = 0) with a major sanction:
    // the full monthly bonus 1000.00 is deducted.
    const s4 = tables['deductions']!.find((d) => d['staff_id'] === 'S4')!;
    expect(s4).toMatchObject({ accrued: '0.03', carried_in: '0.00', due: '0.03', deducted: '1000.00', sanction: 'major' });
  });
});

describe.each(ENGINES)('a sanction on a complaint with no loss on %s', (engine) => {
  it('keeps the sanctioned person in the deductions table', async () => {
    // Regression: a month with nothing accrued or carried was dropped, hiding the sanction.
    // W1 has only 2610007 (no loss amount) with a warning: accrued 0.00, the 400.00 minimum shown.
    const db = await fixtureDb(engine, {
      staff: 'staff_id,name,branch_id,department,unit,base_points,monthly_bonus\nW1,壬,B1,service,一班,10,2000.00',
      complaints: 'complaint_no,received_at,market,branch_id,valid,loss_amount,closed_at\n2610007,2026-10-01 09:00:00,domestic,B1,yes,,2026-10-05 09:00:00',
      complaint_responsibility: 'complaint_no,department,unit,staff_id,share,sanction\n2610007,service,一班,W1,1,warning',
    });
    const rows = (await report(db, { period: '2026-10' })).tables['deductions']!;
    expect(rows.map((r) => [r['staff_id'], r['accrued'], r['deducted'], r['sanction'], r['sanction_minimum']])).toEqual([
      ['W1', '0.00', '0.00', 'warning', '400.00'],
    ]);
    await db.close();
  });
});
