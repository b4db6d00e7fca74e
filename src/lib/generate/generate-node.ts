/**
 * The sample-data generator: writes every file of docs/metrics.md#data-contract plus config.json for ~24 months ending with
 * `end`. Deterministic: the same options give byte-identical files under any time zone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TABLES } from '../schema.ts';
import type { TableName } from '../schema.ts';
import { createCalendar } from './calendar.ts';
import { createCallGenerator } from './calls.ts';
import { defaultConfig, zoneStandards } from './config.ts';
import { createComplaintGenerator } from './complaints.ts';
import { createCostGenerator } from './costs.ts';
import { openCsv } from './csv-node.ts';
import type { CsvWriter } from './csv-node.ts';
import { DAY, HOUR, SPRING_FESTIVAL, monthOfDay, monthStartDay, parseMonth } from './dates.ts';
import { buildOrg, staffRow } from './org.ts';
import { createOrderGenerator, orderRow } from './orders.ts';
import { createProducts, installUnit } from './products.ts';
import type { Products } from './products.ts';
import { createRng } from './rng.ts';
import type { Rng } from './rng.ts';
import { createSurveyGenerator } from './surveys.ts';
import { dailyCounts } from './volume.ts';

/** Named sizes: service orders over the 24 months. */
export const SCALES = { S: 50_000, M: 500_000, L: 2_000_000 } as const;
/** A named size. */
export type Scale = keyof typeof SCALES;

/** Options of `generate`. */
export interface GenerateOptions {
  /** Output directory (created if missing). */
  out: string;
  scale?: Scale;
  /** Exact order target instead of a scale (tests use small ones). */
  orders?: number;
  seed?: number;
  /** Last month of the data, `YYYY-MM`. */
  end?: string;
}

/** What was written. */
export interface GenerateResult {
  counts: Record<TableName, number>;
  firstMonth: string;
  lastMonth: string;
}

const MONTHS = 24;
/** Calls are capped so the optional calls file stays reasonable at M and L. */
const MAX_CALLS = 1_000_000;
/** Repeat repairs come on top of the daily draw (~2.5 %). */
const REPEAT_ALLOWANCE = 1.025;

const monthText = (mi: number): string => `${Math.floor(mi / 12)}-${String((mi % 12) + 1).padStart(2, '0')}`;

/** Generates the sample data set into `options.out`. Throws on a bad option. */
export function generate(options: GenerateOptions): GenerateResult {
  const seed = options.seed ?? 1;
  const target = options.orders ?? SCALES[options.scale ?? 'S'];
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer: ${seed}`);
  if (!Number.isInteger(target) || target < 100) throw new Error(`orders must be an integer ≥ 100: ${target}`);
  const endMonth = parseMonth(options.end ?? '2026-10');
  if (endMonth === null) throw new Error(`end must be YYYY-MM: ${options.end}`);
  const startMonth = endMonth - (MONTHS - 1);
  const firstYear = Math.floor(startMonth / 12);
  const lastYear = Math.floor(endMonth / 12) + 1; // events of the last month can spill into the next year
  if (!SPRING_FESTIVAL[firstYear - 1] || !SPRING_FESTIVAL[lastYear]) throw new Error(`end ${options.end} is outside the supported years`);

  const firstDay = monthStartDay(startMonth);
  const endDay = monthStartDay(endMonth + 1);
  // The export was taken the morning after the last month (09:00): a few evening calls of the last
  // day already show their arrival, stamped after as_of (docs/metrics.md rule 2); later events do not exist yet.
  const exportAt = endDay * DAY + 9 * HOUR;

  const config = defaultConfig(firstYear, lastYear);
  const cal = createCalendar(config);
  const rng = (name: string) => createRng(seed, name);
  mkdirSync(options.out, { recursive: true });
  const writers = Object.fromEntries(TABLES.map((t) => [t.name, openCsv(options.out, t.name)])) as Record<TableName, CsvWriter>;

  const org = buildOrg(rng('org'));
  for (const r of org.branchRows) writers.branches.write(r);
  for (const s of org.staff) writers.staff.write(staffRow(s));

  const products = createProducts(rng('batches'), startMonth - 100, endMonth, startMonth, org.branches.length);
  seedInstalledBase(
    rng('installed-base'),
    products,
    org.branches.map((b) => b.weight),
    target,
    firstDay,
  );

  const orders = createOrderGenerator({
    rng: rng('orders'),
    cal,
    branches: org.branches,
    products,
    standards: zoneStandards(config),
    endDay,
    exportAt,
  });
  const survey = createSurveyGenerator(rng('surveys'), exportAt);
  const costs = createCostGenerator(rng('costs'), org.branches, products, endDay, (r) => writers.costs.write(r));
  const complaints = createComplaintGenerator(rng('complaints'), org, products, endDay, exportAt);
  const calls = createCallGenerator(rng('calls'));

  const orderCounts = dailyCounts(rng('order-volume'), firstDay, endDay, Math.round(target / REPEAT_ALLOWANCE));
  const callCounts = dailyCounts(rng('call-volume'), firstDay, endDay, Math.min(MAX_CALLS, Math.round(target * 1.5)));
  let month = startMonth;
  let monthOrders = 0;
  const closeMonth = (): void => {
    costs.month(month);
    complaints.month(month, monthOrders);
  };
  for (let day = firstDay; day < endDay; day++) {
    const mi = monthOfDay(day);
    if (mi !== month) {
      closeMonth();
      month = mi;
      monthOrders = 0;
    }
    for (const o of orders.day(day, orderCounts[day - firstDay]!)) {
      writers.service_orders.write(orderRow(o, products));
      const s = survey(o);
      if (s) writers.surveys.write(s);
      costs.order(o);
      complaints.order(o);
      monthOrders++;
    }
    calls(day, callCounts[day - firstDay]!, (r) => writers.calls.write(r));
  }
  closeMonth();
  complaints.finish({
    complaints: (r) => writers.complaints.write(r),
    steps: (r) => writers.complaint_steps.write(r),
    responsibility: (r) => writers.complaint_responsibility.write(r),
  });

  for (const w of Object.values(writers)) w.close();
  writeFileSync(join(options.out, 'config.json'), JSON.stringify(config, null, 2) + '\n');
  const counts = Object.fromEntries(TABLES.map((t) => [t.name, writers[t.name].rows()])) as Record<TableName, number>;
  return { counts, firstMonth: monthText(startMonth), lastMonth: monthText(endMonth) };
}

/**
 * Units installed before the data starts (up to 8 years back, more of them recent), so repairs and
 * maintenance have something to work on from day one; about 0.6 units per order to come.
 */
function seedInstalledBase(r: Rng, products: Products, weights: number[], target: number, firstDay: number): void {
  const total = weights.reduce((a, b) => a + b, 0);
  weights.forEach((w, bi) => {
    const n = Math.max(20, Math.round((target * 0.6 * w) / total)); // never empty: repairs need units
    const days: number[] = [];
    for (let i = 0; i < n; i++) days.push(firstDay - 1 - Math.floor(8 * 365 * r.next() ** 2));
    days.sort((a, b) => a - b); // install order, so "recent units" are the tail of the branch's list
    for (const day of days) installUnit(products, r, bi, day, monthOfDay(day));
  });
}
