/** Product models, production batches (one of them bad) and the installed base of customers' units. */
import type { Rng } from './rng.ts';
import { weightedPicker } from './rng.ts';
import { yymm } from './dates.ts';

/** A product model with its share of sales. */
export interface Model {
  name: string;
  /** Short code used in serial numbers. */
  short: string;
  weight: number;
}

/** The air-conditioner range. */
export const MODELS: Model[] = [
  { name: 'KF-26GW', short: '26GW', weight: 0.25 },
  { name: 'KF-35GW', short: '35GW', weight: 0.35 },
  { name: 'KF-50LW', short: '50LW', weight: 0.2 },
  { name: 'KF-72LW', short: '72LW', weight: 0.14 },
  { name: 'KFR-120LW', short: '120LW', weight: 0.06 },
];
/** Model of the bad batch (its compressor capacitors fail: fault E4, repeat repairs, C04 complaints). */
export const BAD_MODEL = 2;
/** Months after the start of the data window when the bad batch was built. */
const BAD_BATCH_OFFSET = 6;

/** A production batch, named YYMM + line letter (e.g. 2505B). */
export interface Batch {
  model: number;
  name: string;
  month: number;
}

/** Customers' units: typed arrays so the L scale (≈2 M units) stays small in memory. */
export interface Products {
  models: Model[];
  batches: Batch[];
  badBatch: number;
  count: number;
  customer: Int32Array;
  batch: Uint16Array;
  installDay: Int32Array;
  /** Units per branch (indices into the arrays), in install order. */
  byBranch: number[][];
  /** Bad-batch units per branch. */
  badByBranch: number[][];
  customers: number;
}

const pickModel = weightedPicker(MODELS.map((m) => m.weight));

/** Creates the batch list (from `firstMonth` to `lastMonth`) and an empty installed base. */
export function createProducts(rng: Rng, firstMonth: number, lastMonth: number, startMonth: number, branchCount: number): Products {
  const batches: Batch[] = [];
  let badBatch = -1;
  const badMonth = startMonth + BAD_BATCH_OFFSET;
  for (let mi = firstMonth; mi <= lastMonth; mi++) {
    MODELS.forEach((_, model) => {
      // Each model is built every other month (alternating), on line A and often line B too.
      const bad = model === BAD_MODEL && mi === badMonth;
      if ((mi + model) % 2 !== 0 && !bad) return;
      batches.push({ model, name: `${yymm(mi)}A`, month: mi });
      if (bad || rng.chance(0.5)) {
        if (bad) badBatch = batches.length;
        batches.push({ model, name: `${yymm(mi)}B`, month: mi });
      }
    });
  }
  const cap = 1 << 16;
  return {
    models: MODELS,
    batches,
    badBatch,
    count: 0,
    customer: new Int32Array(cap),
    batch: new Uint16Array(cap),
    installDay: new Int32Array(cap),
    byBranch: Array.from({ length: branchCount }, () => []),
    badByBranch: Array.from({ length: branchCount }, () => []),
    customers: 0,
  };
}

function grow(p: Products): void {
  const n = p.customer.length * 2;
  const c = new Int32Array(n);
  c.set(p.customer);
  p.customer = c;
  const b = new Uint16Array(n);
  b.set(p.batch);
  p.batch = b;
  const d = new Int32Array(n);
  d.set(p.installDay);
  p.installDay = d;
}

// Batches by (model, month), built lazily: installs look up the batches of the previous months.
const batchIndex = new WeakMap<Products, Map<number, number[]>>();
function batchesOf(p: Products, model: number, month: number): number[] {
  let idx = batchIndex.get(p);
  if (!idx) {
    idx = new Map();
    p.batches.forEach((b, i) => {
      const k = b.model * 1e6 + b.month;
      const list = idx!.get(k);
      if (list) list.push(i);
      else idx!.set(k, [i]);
    });
    batchIndex.set(p, idx);
  }
  return idx.get(model * 1e6 + month) ?? [];
}

// Batches a unit installed in `month` can come from: built 1–4 months earlier (cached per model and month).
const recentCache = new WeakMap<Products, Map<number, number[]>>();
function batchesBefore(p: Products, model: number, month: number): number[] {
  let cache = recentCache.get(p);
  if (!cache) recentCache.set(p, (cache = new Map()));
  const k = model * 1e6 + month;
  let list = cache.get(k);
  if (!list) {
    list = [];
    for (let back = 1; back <= 4; back++) list.push(...batchesOf(p, model, month - back));
    cache.set(k, list);
  }
  return list;
}

/**
 * Installs a new unit at a branch on `day` (month `month`): a model by sales share, a batch built
 * 1–4 months earlier (the bad batch takes a large share of its model while it is in the channel),
 * and a customer who is new or, one time in five, already owns another unit.
 */
export function installUnit(p: Products, rng: Rng, branch: number, day: number, month: number): number {
  if (p.count === p.customer.length) grow(p);
  const model = pickModel(rng);
  const candidates = batchesBefore(p, model, month);
  let batch = candidates.length ? rng.pick(candidates) : 0;
  if (candidates.includes(p.badBatch) && rng.chance(0.4)) batch = p.badBatch;
  const pool = p.byBranch[branch]!;
  const customer = pool.length > 50 && rng.chance(0.2) ? p.customer[rng.pick(pool)]! : p.customers++;
  const i = p.count++;
  p.customer[i] = customer;
  p.batch[i] = batch;
  p.installDay[i] = day;
  pool.push(i);
  if (batch === p.badBatch) p.badByBranch[branch]!.push(i);
  return i;
}

/** Serial number of a unit: model code + batch + running number (unique per unit). */
export function serialOf(p: Products, unit: number): string {
  const b = p.batches[p.batch[unit]!]!;
  return `${MODELS[b.model]!.short}${b.name}${String(unit).padStart(7, '0')}`;
}

/** Customer id of a unit. */
export function customerOf(p: Products, unit: number): string {
  return `KH${String(p.customer[unit]!).padStart(7, '0')}`;
}
