// The meeting (研判会): types, the state machine and what "locked" means.
import { z } from 'zod';
import { isoDate } from './risks.js';
import type { AgendaReason } from './agenda.js';

export const MEETING_TYPES = ['周例会', '专题会', '节点会'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/** What a meeting of each type is called, on documents and on screen alike. */
export const MEETING_TYPE_NAMES: Record<MeetingType, string> = { 周例会: '风险研判会', 专题会: '风险研判专题会', 节点会: '敏感节点风险研判会' };

export function meetingTypeName(type: string): string {
  return MEETING_TYPE_NAMES[type as MeetingType] ?? type;
}

/** 2026年第47次风险研判会: a meeting as documents title it. */
export function meetingTitle(m: { year: number; sessionNo: number; type: string }): string {
  return `${m.year}年第${m.sessionNo}次${meetingTypeName(m.type)}`;
}

/** 2026年第47次风险研判会（2026-11-23）: one meeting named in a list, an export or a message. */
export function meetingDisplayName(m: { year: number; sessionNo: number; type: string; date: string }): string {
  return `${meetingTitle(m)}（${m.date}）`;
}

export const MEETING_STATES = ['筹备', '进行中', '已召开', '纪要拟稿', '已签发', '已归档', '已取消'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

export const MEETING_EVENTS = ['start', 'end', 'draft', 'sign', 'archive', 'reopen', 'cancel'] as const;
export type MeetingEvent = (typeof MEETING_EVENTS)[number];

export const MEETING_EVENT_LABELS: Record<MeetingEvent, string> = {
  start: '开始会议',
  end: '结束会议',
  draft: '拟写纪要',
  sign: '签发纪要',
  archive: '归档',
  reopen: '重新打开',
  cancel: '取消会议',
};

export const MEETING_TRANSITIONS: Record<MeetingState, Partial<Record<MeetingEvent, MeetingState>>> = {
  筹备: { start: '进行中', cancel: '已取消' },
  进行中: { end: '已召开' },
  已召开: { draft: '纪要拟稿' },
  纪要拟稿: { sign: '已签发' },
  已签发: { archive: '已归档', reopen: '纪要拟稿' },
  已归档: { reopen: '纪要拟稿' },
  已取消: {},
};

/** States of a meeting that was not held (cancelled before it started): never counted, never "the last meeting". */
export const NOT_HELD_STATES: readonly MeetingState[] = ['已取消'];
export const NOT_HELD_SQL = NOT_HELD_STATES.map((s) => `'${s}'`).join(', ');

/** Events that may not happen before the meeting's date (the app's today). */
export const NOT_BEFORE_DATE: readonly MeetingEvent[] = ['start', 'end', 'sign'];

/** Who may sign (签发) the minutes: the meeting's leaders — its chair, then those present. */
export function meetingSigners(m: Pick<MeetingRow, 'chair' | 'attendees'>): string[] {
  return [...new Set([m.chair, ...m.attendees].map((x) => x.trim()).filter(Boolean))];
}

/** Signed (签发) minutes lock the meeting: nothing about it changes except by reopening as a new version. */
export function isLocked(state: MeetingState): boolean {
  return state === '已签发' || state === '已归档';
}

export function meetingTransition(from: MeetingState, event: MeetingEvent, reason?: string): { ok: true; to: MeetingState } | { ok: false; message: string } {
  const to = MEETING_TRANSITIONS[from]?.[event];
  if (!to) {
    const allowed = Object.keys(MEETING_TRANSITIONS[from] ?? {}) as MeetingEvent[];
    return { ok: false, message: `会议处于「${from}」状态，不能「${MEETING_EVENT_LABELS[event]}」。当前只能：${allowed.map((e) => MEETING_EVENT_LABELS[e]).join('、') || '无'}。` };
  }
  if (event === 'reopen' && (!reason || reason.trim().length < 2)) {
    return { ok: false, message: '重新打开已签发的会议须写明原因（至少 2 个字），原签发版本将保留可查。' };
  }
  if (event === 'cancel' && (!reason || reason.trim().length < 2)) {
    return { ok: false, message: '取消会议须写明原因（至少 2 个字），会议将以“已取消”留在记录中。' };
  }
  return { ok: true, to };
}

/** Agenda item status: 待议 before discussion, 已议 after, 未议 when the meeting ran out of time (carried over). */
export const AGENDA_STATUSES = ['待议', '已议', '未议'] as const;
export type AgendaStatus = (typeof AGENDA_STATUSES)[number];

export interface MeetingRow {
  id: number;
  year: number;
  sessionNo: number;
  type: MeetingType;
  date: string;
  startTime: string;
  lengthMinutes: number;
  chair: string;
  attendees: string[];
  onLeave: string[];
  observers: string[];
  period: string;
  sensitivePeriod: string;
  minutesNo: string;
  reportNo: string;
  minutesText: string;
  minutesVersion: number;
  state: MeetingState;
  locked: boolean;
  /** Why a 已取消 meeting was cancelled ('' otherwise). */
  cancelReason: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  agendaCount: number;
}

export interface AgendaItemRow {
  id: number;
  meetingId: number;
  riskId: number;
  riskCode: string;
  riskTitle: string;
  riskLevel: number | null;
  riskStatus: string;
  region: string;
  domain: string;
  position: number;
  minutes: number;
  reasons: AgendaReason[];
  status: AgendaStatus;
  note: string;
}

export interface MinutesVersion {
  versionNo: number;
  text: string;
  signedAt: string;
  signedBy: string;
  reopenedAt: string | null;
  reopenedBy: string | null;
  reopenReason: string | null;
}

export interface MeetingDetail {
  meeting: MeetingRow;
  agenda: AgendaItemRow[];
  minutesVersions: MinutesVersion[];
  previous: { id: number; date: string; sessionNo: number; type: MeetingType } | null;
}

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
