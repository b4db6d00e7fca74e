/**
 * Service costs (售后费用): rows tied to orders (travel to remote sites, parts used on free repairs,
 * workshop shipping, contract-guided installations of large units) and monthly rows per branch
 * (installation fees, consumables, transfers, other). Amounts are integer cents until written.
 */
import type { Row } from './csv-node.ts';
import { checkEnumKeys, money } from './csv-node.ts';
import type { Branch } from './org.ts';
import type { Order } from './orders.ts';
import type { Products } from './products.ts';
import type { Rng } from './rng.ts';
import { DAY, dayString, monthStartDay } from './dates.ts';

// Unit cost of parts in cents [min, max]; whole units (returns) are not a material cost.
const PART_CENTS: Record<string, [number, number]> = {
  室温传感器: [3500, 6000],
  管温传感器: [3500, 6000],
  压缩机电容: [4000, 9000],
  压缩机: [80000, 150000],
  室外风机电机: [25000, 45000],
  R32冷媒: [8000, 20000],
  显示板: [12000, 25000],
  遥控器: [3000, 6000],
  减震垫: [1000, 3000],
  四通阀: [20000, 35000],
  继电器: [2000, 5000],
  过滤网: [2000, 4000],
  '铜管加长1.5米': [6000, 12000],
  排水管加长: [1000, 3000],
  外机支架: [8000, 15000],
};
checkEnumKeys('costs', 'category', { install: 1, travel: 1, material: 1, shipping: 1, other: 1 });
/** Models big enough that a contract installation is guided by our engineers (合同指导安装). */
const LARGE_MODELS = new Set(['KFR-120LW']);

/** The cost generator: `order(o)` for order-linked rows, `month(mi)` for a branch-month's summary rows. */
export function createCostGenerator(
  rng: Rng,
  branches: Branch[],
  products: Products,
  endDay: number,
  write: (row: Row) => void,
): { order(o: Order): void; month(mi: number): void } {
  let seq = 0;
  const installs = branches.map(() => 0);
  const emit = (day: number, branch: Branch, category: string, cents: number, extra: Row = {}): void => {
    if (day >= endDay) return; // booked after the data's last month
    write({ cost_id: `FY${String(++seq).padStart(8, '0')}`, date: dayString(day), branch_id: branch.id, category, amount: money(cents), ...extra });
  };
  const halfDays = (lo: number, hi: number): string => (rng.int(lo * 2, hi * 2) / 2).toFixed(1);

  return {
    order(o) {
      const b = o.branch;
      const link = { order_id: o.id, staff_id: o.tech?.id };
      if (o.zone === 'remote' && o.arrived >= 0) {
        emit(Math.floor(o.arrived / DAY), b, 'travel', rng.int(12000, 60000), { ...link, person_times: 1, person_days: halfDays(0.5, 1.5) });
      }
      if (o.completed < 0) return;
      const day = Math.floor(o.completed / DAY);
      const model = products.models[products.batches[products.batch[o.unit]!]!.model]!.name;
      if (o.type === 'install') {
        if (o.charge === 'B' && LARGE_MODELS.has(model) && rng.chance(0.4)) {
          emit(day, b, 'install', rng.int(2000, 12000) * 100, {
            ...link,
            person_times: rng.int(2, 4),
            person_days: halfDays(2, 8),
            contract_guided_install: true,
          });
        } else installs[o.branchIndex]!++;
      }
      const price = PART_CENTS[o.parts];
      if (price && o.inWarranty && o.charge !== 'A') emit(day, b, 'material', rng.int(price[0], price[1]), link);
      if (o.onSite === false || o.type === 'return') emit(day, b, 'shipping', rng.int(3000, 20000), { order_id: o.id });
    },
    month(mi) {
      const first = monthStartDay(mi);
      const days = monthStartDay(mi + 1) - first;
      const last = first + days - 1;
      branches.forEach((b, bi) => {
        const n = installs[bi]!;
        installs[bi] = 0;
        // Installation fees are settled monthly per branch (安装调试费), with the crew's person-times.
        if (n)
          emit(last, b, 'install', n * rng.int(4000, 7000), {
            person_times: n,
            person_days: (n * rng.between(0.2, 0.35)).toFixed(1),
            contract_guided_install: false,
          });
        for (let i = rng.int(0, 2); i > 0; i--) {
          const who = rng.pick(b.technicians);
          emit(first + rng.int(0, days - 1), b, 'travel', rng.int(800, 3000) * 100, {
            staff_id: who.id,
            person_times: rng.int(1, 3),
            person_days: halfDays(1, 6),
          });
        }
        for (let i = rng.int(1, 2); i > 0; i--) emit(first + rng.int(0, days - 1), b, 'material', Math.round(rng.int(1000, 5000) * 100 * b.weight)); // 辅材
        emit(first + rng.int(0, days - 1), b, 'shipping', rng.int(200, 2000) * 100); // 配件调拨运费
        for (let i = rng.int(1, 2); i > 0; i--) emit(first + rng.int(0, days - 1), b, 'other', rng.int(20000, 300000));
      });
    },
  };
}
