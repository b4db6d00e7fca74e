/**
 * The annual report's totals (年报): the year's report is the same SQL over [2026-01-01, 2027-01-01), so
 * its counts and amounts equal the sum of the twelve months' — and the quarter's the sum of its three.
 * Fixture test/fixtures/annual-data/ (also used by the CLI test), worked out by hand:
 *
 * service_orders (cancelled A7 counts nowhere; A5 was called in 2025, A6 completed in 2027):
 *   received 2026: A1 A2 (Jan), A8 (Mar), A3 (Jun), A4 A6 (Dec) = 6
 *   completed 2026: A1 A5 (Jan), A2 (Feb), A8 (Mar), A3 (Jun) = 5
 *   by_type: repair A1 A4 A6 = 3, install A2 = 1, consultation A3 = 1, maintenance A8 = 1
 *   by_class: A A1, B A2 A8, C A3 A4, D A6 → {A: 1, B: 2, C: 2, D: 1}
 * costs (K6 is 2025, K7 2027; K5 is contract-guided, reported alone):
 *   travel 100.10 (Jan) · install 200.25 (Feb) · material 0.05 (Feb) · shipping 10.00 (Dec) · other 0.01 (Nov)
 *   total = 100.10 + 200.25 + 0.05 + 10.00 + 0.01 = 310.41; contract_guided_install 999.99 (Jul)
 *   person_times 1 + 2 = 3, person_days 0.5 + 1.5 = 2 (K5's 4 / 2 are guided: left out)
 *   per_completed_order = 310.41 / 5 = 62.082 → 62.08 (a quotient: not additive, recomputed for the year)
 * complaints (valid ≠ no): received 2601001 (Jan), 2602001 (Feb, pending counts), 2612001 (Dec) = 3
 *   (2603001 is not valid; 2512001 was received in 2025); closed: 2512001 and 2601001 (Jan), 2602001 (Mar) = 3
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import type { Metrics } from '../../src/lib/report/types.ts';
import { ADDITIVE_COUNTS, ADDITIVE_MONEY, ANNUAL_FIXTURE, cents, MONTHS_2026 as MONTHS } from '../helpers/annual.ts';
import { ENGINES, fixtureDb, report } from '../helpers/fixture.ts';

describe.each(ENGINES)('annual totals on %s', (engine) => {
  let db: Db;
  let year: Metrics;
  let months: Metrics[];
  beforeAll(async () => {
    db = await fixtureDb(engine, ANNUAL_FIXTURE);
    year = (await report(db, { period: '2026' })).metrics;
    months = [];
    for (const m of MONTHS) months.push((await report(db, { period: m })).metrics);
  });
  afterAll(async () => {
    await db.close();
  });

  it('has the hand-worked year figures', () => {
    expect(year).toMatchObject({
      'orders.received': 6,
      'orders.completed': 5,
      'orders.by_type': { repair: 3, install: 1, consultation: 1, maintenance: 1 },
      'orders.by_class': { A: 1, B: 2, C: 2, D: 1 },
      'cost.install': '200.25',
      'cost.travel': '100.10',
      'cost.material': '0.05',
      'cost.shipping': '10.00',
      'cost.other': '0.01',
      'cost.total': '310.41',
      'cost.contract_guided_install': '999.99',
      'cost.person_times': 3,
      'cost.person_days': 2,
      'cost.per_completed_order': '62.08',
      'complaints.received': 3,
      'complaints.closed': 3,
    });
  });

  it('equals the sum of its twelve months for every count and amount', () => {
    for (const id of ADDITIVE_COUNTS) {
      expect(
        months.reduce((n, m) => n + (m[id] as number), 0),
        id,
      ).toBe(year[id]);
    }
    for (const id of ADDITIVE_MONEY) {
      expect(
        months.reduce((n, m) => n + cents(m[id]), 0),
        id,
      ).toBe(cents(year[id]));
    }
    expect(months.reduce((n, m) => n + (m['cost.person_days'] as number), 0)).toBeCloseTo(year['cost.person_days'] as number, 9);
    for (const k of ['repair', 'install', 'consultation', 'maintenance']) {
      const sum = months.reduce((n, m) => n + ((m['orders.by_type'] as Record<string, number>)[k] ?? 0), 0);
      expect(sum, k).toBe((year['orders.by_type'] as Record<string, number>)[k]);
    }
    // The months with data: January holds A1 A2 received, A1 A5 completed; November only cost K8.
    expect(months[0]).toMatchObject({ 'orders.received': 2, 'orders.completed': 2, 'cost.travel': '100.10' });
    expect(months[10]).toMatchObject({ 'orders.received': 0, 'cost.other': '0.01', 'cost.per_completed_order': null });
  });

  it('a quarter is the sum of its three months', async () => {
    const q1 = (await report(db, { period: '2026-Q1' })).metrics;
    // Q1: received A1 A2 A8 = 3; completed A1 A5 A2 A8 = 4; total 100.10 + 200.25 + 0.05 = 300.40
    expect(q1).toMatchObject({ 'orders.received': 3, 'orders.completed': 4, 'cost.total': '300.40', 'complaints.received': 2, 'complaints.closed': 3 });
    for (const id of ADDITIVE_COUNTS)
      expect(
        months.slice(0, 3).reduce((n, m) => n + (m[id] as number), 0),
        id,
      ).toBe(q1[id]);
  });
});
