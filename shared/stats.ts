// 统计: periods, the measures' definitions (words and formulas, shown in tooltips, the docs and the
// printed report), the settings where the domain leaves a choice, and the contract's schemas.
import { z } from 'zod';
import { addDays, addMonths, isIsoDate, type IsoDate } from './dates.js';
import { RISK_STATUSES, type RiskStatus } from './labels.js';
import { MEETING_STATES, NOT_HELD_STATES, type MeetingState } from './meetings.js';
import { CLOSED_STATUSES, isClosedStatus } from './risks.js';

/** Meetings that count as held: 已召开 and every state after it (筹备, 进行中 and 已取消 do not). */
export const HELD_MEETING_STATES: readonly MeetingState[] = MEETING_STATES.slice(MEETING_STATES.indexOf('已召开')).filter((s) => !NOT_HELD_STATES.includes(s));

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { month: '月', quarter: '季', year: '年', range: '自定' };

export interface Period {
  kind: PeriodKind;
  from: IsoDate;
  to: IsoDate;
}

/** The month, quarter or year containing `day`. */
export function periodOf(kind: Exclude<PeriodKind, 'range'>, day: IsoDate): Period {
  const y = day.slice(0, 4);
  const m = Number(day.slice(5, 7));
  const first = kind === 'year' ? `${y}-01-01` : kind === 'quarter' ? `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01` : `${y}-${day.slice(5, 7)}-01`;
  const months = kind === 'year' ? 12 : kind === 'quarter' ? 3 : 1;
  return { kind, from: first, to: addDays(addMonths(first, months), -1) };
}

/** The period before: the previous month/quarter/year, or for a range the same number of days just before it. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'range') {
    const days = Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000) + 1;
    return { kind: 'range', from: addDays(p.from, -days), to: addDays(p.from, -1) };
  }
  return periodOf(p.kind, addDays(p.from, -1));
}

/** The same period a year earlier (29 February falls back to the 28th). */
export function samePeriodLastYear(p: Period): Period {
  if (p.kind !== 'range') return periodOf(p.kind, addMonths(p.from, -12));
  return { kind: 'range', from: addMonths(p.from, -12), to: addMonths(p.to, -12) };
}

/** "2026年", "2026年第三季度", "2026年11月", "2026年3月1日至2026年5月31日". */
export function periodName(p: Period): string {
  const y = Number(p.from.slice(0, 4));
  const m = Number(p.from.slice(5, 7));
  if (p.kind === 'year') return `${y}年`;
  if (p.kind === 'quarter') return `${y}年第${'一二三四'[Math.floor((m - 1) / 3)]}季度`;
  if (p.kind === 'month') return `${y}年${m}月`;
  const d = (s: string) => `${Number(s.slice(0, 4))}年${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日`;
  return `${d(p.from)}至${d(p.to)}`;
}

/** Where the domain leaves a choice: which statuses count as 化解 and as 在控. Stored in settings ('stats'). */
export interface StatsDefinitions {
  resolvedStatuses: RiskStatus[];
  controlledStatuses: RiskStatus[];
}
export const DEFAULT_STATS_DEFINITIONS: StatsDefinitions = { resolvedStatuses: ['已销号'], controlledStatuses: ['在控', '化解中', '申请销号', '稳控'] };

const statusList = (what: string) =>
  z
    .array(z.enum(RISK_STATUSES, { message: `状态只能是：${RISK_STATUSES.join('、')}` }))
    .min(1, { message: `${what}至少选择一个状态` })
    .refine((l) => new Set(l).size === l.length, { message: `${what}中有重复的状态` });
export const statsDefinitionsInput = z.object({
  resolvedStatuses: statusList('化解状态'),
  // 在控率 counts within 期末在册, which never holds a closed risk: a closed status there could never count.
  controlledStatuses: statusList('在控状态').refine((l) => !l.some(isClosedStatus), { message: `在控状态不能包括${CLOSED_STATUSES.join('、')}：在控率只计期末在册（未结）的事项` }),
});

/** Every figure the 统计 area shows, and where its records are. */
export const RISK_MEASURES = ['openStart', 'openEnd', 'entered', 'raised', 'lowered', 'closed', 'resolved', 'rebounded', 'assessedRisks'] as const;
export const ACTION_MEASURES = ['issued', 'done', 'due', 'onTime', 'returned', 'extended', 'overdue'] as const;
export const MEETING_MEASURES = ['meetings'] as const;
export const ASSESSMENT_MEASURES = ['assessments', 'consent'] as const;
export const MEASURES = [...RISK_MEASURES, ...ACTION_MEASURES, ...MEETING_MEASURES, ...ASSESSMENT_MEASURES] as const;
export type RiskMeasure = (typeof RISK_MEASURES)[number];
export type ActionMeasure = (typeof ACTION_MEASURES)[number];
export type Measure = (typeof MEASURES)[number];

export type RecordKind = 'risk' | 'action' | 'meeting' | 'assessment';
export function recordKindOf(m: Measure): RecordKind {
  if ((RISK_MEASURES as readonly string[]).includes(m)) return 'risk';
  if ((ACTION_MEASURES as readonly string[]).includes(m)) return 'action';
  if (m === 'meetings') return 'meeting';
  return 'assessment';
}

/** Name and definition of every figure (tooltips, docs/stats.md, the printed report's note). */
export const MEASURE_INFO: Record<Measure | 'resolveRate' | 'controlRate' | 'packageRate' | 'onTimeRate' | 'avgDays', { name: string; def: string }> = {
  openStart: { name: '期初在册', def: '期间开始前一日终了时在台账中、状态不是已销号或转司法终结的事项数' },
  openEnd: { name: '期末在册', def: '期间最后一日终了时在台账中、状态不是已销号或转司法终结的事项数' },
  entered: { name: '新增', def: '期间内进入台账的事项数（进入日为首次发现日期与登记日中较早者）' },
  raised: { name: '升级', def: '期间内研判等级至少上调过一次的事项数' },
  lowered: { name: '降级', def: '期间内研判等级至少下调过一次的事项数' },
  closed: { name: '销号', def: '期间内由未结状态转为已销号或转司法终结的事项数' },
  resolved: { name: '化解', def: '期间内转为“化解状态”（设置，默认：已销号）的事项数' },
  rebounded: { name: '反弹', def: '期间内由已销号或转司法终结重新转为未结状态的事项数' },
  assessedRisks: { name: '研判事项', def: '期间内已召开的研判会（已召开及以后状态）研判过的不同事项数' },
  meetings: { name: '召开研判会', def: '会议日期在期间内、状态为已召开及以后（筹备、进行中、已取消不计）的研判会次数' },
  assessments: { name: '研判记录', def: '期间内已召开的研判会形成的研判记录条数（含一揽子确认）' },
  consent: { name: '一揽子确认', def: '其中以一揽子研判一并确认、维持原等级的研判记录条数' },
  issued: { name: '交办', def: '交办日期在期间内的交办事项数' },
  done: { name: '办结', def: '办结日期在期间内的交办事项数' },
  due: { name: '应办结', def: '办结时限（逢节假日顺延至下一个工作日）在期间内、且已办结或已超期的交办事项数' },
  onTime: { name: '按期办结', def: '应办结事项中，办结日期不晚于办结时限（经批准延期的，按延期后的时限）的事项数' },
  returned: { name: '退回重办', def: '期间内被退回重办过的交办事项数' },
  extended: { name: '延期', def: '期间内批准延期的交办事项数' },
  overdue: { name: '超期未办结', def: '期间最后一日终了时仍未办结且已超过办结时限的交办事项数，按督办等级分列' },
  resolveRate: { name: '化解率', def: '化解率 = 化解事项数 ÷ （期初在册 + 新增）× 100%' },
  controlRate: { name: '在控率', def: '在控率 = 期末在册中处于“在控状态”（设置，默认：在控、化解中、申请销号、稳控）的事项数 ÷ 期末在册 × 100%' },
  packageRate: { name: '包案化解率', def: '包案化解率 = 有包案领导的化解事项数 ÷ 有包案领导的（期初在册 + 新增）× 100%' },
  onTimeRate: { name: '按期办结率', def: '按期办结率 = 按期办结数 ÷ 应办结数 × 100%' },
  avgDays: { name: '平均办结天数', def: '期间内办结事项从交办日期到办结日期的平均自然日数' },
};

export const STATS_TABLE_KEYS = ['overview', 'rates', 'domain', 'region', 'level', 'units', 'manual'] as const;

/** Figures typed in from the petition information system (never computed here). */
export const MANUAL_MEASURES = ['及时受理率', '按期答复率', '参评率', '满意率'] as const;

const isoDate = z.string().refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD（例如 2026-03-02）' });
export const periodInput = z
  .object({ kind: z.enum(PERIOD_KINDS, { message: '期间只能是月、季、年或自定' }), from: isoDate, to: isoDate })
  .refine((p) => p.from <= p.to, { message: '期间的开始日期不能晚于结束日期' })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= 3 * 366 * 86_400_000, { message: '期间不能超过三年' });

/** Breakdown keys a drill-down may narrow to (ids from the lists; 'none' = 未定级 / 未指定). */
export const drillFilter = z
  .object({
    domainId: z.number().int().positive().optional(),
    regionId: z.number().int().positive().optional(),
    level: z.number().int().min(0).max(4).optional(),
    unitId: z.number().int().min(0).optional(),
    packaged: z.boolean().optional(),
    meetingType: z.enum(['周例会', '专题会', '节点会']).optional(),
    supervision: z.enum(['催办', '督办单', '挂牌督办', '通报']).optional(),
  })
  .strict();
export type DrillFilter = z.infer<typeof drillFilter>;

/** Which breakdowns each kind of record has (a drill-down narrows only by those). */
export const DRILL_KEYS: Record<RecordKind, ReadonlyArray<keyof DrillFilter>> = {
  risk: ['domainId', 'regionId', 'level', 'packaged'],
  assessment: ['domainId', 'regionId', 'level'],
  meeting: ['meetingType'],
  action: ['unitId', 'supervision'],
};
const DRILL_KEY_NAMES: Record<keyof DrillFilter, string> = { domainId: '领域', regionId: '县区', level: '等级', unitId: '责任单位', packaged: '包案', meetingType: '会议类型', supervision: '督办等级' };

/** A Chinese message when the filter narrows a measure by a breakdown it does not have, else null. */
export function drillFilterProblem(m: Measure, f: DrillFilter): string | null {
  const kind = recordKindOf(m);
  const bad = (Object.keys(f) as Array<keyof DrillFilter>).filter((k) => f[k] !== undefined && !DRILL_KEYS[kind].includes(k));
  return bad.length ? `「${MEASURE_INFO[m].name}」不能按${bad.map((k) => DRILL_KEY_NAMES[k]).join('、')}细分，只能按${DRILL_KEYS[kind].map((k) => DRILL_KEY_NAMES[k]).join('、')}。` : null;
}

export const statsSummaryInput = z.object({ period: periodInput, asOf: isoDate.optional(), compare: z.boolean().default(true), reportId: z.number().int().positive().optional() });
export const statsIssueInput = z.object({ period: periodInput, asOf: isoDate.optional() });
export const statsRecordsInput = z.object({
  period: periodInput,
  asOf: isoDate.optional(),
  measure: z.enum(MEASURES, { message: '没有这个统计项' }),
  filter: drillFilter.default({}),
  reportId: z.number().int().positive().optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export const statsManualInput = z.object({
  period: periodInput,
  measure: z.enum(MANUAL_MEASURES, { message: `只能录入：${MANUAL_MEASURES.join('、')}` }),
  value: z.number().min(0, { message: '百分比不能小于0' }).max(100, { message: '百分比不能大于100' }).nullable(),
  note: z.string().max(200).default(''),
});
