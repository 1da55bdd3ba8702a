// The meeting (研判会): types, the state machine and what "locked" means. No zod here (the
// requests' schemas are in shared/meetings.ts, which re-exports all of this): pages that only name
// meetings or read their state do not bring zod to their first screen.
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
