// Chinese vocabulary of the domain: fixed enums and the default editable lists (DOMAIN.md).

export const DEFAULT_DOMAINS = [
  '问题楼盘', '劳动社保', '集资融资', '灾后重建', '城乡建设', '涉法涉诉',
  '异常重复投信', '教育医疗', '退役军人', '生态环境', '其他',
] as const;

/** The fictional city of the demo register (a new register takes its name from set-up). */
export const DEMO_CITY_NAME = '江城市';

/** The counties of the fictional city 江城市, used by the demo register and fixtures (a new register starts with none). */
export const DEFAULT_REGIONS = [
  '城关区', '临江区', '南湖区', '高新区', '东山县', '西岭县', '北川县', '清河县',
] as const;

export const DEFAULT_CITY_PREFIX = 'JC';

/** Risk levels, highest first. Stored as 1..4 (一级 = 重大 = 红), so ascending order is most severe first. */
export const LEVELS = [
  { value: 1, name: '重大', color: '红', hex: '#c8161d' },
  { value: 2, name: '较大', color: '橙', hex: '#e67e22' },
  { value: 3, name: '一般', color: '黄', hex: '#d4a600' },
  { value: 4, name: '低', color: '蓝', hex: '#1f5fbf' },
] as const;
export type LevelValue = 1 | 2 | 3 | 4;

export function levelName(v: number | null | undefined): string {
  return LEVELS.find((l) => l.value === v)?.name ?? '未定级';
}

/** Accepts 重大/较大/一般/低, 红/橙/黄/蓝, 一级…四级, 1…4. */
export function parseLevel(text: string): LevelValue | null {
  const t = text.trim().replace(/色|风险|等级/g, '');
  for (const l of LEVELS) {
    if (t === l.name || t === l.color || t === String(l.value) || t === '一二三四'[l.value - 1] + '级') return l.value;
  }
  return null;
}

export const RISK_STATUSES = ['待研判', '在控', '化解中', '申请销号', '已销号', '稳控', '转司法终结', '反弹'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

export const RISK_SOURCES = ['日排查', '来信', '来访', '网上信访', '12345', '上级交办', '舆情'] as const;
export const COUNT_UNITS = ['人', '户', '家'] as const;
export const OPINION_RISKS = ['无', '苗头', '发酵'] as const;
export const TRENDS = ['升温', '平稳', '降温'] as const;

/** Field labels: used by forms, tables, error messages and exports so every screen says the same word. */
export const RISK_FIELD_LABELS: Record<string, string> = {
  id: '序号',
  code: '编号',
  regionId: '所属县区',
  region: '所属县区',
  domainId: '领域',
  domain: '领域',
  subCategory: '细类',
  title: '事项名称',
  summary: '基本情况',
  source: '来源',
  firstFound: '首次发现日期',
  involvedCount: '涉及人数',
  involvedUnit: '人数单位',
  involvedText: '涉及人数（原文）',
  amountWan: '涉及金额（万元）',
  mainDemands: '主要诉求',
  opinionRisk: '舆情',
  extremeRisk: '极端倾向',
  likelihood: '可能性',
  impact: '影响程度',
  level: '风险等级',
  levelBasis: '定级依据',
  trend: '态势',
  controlMeasures: '稳控措施',
  resolutionMeasures: '化解措施',
  leadUnit: '主办单位',
  coUnits: '协办单位',
  responsiblePerson: '责任人',
  packageLeader: '包案领导',
  packageLeaderTitle: '包案领导职务',
  taskForce: '专班',
  deadline: '化解时限',
  deadlineNote: '时限说明',
  progress: '进展情况',
  status: '状态',
  version: '版本',
  reason: '原因',
  query: '搜索词',
  page: '页码',
  pageSize: '每页条数',
  asOf: '日期',
  name: '名称',
  value: '取值',
  // Meetings and action items (issue 5).
  type: '会议类型',
  date: '日期',
  startTime: '开始时间',
  lengthMinutes: '会议时长',
  chair: '主持人',
  attendees: '出席人员',
  onLeave: '请假人员',
  observers: '列席人员',
  sensitivePeriod: '所处敏感节点',
  minutes: '时长（分钟）',
  riskIds: '关联风险事项',
  itemIds: '议程顺序',
  event: '操作',
  content: '交办内容及要求',
  leadLeader: '责任领导',
  contact: '联系人',
  issuedAt: '交办日期',
  dueAt: '办结时限',
  dueIn: '办结时限',
  days: '天数',
  feedbackCycle: '反馈频次',
  text: '内容',
  base64: '附件',
  attachments: '附件',
  uploads: '附件',
  mime: '附件类型',
  riskId: '风险事项',
  meetingId: '研判会',
  assessedOn: '研判日期',
  finalLevel: '研判等级',
  overrideReason: '调级理由',
  analysis: '研判意见',
  countermeasures: '对策建议',
  reportUp: '是否报党委政府',
  nextReview: '下次研判',
  kind: '类别',
  occurredOn: '发生日期',
  count: '人数',
  stage: '舆情阶段',
  startDate: '开始日期',
  endDate: '结束日期',
  escalation: '是否上调等级',
  note: '备注',
  week: '周',
  weeks: '周数',
};
