/**
 * The report CLI for a year and a quarter (issue 5): `--period 2026` runs the same SQL over the whole year,
 * so its counts and amounts equal the sum of the twelve `--period 2026-MM` runs; `--period 2026-Q1` the
 * sum of its three. Fixture test/fixtures/annual-data/, worked out by hand in test/queries/annual-totals.test.ts.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADDITIVE_COUNTS, ADDITIVE_MONEY, ANNUAL_DIR, cents, MONTHS_2026 } from './helpers/annual.ts';

const run = promisify(execFile);
const DATA = fileURLToPath(ANNUAL_DIR);

interface Doc {
  period: string;
  as_of: string;
  metrics: Record<string, unknown>;
  by_branch: Record<string, Record<string, unknown>>;
  tables: Record<string, Record<string, unknown>[]>;
}

async function cli(period: string): Promise<Doc> {
  const { stdout, stderr } = await run(process.execPath, ['src/cli/report.ts', '--data', DATA, '--period', period], {
    env: { ...process.env, TZ: 'Asia/Shanghai' },
    maxBuffer: 16 * 1024 * 1024,
  });
  expect(stderr).toBe('');
  return JSON.parse(stdout) as Doc;
}

let year: Doc;
let months: Doc[];
let q1: Doc;

beforeAll(async () => {
  // In parallel: each run is a separate process with its own in-memory database.
  [year, q1, ...months] = await Promise.all([cli('2026'), cli('2026-Q1'), ...MONTHS_2026.map(cli)]);
});

describe('report CLI --period YYYY (annual report)', () => {
  it('covers the calendar year, with the hand-worked totals', () => {
    expect(year).toMatchObject({ period: '2026', as_of: '2027-01-01 00:00:00' });
    expect(year.metrics).toMatchObject({
      'orders.received': 6,
      'orders.completed': 5,
      'cost.total': '310.41',
      'cost.contract_guided_install': '999.99',
      'cost.person_times': 3,
      'cost.per_completed_order': '62.08',
      'complaints.received': 3,
      'complaints.closed': 3,
    });
    // The annual tables come from the same SQL: the quarterly complaint summary's market cut of the year
    // (2601001 and 2602001 domestic, 2612001 foreign).
    const market = year.tables['complaint_summary']!.filter((r) => r['dimension'] === 'market');
    expect(market.map((r) => [r['value'], r['complaints']])).toEqual([
      ['domestic', 2],
      ['foreign', 1],
    ]);
    expect(Object.keys(year.tables)).toEqual(expect.arrayContaining(['technician', 'complaint_summary', 'responsibility']));
  });

  it('annual totals equal the sum of the months, for counts and money, company and each branch', () => {
    for (const id of ADDITIVE_COUNTS) {
      expect(
        months.reduce((n, m) => n + (m.metrics[id] as number), 0),
        id,
      ).toBe(year.metrics[id]);
      for (const b of ['B1', 'B2']) {
        expect(
          months.reduce((n, m) => n + (m.by_branch[b]![id] as number), 0),
          `${b} ${id}`,
        ).toBe(year.by_branch[b]![id]);
      }
    }
    for (const id of ADDITIVE_MONEY) {
      expect(
        months.reduce((n, m) => n + cents(m.metrics[id]), 0),
        id,
      ).toBe(cents(year.metrics[id]));
      for (const b of ['B1', 'B2']) {
        expect(
          months.reduce((n, m) => n + cents(m.by_branch[b]![id]), 0),
          `${b} ${id}`,
        ).toBe(cents(year.by_branch[b]![id]));
      }
    }
  });

  it('--period YYYY-Qn is the sum of its three months', () => {
    expect(q1).toMatchObject({ period: '2026-Q1', as_of: '2026-04-01 00:00:00' });
    for (const id of ADDITIVE_COUNTS)
      expect(
        months.slice(0, 3).reduce((n, m) => n + (m.metrics[id] as number), 0),
        id,
      ).toBe(q1.metrics[id]);
    for (const id of ADDITIVE_MONEY)
      expect(
        months.slice(0, 3).reduce((n, m) => n + cents(m.metrics[id]), 0),
        id,
      ).toBe(cents(q1.metrics[id]));
    expect(q1.metrics['cost.total']).toBe('300.40');
  });
});
