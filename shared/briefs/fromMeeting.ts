// Maps what a meeting recorded (meeting row, agenda, runner drafts, signed minutes, actions) to the
// inputs of the pure document builders in ./meeting.ts and the decisions the 专报 quotes. Pure: the
// rows come from db/briefData.ts. A signed (已签发/已归档) meeting prints its locked minutes text,
// never the live drafts, so paper and the signed record agree.
import { chineseDate, yearOf } from '../dates.js';
import { AGENDA_REASON_LABELS } from '../agenda.js';
import { meetingTitle, meetingTypeName, type AgendaItemRow, type MeetingRow } from '../meetings.js';
import type { SupervisionLevel } from '../actions.js';
import type { AgendaInput, AssignmentSheetsInput, MinutesInput, SupervisionInput } from './meeting.js';

export interface BriefAction {
  code: string;
  content: string;
  leadUnit: string;
  coUnits: string[];
  leadLeader: string;
  contact: string;
  issuedAt: string;
  dueAt: string;
  feedbackCycle: string;
  state: string;
  riskCodes: string[];
}

export interface MeetingBriefData {
  meeting: MeetingRow;
  agenda: Array<AgendaItemRow & { leadUnit: string }>;
  drafts: Array<{ riskId: number; field: string; text: string }>;
  actions: BriefAction[];
  /** The latest signed minutes version (text and when), when the meeting is locked. */
  signed: { text: string; signedAt: string } | null;
}

/** Where the decisions come from: the signed text, the minutes being drafted, or the runner's notes. */
export type DecisionSource = '已签发纪要' | '纪要草稿' | '会中记录';

export function decisionSource(d: MeetingBriefData): DecisionSource {
  if (d.meeting.locked && d.signed) return '已签发纪要';
  return d.meeting.minutesText.trim() ? '纪要草稿' : '会中记录';
}

// How a meeting is named is shared/meetings.ts's (meetingTitle); re-exported for the brief handlers.
export { meetingTitle };

/** 纪要期号: the number written in minutesNo (e.g. "12" or "第12期"), else the session number. */
export function minutesNumber(m: Pick<MeetingRow, 'minutesNo' | 'sessionNo'>): number {
  const n = /\d+/.exec(m.minutesNo)?.[0];
  return n ? Number(n) : m.sessionNo;
}

const NUMBERED = /^\s*(\d+)[.．、]\s*(.*)$/;

/**
 * The decisions in a minutes text as written by shared/minutes.ts (and then edited by hand):
 * the numbered lines of the section "一、研判事项" up to the next Chinese-numbered section.
 * A numbered line that starts with an agenda item's code gets that item's title; unnumbered lines
 * continue the previous decision. A text without that section is printed whole, as one decision.
 */
export function decisionsFromText(text: string, agenda: Array<Pick<AgendaItemRow, 'riskCode' | 'riskTitle'>>): { title: string; text: string }[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const start = lines.findIndex((l) => /^[一二三四五六七八九十]+、\s*研判事项/.test(l));
  if (start < 0) {
    const body = lines.slice(1).filter((l) => l && !/^(出席|请假|列席)[：:]/.test(l));
    return body.length ? [{ title: '会议议定事项', text: body.join('') }] : [];
  }
  const out: { title: string; text: string }[] = [];
  for (const l of lines.slice(start + 1)) {
    if (/^[一二三四五六七八九十]+、/.test(l)) break;
    if (!l) continue;
    const m = NUMBERED.exec(l);
    if (m) {
      const body = m[2];
      const item = agenda.find((a) => body.startsWith(a.riskCode));
      if (item) {
        let rest = body.slice(item.riskCode.length).trim();
        if (rest.startsWith(item.riskTitle)) rest = rest.slice(item.riskTitle.length).replace(/^[。，：:\s]+/, '');
        out.push({ title: `${item.riskTitle}（${item.riskCode}）`, text: rest || '（未记录研判意见）' });
      } else out.push({ title: body.slice(0, 20), text: body });
    } else if (/^以下事项/.test(l)) out.push({ title: '转下次会议研判的事项', text: l });
    else if (out.length) out[out.length - 1].text += l;
    else out.push({ title: '研判事项', text: l });
  }
  return out;
}

/** Decisions from the runner's notes, one per agenda item discussed (not 未议). */
export function decisionsFromDrafts(d: MeetingBriefData): { title: string; text: string }[] {
  const draft = (riskId: number, field: string) => d.drafts.find((x) => x.riskId === riskId && x.field === field)?.text.trim() ?? '';
  return d.agenda
    .filter((a) => a.status !== '未议')
    .map((a) => {
      const analysis = draft(a.riskId, 'analysis');
      const counter = draft(a.riskId, 'countermeasures');
      const text = [analysis, counter ? `对策建议：${counter}` : ''].filter(Boolean).join('');
      return { title: `${a.riskTitle}（${a.riskCode}）`, text: text || '（未记录研判意见）' };
    });
}

export function meetingDecisions(d: MeetingBriefData): { title: string; text: string }[] {
  const src = decisionSource(d);
  if (src === '已签发纪要') return decisionsFromText(d.signed!.text, d.agenda);
  if (src === '纪要草稿') return decisionsFromText(d.meeting.minutesText, d.agenda);
  return decisionsFromDrafts(d);
}

/** The decision's words per risk code (the signed 纪要 line for a locked meeting), for the 专报's 二. */
export function decisionWordsByCode(d: MeetingBriefData): Map<string, string> {
  const out = new Map<string, string>();
  for (const dec of meetingDecisions(d)) {
    const code = /（([^（）]+)）$/.exec(dec.title)?.[1];
    if (code && d.agenda.some((a) => a.riskCode === code)) out.set(code, dec.text);
  }
  return out;
}

/**
 * 纪要 input: the signed text when the meeting is locked, else the draft being edited, else the
 * draft the record gives (`recordDraft`, shared/minutes.ts). Printed as written (buildMinutes).
 */
export function toMinutesInput(d: MeetingBriefData, organ: string, asOf: string, cc: string | undefined, recordDraft: string): MinutesInput {
  const m = d.meeting;
  const signed = m.locked && d.signed ? d.signed : null;
  return {
    organ,
    minutesNo: minutesNumber(m),
    year: m.year,
    text: signed ? signed.text : m.minutesText.trim() ? m.minutesText : recordDraft,
    draft: !signed,
    issueDate: signed ? signed.signedAt : asOf,
    cc,
    // A 纪要期号 written in full ("2026年第12期") is printed as written; a bare number gets the year.
    masthead: { issue: /年/.test(m.minutesNo) ? m.minutesNo.trim() : `${m.year}年第${minutesNumber(m)}期` },
  };
}

/** 交办单: one sheet per lead unit, units in the order of their first action's code. */
export function toAssignmentInput(d: MeetingBriefData, organ: string): AssignmentSheetsInput {
  const units = new Map<string, AssignmentSheetsInput['units'][number]>();
  for (const a of d.actions) {
    let u = units.get(a.leadUnit);
    if (!u) units.set(a.leadUnit, (u = { leadUnit: a.leadUnit, items: [] }));
    if (!u.contact && a.contact) u.contact = a.contact;
    u.items.push({ code: a.code, riskCodes: a.riskCodes, content: a.content, coUnits: a.coUnits, leadLeader: a.leadLeader || '—', issuedAt: a.issuedAt, dueAt: a.dueAt, feedbackCycle: a.feedbackCycle });
  }
  const issued = d.actions.map((a) => a.issuedAt).sort()[0] ?? d.meeting.date;
  return { organ, meetingTitle: meetingTitle(d.meeting), issuedAt: issued, units: [...units.values()] };
}

export interface OverdueAction extends BriefAction {
  overdueDays: number;
  level: SupervisionLevel;
  lastFeedback?: string;
}

/** 督办单 over the overdue actions (the ladder was applied by the caller with the settings and calendar). */
/** 督办单文号: 督办〔2026〕3号 from the per-year sequence (db/briefNumbers.ts); a preview has none yet. */
export function supervisionSheetNo(n: { year: number; no: number } | null, asOf: string): string {
  return n ? `督办〔${n.year}〕${n.no}号` : `督办〔${yearOf(asOf)}〕（预览，未编号）`;
}

export function toSupervisionInput(items: OverdueAction[], organ: string, asOf: string, sheetNo: string): SupervisionInput {
  return {
    organ,
    asOf,
    sheetNo,
    items: items.map((a) => ({ code: a.code, content: a.content, leadUnit: a.leadUnit, dueAt: a.dueAt, overdueDays: a.overdueDays, level: a.level, lastFeedback: a.lastFeedback })),
  };
}

export function toAgendaInput(d: MeetingBriefData, organ: string): AgendaInput {
  const m = d.meeting;
  const people = [...m.attendees, ...m.observers.map((o) => `${o}（列席）`)];
  return {
    organ,
    year: m.year,
    sessionNo: m.sessionNo,
    typeName: meetingTypeName(m.type),
    meetingDate: m.date,
    time: m.startTime,
    place: '',
    chair: m.chair || '（主持人）',
    attendees: people.join('、') || '（待定）',
    items: d.agenda.map((a) => ({
      title: a.riskTitle,
      presenter: a.leadUnit || '—',
      minutes: a.minutes,
      riskCodes: [a.riskCode],
      reasons: a.reasons.map((r) => r.detail || AGENDA_REASON_LABELS[r.kind]),
    })),
  };
}

/** The meeting as a short label for pickers and messages. */
export function meetingPickLabel(m: Pick<MeetingRow, 'year' | 'sessionNo' | 'type' | 'date' | 'state'>): string {
  return `${meetingTitle(m)}（${chineseDate(m.date)}，${m.state}）`;
}
