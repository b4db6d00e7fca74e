/**
 * queries/tables/technician_satisfaction.sql — per technician, the satisfaction rules of docs/metrics.md rule 10
 * (orders completed in period, not consultation; responded surveys; non-empty ratings) — the annual
 * report's best and worst technicians, with the number of responses behind each mean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { ENGINES, fixtureDb, report } from '../helpers/fixture.ts';

const staff = `staff_id,name,branch_id,department,unit
  T1,王师傅,B1,service,一班
  T2,李师傅,B1,service,一班
  T3,张师傅,B2,service,二班`;
const orders = `order_id,branch_id,service_type,called_at,completed_at,technician_id,status
  P1,B1,repair,2026-10-05 09:00:00,2026-10-05 12:00:00,T1,completed
  P2,B1,install,2026-10-06 09:00:00,2026-10-06 12:00:00,T1,completed
  P3,B1,repair,2026-09-29 09:00:00,2026-09-30 12:00:00,T1,completed
  P4,B1,consultation,2026-10-09 09:00:00,2026-10-09 09:10:00,T2,completed
  P5,B1,repair,2026-10-10 09:00:00,2026-10-10 12:00:00,T2,completed
  P6,B2,repair,2026-10-12 09:00:00,2026-10-12 12:00:00,T3,completed
  P7,B2,repair,2026-10-13 09:00:00,2026-10-13 12:00:00,T1,completed
  P8,B2,repair,2026-10-14 09:00:00,,T3,open`;
const surveys = `survey_id,order_id,sent_at,responded_at,attitude,skill,timeliness,promise
  V1,P1,2026-10-06 09:00:00,2026-10-06 10:00:00,4,4,4,4
  V2,P2,2026-10-07 09:00:00,2026-10-07 10:00:00,2,3,,1
  V3,P1,2026-10-06 09:00:00,,1,1,1,1
  V4,P3,2026-10-01 09:00:00,2026-10-01 10:00:00,1,1,1,1
  V5,P4,2026-10-10 09:00:00,2026-10-10 10:00:00,1,1,1,1
  V6,P5,2026-10-11 09:00:00,2026-10-11 10:00:00,3,3,3,3
  V8,P6,2026-10-13 09:00:00,2026-10-13 10:00:00,4,3,2,1
  V9,P7,2026-10-14 09:00:00,2026-10-14 10:00:00,3,4,4,4
  V10,P8,2026-10-15 09:00:00,2026-10-15 10:00:00,1,1,1,1`;
// Counted: responded surveys of orders completed in October, not consultation.
//   out: V3 (no responded_at), V4 (P3 completed in September), V5 (P4 a consultation), V10 (P8 not completed)
// T1 (whole company): V1 (P1, B1), V2 (P2, B1), V9 (P7, B2 — the order's branch) → responses 3
//   attitude (4 + 2 + 3) / 3 = 3; skill (4 + 3 + 4) / 3 = 11/3; timeliness (4 + 4) / 2 = 4 (V2 empty);
//   promise (4 + 1 + 4) / 3 = 3; overall (3 + 11/3 + 4 + 3) / 4 = 41/12
//   ratings 4 + 3 + 4 = 11; ≥ 3: V1 4, V2 1 (skill 3), V9 4 → 9/11
// T2: V6 → 1 response, every mean 3, overall 3, satisfied 4/4 = 1
// T3: V8 → 1 response, 4 / 3 / 2 / 1, overall 2.5, satisfied 2/4 = 0.5
// Branch B1 only: T1 with V1 V2 → 2 responses, attitude 3, skill 3.5, timeliness 4, promise 2.5,
//   overall (3 + 3.5 + 4 + 2.5) / 4 = 3.25, satisfied (4 + 1) / 7; T2 as above; T3 absent.

describe.each(ENGINES)('technician satisfaction on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await fixtureDb(engine, { staff, service_orders: orders, surveys });
  });
  afterAll(async () => {
    await db.close();
  });

  const rows = async (branch: string | null) => {
    const r = await report(db, { period: '2026-10', branch });
    return Object.fromEntries(r.tables['technician_satisfaction']!.map((x) => [x['technician_id'], x]));
  };

  it('counts responded surveys of completed orders and pools the items like satisfaction.*', async () => {
    const t = await rows(null);
    expect(Object.keys(t)).toEqual(['T1', 'T2', 'T3']);
    expect(t['T1']).toMatchObject({ name: '王师傅', branch_id: 'B1', responses: 3, attitude_mean: 3, timeliness_mean: 4, promise_mean: 3 });
    expect(t['T1']!['skill_mean']).toBeCloseTo(11 / 3, 12);
    expect(t['T1']!['overall_mean']).toBeCloseTo(41 / 12, 12);
    expect(t['T1']!['satisfied_rate']).toBeCloseTo(9 / 11, 12);
    expect(t['T2']).toMatchObject({ responses: 1, attitude_mean: 3, overall_mean: 3, satisfied_rate: 1 });
    expect(t['T3']).toMatchObject({
      responses: 1,
      attitude_mean: 4,
      skill_mean: 3,
      timeliness_mean: 2,
      promise_mean: 1,
      overall_mean: 2.5,
      satisfied_rate: 0.5,
    });
  });

  it('cuts by the order’s branch', async () => {
    const t = await rows('B1');
    expect(Object.keys(t)).toEqual(['T1', 'T2']);
    expect(t['T1']).toMatchObject({ responses: 2, attitude_mean: 3, skill_mean: 3.5, timeliness_mean: 4, promise_mean: 2.5, overall_mean: 3.25 });
    expect(t['T1']!['satisfied_rate']).toBeCloseTo(5 / 7, 12);
  });
});
