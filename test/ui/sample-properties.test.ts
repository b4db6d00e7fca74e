import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { ALL_METRICS } from '../../src/lib/metrics.ts';

// Property checks over the report CLI's JSON on the bundled sample (docs/metrics.md#metrics: "the branch cut sums back to
// the company figure where it is a count or amount"; rates are fractions 0–1 or null). The monthly page
// shows these same values (test/e2e/monthly.test.ts checks page = CLI).
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

interface Json {
  metrics: Record<string, unknown>;
  by_branch: Record<string, Record<string, unknown>>;
}

async function cli(period: string): Promise<Json> {
  const { stdout } = await run(process.execPath, ['src/cli/report.ts', '--data', 'data/sample', '--period', period], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Json;
}

const cents = (v: unknown): bigint => {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(String(v));
  if (!m) throw new Error(`not money: ${String(v)}`);
  return (m[1] ? -1n : 1n) * (BigInt(m[2]!) * 100n + BigInt(m[3]!));
};

const COUNTS = ['orders.received', 'orders.completed', 'complaints.received', 'complaints.closed', 'complaints.open_overdue', 'cost.person_times'];
const MONEY = ['cost.install', 'cost.travel', 'cost.material', 'cost.shipping', 'cost.other', 'cost.total', 'cost.contract_guided_install'];
const BREAKDOWNS = [
  'orders.by_type',
  'orders.by_class',
  'satisfaction.attitude_distribution',
  'satisfaction.skill_distribution',
  'satisfaction.timeliness_distribution',
  'satisfaction.promise_distribution',
];
const RATES = ALL_METRICS.filter((d) => d.kind === 'rate').map((d) => d.id);

// A month in the middle of the sample and its first month (the repeat window and comparisons start there).
describe.each(['2026-10', '2024-11'])('sample data, %s: branches sum to the company, rates are fractions', (period) => {
  let r: Json;
  beforeAll(async () => {
    r = await cli(period);
  }, 60_000);

  test('has branches with data', () => {
    expect(Object.keys(r.by_branch).length).toBeGreaterThan(1);
    expect(r.metrics['orders.received']).toBeGreaterThan(0);
  });

  test.each(COUNTS)('count %s: Σ by_branch = company', (id) => {
    const sum = Object.values(r.by_branch).reduce((s, b) => s + (b[id] as number), 0);
    expect(sum).toBe(r.metrics[id]);
    expect(Number.isInteger(r.metrics[id])).toBe(true);
  });

  test.each(MONEY)('money %s: Σ by_branch = company, to the cent', (id) => {
    const sum = Object.values(r.by_branch).reduce((s, b) => s + cents(b[id]), 0n);
    expect(sum).toBe(cents(r.metrics[id]));
  });

  test('cost.total is the sum of the five categories; person_days sums by branch', () => {
    const five = ['cost.install', 'cost.travel', 'cost.material', 'cost.shipping', 'cost.other'].reduce((s, id) => s + cents(r.metrics[id]), 0n);
    expect(five).toBe(cents(r.metrics['cost.total']));
    const days = Object.values(r.by_branch).reduce((s, b) => s + (b['cost.person_days'] as number), 0);
    expect(days).toBeCloseTo(r.metrics['cost.person_days'] as number, 6);
  });

  test.each(BREAKDOWNS)('breakdown %s: each key sums by branch', (id) => {
    const total = r.metrics[id] as Record<string, number>;
    for (const [k, n] of Object.entries(total)) {
      const sum = Object.values(r.by_branch).reduce((s, b) => s + (b[id] as Record<string, number>)[k]!, 0);
      expect(sum, `${id}.${k}`).toBe(n);
    }
  });

  test('orders by type and by class each add up to orders received', () => {
    for (const id of ['orders.by_type', 'orders.by_class']) {
      const sum = Object.values(r.metrics[id] as Record<string, number>).reduce((s, n) => s + n, 0);
      expect(sum, id).toBe(r.metrics['orders.received']);
    }
  });

  test('every rate is in [0, 1] or null — company and every branch', () => {
    expect(RATES.length).toBe(13); // the report CLI's rate ids (docs/metrics.md#report-cli): eleven, and the hotline's answer_rate and within_3_rings_rate
    for (const [who, m] of [['company', r.metrics] as const, ...Object.entries(r.by_branch)]) {
      for (const id of RATES) {
        const v = m[id];
        if (v === null) continue;
        expect(typeof v, `${who} ${id}`).toBe('number');
        expect(v as number, `${who} ${id}`).toBeGreaterThanOrEqual(0);
        expect(v as number, `${who} ${id}`).toBeLessThanOrEqual(1);
      }
    }
  });

  test('means are on the 1–4 scale or null; hours are not negative', () => {
    for (const m of [r.metrics, ...Object.values(r.by_branch)]) {
      for (const id of [
        'satisfaction.attitude_mean',
        'satisfaction.skill_mean',
        'satisfaction.timeliness_mean',
        'satisfaction.promise_mean',
        'satisfaction.overall_mean',
      ]) {
        const v = m[id];
        if (v !== null) expect(v as number).toBeGreaterThanOrEqual(1), expect(v as number).toBeLessThanOrEqual(4);
      }
      for (const id of ['response.p50_hours', 'response.p90_hours']) {
        const v = m[id];
        if (v !== null) expect(v as number).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
