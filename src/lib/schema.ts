/**
 * The data contract (docs/metrics.md#data-contract) as data: every table of the data contract, every column with its canonical name,
 * Chinese header alias, type, whether it is required, and enum values with their aliases.
 * The importer, the DuckDB table definitions, the generator and (later) the mapping UI all read this,
 * so a column is described once.
 */

export type ColumnType =
  | 'id' // text key / reference, kept verbatim (e.g. "0012")
  | 'text'
  | 'timestamp' // local wall-clock, YYYY-MM-DD HH:MM[:SS] or YYYY/M/D H:MM[:SS]
  | 'date' // YYYY-MM-DD or YYYY/M/D (a timestamp is cut to its date)
  | 'money' // CNY, at most 2 decimals, DECIMAL(18,2)
  | 'int'
  | 'number'
  | 'bool' // true/false, 1/0, yes/no, Y/N, 是/否; empty = unknown (NULL)
  | 'enum'
  | 'rating' // 1–4
  | 'share'; // 0–1

export interface Column {
  name: string;
  /** Chinese header alias(es); the first is the one we write in Chinese exports. */
  zh: string[];
  type: ColumnType;
  required?: boolean;
  /** For enums: canonical value → accepted aliases (matched case-insensitively, after trimming). */
  values?: Record<string, string[]>;
  /** Enum whose values come from the config (zones). */
  configEnum?: 'zones';
  /**
   * Finite range of a numeric column (number, int, money), both ends included: a value outside it is
   * a rejected row (docs/import.md "Value ranges"), so no sum over a column can overflow.
   */
  range?: { min: number; max: number };
}

export interface Table {
  name: TableName;
  /** Key columns; a second row with the same key is rejected as a duplicate. */
  key: string[];
  optional?: boolean;
  columns: Column[];
}

export type TableName = 'branches' | 'staff' | 'service_orders' | 'costs' | 'complaints' | 'complaint_steps' | 'complaint_responsibility' | 'surveys' | 'calls';

export const DEPARTMENTS: Record<string, string[]> = {
  service: ['售后服务部', '服务部', '售后部'],
  sales: ['营业部', '销售部'],
  quality: ['质量管理部', '品管部', '质量部'],
  manufacturing: ['制造部', '生产部'],
  rnd: ['研发部', '技术部'],
  gm_office: ['总经理室', '总经办'],
  warehouse: ['仓库', '仓储部'],
  logistics: ['物流部', '运输部'],
  other: ['其他'],
};

/** Complaint workflow steps of docs/metrics.md#complaint-workflow, in order. */
export const COMPLAINT_STEPS: Record<string, string[]> = {
  sales_intake: ['营业受理', '受理'],
  gm_office: ['总经理室'],
  quality: ['质量管理部', '品管'],
  manufacturing: ['制造部'],
  rnd: ['研发部'],
  sales_negotiation: ['营业协商', '协商'],
  gm_review: ['总经理审核', '审核'],
};

/** Complaint cause codes of docs/metrics.md#complaint-workflow. */
export const CAUSE_CODES: Record<string, string> = {
  C01: '票据/附样资料错误',
  C02: '财务错误',
  C03: '未依制作规范备料用料',
  C04: '不合格品混入',
  C05: '交运超出应收范围',
  C06: '擅自减少生产资料',
  C07: '特殊质量要求未反映',
  C08: '订单误记',
  C09: '交货延迟',
  C10: '装运错误',
  C11: '交货单误记',
  C12: '仓储保管/运输不当',
  C13: '外观标示不符',
  C14: '检验资料不符',
  C15: '其他',
};

const rating = (name: string, zh: string): Column => ({ name, zh: [zh], type: 'rating' });

export const TABLES: Table[] = [
  {
    name: 'branches',
    key: ['branch_id'],
    columns: [
      { name: 'branch_id', zh: ['网点编号', '分公司编号'], type: 'id', required: true },
      { name: 'branch_name', zh: ['网点名称', '分公司名称'], type: 'text' },
      { name: 'region', zh: ['区域'], type: 'text' },
      {
        name: 'level',
        zh: ['层级'],
        type: 'enum',
        values: { hq: ['总部'], center: ['中心', '区域中心', '服务中心'], branch: ['分公司', '网点'], store: ['门店'] },
      },
      { name: 'parent_id', zh: ['上级编号'], type: 'id' },
      { name: 'city', zh: ['城市'], type: 'text' },
    ],
  },
  {
    name: 'staff',
    key: ['staff_id'],
    columns: [
      { name: 'staff_id', zh: ['工号'], type: 'id', required: true },
      { name: 'name', zh: ['姓名'], type: 'text' },
      { name: 'branch_id', zh: ['网点编号'], type: 'id' },
      { name: 'department', zh: ['部门'], type: 'enum', values: DEPARTMENTS },
      { name: 'unit', zh: ['班组', '单位'], type: 'text' },
      { name: 'role', zh: ['岗位'], type: 'text' },
      { name: 'base_points', zh: ['基点数', '基点'], type: 'number', range: { min: 0, max: 100_000 } },
      { name: 'monthly_bonus', zh: ['月效益奖金'], type: 'money', range: { min: 0, max: 100_000_000 } },
    ],
  },
  {
    name: 'service_orders',
    key: ['order_id'],
    columns: [
      { name: 'order_id', zh: ['工单号', '工单编号'], type: 'id', required: true },
      { name: 'branch_id', zh: ['网点编号', '分公司编号'], type: 'id', required: true },
      { name: 'customer_id', zh: ['客户编号'], type: 'id' },
      { name: 'product_model', zh: ['型号', '产品型号'], type: 'text' },
      { name: 'product_batch', zh: ['批次', '产品批次'], type: 'text' },
      { name: 'serial_no', zh: ['机身编码', '序列号'], type: 'text' },
      {
        name: 'service_type',
        zh: ['服务类型'],
        type: 'enum',
        required: true,
        values: {
          install: ['安装'],
          repair: ['维修'],
          maintenance: ['保养'],
          inspection: ['巡检'],
          consultation: ['咨询'],
          return: ['退换货', '退换'],
        },
      },
      {
        name: 'charge_class',
        zh: ['收费类别'],
        type: 'enum',
        values: { A: ['有费'], B: ['合同'], C: ['免费'], D: ['行政'] },
      },
      {
        name: 'zone',
        zh: ['区域类型'],
        type: 'enum',
        configEnum: 'zones',
        values: { urban: ['市区'], suburban: ['郊区'], remote: ['远郊外埠', '远郊', '外埠'] },
      },
      {
        name: 'channel',
        zh: ['来源'],
        type: 'enum',
        values: { hotline: ['热线', '电话'], '400': ['400热线'], online: ['网上', '在线'], walk_in: ['来访', '上门'], letter: ['来函', '信函'] },
      },
      { name: 'called_at', zh: ['报修时间'], type: 'timestamp', required: true },
      { name: 'dispatched_at', zh: ['派工时间'], type: 'timestamp' },
      { name: 'promised_at', zh: ['约定上门时间'], type: 'timestamp' },
      { name: 'arrived_at', zh: ['到达时间'], type: 'timestamp' },
      { name: 'completed_at', zh: ['完工时间'], type: 'timestamp' },
      { name: 'technician_id', zh: ['技术员', '技术员工号'], type: 'id' },
      { name: 'on_site', zh: ['现场处理'], type: 'bool' },
      { name: 'in_warranty', zh: ['保修期内'], type: 'bool' },
      { name: 'fault_code', zh: ['故障代码'], type: 'text' },
      { name: 'cause', zh: ['故障原因'], type: 'text' },
      { name: 'solution', zh: ['解决办法'], type: 'text' },
      { name: 'parts', zh: ['更换零件'], type: 'text' },
      { name: 'customer_opinion', zh: ['用户意见'], type: 'text' },
      { name: 'labor_hours', zh: ['实际工时'], type: 'number', range: { min: 0, max: 10_000 } },
      {
        name: 'status',
        zh: ['状态'],
        type: 'enum',
        required: true,
        values: {
          open: ['待派工', '待处理', '未派工'],
          dispatched: ['已派工'],
          in_progress: ['处理中', '维修中'],
          completed: ['已完工', '完工', '已完成'],
          cancelled: ['已取消', '取消'],
        },
      },
    ],
  },
  {
    name: 'costs',
    key: ['cost_id'],
    columns: [
      { name: 'cost_id', zh: ['费用编号'], type: 'id', required: true },
      { name: 'date', zh: ['日期'], type: 'date', required: true },
      { name: 'branch_id', zh: ['网点编号'], type: 'id', required: true },
      { name: 'order_id', zh: ['工单号'], type: 'id' },
      { name: 'staff_id', zh: ['工号'], type: 'id' },
      {
        name: 'category',
        zh: ['费用类别'],
        type: 'enum',
        required: true,
        values: {
          install: ['安装调试', '安装'],
          travel: ['售后派人差旅', '差旅'],
          material: ['材料'],
          shipping: ['运输', '运费'],
          other: ['其他'],
        },
      },
      { name: 'amount', zh: ['金额'], type: 'money', required: true, range: { min: -10_000_000_000, max: 10_000_000_000 } },
      { name: 'person_times', zh: ['人次'], type: 'int', range: { min: 0, max: 100_000 } },
      { name: 'person_days', zh: ['人天'], type: 'number', range: { min: 0, max: 100_000 } },
      { name: 'contract_guided_install', zh: ['合同指导安装'], type: 'bool' },
    ],
  },
  {
    name: 'complaints',
    key: ['complaint_no'],
    columns: [
      { name: 'complaint_no', zh: ['投诉编号'], type: 'id', required: true },
      { name: 'received_at', zh: ['受理时间'], type: 'timestamp', required: true },
      { name: 'market', zh: ['国内/国外', '市场'], type: 'enum', required: true, values: { domestic: ['国内'], foreign: ['国外'] } },
      { name: 'branch_id', zh: ['网点编号'], type: 'id', required: true },
      { name: 'customer_id', zh: ['客户编号'], type: 'id' },
      { name: 'order_id', zh: ['工单号'], type: 'id' },
      { name: 'product_model', zh: ['型号'], type: 'text' },
      { name: 'product_batch', zh: ['批次'], type: 'text' },
      {
        name: 'channel',
        zh: ['来源', '渠道'],
        type: 'enum',
        values: { phone: ['来电'], letter: ['来函'], visit: ['来人'], online: ['网上', '在线'] },
      },
      { name: 'nature', zh: ['性质'], type: 'enum', values: { quality: ['质量'], non_quality: ['非质量', '人为', '非质量-人为'] } },
      {
        name: 'cause_code',
        zh: ['原因代码'],
        type: 'enum',
        values: Object.fromEntries(Object.entries(CAUSE_CODES).map(([k, v]) => [k, [v]])),
      },
      { name: 'severity', zh: ['严重程度'], type: 'enum', values: { major: ['重大'], general: ['一般'] } },
      { name: 'valid', zh: ['是否成立'], type: 'enum', values: { yes: ['成立', '是'], no: ['不成立', '否'], pending: ['待定', '待确认'] } },
      { name: 'repeat_of', zh: ['重复投诉'], type: 'id' },
      {
        name: 'resolution',
        zh: ['处理方式'],
        type: 'enum',
        values: {
          allowance: ['折让'],
          compensation: ['赔款'],
          return: ['退货'],
          rework: ['重处理'],
          exchange: ['换货'],
          repair: ['维修'],
          explanation: ['解释'],
          none: ['无'],
        },
      },
      { name: 'loss_amount', zh: ['损失金额'], type: 'money', range: { min: 0, max: 10_000_000_000 } },
      { name: 'closed_at', zh: ['结案时间'], type: 'timestamp' },
    ],
  },
  {
    name: 'complaint_steps',
    key: ['complaint_no', 'step'],
    columns: [
      { name: 'complaint_no', zh: ['投诉编号'], type: 'id', required: true },
      { name: 'step', zh: ['步骤', '环节'], type: 'enum', required: true, values: COMPLAINT_STEPS },
      { name: 'entered_at', zh: ['进入时间'], type: 'timestamp', required: true },
      { name: 'left_at', zh: ['离开时间'], type: 'timestamp' },
    ],
  },
  {
    name: 'complaint_responsibility',
    key: ['complaint_no', 'department', 'unit', 'staff_id'],
    columns: [
      { name: 'complaint_no', zh: ['投诉编号'], type: 'id', required: true },
      { name: 'department', zh: ['部门'], type: 'enum', required: true, values: DEPARTMENTS },
      { name: 'unit', zh: ['班组', '单位'], type: 'text' },
      { name: 'staff_id', zh: ['工号'], type: 'id' },
      { name: 'share', zh: ['责任比例'], type: 'share', required: true },
      {
        name: 'sanction',
        zh: ['处分'],
        type: 'enum',
        values: { none: ['无'], warning: ['警告'], minor: ['小过'], major: ['大过'] },
      },
    ],
  },
  {
    name: 'surveys',
    key: ['survey_id'],
    columns: [
      { name: 'survey_id', zh: ['回访编号', '问卷编号'], type: 'id', required: true },
      { name: 'order_id', zh: ['工单号'], type: 'id', required: true },
      { name: 'sent_at', zh: ['发出', '发出时间'], type: 'timestamp' },
      { name: 'responded_at', zh: ['回收', '回收时间'], type: 'timestamp' },
      rating('attitude', '态度'),
      rating('skill', '技术'),
      rating('timeliness', '到达时间'),
      rating('promise', '答应事情的办理'),
      { name: 'comment', zh: ['意见'], type: 'text' },
    ],
  },
  {
    name: 'calls',
    key: ['call_id'],
    optional: true,
    columns: [
      { name: 'call_id', zh: ['来电编号'], type: 'id', required: true },
      { name: 'started_at', zh: ['来电时间'], type: 'timestamp', required: true },
      { name: 'answered', zh: ['接听'], type: 'bool' },
      { name: 'rings', zh: ['响铃次数'], type: 'int', range: { min: 0, max: 1_000 } },
      {
        name: 'kind',
        zh: ['类型'],
        type: 'enum',
        values: { install: ['安装'], repair: ['维修'], complaint: ['投诉'], inquiry: ['咨询'], praise: ['表扬'] },
      },
    ],
  },
];

export const TABLE_BY_NAME: Record<TableName, Table> = Object.fromEntries(TABLES.map((t) => [t.name, t])) as Record<TableName, Table>;

/** DuckDB column type for a schema type. Shares are exact decimals so loss × share stays exact. */
export function sqlType(type: ColumnType): string {
  switch (type) {
    case 'timestamp':
      return 'TIMESTAMP';
    case 'date':
      return 'DATE';
    case 'money':
      return 'DECIMAL(18,2)';
    case 'int':
    case 'rating':
      return 'INTEGER';
    case 'number':
      return 'DOUBLE';
    case 'share':
      return 'DECIMAL(18,6)';
    case 'bool':
      return 'BOOLEAN';
    default:
      return 'VARCHAR';
  }
}

/** Years a timestamp, date or report period may fall in (docs/import.md "Value ranges"): a 0001 or 9999 placeholder is rejected. */
export const YEAR_RANGE = { min: 1900, max: 2199 } as const;

/** The row-number column every loaded table carries, so later checks (orphans) can name a line. */
export const LINE_COLUMN = '_line';
