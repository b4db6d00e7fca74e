import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { dropColumn } from '../helpers/columns.ts';
import { ENGINES, fixtureDb, report, type Fixture } from '../helpers/fixture.ts';

// "Not measured is null, never 0" (docs/metrics.md "Not measured"): a figure whose file or column is
// absent is null, for the company and every branch; a column that is present with empty cells is
// measured. Period 2026-10, as_of 2026-11-01 00:00; default calendar 08:30–17:30 every day, urban 6 h.
const orders = `order_id,branch_id,customer_id,product_model,service_type,zone,called_at,dispatched_at,arrived_at,completed_at,technician_id,cause,solution,parts,customer_opinion,status
  O1,B1,C1,M1,repair,urban,2026-10-05 09:00:00,2026-10-05 10:00:00,2026-10-05 11:00:00,2026-10-05 12:00:00,T1,c,s,无,ok,completed
  O2,B1,C2,M1,repair,urban,2026-10-06 09:00:00,,2026-10-08 09:00:00,2026-10-08 10:00:00,T1,,s,p,ok,completed`;
// O1: deadline 10-05 15:00, arrived 11:00 → on time; next day kept (before 10-07 00:00); dispatched
//     10:00 ≤ 09:00 + 24 h → reply kept; completed the day it was called → same day; report complete
//     (无 counts as filled).
// O2: deadline 10-06 15:00, arrived 10-08 09:00 → late; next day missed (after 10-08 00:00); never
//     dispatched and 10-07 09:00 < as_of → reply missed; completed 10-08 → not same day; cause empty →
//     report incomplete. Customers differ → no repeat.
// So: on_time 1/2, reply_24h 1/2, next_day 1/2, same_day 1/2, completeness 1/2, repeat 0/2 = 0;
// technician T1: 1 late arrival × 50 + 1 incomplete report × 20 = "70.00".
const surveys = `survey_id,order_id,sent_at,responded_at,attitude,skill,timeliness,promise
  S1,O1,2026-10-06 09:00:00,2026-10-07 09:00:00,4,3,2,4
  S2,O2,2026-10-09 09:00:00,,,,,`;
// 2 orders completed in October, both sent a survey → coverage 1; responded 1 of 2 sent → 0.5;
// means 4, 3, 2, 4 → overall (4 + 3 + 2 + 4) / 4 = 3.25; ratings ≥ 3: 4, 3, 4 of 4 → 0.75.
const costHeader = 'cost_id,date,branch_id,category,amount';
const complaintHeader = 'complaint_no,received_at,market,branch_id';

const COST_IDS = [
  'cost.install',
  'cost.travel',
  'cost.material',
  'cost.shipping',
  'cost.other',
  'cost.total',
  'cost.contract_guided_install',
  'cost.person_times',
  'cost.person_days',
  'cost.per_completed_order',
];
const COMPLAINT_IDS = ['complaints.received', 'complaints.rate_per_100', 'complaints.closed', 'complaints.on_time_close_rate', 'complaints.open_overdue'];
const SATISFACTION_IDS = [
  'satisfaction.coverage',
  'satisfaction.response_rate',
  'satisfaction.attitude_mean',
  'satisfaction.skill_mean',
  'satisfaction.timeliness_mean',
  'satisfaction.promise_mean',
  'satisfaction.satisfied_rate',
  'satisfaction.overall_mean',
];
const ARRIVAL_IDS = ['response.on_time_rate', 'response.p50_hours', 'response.p90_hours', 'install.within_2d_rate', 'repair.next_day_rate'];

describe.each(ENGINES)('rule "not measured is null" on %s', (engine) => {
  const dbs: Db[] = [];
  afterAll(async () => {
    for (const db of dbs) await db.close();
  });
  const run = async (files: Fixture) => {
    const db = await fixtureDb(engine, files);
    dbs.push(db);
    const r = await report(db, { period: '2026-10' });
    return { m: r.metrics, b: r.by_branch, tech: r.tables['technician']! };
  };
  /** Null for the company and every branch. */
  const nullEverywhere = (r: { m: Record<string, unknown>; b: Record<string, Record<string, unknown>> }, ids: string[]) => {
    for (const id of ids) {
      expect(r.m[id], id).toBeNull();
      for (const [branch, v] of Object.entries(r.b)) expect(v[id], `${branch} ${id}`).toBeNull();
    }
  };

  it('with every input: the figures worked out above', async () => {
    const r = await run({ service_orders: orders, surveys, costs: costHeader, complaints: complaintHeader });
    expect(r.m).toMatchObject({
      'orders.completed': 2,
      'response.on_time_rate': 0.5,
      'response.reply_24h_rate': 0.5,
      'repair.next_day_rate': 0.5,
      'resolution.same_day_rate': 0.5,
      'repeat.rate': 0,
      'report.completeness_rate': 0.5,
      'satisfaction.coverage': 1,
      'satisfaction.response_rate': 0.5,
      'satisfaction.overall_mean': 3.25,
      'satisfaction.satisfied_rate': 0.75,
    });
    expect(r.tech).toMatchObject([{ technician_id: 'T1', late_arrivals: 1, incomplete_reports: 1, fine_estimate: '70.00' }]);
  });

  it('a costs file with no rows is measured: "0.00"; no costs file: every cost.* null', async () => {
    const present = await run({ service_orders: orders, costs: costHeader });
    expect(present.m['cost.total']).toBe('0.00');
    expect(present.m['cost.person_times']).toBe(0);
    expect(present.m['cost.per_completed_order']).toBe('0.00'); // 0.00 / 2 completed
    expect(present.b['B2']!['cost.total']).toBe('0.00');
    nullEverywhere(await run({ service_orders: orders }), COST_IDS);
  });

  it('a complaints file with no rows is measured: 0; no complaints file: every complaints.* null', async () => {
    const present = await run({ service_orders: orders, complaints: complaintHeader });
    expect(present.m['complaints.received']).toBe(0);
    expect(present.m['complaints.rate_per_100']).toBe(0); // 0 × 100 / 2 received
    expect(present.m['complaints.on_time_close_rate']).toBeNull(); // nothing closed: empty denominator
    nullEverywhere(await run({ service_orders: orders }), COMPLAINT_IDS);
  });

  it('no surveys file: every satisfaction.* null', async () => {
    nullEverywhere(await run({ service_orders: orders }), [...SATISFACTION_IDS, 'satisfaction.attitude_distribution']);
  });

  it('no dispatched_at column: reply_24h_rate null, the rest measured', async () => {
    const r = await run({ service_orders: dropColumn(orders, 'dispatched_at') });
    nullEverywhere(r, ['response.reply_24h_rate']);
    expect(r.m['response.on_time_rate']).toBe(0.5);
  });

  it('a dispatched_at column with empty cells is measured: both replies missed → 0', async () => {
    const blank = orders.replace('2026-10-05 09:00:00,2026-10-05 10:00:00,', '2026-10-05 09:00:00,,');
    const r = await run({ service_orders: blank });
    expect(r.m['response.reply_24h_rate']).toBe(0);
  });

  it('no arrived_at column: the arrival figures null; the fine estimated from the reports alone', async () => {
    const r = await run({ service_orders: dropColumn(orders, 'arrived_at') });
    nullEverywhere(r, ARRIVAL_IDS);
    expect(r.m['response.reply_24h_rate']).toBe(0.5);
    // 1 incomplete report × 20; late arrivals not measured.
    expect(r.tech).toMatchObject([{ technician_id: 'T1', late_arrivals: null, on_time_rate: null, incomplete_reports: 1, fine_estimate: '20.00' }]);
  });

  it('no customer_id column: repeat.rate null, same_day measured', async () => {
    const r = await run({ service_orders: dropColumn(orders, 'customer_id') });
    nullEverywhere(r, ['repeat.rate']);
    expect(r.m['resolution.same_day_rate']).toBe(0.5);
  });

  it('no cause column: completeness null; the fine estimated from late arrivals alone', async () => {
    const r = await run({ service_orders: dropColumn(orders, 'cause') });
    nullEverywhere(r, ['report.completeness_rate']);
    // O2's report would be incomplete, but the report columns are not all there: 1 late × 50 only.
    expect(r.tech).toMatchObject([{ technician_id: 'T1', late_arrivals: 1, incomplete_reports: null, fine_estimate: '50.00' }]);
  });

  it('no completed_at column: orders.completed, same day, repeats, completeness, satisfaction, cost per order null', async () => {
    const r = await run({ service_orders: dropColumn(orders, 'completed_at'), surveys, costs: costHeader });
    nullEverywhere(r, [
      'orders.completed',
      'resolution.same_day_rate',
      'repeat.rate',
      'report.completeness_rate',
      'cost.per_completed_order',
      ...SATISFACTION_IDS,
    ]);
    expect(r.m['cost.total']).toBe('0.00');
  });

  it('no attitude column: its mean and overall_mean null; satisfied_rate over the other items', async () => {
    const r = await run({ service_orders: orders, surveys: dropColumn(surveys, 'attitude') });
    nullEverywhere(r, ['satisfaction.attitude_mean', 'satisfaction.overall_mean']);
    expect(r.m['satisfaction.skill_mean']).toBe(3);
    // skill 3, timeliness 2, promise 4: 2 of 3 ratings ≥ 3
    expect(r.m['satisfaction.satisfied_rate']).toBeCloseTo(2 / 3, 12);
    expect(r.m['satisfaction.coverage']).toBe(1);
  });

  it('no sent_at column: coverage and response_rate null, the means measured', async () => {
    const r = await run({ service_orders: orders, surveys: dropColumn(surveys, 'sent_at') });
    nullEverywhere(r, ['satisfaction.coverage', 'satisfaction.response_rate']);
    expect(r.m['satisfaction.overall_mean']).toBe(3.25);
  });
});
