import { describe, expect, it } from 'vitest';
import { ENGINES, fixtureDb, report } from '../helpers/fixture.ts';

const staff = `staff_id,name,branch_id,department,unit
  T1,王师傅,B1,service,一班
  T2,李师傅,B1,service,一班
  T3,张师傅,B2,service,二班`;
const orders = `order_id,branch_id,customer_id,product_model,product_batch,serial_no,fault_code,service_type,charge_class,zone,called_at,arrived_at,completed_at,technician_id,labor_hours,status,cause,solution,parts,customer_opinion
  P1,B1,C1,KF-35,2406A,SN1,E1,repair,A,urban,2026-10-05 09:00:00,2026-10-05 10:00:00,2026-10-05 11:00:00,T1,1.5,completed,缺氟,加氟,无,满意
  P2,B1,C2,KF-35,2406A,SN2,,install,B,urban,2026-10-06 09:00:00,2026-10-06 16:00:00,2026-10-06 17:00:00,T1,2,completed,新装,安装,无,
  P3,B1,C3,KF-35,2407B,SN3,E2,repair,C,urban,2026-10-07 09:00:00,,,T1,,open,,,,
  P4,B1,C1,KF-35,2406A,SN1,E1,repair,A,urban,2026-10-08 09:00:00,2026-10-08 09:30:00,2026-10-08 10:00:00,T2,0.5,completed,漏氟,补焊,铜管,好
  P5,B1,C4,,,,,consultation,C,urban,2026-10-09 09:00:00,,2026-10-09 09:10:00,T2,,completed,,,,
  P6,B2,C5,KF-50,2405C,SN5,E1,repair,A,urban,2026-10-10 09:00:00,,,T3,,open,,,,`;
const surveys = `survey_id,order_id,sent_at,responded_at,attitude,skill,timeliness,promise
  V1,P1,2026-10-06 09:00:00,2026-10-06 10:00:00,4,4,4,4
  V2,P2,2026-10-07 09:00:00,2026-10-07 10:00:00,2,3,3,2
  V4,P4,2026-10-09 09:00:00,2026-10-09 10:00:00,3,3,3,3`;
const complaints = `complaint_no,received_at,market,branch_id,order_id,product_model,product_batch,nature,valid,closed_at
  2610020,2026-10-11 09:00:00,domestic,B1,P1,KF-35,2406A,quality,yes,2026-10-20 09:00:00
  2610021,2026-10-12 09:00:00,domestic,B2,,KF-50,2405C,quality,yes,
  2610022,2026-10-12 09:00:00,domestic,B2,,KF-50,2405C,non_quality,yes,`;
const responsibility = `complaint_no,department,unit,staff_id,share
  2610020,service,一班,T1,0.6
  2610020,service,一班,T2,0.4`;
// T1: completed P1 (A) P2 (B) → 2, labor 1.5 + 2 = 3.5; arrivals: P1 10:00 ≤ 15:00 kept, P2 16:00 > 15:00 late,
//     P3 never arrived, deadline 10-07 15:00 passed → late → on_time 1/3, late 2; P4 repeats P1 (same customer,
//     serial, fault, 3 days) → charged to T1; surveys V1, V2: attitude (4+2)/2 = 3, skill 3.5, timeliness 3.5,
//     promise 3; complaint share 0.6; incomplete reports: P2 (no customer_opinion) → 1;
//     fine estimate 2 × 50 + 1 × 20 = 120.00
// T2: completed P4 only (P5 is a consultation), class A, labor 0.5; on time 1/1; surveys V4 → 3s;
//     complaint share 0.4; fine 0.00
// T3: nothing completed; P6 not arrived and past its deadline → on time 0/1, late 1 → fine 50.00
// Quality (repairs received in October by model × batch × fault; quality complaints with the linked order's fault):
//   KF-35 2406A E1: repairs P1 P4 = 2, complaint 2610020 (order P1 → E1) = 1, share of KF-35's 3 repairs 2/3
//   KF-35 2407B E2: 1 repair, 1/3;  KF-50 2405C E1: 1 repair, 1/1;  KF-50 2405C (no fault): complaint 2610021, 0 repairs
//   (2610022 is non_quality)

describe.each(ENGINES)('technician and quality tables on %s', (engine) => {
  it('builds the technician scorecard rows', async () => {
    const db = await fixtureDb(engine, { staff, service_orders: orders, surveys, complaints, complaint_responsibility: responsibility });
    const r = await report(db, { period: '2026-10' });
    const t = Object.fromEntries(r.tables['technician']!.map((x) => [x['technician_id'], x]));
    expect(Object.keys(t)).toEqual(['T1', 'T2', 'T3']);
    expect(t['T1']).toMatchObject({
      name: '王师傅',
      completed: 2,
      class_a: 1,
      class_b: 1,
      class_c: 0,
      class_d: 0,
      labor_hours: 3.5,
      late_arrivals: 2,
      repeats_charged: 1,
      attitude_mean: 3,
      skill_mean: 3.5,
      timeliness_mean: 3.5,
      promise_mean: 3,
      complaint_share: 0.6,
      incomplete_reports: 1,
      fine_estimate: '120.00',
    });
    expect(t['T1']!['on_time_rate']).toBeCloseTo(1 / 3, 12);
    expect(t['T2']).toMatchObject({
      completed: 1,
      class_a: 1,
      labor_hours: 0.5,
      on_time_rate: 1,
      late_arrivals: 0,
      repeats_charged: 0,
      attitude_mean: 3,
      complaint_share: 0.4,
      fine_estimate: '0.00',
    });
    expect(t['T3']).toMatchObject({ completed: 0, on_time_rate: 0, late_arrivals: 1, fine_estimate: '50.00' });

    const q = r.tables['quality']!.map((x) => [
      x['product_model'],
      x['product_batch'],
      x['fault_code'],
      x['repairs'],
      x['quality_complaints'],
      x['model_share'],
    ]);
    expect(q).toEqual([
      ['KF-35', '2406A', 'E1', 2, 1, expect.closeTo(2 / 3, 12)],
      ['KF-35', '2407B', 'E2', 1, 0, expect.closeTo(1 / 3, 12)],
      ['KF-50', '2405C', 'E1', 1, 0, 1],
      ['KF-50', '2405C', null, 0, 1, 0],
    ]);
    await db.close();
  });
});
