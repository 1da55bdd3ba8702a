// Agenda proposal (议程建议): which risks Monday's meeting should take up, and why.
// Pure: the db layer hands in plain rows (already narrowed by SQL to possible candidates);
// the same input always gives the same agenda, so the rules are table-tested.
//
// Extension point: reasons that need assessments (level raised, due for review, sensitive period
// within N days) plug in as `providers` — functions from a risk to a reason or null — so the
// grading work adds them without touching the rules below.
import type { IsoDate } from './dates.js';
import type { ActionState } from './actions.js';
import { isClosedStatus } from './risks.js';

export const AGENDA_REASON_KINDS = ['carried', 'rebound', 'actionOverdue', 'actionReturned', 'new', 'levelRaised', 'dueForReview', 'sensitivePeriod', 'manual'] as const;
export type AgendaReasonKind = (typeof AGENDA_REASON_KINDS)[number];

export const AGENDA_REASON_LABELS: Record<AgendaReasonKind, string> = {
  carried: '上次未议结',
  rebound: '反弹',
  actionOverdue: '交办超期',
  actionReturned: '交办退回重办',
  new: '新增事项',
  levelRaised: '等级上升',
  dueForReview: '到期研判',
  sensitivePeriod: '敏感节点临近',
  manual: '人工添加',
};

/** Lower = discussed earlier among items of the same level. */
export const REASON_PRIORITY: Record<AgendaReasonKind, number> = {
  rebound: 1, levelRaised: 2, actionOverdue: 3, actionReturned: 4, sensitivePeriod: 5, carried: 6, new: 7, dueForReview: 8, manual: 9,
};

export interface AgendaReason {
  kind: AgendaReasonKind;
  /** A short Chinese explanation shown beside the item, e.g. "交办 JB-2026-014 超期 9 天". */
  detail: string;
}

export interface AgendaRisk {
  id: number;
  code: string;
  level: number | null;
  status: string;
  /** Shanghai calendar date the risk entered the register. */
  createdOn: IsoDate;
  deleted: boolean;
}

export interface AgendaAction {
  id: number;
  code: string;
  riskIds: number[];
  meetingId: number | null;
  state: ActionState;
  /** Effective due date (after holiday shift). */
  effectiveDue: IsoDate;
}

export interface LastMeeting {
  id: number;
  date: IsoDate;
  /** Its agenda items; anything not 已议 is carried over. */
  items: Array<{ riskId: number; status: string }>;
}

export type ReasonProvider = (risk: AgendaRisk, asOf: IsoDate) => AgendaReason | null;

export interface AgendaInput {
  asOf: IsoDate;
  risks: AgendaRisk[];
  actions: AgendaAction[];
  lastMeeting: LastMeeting | null;
  /** Reasons computed elsewhere (assessments); see the header comment. */
  providers?: ReasonProvider[];
}

export interface ProposedItem {
  riskId: number;
  code: string;
  level: number | null;
  reasons: AgendaReason[];
}

export function proposeAgenda(input: AgendaInput): ProposedItem[] {
  const byRisk = new Map<number, AgendaReason[]>();
  const risks = new Map(input.risks.map((r) => [r.id, r]));
  const add = (riskId: number, reason: AgendaReason) => {
    const risk = risks.get(riskId);
    if (!risk || risk.deleted) return;
    const list = byRisk.get(riskId) ?? [];
    if (!list.some((x) => x.kind === reason.kind)) list.push(reason);
    else if (reason.kind === 'actionOverdue' || reason.kind === 'actionReturned') {
      const i = list.findIndex((x) => x.kind === reason.kind);
      list[i] = { kind: reason.kind, detail: list[i].detail + '；' + reason.detail };
    }
    byRisk.set(riskId, list);
  };
  const last = input.lastMeeting;

  for (const r of input.risks) {
    if (r.deleted) continue;
    if (r.status === '反弹') add(r.id, { kind: 'rebound', detail: '已化解事项再次反弹' });
    // "New since the last meeting": entered the register after that meeting's date (on or before asOf).
    if (!isClosedStatus(r.status) && (last ? r.createdOn > last.date : true) && r.createdOn <= input.asOf) {
      add(r.id, { kind: 'new', detail: last ? `上次会议（${last.date}）后新增` : '新增事项' });
    }
    for (const p of input.providers ?? []) {
      const reason = p(r, input.asOf);
      if (reason && !isClosedStatus(r.status)) add(r.id, reason);
    }
  }

  for (const a of input.actions) {
    if (a.state === '办结') continue;
    const overdue = input.asOf > a.effectiveDue;
    for (const riskId of a.riskIds) {
      if (overdue) add(riskId, { kind: 'actionOverdue', detail: `交办${a.code}已超期（时限${a.effectiveDue}）` });
      if (a.state === '退回重办') add(riskId, { kind: 'actionReturned', detail: `交办${a.code}被退回重办` });
      // Open actions from the last meeting carry their risks over (4minitz's "open actions" rule).
      if (last && a.meetingId === last.id) add(riskId, { kind: 'carried', detail: `上次会议交办${a.code}尚未办结` });
    }
  }

  if (last) {
    for (const it of last.items) {
      const risk = risks.get(it.riskId);
      if (it.status !== '已议' && risk && !isClosedStatus(risk.status)) add(it.riskId, { kind: 'carried', detail: '上次会议未议结' });
    }
  }

  const out: ProposedItem[] = [];
  for (const [riskId, reasons] of byRisk) {
    const r = risks.get(riskId)!;
    reasons.sort((a, b) => REASON_PRIORITY[a.kind] - REASON_PRIORITY[b.kind]);
    out.push({ riskId, code: r.code, level: r.level, reasons });
  }
  return out.sort(compareProposed);
}

/** Level first (重大 first, 未定级 last), then the most pressing reason, then the register code. */
export function compareProposed(a: ProposedItem, b: ProposedItem): number {
  const la = a.level ?? 9;
  const lb = b.level ?? 9;
  if (la !== lb) return la - lb;
  const pa = REASON_PRIORITY[a.reasons[0].kind];
  const pb = REASON_PRIORITY[b.reasons[0].kind];
  if (pa !== pb) return pa - pb;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}
