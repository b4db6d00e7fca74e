/**
 * Complaints (客户报怨): raised by orders that went wrong (late arrival, slow dispatch, repeat repair,
 * the bad batch, the poorly rated technician) plus a trickle of export-market complaints. They are
 * numbered YYMM + 3-digit serial by month of receipt once all are known, then walked through the
 * workflow (complaint-flow.ts).
 */
import type { Row } from './csv-node.ts';
import { checkEnumKeys } from './csv-node.ts';
import type { Branch, Org, Staff } from './org.ts';
import type { Order } from './orders.ts';
import type { Products } from './products.ts';
import { customerOf } from './products.ts';
import type { Rng } from './rng.ts';
import { keyPicker } from './rng.ts';
import { DAY, HOUR, MINUTE, formatTimestamp, monthOfDay, monthStartDay, yymm } from './dates.ts';
import { complaintFlow } from './complaint-flow.ts';

/** A complaint before numbering. */
export interface Complaint {
  seq: number;
  no: string;
  received: number;
  market: 'domestic' | 'foreign';
  branchId: string;
  branch: Branch | null;
  customer: string;
  orderId: string;
  model: string;
  batch: string;
  channel: string;
  nature: 'quality' | 'non_quality';
  cause: string;
  tech: Staff | null;
  repeatOf: Complaint | null;
}

const CAUSE_SKEW = checkEnumKeys('complaints', 'cause_code', {
  C01: 4,
  C02: 1,
  C03: 6,
  C04: 25,
  C05: 1,
  C06: 1,
  C07: 2,
  C08: 4,
  C09: 8,
  C10: 3,
  C11: 3,
  C12: 10,
  C13: 7,
  C14: 3,
  C15: 25,
});
const pickCause = keyPicker(CAUSE_SKEW);
const FOREIGN_CAUSES = keyPicker({ C04: 20, C09: 20, C10: 15, C13: 15, C14: 10, C11: 10, C12: 10 });
const QUALITY_CAUSES = new Set(['C03', 'C04', 'C06', 'C07', 'C13', 'C14']);
const pickChannel = keyPicker(checkEnumKeys('complaints', 'channel', { phone: 55, online: 25, letter: 8, visit: 12 }));
const pickForeignChannel = keyPicker({ letter: 50, online: 40, phone: 10 });
const DISTRIBUTORS = ['EX-VN001', 'EX-TH002', 'EX-MY003', 'EX-SA004', 'EX-NG005', 'EX-BR006', 'EX-PH007'];

/** The complaint generator: `order(o)` may raise a complaint, `month(mi, orders)` adds export-market ones, `finish()` writes. */
export function createComplaintGenerator(
  rng: Rng,
  org: Org,
  products: Products,
  endDay: number,
  exportAt: number,
): {
  order(o: Order): void;
  month(mi: number, orders: number): void;
  finish(write: { complaints: (r: Row) => void; steps: (r: Row) => void; responsibility: (r: Row) => void }): void;
} {
  const all: Complaint[] = [];
  const lastByCustomer = new Map<string, Complaint>();
  const asOf = endDay * DAY;

  const receiveAt = (from: number, minDays: number, maxDays: number): number => {
    const day = Math.floor((from + rng.int(Math.round(minDays * DAY), Math.round(maxDays * DAY))) / DAY);
    return Math.max(from + 30 * MINUTE, day * DAY + 8 * HOUR + rng.int(0, 10 * HOUR)); // office 08:00–18:00
  };

  return {
    order(o) {
      if (o.type === 'consultation') return;
      let p = 0.003;
      if (o.status === 'cancelled') p = 0.002;
      if (o.late) p += 0.025;
      if (o.slowDispatch) p += 0.03;
      if (o.repeat) p += 0.08;
      if (o.badBatch && o.type === 'repair') p += 0.03;
      if (o.tech?.poor) p += 0.02;
      if (o.type === 'return') p += 0.03;
      // A customer who already complained and sees the same fault again complains again (重复投诉).
      const customer = customerOf(products, o.unit);
      const prev = lastByCustomer.get(customer);
      if (o.repeat && prev && o.called - prev.received <= 90 * DAY) p += 0.4;
      if (!rng.chance(p)) return;

      let cause: string;
      if (o.badBatch && o.type === 'repair' && rng.chance(0.9)) cause = 'C04';
      else if (o.repeat) cause = rng.chance(0.55) ? 'C04' : rng.chance(0.4) ? 'C03' : 'C15';
      else if (o.type === 'return') cause = rng.pick(['C12', 'C12', 'C13', 'C04']);
      else if (o.late || o.slowDispatch || o.tech?.poor) cause = 'C15';
      else cause = pickCause(rng);
      // Service complaints arrive while the customer waits; quality ones after the visit.
      const service = cause === 'C15' && (o.late || o.slowDispatch);
      const trigger = service ? o.called : o.completed >= 0 ? o.completed : o.arrived >= 0 ? o.arrived : o.called;
      const received = service ? receiveAt(trigger, 0.1, 2) : receiveAt(trigger, 0.3, 8);
      if (received >= asOf) return; // not received within the data's months
      const b = products.batches[products.batch[o.unit]!]!;
      const c: Complaint = {
        seq: all.length,
        no: '',
        received,
        market: 'domestic',
        branchId: o.branch.id,
        branch: o.branch,
        customer,
        orderId: o.id,
        model: products.models[b.model]!.name,
        batch: b.name,
        channel: pickChannel(rng),
        nature: QUALITY_CAUSES.has(cause) ? 'quality' : 'non_quality',
        cause,
        tech: o.tech,
        repeatOf: prev && received - prev.received <= 90 * DAY ? prev : null,
      };
      all.push(c);
      lastByCustomer.set(customer, c);
    },
    month(mi, orders) {
      const first = monthStartDay(mi);
      const days = monthStartDay(mi + 1) - first;
      const n = Math.max(0, Math.round(orders * 0.0005 + rng.normal()));
      for (let i = 0; i < n; i++) {
        const day = first + rng.int(0, days - 1);
        const batches = products.batches.filter((x) => x.month < mi && x.month >= mi - 6);
        const b = rng.pick(batches);
        const cause = FOREIGN_CAUSES(rng);
        all.push({
          seq: all.length,
          no: '',
          received: day * DAY + 8 * HOUR + rng.int(0, 10 * HOUR),
          market: 'foreign',
          branchId: 'HQ',
          branch: null,
          customer: rng.pick(DISTRIBUTORS),
          orderId: '',
          model: products.models[b.model]!.name,
          batch: b.name,
          channel: pickForeignChannel(rng),
          nature: QUALITY_CAUSES.has(cause) ? 'quality' : 'non_quality',
          cause,
          tech: null,
          repeatOf: null,
        });
      }
    },
    finish(write) {
      all.sort((a, b) => a.received - b.received || a.seq - b.seq);
      const months = all.map((c) => monthOfDay(Math.floor(c.received / DAY)));
      const perMonth = new Map<number, number>();
      for (const mi of months) perMonth.set(mi, (perMonth.get(mi) ?? 0) + 1);
      // Three-digit serials as in the regulation's example; a data set with a month over 999 (scale L)
      // uses four digits throughout, so numbers stay one width within a file.
      const width = Math.max(3, String(Math.max(0, ...perMonth.values())).length);
      const serial = new Map<number, number>();
      all.forEach((c, i) => {
        const mi = months[i]!;
        const n = (serial.get(mi) ?? 0) + 1;
        serial.set(mi, n);
        c.no = yymm(mi) + String(n).padStart(width, '0');
        const flow = complaintFlow(rng, org, c, exportAt);
        write.complaints({
          complaint_no: c.no,
          received_at: formatTimestamp(c.received),
          market: c.market,
          branch_id: c.branchId,
          customer_id: c.customer,
          order_id: c.orderId,
          product_model: c.model,
          product_batch: c.batch,
          channel: c.channel,
          nature: c.nature,
          cause_code: c.cause,
          severity: flow.severity,
          valid: flow.valid,
          repeat_of: c.repeatOf?.no && c.repeatOf.received < c.received ? c.repeatOf.no : '',
          resolution: flow.resolution,
          loss_amount: flow.loss,
          closed_at: flow.closed >= 0 ? formatTimestamp(flow.closed) : '',
        });
        for (const s of flow.steps) write.steps(s);
        for (const r of flow.responsibility) write.responsibility(r);
      });
    },
  };
}
