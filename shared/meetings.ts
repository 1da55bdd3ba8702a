// The meeting (研判会): the requests' schemas, and (re-exported from shared/meetingRules.ts) its
// types, the state machine and what "locked" means.
import { z } from 'zod';
import { isoDate } from './risks.js';
import { AGENDA_STATUSES, MEETING_EVENTS, MEETING_TYPES, type MeetingType } from './meetingRules.js';

export * from './meetingRules.js';

const id = z.number({ message: '应为数字编号' }).int().positive();
const version = z.number({ message: '缺少版本号' }).int().positive();
const names = z.array(z.string().trim().min(1).max(30, { message: '姓名不能超过30个字' })).max(60, { message: '最多 60 人' });
const text = (max: number) => z.string().trim().max(max, { message: `不能超过${max}个字` });

export const meetingFields = z.object({
  type: z.enum(MEETING_TYPES, { message: `只能是：${MEETING_TYPES.join('、')}` }),
  date: isoDate,
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间格式应为 HH:MM，例如 09:00' }),
  lengthMinutes: z.number({ message: '应为分钟数' }).int().min(10, { message: '会议时长至少 10 分钟' }).max(600, { message: '会议时长不能超过 600 分钟' }),
  chair: text(30),
  attendees: names,
  onLeave: names,
  observers: names,
  period: text(60),
  sensitivePeriod: text(60),
  minutesNo: text(30),
  reportNo: text(30),
});

/** allowDuplicate: create even though a meeting of the same type is on that date (the user saw the warning). */
export const meetingCreateInput = meetingFields.partial().extend({ asOf: isoDate.optional(), allowDuplicate: z.boolean().optional() });
export const meetingUpdateInput = z.object({ id, version, patch: meetingFields.partial().refine((p) => Object.keys(p).length > 0, { message: '没有要修改的字段' }) });
export const meetingListInput = z.object({ year: z.number().int().min(2000).max(2100).optional(), limit: z.number().int().min(1).max(500).default(100) });
export const meetingGetInput = z.object({ id });
/** signer: the 签发人 for 'sign', one of meetingSigners(); without it the caller (the operator) is recorded. */
export const meetingTransitionInput = z.object({ id, version, event: z.enum(MEETING_EVENTS, { message: '不支持的操作' }), reason: text(500).optional(), signer: z.string().trim().min(1).max(30).optional() });
export const minutesSaveInput = z.object({ id, version, text: z.string().max(100_000, { message: '纪要不能超过100000字' }) });
export const meetingDefaultsInput = z.object({ asOf: isoDate.optional(), type: z.enum(MEETING_TYPES).optional() });

export const agendaAddInput = z.object({ meetingId: id, version, riskIds: z.array(id).min(1, { message: '请至少选择一条风险事项' }).max(500), minutes: z.number().int().min(1).max(120).optional() });
export const agendaRemoveInput = z.object({ meetingId: id, version, itemId: id });
export const agendaReorderInput = z.object({ meetingId: id, version, itemIds: z.array(id).max(2000) });
export const agendaSetInput = z.object({
  meetingId: id,
  version,
  itemId: id,
  minutes: z.number({ message: '应为分钟数' }).int().min(1, { message: '每项至少 1 分钟' }).max(120, { message: '每项不能超过 120 分钟' }).optional(),
  status: z.enum(AGENDA_STATUSES).optional(),
  note: text(500).optional(),
});
export const agendaProposeInput = z.object({ meetingId: id, asOf: isoDate.optional() });
export const agendaApplyInput = z.object({ meetingId: id, version, asOf: isoDate.optional(), replace: z.boolean().default(false) });

export interface MeetingDefaults {
  type: MeetingType;
  date: string;
  year: number;
  sessionNo: number;
  lengthMinutes: number;
  startTime: string;
  chair: string;
  attendees: string[];
  period: string;
}
