/** Shared by the annual-totals query test and the CLI test: the fixture and what adds up over months. */
import { readFileSync } from 'node:fs';
import type { Fixture } from './fixture.ts';

/** test/fixtures/annual-data/ (worked out by hand in test/queries/annual-totals.test.ts). */
export const ANNUAL_DIR = new URL('../fixtures/annual-data/', import.meta.url);
const read = (f: string) => readFileSync(new URL(f, ANNUAL_DIR), 'utf8');
export const ANNUAL_FIXTURE: Fixture = {
  branches: read('branches.csv'),
  service_orders: read('service_orders.csv'),
  costs: read('costs.csv'),
  complaints: read('complaints.csv'),
};

/** Counts and amounts that add up over months (open_overdue is a stock at as_of, rates are quotients). */
export const ADDITIVE_COUNTS = ['orders.received', 'orders.completed', 'complaints.received', 'complaints.closed', 'cost.person_times'];
export const ADDITIVE_MONEY = ['cost.install', 'cost.travel', 'cost.material', 'cost.shipping', 'cost.other', 'cost.total', 'cost.contract_guided_install'];

/** A money text ("-12.30") in integer cents, so sums are exact. */
export function cents(v: unknown): number {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(String(v));
  if (!m) throw new Error(`not a money text: ${String(v)}`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
}

/** The twelve months of 2026. */
export const MONTHS_2026 = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
