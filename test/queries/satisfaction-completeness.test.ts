import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { ENGINES, fixtureDb, report } from '../helpers/fixture.ts';

const orders = `order_id,branch_id,service_type,called_at,completed_at,status,cause,solution,parts,customer_opinion
  O1,B1,repair,2026-10-01 09:00:00,2026-10-01 12:00:00,completed,电容老化,更换电容,电容,满意
  O2,B1,repair,2026-10-02 09:00:00,2026-10-02 12:00:00,completed,缺氟,加氟,无,满意
  O3,B1,install,2026-10-03 09:00:00,2026-10-03 12:00:00,completed,新机安装,安装调试,NONE,
  O4,B2,repair,2026-10-04 09:00:00,2026-10-04 12:00:00,completed,堵塞,清洗, ,好
  O5,B2,consultation,2026-10-05 09:00:00,2026-10-05 09:10:00,completed,,,,
  O6,B2,repair,2026-09-20 09:00:00,2026-09-21 12:00:00,completed,a,b,c,d
  O7,B2,repair,2026-10-06 09:00:00,,open,,,,`;
// Completed in October, not consultation: O1 O2 O3 O4 (O5 consultation, O6 September, O7 open).
// report.completeness_rate: O1 filled; O2 parts 无 counts as filled; O3 parts NONE filled but
//   customer_opinion empty → incomplete; O4 parts " " (empty after trimming) → incomplete → 2 / 4
//   B1: O1 O2 of O1 O2 O3 → 2/3;  B2: O4 → 0/1

const surveys = `survey_id,order_id,sent_at,responded_at,attitude,skill,timeliness,promise
  S1,O1,2026-10-02 09:00:00,2026-10-03 09:00:00,4,4,3,4
  S2,O2,2026-10-03 09:00:00,2026-10-04 09:00:00,3,2,,4
  S3,O3,2026-10-04 09:00:00,,,,,
  S4,O5,2026-10-06 09:00:00,2026-10-06 10:00:00,1,1,1,1
  S5,O6,2026-10-01 09:00:00,2026-10-02 09:00:00,1,1,1,1
  S6,O1,2026-11-02 09:00:00,2026-11-03 09:00:00,2,3,4,1
  S7,O4,,,,,,`;
// Orders: O1 O2 O3 O4. Surveys of those orders, whenever sent: S1 S2 S3 S6 (O1 twice) S7 (never sent).
//   (S4 is a consultation's, S5 a September order's: both out.)
// coverage = orders with a sent survey: O1 O2 O3 (O4's survey has no sent_at) → 3 / 4
// response_rate = responded / sent, in surveys: sent S1 S2 S3 S6 = 4, responded S1 S2 S6 = 3 → 3 / 4
// ratings of responded surveys (S2 timeliness empty):
//   attitude 4, 3, 2 → mean 3;  skill 4, 2, 3 → 3;  timeliness 3, 4 → 3.5;  promise 4, 4, 1 → 3
//   overall_mean = (3 + 3 + 3.5 + 3) / 4 = 3.125
//   satisfied_rate = ratings ≥ 3 / all: attitude 2 of 3, skill 2 of 3, timeliness 2 of 2, promise 2 of 3 → 8 / 11
//   attitude distribution {1: 0, 2: 1, 3: 1, 4: 1}; timeliness {1: 0, 2: 0, 3: 1, 4: 1}
// B2 (O4 only, no survey sent): coverage 0, response_rate null, means null, overall null

describe.each(ENGINES)('satisfaction and report completeness on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await fixtureDb(engine, { service_orders: orders, surveys });
  });
  afterAll(() => db.close());

  it('satisfaction.* per docs/metrics.md rule 10', async () => {
    const r = await report(db, { period: '2026-10' });
    const m = r.metrics;
    expect(m['satisfaction.coverage']).toBe(0.75);
    expect(m['satisfaction.response_rate']).toBe(0.75);
    expect(m['satisfaction.attitude_mean']).toBe(3);
    expect(m['satisfaction.skill_mean']).toBe(3);
    expect(m['satisfaction.timeliness_mean']).toBe(3.5);
    expect(m['satisfaction.promise_mean']).toBe(3);
    expect(m['satisfaction.overall_mean']).toBe(3.125);
    expect(m['satisfaction.satisfied_rate']).toBeCloseTo(8 / 11, 12);
    expect(m['satisfaction.attitude_distribution']).toEqual({ '1': 0, '2': 1, '3': 1, '4': 1 });
    expect(m['satisfaction.timeliness_distribution']).toEqual({ '1': 0, '2': 0, '3': 1, '4': 1 });
    const b2 = r.by_branch['B2']!;
    expect(b2['satisfaction.coverage']).toBe(0);
    expect(b2['satisfaction.response_rate']).toBeNull();
    expect(b2['satisfaction.overall_mean']).toBeNull();
  });

  it('report.completeness_rate per docs/metrics.md rule 11', async () => {
    const r = await report(db, { period: '2026-10' });
    expect(r.metrics['report.completeness_rate']).toBe(0.5);
    expect(r.by_branch['B1']!['report.completeness_rate']).toBeCloseTo(2 / 3, 12);
    expect(r.by_branch['B2']!['report.completeness_rate']).toBe(0);
  });
});

// Coverage counts an order once however many of its surveys were sent, and the survey that covers
// it need not be its first one (setup/45-surveys.sql `covers`).
const coverOrders = `order_id,branch_id,service_type,called_at,completed_at,status
  P1,B1,repair,2026-10-01 09:00:00,2026-10-01 12:00:00,completed
  P2,B1,repair,2026-10-02 09:00:00,2026-10-02 12:00:00,completed
  P3,B2,repair,2026-10-03 09:00:00,2026-10-03 12:00:00,completed`;
const coverSurveys = `survey_id,order_id,sent_at,responded_at,attitude,skill,timeliness,promise
  Q1,P1,,,,,,
  Q2,P1,2026-10-02 09:00:00,,,,,
  Q3,P1,2026-10-03 09:00:00,,,,,
  Q4,P2,,,,,,
  Q5,P3,2026-10-04 09:00:00,,,,,`;
// P1: Q1 never sent, Q2 and Q3 sent → covered once; P2: only an unsent survey → not covered; P3 covered.
//   coverage = 2 / 3 (P1, P3);  B1: 1 / 2 (P1 of P1 P2);  B2: 1 / 1
//   response_rate = 0 responded / 3 sent (Q2 Q3 Q5) = 0

describe.each(ENGINES)('satisfaction.coverage with several surveys per order on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await fixtureDb(engine, { service_orders: coverOrders, surveys: coverSurveys });
  });
  afterAll(() => db.close());

  it('counts each covered order once, whichever of its surveys was sent', async () => {
    const r = await report(db, { period: '2026-10' });
    expect(r.metrics['satisfaction.coverage']).toBeCloseTo(2 / 3, 12);
    expect(r.metrics['satisfaction.response_rate']).toBe(0);
    expect(r.by_branch['B1']!['satisfaction.coverage']).toBe(0.5);
    expect(r.by_branch['B2']!['satisfaction.coverage']).toBe(1);
  });
});
