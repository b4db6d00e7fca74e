/**
 * Names other systems give our columns and values (English exports such as NYC 311, CFPB, CRM tools,
 * and Chinese variants not in schema.ts). Only used to *suggest* a mapping; the user confirms it.
 * Keys are canonical column names of schema.ts (shared by every table that has the column).
 */
export const COLUMN_SYNONYMS: Record<string, string[]> = {
  order_id: ['unique key', 'ticket id', 'ticket', 'ticket no', 'request id', 'service request', 'sr number', 'case id', 'case number', 'work order', 'work order no', 'order no', 'order number', 'id', '服务单号', '维修单号', '单号'],
  branch_id: ['location', 'assignment group', 'agency', 'branch', 'branch code', 'office', 'service center', 'site', 'station', 'dealer', 'store', '网点', '服务网点', '网点代码', '分公司', '服务中心'],
  branch_name: ['agency name', 'branch name', 'office name', 'site name', '网点名'],
  customer_id: ['customer', 'customer no', 'client id', 'client', 'account', 'account id', '客户', '用户编号', '客户号'],
  product_model: ['model', 'product', 'product model', 'item', '产品', '机型', '车型', '车系'],
  product_batch: ['batch', 'lot', 'lot no', '生产批次'],
  serial_no: ['serial', 'serial number', 'sn', 'imei', 'vin', '条码', '序列号'],
  service_type: ['complaint type', 'service type', 'request type', 'type', 'category', 'problem type', '业务类型', '服务类别', '工单类型'],
  charge_class: ['charge', 'billing', 'fee type', '收费类型'],
  zone: ['zone', 'area type', 'location type', '区域'],
  channel: ['channel', 'source', 'open data channel type', 'submitted via', 'via', '渠道', '来源渠道'],
  called_at: ['opened at', 'opened_at', 'order purchase timestamp', 'purchase timestamp', 'purchase date', 'order date', 'created date', 'created', 'created at', 'create time', 'creation date', 'opened', 'open date', 'reported', 'report time', 'request date', 'date received', 'call time', '创建时间', '报修日期', '受理时间', '来电时间'],
  dispatched_at: ['order delivered carrier date', 'shipped date', 'carrier date', 'dispatched', 'assigned', 'assigned date', 'dispatch time', '派单时间'],
  promised_at: ['order estimated delivery date', 'estimated delivery date', 'estimated delivery', 'due date', 'appointment', 'scheduled', 'promised', '预约时间'],
  arrived_at: ['order delivered customer date', 'delivered date', 'delivery date', 'arrived', 'arrival', 'arrival time', 'on site time', '上门时间', '到场时间'],
  completed_at: ['resolved at', 'resolved_at', 'closed date', 'closed', 'closed at', 'close date', 'resolved', 'resolved date', 'resolution date', 'completed', 'finish time', 'completion date', '完成时间', '结单时间', '关闭时间'],
  technician_id: ['assigned to', 'resolved by', 'agent', 'server', 'technician', 'engineer', 'assignee', 'staff', '服务人员', '工程师', '维修员'],
  fault_code: ['fault', 'error code', 'descriptor', 'problem code', '故障', '典型问题'],
  cause: ['cause', 'reason', 'root cause', 'issue'],
  solution: ['resolution description', 'solution', 'action', 'resolution', '处理措施', '处理结果'],
  labor_hours: ['hours', 'labor', 'labour hours', '工时'],
  status: ['incident state', 'order status', 'incident_state', 'status', 'state', '工单状态', '处理状态', '投诉状态'],
  complaint_no: ['complaint id', 'complaint no', 'complaint number', 'case id', 'case number', 'id', '编号'],
  received_at: ['date received', 'received', 'created date', 'created', 'submitted', '投诉时间', '受理日期'],
  closed_at: ['date closed', 'closed date', 'closed', 'resolved', '结案日期', '关闭时间'],
  market: ['market', 'domestic', 'country', '市场'],
  nature: ['nature', 'kind', 'product', '问题性质'],
  severity: ['severity', 'priority', '严重度'],
  valid: ['valid', 'substantiated', 'confirmed', '成立'],
  resolution: ['company response to consumer', 'response', 'outcome', 'resolution', '处理结果'],
  loss_amount: ['loss', 'amount', 'compensation', 'monetary relief', '损失'],
  survey_id: ['review id', 'feedback id', 'survey id', 'response id', '问卷号'],
  sent_at: ['review creation date', 'survey date', 'sent', 'sent date', 'date sent', '发送时间'],
  responded_at: ['review answer timestamp', 'answer date', 'responded', 'response date', 'answered', '回复时间'],
  cost_id: ['cost id', 'expense id', 'voucher', '凭证号'],
  date: ['date', 'expense date', 'posting date', '费用日期'],
  amount: ['amount', 'cost', 'expense', 'value', '费用', '金额(元)'],
  category: ['category', 'cost type', 'expense type', '费用类型'],
  staff_id: ['employee id', 'staff no', 'emp id', '员工编号'],
  name: ['name', 'employee name', 'staff name', '员工姓名'],
  department: ['department', 'dept', '所属部门'],
  call_id: ['call id', 'call no', '通话编号'],
  answered: ['outcome', 'answered', 'handled', '是否接听'],
  rings: ['rings', 'ring count', '响铃'],
  attitude: ['review score', 'score', 'rating', 'stars', '评分', '满意度'],
  started_at: ['vru entry', 'call date', 'call time', 'start time', 'call start', 'started', '呼入时间'],
};

/**
 * Values other systems write for our enum and bool values, per canonical column (and `*bool` for every
 * bool column). Keys are normalised like headers (lower case, spaces → _).
 */
export const VALUE_SYNONYMS: Record<string, Record<string, string>> = {
  status: {
    closed: 'completed', resolved: 'completed', done: 'completed', finished: 'completed', complete: 'completed', 用户评分: 'completed', 处理反馈: 'in_progress',
    new: 'open', pending: 'open', unassigned: 'open', received: 'open', 信息审核: 'open', 厂家受理: 'dispatched',
    assigned: 'dispatched', started: 'in_progress', working: 'in_progress', in_process: 'in_progress',
    canceled: 'cancelled', void: 'cancelled', withdrawn: 'cancelled',
  },
  channel: { phone: 'hotline', call: 'hotline', telephone: 'hotline', web: 'online', mobile: 'online', app: 'online', email: 'online', walk_in: 'walk_in', visit: 'walk_in', postal_mail: 'letter', mail: 'letter', fax: 'letter' },
  market: { domestic: 'domestic', foreign: 'foreign', export: 'foreign', overseas: 'foreign', 境内: 'domestic', 境外: 'foreign' },
  valid: { true: 'yes', false: 'no', 1: 'yes', 0: 'no', y: 'yes', n: 'no' },
  '*bool': { closed: 'true', open: 'false', done: 'true', ok: 'true', x: 'true', '✓': 'true', '√': 'true', '×': 'false' },
};

/** Words in a file name that hint at its table (a hint only: headers decide when they are clear). */
export const FILE_HINTS: Record<string, string[]> = {
  service_orders: ['order', 'ticket', 'request', 'workorder', 'incident', '工单', '报修', '服务单'],
  complaints: ['complaint', '投诉'],
  complaint_steps: ['step', '环节'],
  complaint_responsibility: ['responsib', '责任'],
  surveys: ['survey', 'review', 'feedback', 'rating', '回访', '满意度', '评价'],
  costs: ['cost', 'expense', '费用'],
  branches: ['branch', '网点', '分公司'],
  staff: ['staff', 'employee', '员工', '人员'],
  calls: ['call', '来电', '话务'],
};
