// Action items (交办事项): the state machine, 临期/超期 and the supervision ladder (督办等级).
// Pure: the handlers join these with the stored rows; 临期/超期 and the ladder are computed on read,
// never stored, so they are always right for the asOf they are asked about.
import { daysBetween, type IsoDate } from './dates.js';
import { nextWorkingDayOnOrAfter, workingDaysBetween, type WorkCalendar } from './calendar.js';
import { REGISTER_DECIDERS, type Role } from './roles.js';

export const ACTION_STATES = ['已交办', '已签收', '办理中', '已反馈', '办结', '退回重办'] as const;
export type ActionState = (typeof ACTION_STATES)[number];
export const OPEN_ACTION_STATES: readonly ActionState[] = ['已交办', '已签收', '办理中', '已反馈', '退回重办'];

/** What can happen to an action. feedback = the unit's 办理结果 report (progress notes do not move the state). */
export const ACTION_EVENTS = ['sign', 'start', 'feedback', 'approve', 'return', 'restart'] as const;
export type ActionEvent = (typeof ACTION_EVENTS)[number];

export const ACTION_EVENT_LABELS: Record<ActionEvent, string> = {
  sign: '签收',
  start: '开始办理',
  feedback: '报送办理结果',
  approve: '审核办结',
  return: '退回重办',
  restart: '重新办理',
};

/**
 * Who may take each step. 审核办结 is the 领导's decision (issue 16: 领导 "approves extensions and
 * 办结"); a 研判员 records the rest (签收、报送、退回 …) as the units report them. The contract's
 * actions.transition asks this before its input is validated; the drawer disables what it refuses.
 */
export const ACTION_EVENT_ROLES: Record<ActionEvent, readonly Role[]> = {
  sign: REGISTER_DECIDERS,
  start: REGISTER_DECIDERS,
  feedback: REGISTER_DECIDERS,
  approve: ['领导'],
  return: REGISTER_DECIDERS,
  restart: REGISTER_DECIDERS,
};

/** Who approves or refuses an extension (延期): the 领导. */
export const EXTENSION_DECIDERS = ['领导'] as const satisfies readonly Role[];
export const EXTENSION_DECIDERS_NOTE = `须由${EXTENSION_DECIDERS.join('或')}审批延期`;

/** Why `role` may not take this step ("须由领导审核办结"), or null when it may. Unknown events are left to the schema. */
export function actionEventRoleNote(event: unknown, role: Role): string | null {
  if (typeof event !== 'string' || !Object.hasOwn(ACTION_EVENT_ROLES, event)) return null;
  const roles = ACTION_EVENT_ROLES[event as ActionEvent];
  return roles.includes(role) ? null : `须由${roles.join('或')}${ACTION_EVENT_LABELS[event as ActionEvent]}`;
}

/** The only allowed moves. Anything not here is refused with a message saying what is possible. */
export const ACTION_TRANSITIONS: Record<ActionState, Partial<Record<ActionEvent, ActionState>>> = {
  已交办: { sign: '已签收' },
  已签收: { start: '办理中', feedback: '已反馈' },
  办理中: { feedback: '已反馈' },
  已反馈: { approve: '办结', return: '退回重办' },
  退回重办: { restart: '办理中', feedback: '已反馈' },
  办结: {},
};

export type TransitionResult = { ok: true; to: ActionState } | { ok: false; message: string };

export function actionTransition(from: ActionState, event: ActionEvent, reason?: string): TransitionResult {
  const to = ACTION_TRANSITIONS[from]?.[event];
  if (!to) {
    const allowed = Object.keys(ACTION_TRANSITIONS[from] ?? {}) as ActionEvent[];
    const hint = allowed.length ? `当前只能：${allowed.map((e) => ACTION_EVENT_LABELS[e]).join('、')}` : '该事项已办结，不能再变更；如需继续办理，请新建交办';
    return { ok: false, message: `交办事项处于「${from}」状态，不能「${ACTION_EVENT_LABELS[event]}」。${hint}。` };
  }
  if (event === 'return' && (!reason || reason.trim().length < 2)) {
    return { ok: false, message: '退回重办须写明退回原因（至少 2 个字），以便责任单位据此整改。' };
  }
  return { ok: true, to };
}

export const SUPERVISION_LEVELS = ['提醒', '催办', '督办单', '挂牌督办', '通报'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];

/** Default ladder (DOMAIN.md); every number is editable in the app. */
export interface SupervisionSettings {
  /** 提醒 (临期) when the due date is this many days away or fewer. */
  remindDays: number;
  /** 督办单 when overdue by more than this many days. */
  sheetAfter: number;
  /** 挂牌督办 when overdue by more than this. */
  listedAfter: number;
  /** 通报 when overdue by more than this. */
  notifyAfter: number;
  /** Count overdue days in calendar days or in working days. */
  countIn: 'calendar' | 'working';
}

export const DEFAULT_SUPERVISION: SupervisionSettings = { remindDays: 3, sheetAfter: 7, listedAfter: 15, notifyAfter: 30, countIn: 'calendar' };

export interface DueStatus {
  /** 正常 / 临期 / 超期 / 已办结. */
  status: '正常' | '临期' | '超期' | '已办结';
  /** The effective due date: a due date on a day off moves to the next working day. */
  effectiveDue: IsoDate;
  /** Days left (>= 0) before the effective due date, when not overdue. */
  daysLeft: number | null;
  /** Days overdue (> 0) when overdue, counted as settings.countIn says. */
  overdueDays: number;
  level: SupervisionLevel | null;
}

/**
 * 临期/超期 and the supervision level of one action on asOf. Overdue starts the day after the
 * effective due date. A closed action (办结) has no level, however late it was.
 */
export function dueStatus(a: { state: ActionState; dueAt: IsoDate }, asOf: IsoDate, s: SupervisionSettings, cal: WorkCalendar): DueStatus {
  const effectiveDue = nextWorkingDayOnOrAfter(a.dueAt, cal);
  if (a.state === '办结') return { status: '已办结', effectiveDue, daysLeft: null, overdueDays: 0, level: null };
  if (asOf <= effectiveDue) {
    const daysLeft = daysBetween(asOf, effectiveDue);
    const soon = daysLeft <= s.remindDays;
    return { status: soon ? '临期' : '正常', effectiveDue, daysLeft, overdueDays: 0, level: soon ? '提醒' : null };
  }
  const overdueDays = s.countIn === 'working' ? Math.max(1, workingDaysBetween(effectiveDue, asOf, cal)) : daysBetween(effectiveDue, asOf);
  return { status: '超期', effectiveDue, daysLeft: null, overdueDays, level: ladder(overdueDays, s) };
}

function ladder(overdueDays: number, s: SupervisionSettings): SupervisionLevel {
  if (overdueDays > s.notifyAfter) return '通报';
  if (overdueDays > s.listedAfter) return '挂牌督办';
  if (overdueDays > s.sheetAfter) return '督办单';
  return '催办';
}

/** Checks a settings edit; returns a Chinese message or null. */
export function checkSupervisionSettings(s: SupervisionSettings): string | null {
  if (!(s.sheetAfter < s.listedAfter && s.listedAfter < s.notifyAfter)) {
    return '督办阶梯的天数须逐级增大：督办单 < 挂牌督办 < 通报。';
  }
  return null;
}

/**
 * 按期办结率 of a unit: closed on or before the effective due date, over all actions whose due
 * date has passed or that are closed. Open items not yet due are not counted either way.
 */
export function onTimeRate(rows: Array<{ state: ActionState; dueAt: IsoDate; closedOn: IsoDate | null }>, asOf: IsoDate, cal: WorkCalendar): { onTime: number; counted: number; rate: number | null } {
  let onTime = 0;
  let counted = 0;
  for (const r of rows) {
    const due = nextWorkingDayOnOrAfter(r.dueAt, cal);
    if (r.state === '办结' && r.closedOn) {
      counted++;
      if (r.closedOn <= due) onTime++;
    } else if (asOf > due) counted++;
  }
  return { onTime, counted, rate: counted ? onTime / counted : null };
}
