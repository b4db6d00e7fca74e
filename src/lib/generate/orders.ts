/**
 * Service orders, one day at a time: who calls, about which unit, what kind of service, and how it
 * went. Repeat repairs are scheduled forward (same customer, unit and fault within 30 days), most of
 * them from the bad batch.
 */
import type { Calendar } from './calendar.ts';
import type { Row } from './csv-node.ts';
import { checkEnumKeys } from './csv-node.ts';
import type { Branch, Staff } from './org.ts';
import type { Products } from './products.ts';
import { customerOf, installUnit, serialOf } from './products.ts';
import type { Rng } from './rng.ts';
import { keyPicker, weightedPicker } from './rng.ts';
import { DAY, HOUR, MINUTE, dateOf, formatTimestamp, monthOfDay, yymm } from './dates.ts';
import { FAULTS, OPINIONS, SERVICE_TEXT } from './texts.ts';
import { callSecondOfDay, pickServiceType } from './volume.ts';
import { planVisit } from './visit.ts';

/** One generated order with the facts the survey, cost and complaint generators react to. */
export interface Order {
  id: string;
  branch: Branch;
  branchIndex: number;
  unit: number;
  type: string;
  charge: string;
  zone: string;
  channel: string;
  called: number;
  dispatched: number;
  promised: number;
  arrived: number;
  completed: number;
  tech: Staff | null;
  onSite: boolean | null;
  inWarranty: boolean;
  fault: string;
  cause: string;
  solution: string;
  parts: string;
  opinion: string;
  labor: number;
  status: string;
  /** Arrival deadline (promised_at or the zone standard), -1 = none. */
  deadline: number;
  late: boolean;
  /** Dispatched more than 24 h after the call. */
  slowDispatch: boolean;
  /** A repeat repair (scheduled from an earlier repair of the same unit and fault). */
  repeat: boolean;
  badBatch: boolean;
}

/** A repeat repair waiting for its day. */
interface PendingRepeat {
  branchIndex: number;
  unit: number;
  fault: string;
  tech: Staff;
}

/** Shared state of the order generator. */
export interface OrderContext {
  rng: Rng;
  cal: Calendar;
  branches: Branch[];
  products: Products;
  /** Zone → arrival standard (seconds), null = by contract. */
  standards: Record<string, number | null>;
  /** First day after the data (orders are called before it). */
  endDay: number;
  /** When the export was taken: later events have not happened yet. */
  exportAt: number;
}

const CHANNELS = checkEnumKeys('service_orders', 'channel', { hotline: 30, '400': 40, online: 22, walk_in: 6, letter: 2 });
const pickChannel = keyPicker(CHANNELS);
const ZONES = ['urban', 'suburban', 'remote'];
checkEnumKeys('service_orders', 'zone', Object.fromEntries(ZONES.map((z) => [z, 1])));
const pickFault = weightedPicker(FAULTS.map((f) => f.weight));
const E4 = FAULTS.find((f) => f.code === 'E4')!;
checkEnumKeys('service_orders', 'status', { open: 0, dispatched: 0, in_progress: 0, completed: 0, cancelled: 0 });

// Charge class (A 有费 / B 合同 / C 免费 / D 行政) by service type; repairs depend on the warranty.
const CHARGE = {
  install: keyPicker(checkEnumKeys('service_orders', 'charge_class', { A: 5, B: 20, C: 75 })),
  repairIn: keyPicker({ B: 10, C: 85, D: 5 }),
  repairOut: keyPicker({ A: 80, B: 15, D: 5 }),
  maintenance: keyPicker({ A: 50, B: 30, C: 20 }),
  inspection: keyPicker({ B: 70, C: 30 }),
  return: keyPicker({ C: 90, D: 10 }),
};

const WARRANTY_DAYS = 3 * 365;

/** Creates the generator; `day(d)` returns the orders called on day d, sorted by called_at, with ids. */
export function createOrderGenerator(ctx: OrderContext): { day(day: number, count: number): Order[] } {
  const { rng, cal, branches, products } = ctx;
  const pickBranch = weightedPicker(branches.map((b) => b.weight));
  const techPickers = branches.map((b) => weightedPicker(b.technicians.map((t) => t.weight)));
  const zonePickers = branches.map((b) => weightedPicker(b.zones));
  const pending = new Map<number, PendingRepeat[]>();
  const seqByMonth = new Map<number, number>();

  const pickTech = (bi: number): Staff => branches[bi]!.technicians[techPickers[bi]!(rng)]!;

  /**
   * How strongly the bad batch still fails in a month: fully until nine months after it was built,
   * then a rectification campaign (批量整改: capacitors replaced) brings it down over five months.
   */
  const badMonth = products.batches[products.badBatch]!.month;
  const defect = (month: number): number => Math.max(0.15, Math.min(1, 1 - 0.2 * (month - badMonth - 9)));

  /** A unit for a non-install order; repairs favour the bad batch (it fails several times as often). */
  const pickUnit = (bi: number, type: string, month: number): number => {
    const pool = products.byBranch[bi]!;
    if (type === 'return') return pool[pool.length - 1 - rng.int(0, Math.min(300, pool.length - 1))]!;
    const bad = products.badByBranch[bi]!;
    if (type === 'repair' && bad.length && rng.chance(Math.min(0.06, (10 * bad.length) / pool.length) * defect(month))) return rng.pick(bad);
    return rng.pick(pool);
  };

  const make = (day: number, bi: number, type: string, rep: PendingRepeat | null): Order => {
    const branch = branches[bi]!;
    const month = monthOfDay(day);
    const called = day * DAY + callSecondOfDay(rng);
    const unit = rep ? rep.unit : type === 'install' ? installUnit(products, rng, bi, day, month) : pickUnit(bi, type, month);
    const inWarranty = day - products.installDay[unit]! <= WARRANTY_DAYS;
    const zone = ZONES[zonePickers[bi]!(rng)]!;
    let channel = pickChannel(rng);
    const hour = (called - day * DAY) / HOUR;
    if (channel === 'walk_in' && (hour < 9 || hour >= 17)) channel = 'hotline'; // nobody walks in at night
    const badBatch = products.batch[unit] === products.badBatch;
    const charge = rep
      ? 'C' // 返修 is free
      : type === 'repair'
        ? (inWarranty ? CHARGE.repairIn : CHARGE.repairOut)(rng)
        : type === 'consultation'
          ? 'C'
          : CHARGE[type as 'install' | 'maintenance' | 'inspection' | 'return'](rng);
    const o: Order = {
      id: '',
      branch,
      branchIndex: bi,
      unit,
      type,
      charge,
      zone,
      channel,
      called,
      dispatched: -1,
      promised: -1,
      arrived: -1,
      completed: -1,
      tech: null,
      onSite: null,
      inWarranty,
      fault: '',
      cause: '',
      solution: '',
      parts: '',
      opinion: '',
      labor: -1,
      status: 'open',
      deadline: -1,
      late: false,
      slowDispatch: false,
      repeat: rep !== null,
      badBatch,
    };
    if (type === 'repair') o.fault = rep ? rep.fault : badBatch && rng.chance(0.7) ? E4.code : FAULTS[pickFault(rng)]!.code;

    const standard = ctx.standards[zone] ?? null;
    if (type === 'consultation') {
      o.completed = called + rng.int(3 * MINUTE, 25 * MINUTE); // answered by the hotline on the call
    } else if (type === 'repair' && !rep && rng.chance(0.04)) {
      o.tech = pickTech(bi); // resolved by phone: no visit
      o.completed = cal.addWorking(called, rng.int(10 * MINUTE, 90 * MINUTE));
      o.fault = '';
      o.labor = Math.round(rng.between(0.2, 0.5) * 10) / 10;
    } else if (rng.chance(0.015)) {
      o.status = 'cancelled'; // customer cancelled, sometimes after dispatch
      o.tech = rng.chance(0.5) ? pickTech(bi) : null;
      if (o.tech) o.dispatched = cal.addWorking(called, rng.int(5 * MINUTE, 2 * HOUR));
    } else {
      o.tech = rep && rng.chance(0.5) ? rep.tech : pickTech(bi);
      const m0 = dateOf(day).m;
      const v = planVisit(cal, rng, {
        type,
        zone,
        called,
        standard,
        slowBranch: branch.slow,
        summer: m0 === 7 || m0 === 8,
        nearEnd: day >= ctx.endDay - 10,
      });
      Object.assign(o, v);
      o.deadline = v.promised >= 0 ? v.promised : standard !== null ? cal.addWorking(called, standard) : -1;
      o.late = o.deadline >= 0 && v.arrived > o.deadline;
      o.slowDispatch = v.dispatched > called + DAY;
    }
    finish(o);
    if (type === 'repair') scheduleRepeat(o);
    return o;
  };

  /** Cuts events after the export, derives the status, writes the service report texts. */
  const finish = (o: Order): void => {
    const cut = ctx.exportAt;
    if (o.completed > cut) o.completed = -1;
    if (o.arrived > cut) o.arrived = -1;
    if (o.dispatched > cut) o.dispatched = -1;
    if (o.status !== 'cancelled') {
      o.status = o.completed >= 0 ? 'completed' : o.arrived >= 0 ? 'in_progress' : o.dispatched >= 0 ? 'dispatched' : 'open';
    }
    if (o.completed < 0) {
      o.labor = -1;
      if (o.arrived < 0) o.fault = ''; // not diagnosed yet
      return;
    }
    if (o.type === 'repair' && o.arrived < 0) {
      [o.cause, o.solution, o.parts] = ['用户操作设置不当', '电话指导用户重新设置，恢复正常', '无'];
    } else if (o.type === 'repair') {
      const f = FAULTS.find((x) => x.code === o.fault)!;
      [o.cause, o.solution, o.parts] = [f.cause, f.solution, rng.pick(f.parts)];
    } else {
      const [causes, solutions, parts] = SERVICE_TEXT[o.type]!;
      [o.cause, o.solution, o.parts] = [rng.pick(causes), rng.pick(solutions), rng.pick(parts)];
    }
    const pool = o.arrived < 0 ? OPINIONS.phone : o.repeat ? OPINIONS.repeat : o.late ? OPINIONS.late : OPINIONS.good;
    o.opinion = rng.pick(pool);
    // Incomplete service reports (用户服务报告书未详尽记载): one field left empty, by technician habit.
    if (o.tech && o.type !== 'consultation' && rng.chance(o.tech.sloppiness)) {
      const k = rng.int(0, 5);
      if (k <= 2) o.opinion = '';
      else if (k === 3) o.cause = '';
      else if (k === 4) o.solution = '';
      else o.parts = '';
    }
  };

  /** After a completed repair: the same fault may come back within 30 days (bad batch: often). */
  const scheduleRepeat = (o: Order): void => {
    if (o.completed < 0 || !o.tech || !o.fault) return;
    const p = o.badBatch ? Math.max(0.05, 0.35 * defect(monthOfDay(Math.floor(o.called / DAY)))) : o.tech.poor ? 0.04 : 0.018;
    if (!rng.chance(p)) return;
    const day = Math.floor(o.completed / DAY) + rng.int(2, 27);
    if (day >= ctx.endDay) return;
    const list = pending.get(day);
    const rep: PendingRepeat = { branchIndex: o.branchIndex, unit: o.unit, fault: o.fault, tech: o.tech };
    if (list) list.push(rep);
    else pending.set(day, [rep]);
  };

  return {
    day(day, count) {
      const orders: Order[] = [];
      for (let i = 0; i < count; i++) {
        const bi = pickBranch(rng);
        orders.push(make(day, bi, pickServiceType(rng, day), null));
      }
      for (const rep of pending.get(day) ?? []) orders.push(make(day, rep.branchIndex, 'repair', rep));
      pending.delete(day);
      orders.sort((a, b) => a.called - b.called);
      const month = monthOfDay(day);
      let seq = seqByMonth.get(month) ?? 0;
      const prefix = `WO${yymm(month)}`;
      for (const o of orders) o.id = prefix + String(++seq).padStart(6, '0');
      seqByMonth.set(month, seq);
      return orders;
    },
  };
}

/** The service_orders.csv row of an order. */
export function orderRow(o: Order, products: Products): Row {
  const ts = (t: number): string => (t >= 0 ? formatTimestamp(t) : '');
  const b = products.batches[products.batch[o.unit]!]!;
  return {
    order_id: o.id,
    branch_id: o.branch.id,
    customer_id: customerOf(products, o.unit),
    product_model: products.models[b.model]!.name,
    product_batch: b.name,
    serial_no: serialOf(products, o.unit),
    service_type: o.type,
    charge_class: o.charge,
    zone: o.zone,
    channel: o.channel,
    called_at: ts(o.called),
    dispatched_at: ts(o.dispatched),
    promised_at: ts(o.promised),
    arrived_at: ts(o.arrived),
    completed_at: ts(o.completed),
    technician_id: o.tech?.id,
    on_site: o.onSite,
    in_warranty: o.inWarranty,
    fault_code: o.fault,
    cause: o.cause,
    solution: o.solution,
    parts: o.parts,
    customer_opinion: o.opinion,
    labor_hours: o.labor >= 0 ? o.labor.toFixed(1) : '',
    status: o.status,
  };
}
