import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/lib/report/compute.ts';
import { ENGINES, fixtureDb, report, SQL } from '../helpers/fixture.ts';

const branches = `branch_id,branch_name,level,parent_id
  HQ,总部,hq,
  C1,华东中心,center,HQ
  B1,上海,branch,C1
  B2,杭州,branch,C1
  C2,西南中心,center,HQ
  B3,重庆,branch,C2`;
// Urban orders called 09:00, deadline 15:00: "k" arrives 10:00 (kept), "l" arrives 16:00 (late).
const orders = `order_id,branch_id,service_type,zone,called_at,arrived_at,status
  O1,B1,repair,urban,2026-10-05 09:00:00,2026-10-05 10:00:00,open
  O2,B1,repair,urban,2026-10-05 09:00:00,2026-10-05 16:00:00,open
  O3,B2,repair,urban,2026-10-05 09:00:00,2026-10-05 10:00:00,open
  O4,B2,repair,urban,2026-10-05 09:00:00,2026-10-05 10:00:00,open
  O5,B2,repair,urban,2026-10-05 09:00:00,2026-10-05 10:00:00,open
  O6,B3,repair,urban,2026-10-05 09:00:00,2026-10-05 10:00:00,open`;
const costs = `cost_id,date,branch_id,category,amount
  K1,2026-10-05,B1,travel,10.00
  K2,2026-10-05,B2,travel,20.00
  K3,2026-10-05,B3,travel,0.05`;
// B1 on time 1/2, B2 3/3 → centre C1 = (1 + 3) / (2 + 3) = 0.8 (recomputed; the mean of the rates would be 0.75)
// C1 received 2 + 3 = 5, cost 10.00 + 20.00 = 30.00; C2 = B3: 1/1, 0.05; HQ = 5/6, received 6, 30.05

describe.each(ENGINES)('roll-up through the branch tree on %s', (engine) => {
  it('adds counts and recomputes rates from summed numerators and denominators', async () => {
    const db = await fixtureDb(engine, { branches, service_orders: orders, costs });
    const r = await report(db, { period: '2026-10', rollup: true });
    const b = r.by_branch;
    expect(Object.keys(b).sort()).toEqual(['B1', 'B2', 'B3', 'C1', 'C2', 'HQ']);
    expect(b['C1']).toMatchObject({ 'orders.received': 5, 'response.on_time_rate': 0.8, 'cost.travel': '30.00' });
    expect(b['C2']).toMatchObject({ 'orders.received': 1, 'response.on_time_rate': 1, 'cost.travel': '0.05' });
    expect(b['HQ']!['response.on_time_rate']).toBeCloseTo(5 / 6, 12);
    expect(b['HQ']).toMatchObject({ 'orders.received': 6, 'cost.total': '30.05' });
    expect(b['B1']!['response.on_time_rate']).toBe(0.5);
    // The company total is each row once, not summed over the tree levels.
    expect(r.metrics).toMatchObject({ 'orders.received': 6, 'cost.total': '30.05' });
    // A centre with roll-up: itself and its branches (B1, B2), 4/5 on time.
    const c1 = await report(db, { period: '2026-10', branch: 'C1', rollup: true });
    expect(Object.keys(c1.by_branch).sort()).toEqual(['B1', 'B2', 'C1']);
    expect(c1.metrics).toMatchObject({ 'orders.received': 5, 'response.on_time_rate': 0.8, 'cost.total': '30.00' });
    // Without roll-up, centres have no rows of their own (docs/metrics.md rule 17).
    const flat = await report(db, { period: '2026-10' });
    expect(flat.by_branch['C1']).toMatchObject({ 'orders.received': 0, 'response.on_time_rate': null });
    await db.close();
  });

  it('a totals-only report (a comparison month) has the same totals and no branch rows', async () => {
    const db = await fixtureDb(engine, { branches, service_orders: orders, costs });
    // Centre C1 with roll-up, as above: received 5, on time 4/5 = 0.8, cost 30.00.
    const c1 = await computeReport(db, { period: '2026-10', branch: 'C1', asOf: null, rollup: true }, SQL, { tables: [], byBranch: false });
    expect(c1.by_branch).toEqual({});
    expect(c1.metrics).toMatchObject({ 'orders.received': 5, 'response.on_time_rate': 0.8, 'cost.total': '30.00' });
    // The whole company without roll-up: 6 orders, 5/6 on time, 30.05.
    const all = await computeReport(db, { period: '2026-10', branch: null, asOf: null }, SQL, { tables: [], byBranch: false });
    expect(all.by_branch).toEqual({});
    expect(all.metrics).toMatchObject({ 'orders.received': 6, 'cost.total': '30.05' });
    expect(all.metrics['response.on_time_rate']).toBeCloseTo(5 / 6, 12);
    await db.close();
  });
});
