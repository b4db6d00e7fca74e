/**
 * A complaint's path through the complaint workflow of docs/metrics.md (营业受理 → 总经理室 → 质量管理部 → 制造部 → 研发部 →
 * 营业协商 → 总经理审核), its outcome, and who is responsible. The quality step keeps overrunning its
 * 1-day standard; a few negotiations drag on for weeks, so some cases close late or are still open.
 */
import type { Complaint } from './complaints.ts';
import type { Row } from './csv-node.ts';
import { checkEnumKeys, money } from './csv-node.ts';
import type { Org, Staff } from './org.ts';
import type { Rng } from './rng.ts';
import { keyPicker } from './rng.ts';
import { DAY, HOUR, formatTimestamp } from './dates.ts';
import { COMPLAINT_STEPS } from '../schema.ts';

/** The outcome of a complaint and its rows in complaint_steps / complaint_responsibility. */
export interface Flow {
  severity: string;
  valid: string;
  resolution: string;
  loss: string;
  closed: number;
  steps: Row[];
  responsibility: Row[];
}

const STEP_ORDER = Object.keys(COMPLAINT_STEPS);
// Quality complaints go through manufacturing and R&D; service complaints skip them.
const SKIPPED_FOR_NON_QUALITY = new Set(['manufacturing', 'rnd']);

/** Standard of a step in hours (docs/metrics.md#complaint-workflow); sales_negotiation depends on the market. */
function standardHours(step: string, foreign: boolean): number {
  if (step === 'sales_negotiation') return (foreign ? 12 : 5) * 24;
  return step === 'gm_office' || step === 'gm_review' ? 12 : 24;
}

/**
 * When a step ends: usually inside its standard, sometimes over. `quality` overruns its 1-day
 * standard almost half the time (samples sent back and forth); a few negotiations drag on for weeks.
 */
function stepEnd(rng: Rng, step: string, entered: number, foreign: boolean): number {
  const limit = standardHours(step, foreign) * HOUR;
  let over: boolean;
  let hours: number;
  if (step === 'sales_intake') [over, hours] = [false, rng.between(0.3, 4)];
  else if (step === 'quality') [over, hours] = rng.chance(0.45) ? [true, rng.between(36, 76)] : [false, rng.between(2, 22)];
  else if (step === 'sales_negotiation') {
    const x = rng.next();
    if (x < 0.02)
      [over, hours] = [true, rng.between(25, 70) * 24]; // stuck: customer and sales far apart
    else if (x < 0.15) [over, hours] = [true, (foreign ? rng.between(12.2, 20) : rng.between(5.2, 10)) * 24];
    else [over, hours] = [false, (foreign ? rng.between(2, 11.5) : rng.between(0.5, 4.6)) * 24];
  } else if (step === 'gm_office' || step === 'gm_review') {
    [over, hours] = rng.chance(0.1) ? [true, rng.between(13, 30)] : [false, rng.between(0.5, 4)];
  } else [over, hours] = rng.chance(0.12) ? [true, rng.between(26, 60)] : [false, rng.between(2, 22)];
  const left = entered + Math.round(hours * HOUR);
  // Offices work 08:00–19:00: an end at night moves to the next morning, or back to the evening
  // when the morning would break a standard the step was meant to keep.
  const day = Math.floor(left / DAY);
  const sod = left - day * DAY;
  if (sod >= 8 * HOUR && sod < 19 * HOUR) return left;
  const morning = (sod < 8 * HOUR ? day : day + 1) * DAY + 8 * HOUR + rng.int(0, 90 * 60);
  const close = (sod < 8 * HOUR ? day - 1 : day) * DAY + 19 * HOUR;
  const earliest = Math.max(entered + 20 * 60, close - 2 * HOUR);
  if (over || morning - entered <= limit || earliest >= close) return morning;
  return earliest + rng.int(0, close - earliest - 1);
}

const RESOLUTIONS = {
  quality: keyPicker(checkEnumKeys('complaints', 'resolution', { repair: 35, exchange: 20, return: 10, allowance: 15, compensation: 10, rework: 10 })),
  service: keyPicker({ explanation: 35, allowance: 25, compensation: 15, rework: 15, repair: 10 }),
  foreign: keyPicker({ allowance: 30, compensation: 25, return: 15, exchange: 15, rework: 15 }),
  invalid: keyPicker({ explanation: 70, none: 30 }),
};
// Loss in cents by resolution [min, max]; explanation / none cost nothing (empty).
const LOSS: Record<string, [number, number]> = {
  repair: [5000, 50000],
  exchange: [150000, 400000],
  return: [250000, 500000],
  allowance: [20000, 100000],
  compensation: [50000, 300000],
  rework: [10000, 80000],
};
const SHARES = [
  [['1']],
  [
    ['0.5', '0.5'],
    ['0.6', '0.4'],
    ['0.7', '0.3'],
    ['0.8', '0.2'],
  ],
  [
    ['0.5', '0.3', '0.2'],
    ['0.4', '0.3', '0.3'],
    ['0.6', '0.2', '0.2'],
  ],
];
const pickSanction = keyPicker(checkEnumKeys('complaint_responsibility', 'sanction', { none: 85, warning: 10, minor: 4, major: 1 }));
const pickSanctionMajor = keyPicker({ none: 10, warning: 40, minor: 30, major: 20 });

interface Party {
  department: string;
  unit: string;
  staff: Staff | null | 'any';
}

/** Who can be held responsible for a cause, most responsible first. */
function parties(org: Org, c: Complaint): Party[] {
  const line = c.batch.endsWith('B') ? '总装二线' : '总装一线'; // batch letter = assembly line
  const sales = c.branch ? org.salesUnitOf.get(c.branch.id)! : '外销营业组';
  const logistics = c.market === 'foreign' ? '外销物流组' : '运输组';
  const p = (department: string, unit: string, staff: Staff | null | 'any' = 'any'): Party => ({ department, unit, staff });
  switch (c.cause) {
    case 'C01':
    case 'C08':
    case 'C11':
      return [p('sales', sales), p('gm_office', '总经理室', null)];
    case 'C02':
      return [p('other', '财务组'), p('sales', sales)];
    case 'C03':
      return [p('manufacturing', line), p('warehouse', '配件仓'), p('quality', 'IQC组')];
    case 'C04':
      return [p('manufacturing', line), p('quality', 'IQC组'), p('rnd', '电控组')];
    case 'C05':
    case 'C10':
      return [p('logistics', logistics), p('warehouse', '成品仓')];
    case 'C06':
      return [p('manufacturing', line), p('quality', 'OQC组')];
    case 'C07':
      return [p('sales', sales), p('rnd', '结构组')];
    case 'C09':
      return [p('logistics', logistics), p('manufacturing', line), p('sales', sales)];
    case 'C12':
      return [p('warehouse', '成品仓'), p('logistics', logistics)];
    case 'C13':
      return [p('manufacturing', line), p('quality', 'OQC组')];
    case 'C14':
      return [p('quality', '质量工程组'), p('quality', 'OQC组')];
    default:
      if (c.tech) return [p('service', c.tech.unit, c.tech), p('service', c.branch!.managerUnit, null), p('service', '服务管理组', null)];
      if (c.branch) return [p('service', c.branch.managerUnit), p('service', '服务管理组', null)];
      return [p('sales', '外销营业组'), p('logistics', '外销物流组')];
  }
}

/** Walks a complaint through the workflow up to the export instant. */
export function complaintFlow(rng: Rng, org: Org, c: Complaint, exportAt: number): Flow {
  const foreign = c.market === 'foreign';
  const steps: Row[] = [];
  let t = c.received;
  let closed = -1;
  for (const step of STEP_ORDER) {
    if (c.nature === 'non_quality' && SKIPPED_FOR_NON_QUALITY.has(step)) continue;
    if (t > exportAt) break;
    const left = stepEnd(rng, step, t, foreign);
    steps.push({ complaint_no: c.no, step, entered_at: formatTimestamp(t), left_at: left <= exportAt ? formatTimestamp(left) : '' });
    t = left;
    if (step === STEP_ORDER[STEP_ORDER.length - 1] && left <= exportAt) closed = left;
  }
  const major = rng.chance(c.cause === 'C04' ? 0.06 : 0.02);
  const severity = major ? 'major' : 'general';
  if (closed < 0) {
    return { severity, valid: rng.chance(0.6) ? 'pending' : 'yes', resolution: '', loss: '', closed, steps, responsibility: [] };
  }
  const valid = rng.chance(c.nature === 'quality' ? 0.92 : 0.8) ? 'yes' : 'no';
  const resolution =
    valid === 'no'
      ? RESOLUTIONS.invalid(rng)
      : foreign
        ? RESOLUTIONS.foreign(rng)
        : c.nature === 'quality'
          ? RESOLUTIONS.quality(rng)
          : RESOLUTIONS.service(rng);
  const range = valid === 'yes' ? LOSS[resolution] : undefined;
  const loss = range ? money(rng.int(range[0], range[1]) * (major ? 3 : 1) * (foreign ? 2 : 1)) : '';
  const responsibility: Row[] = [];
  if (valid === 'yes') {
    const who = parties(org, c);
    const n = Math.min(who.length, rng.chance(0.5) ? 1 : rng.chance(0.7) ? 2 : 3);
    const shares = rng.pick(SHARES[n - 1]!);
    for (let i = 0; i < n; i++) {
      const party = who[i]!;
      // Half the time a named person of the unit is held responsible, else the unit as a whole.
      const staff =
        party.staff === 'any'
          ? rng.chance(0.5)
            ? rng.pick(org.units.get(party.department)!.get(party.unit)!)
            : null
          : party.staff && rng.chance(0.85)
            ? party.staff
            : null;
      responsibility.push({
        complaint_no: c.no,
        department: party.department,
        unit: party.unit,
        staff_id: staff?.id ?? '',
        share: shares[i],
        sanction: staff ? (major ? pickSanctionMajor(rng) : pickSanction(rng)) : 'none',
      });
    }
  }
  return { severity, valid, resolution, loss, closed, steps, responsibility };
}
