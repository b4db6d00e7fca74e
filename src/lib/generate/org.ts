/** Branch tree (HQ → centres → branches in real cities) and ~160 staff with departments and units. */
import type { Rng } from './rng.ts';
import { checkEnumKeys } from './csv-node.ts';
import type { Row } from './csv-node.ts';
import { personName } from './texts.ts';

/** A branch that takes service orders. */
export interface Branch {
  id: string;
  name: string;
  city: string;
  /** Relative order volume. */
  weight: number;
  /** Zone shares [urban, suburban, remote]. */
  zones: [number, number, number];
  /** The slow branch: clearly worse arrival times (understaffed, mountainous city). */
  slow: boolean;
  technicians: Staff[];
  /** Branch-level service unit (manager) and hotline unit, for responsibility rows. */
  managerUnit: string;
}

/** A staff member; technicians carry how they work. */
export interface Staff {
  id: string;
  name: string;
  branchId: string;
  department: string;
  unit: string;
  role: string;
  basePoints: number;
  bonusCents: number;
  /** Relative share of their branch's orders (technicians). */
  weight: number;
  /** Chance of leaving a service-report field empty (technicians). */
  sloppiness: number;
  /** The technician customers rate poorly. */
  poor: boolean;
}

/** The organisation: branch rows, staff, and lookups used by the other generators. */
export interface Org {
  branchRows: Row[];
  branches: Branch[];
  staff: Staff[];
  /** Department → unit → staff, for complaint responsibility. */
  units: Map<string, Map<string, Staff[]>>;
  /** Centre sales unit by branch id (the sales office that sold into that branch's area). */
  salesUnitOf: Map<string, string>;
}

interface CentreDef {
  id: string;
  name: string;
  region: string;
  city: string;
  salesUnit: string;
}
const CENTRES: CentreDef[] = [
  { id: 'C1', name: '华东服务中心', region: '华东', city: '上海', salesUnit: '华东营业组' },
  { id: 'C2', name: '华南服务中心', region: '华南', city: '广州', salesUnit: '华南营业组' },
  { id: 'C3', name: '华北服务中心', region: '华北', city: '北京', salesUnit: '华北营业组' },
  { id: 'C4', name: '西部服务中心', region: '西部', city: '成都', salesUnit: '西部营业组' },
];

type BranchDef = [id: string, centre: string, city: string, weight: number, zones: [number, number, number]];
const BRANCHES: BranchDef[] = [
  ['B01', 'C1', '上海', 1.4, [0.75, 0.22, 0.03]],
  ['B02', 'C1', '杭州', 1.0, [0.64, 0.28, 0.08]],
  ['B03', 'C1', '南京', 0.9, [0.64, 0.28, 0.08]],
  ['B04', 'C1', '合肥', 0.7, [0.6, 0.3, 0.1]],
  ['B05', 'C2', '广州', 1.3, [0.68, 0.26, 0.06]],
  ['B06', 'C2', '深圳', 1.2, [0.75, 0.22, 0.03]],
  ['B07', 'C2', '南宁', 0.6, [0.56, 0.32, 0.12]],
  ['B08', 'C3', '北京', 1.3, [0.7, 0.25, 0.05]],
  ['B09', 'C3', '天津', 0.8, [0.64, 0.28, 0.08]],
  ['B10', 'C3', '济南', 0.7, [0.6, 0.3, 0.1]],
  ['B11', 'C4', '成都', 1.0, [0.6, 0.3, 0.1]],
  ['B12', 'C4', '重庆', 0.9, [0.56, 0.32, 0.12]],
];
/** The branch with clearly worse arrival times. */
export const SLOW_BRANCH = 'B12';
/** Branch and position (among its technicians) of the technician with poor satisfaction. */
export const POOR_TECHNICIAN: [branch: string, index: number] = ['B06', 3];

// HQ departments: [department, unit, role, head count, base points range, bonus range (yuan)].
type UnitDef = [string, string, string, number, [number, number], [number, number]];
const HQ_UNITS: UnitDef[] = [
  ['gm_office', '总经理室', '总经理', 1, [30, 30], [6000, 6000]],
  ['gm_office', '总经理室', '副总经理', 1, [28, 28], [5500, 5800]],
  ['quality', 'IQC组', '检验员', 2, [10, 16], [2200, 3200]],
  ['quality', 'OQC组', '检验员', 2, [10, 16], [2200, 3200]],
  ['quality', '质量工程组', '质量工程师', 2, [16, 22], [3200, 4200]],
  ['manufacturing', '总装一线', '线长', 1, [18, 22], [3500, 4200]],
  ['manufacturing', '总装一线', '操作工', 3, [8, 12], [1500, 2400]],
  ['manufacturing', '总装二线', '线长', 1, [18, 22], [3500, 4200]],
  ['manufacturing', '总装二线', '操作工', 3, [8, 12], [1500, 2400]],
  ['manufacturing', '钣金车间', '操作工', 2, [8, 12], [1500, 2400]],
  ['rnd', '电控组', '工程师', 2, [18, 24], [3800, 5000]],
  ['rnd', '结构组', '工程师', 2, [18, 24], [3800, 5000]],
  ['warehouse', '成品仓', '仓管员', 2, [8, 12], [1500, 2200]],
  ['warehouse', '配件仓', '仓管员', 1, [8, 12], [1500, 2200]],
  ['logistics', '运输组', '调度员', 2, [8, 14], [1600, 2600]],
  ['logistics', '外销物流组', '单证员', 1, [10, 14], [2000, 2800]],
  ['service', '服务管理组', '服务主管', 2, [18, 24], [3800, 4800]],
  ['sales', '外销营业组', '业务员', 2, [12, 18], [2500, 4000]],
  ['other', '财务组', '会计', 1, [12, 16], [2500, 3200]],
];
checkEnumKeys('staff', 'department', Object.fromEntries(HQ_UNITS.map((u) => [u[0], 1])));
checkEnumKeys('branches', 'level', { hq: 1, center: 1, branch: 1 });

/** Builds the branch tree and the staff list. */
export function buildOrg(rng: Rng): Org {
  const names = new Set<string>();
  const staff: Staff[] = [];
  let nextId = 1001;
  const add = (branchId: string, department: string, unit: string, role: string, points: [number, number], bonus: [number, number]): Staff => {
    const s: Staff = {
      id: `E${nextId++}`,
      name: personName(rng, names),
      branchId,
      department,
      unit,
      role,
      basePoints: rng.int(points[0], points[1]),
      bonusCents: rng.int(bonus[0] / 50, bonus[1] / 50) * 5000, // bonuses are set in steps of 50 yuan
      weight: 1,
      sloppiness: 0,
      poor: false,
    };
    staff.push(s);
    return s;
  };

  const branchRows: Row[] = [{ branch_id: 'HQ', branch_name: '总部', region: '全国', level: 'hq', parent_id: '', city: '珠海' }];
  for (const c of CENTRES) branchRows.push({ branch_id: c.id, branch_name: c.name, region: c.region, level: 'center', parent_id: 'HQ', city: c.city });

  for (const [dept, unit, role, n, points, bonus] of HQ_UNITS) for (let i = 0; i < n; i++) add('HQ', dept, unit, role, points, bonus);
  const salesUnitOf = new Map<string, string>();
  for (const c of CENTRES)
    for (let i = 0; i < 2; i++) add(c.id, 'sales', c.salesUnit, i ? '业务员' : '区域经理', i ? [12, 18] : [20, 26], i ? [2500, 4000] : [4500, 5500]);

  const branches: Branch[] = [];
  for (const [id, centre, city, weight, zones] of BRANCHES) {
    const c = CENTRES.find((x) => x.id === centre)!;
    branchRows.push({ branch_id: id, branch_name: `${city}分公司`, region: c.region, level: 'branch', parent_id: centre, city });
    salesUnitOf.set(id, c.salesUnit);
    const managerUnit = `${city}分公司`;
    add(id, 'service', managerUnit, '分公司经理', [26, 30], [5000, 6000]);
    add(id, 'service', `${city}客服组`, '客服专员', [8, 12], [1500, 2200]);
    const count = Math.round(5 * weight) + 3;
    const technicians: Staff[] = [];
    for (let i = 0; i < count; i++) {
      // Branches with eight or more technicians run two crews.
      const crew = count >= 8 ? (i < count / 2 ? '维修一组' : '维修二组') : '维修组';
      const leader = i === 0 || (count >= 8 && i === Math.ceil(count / 2));
      const senior = !leader && rng.chance(0.3);
      const t = leader
        ? add(id, 'service', city + crew, '维修组长', [20, 24], [4000, 5000])
        : senior
          ? add(id, 'service', city + crew, '高级技术员', [14, 18], [3000, 4000])
          : add(id, 'service', city + crew, '技术员', [8, 14], [1500, 3000]);
      t.weight = (leader ? 0.6 : 1) * rng.between(0.8, 1.2); // crew leaders also supervise
      t.sloppiness = rng.between(0.015, 0.07);
      technicians.push(t);
    }
    branches.push({ id, name: `${city}分公司`, city, weight, zones, slow: id === SLOW_BRANCH, technicians, managerUnit });
  }
  const poorBranch = branches.find((b) => b.id === POOR_TECHNICIAN[0])!;
  poorBranch.technicians[POOR_TECHNICIAN[1]]!.poor = true;

  const units = new Map<string, Map<string, Staff[]>>();
  for (const s of staff) {
    let byUnit = units.get(s.department);
    if (!byUnit) units.set(s.department, (byUnit = new Map()));
    const list = byUnit.get(s.unit);
    if (list) list.push(s);
    else byUnit.set(s.unit, [s]);
  }
  return { branchRows, branches, staff, units, salesUnitOf };
}

/** The staff.csv row of a staff member. */
export function staffRow(s: Staff): Row {
  return {
    staff_id: s.id,
    name: s.name,
    branch_id: s.branchId,
    department: s.department,
    unit: s.unit,
    role: s.role,
    base_points: s.basePoints,
    monthly_bonus: `${s.bonusCents / 100}.00`,
  };
}
