// The risk item (风险事项): one row of the 风险隐患台账. Schemas validate every write at the dispatcher.
import { z } from 'zod';
import { isIsoDate } from './dates.js';
import { COUNT_UNITS, OPINION_RISKS, RISK_SOURCES, RISK_STATUSES, TRENDS, type RiskStatus } from './labels.js';
import { sqlInList } from './sql.js';

/**
 * Statuses that close a risk (已销号, 转司法终结): a closed risk leaves the open counts, the agenda,
 * the briefs' active items and the heat map (its last week shows it as 销号). The one copy of this
 * rule: SQL uses CLOSED_STATUSES_SQL, and the migrations' triggers get it through db/migrate.ts.
 */
export const CLOSED_STATUSES = ['已销号', '转司法终结'] as const satisfies readonly RiskStatus[];
export const isClosedStatus = (status: string): boolean => (CLOSED_STATUSES as readonly string[]).includes(status);
/** The same rule as an SQL list: `status NOT IN ${CLOSED_STATUSES_SQL}` is "the risk is open". */
export const CLOSED_STATUSES_SQL = sqlInList(CLOSED_STATUSES);

export const isoDate = z.string().refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD，且须是真实存在的日期' });
const text = (max: number) => z.string().trim().max(max, { message: `不能超过${max}个字` });
const optText = (max: number) => text(max).optional();
const id = z.number({ message: '应为数字编号' }).int().positive();
const score = z.number({ message: '应为 1–5 的整数' }).int().min(1, { message: '应为 1–5 的整数' }).max(5, { message: '应为 1–5 的整数' });

/** The writable fields of a risk. A count keeps number, unit and original text ("约300", "420户"). */
export const riskFields = z.object({
  code: z.string().trim().regex(/^[A-Z]{1,6}-\d{4}-\d{3,6}$/, { message: '格式应为 城市代码-年份-序号，例如 JC-2026-031' }).optional(),
  regionId: id,
  domainId: id,
  subCategory: optText(50),
  title: z.string().trim().min(1, { message: '不能为空' }).max(200, { message: '不能超过200个字' }),
  summary: optText(5000),
  source: z.enum(RISK_SOURCES, { message: `只能是：${RISK_SOURCES.join('、')}` }).optional(),
  firstFound: isoDate.optional(),
  involvedCount: z.number({ message: '应为不小于 0 的整数' }).int().min(0, { message: '应为不小于 0 的整数' }).max(10_000_000, { message: '数值过大' }).nullable().optional(),
  involvedUnit: z.enum(COUNT_UNITS, { message: `只能是：${COUNT_UNITS.join('、')}` }).optional(),
  involvedText: optText(100),
  amountWan: z.number({ message: '应为数字（万元）' }).min(0, { message: '不能为负数' }).max(100_000_000, { message: '数值过大' }).nullable().optional(),
  mainDemands: optText(2000),
  opinionRisk: z.enum(OPINION_RISKS, { message: `只能是：${OPINION_RISKS.join('、')}` }).optional(),
  extremeRisk: z.boolean({ message: '应为 是/否' }).optional(),
  likelihood: score.nullable().optional(),
  impact: score.nullable().optional(),
  level: z.number({ message: '应为 1（重大）至 4（低）' }).int().min(1, { message: '应为 1（重大）至 4（低）' }).max(4, { message: '应为 1（重大）至 4（低）' }).nullable().optional(),
  levelBasis: optText(1000),
  trend: z.enum(TRENDS, { message: `只能是：${TRENDS.join('、')}` }).optional(),
  controlMeasures: optText(5000),
  resolutionMeasures: optText(5000),
  leadUnit: optText(100),
  coUnits: z.array(z.string().trim().min(1).max(100), { message: '应为单位名称列表' }).max(30, { message: '最多 30 个单位' }).optional(),
  responsiblePerson: optText(50),
  packageLeader: optText(50),
  packageLeaderTitle: optText(50),
  taskForce: optText(200),
  deadline: isoDate.nullable().optional(),
  deadlineNote: optText(200),
  progress: optText(5000),
  status: z.enum(RISK_STATUSES, { message: `只能是：${RISK_STATUSES.join('、')}` }).optional(),
});
export type RiskFields = z.infer<typeof riskFields>;

export const riskCreateInput = riskFields.extend({ asOf: isoDate.optional() });
export const riskUpdateInput = z.object({
  id,
  version: z.number({ message: '缺少版本号' }).int().positive(),
  patch: riskFields.partial().refine((p) => Object.keys(p).length > 0, { message: '没有要修改的字段' }),
});
export const riskDeleteInput = z.object({
  id,
  version: z.number({ message: '缺少版本号' }).int().positive(),
  reason: z.string().trim().min(2, { message: '请填写删除原因（至少 2 个字）' }).max(500, { message: '不能超过500个字' }),
});
export const riskRestoreInput = z.object({ id, version: z.number({ message: '缺少版本号' }).int().positive() });
export const riskGetInput = z.object({ id });

export const RISK_SORT_KEYS = ['code', 'region', 'domain', 'level', 'status', 'involvedCount', 'deadline', 'firstFound', 'updatedAt'] as const;
export type RiskSortKey = (typeof RISK_SORT_KEYS)[number];

export const riskListInput = z.object({
  query: z.string().trim().max(100, { message: '搜索词不能超过100个字' }).optional(),
  domainId: id.optional(),
  regionId: id.optional(),
  level: z.number().int().min(1).max(4, { message: '应为 1（重大）至 4（低）' }).optional(),
  status: z.enum(RISK_STATUSES, { message: `只能是：${RISK_STATUSES.join('、')}` }).optional(),
  leadUnit: z.string().trim().min(1).max(100, { message: '不能超过100个字' }).optional(),
  packageLeader: z.string().trim().min(1).max(50, { message: '不能超过50个字' }).optional(),
  source: z.enum(RISK_SOURCES, { message: `只能是：${RISK_SOURCES.join('、')}` }).optional(),
  deadlineFrom: isoDate.optional(),
  deadlineTo: isoDate.optional(),
  involvedMin: z.number({ message: '应为不小于 0 的整数' }).int().min(0, { message: '应为不小于 0 的整数' }).optional(),
  involvedMax: z.number({ message: '应为不小于 0 的整数' }).int().min(0, { message: '应为不小于 0 的整数' }).optional(),
  deleted: z.boolean().optional(),
  sort: z.enum(RISK_SORT_KEYS, { message: '不支持的排序字段' }).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.number().int().min(1, { message: '应从 1 开始' }).max(1_000_000).default(1),
  pageSize: z.number().int().min(1).max(500, { message: '每页最多 500 条' }).default(20),
})
  .refine((f) => !f.deadlineFrom || !f.deadlineTo || f.deadlineFrom <= f.deadlineTo, { message: '化解时限的起始日期不能晚于截止日期', path: ['deadlineTo'] })
  .refine((f) => f.involvedMin === undefined || f.involvedMax === undefined || f.involvedMin <= f.involvedMax, { message: '涉及人数的下限不能大于上限', path: ['involvedMax'] });
export type RiskListInput = z.input<typeof riskListInput>;

/** A risk as the register shows it: stored fields plus resolved names. */
export interface RiskRow {
  id: number;
  code: string;
  regionId: number;
  region: string;
  domainId: number;
  domain: string;
  subCategory: string;
  title: string;
  summary: string;
  source: string | null;
  firstFound: string | null;
  involvedCount: number | null;
  involvedUnit: string;
  involvedText: string;
  amountWan: number | null;
  mainDemands: string;
  opinionRisk: string;
  extremeRisk: boolean;
  likelihood: number | null;
  impact: number | null;
  level: number | null;
  levelBasis: string;
  trend: string | null;
  /** 下次研判: cached from the latest assessment. */
  nextReview: string | null;
  controlMeasures: string;
  resolutionMeasures: string;
  leadUnit: string;
  coUnits: string[];
  responsiblePerson: string;
  packageLeader: string;
  packageLeaderTitle: string;
  taskForce: string;
  deadline: string | null;
  deadlineNote: string;
  progress: string;
  status: string;
  deletedAt: string | null;
  deletedReason: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The filter part of a list request (what a saved view stores, besides sort and columns). */
export type RiskFilter = Omit<RiskListInput, 'page' | 'pageSize' | 'sort' | 'order'>;

/** Distinct values offered by the register's lead-unit and package-leader filters. */
export interface RiskFacets {
  leadUnits: string[];
  packageLeaders: string[];
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}
