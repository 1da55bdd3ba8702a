// Queries behind the printed documents that come from meetings: one meeting's record (agenda,
// drafts, signed minutes, actions) and the overdue actions for the 督办单. The 专报's measures are
// db/briefWeekly.ts.
import type { Db } from './open.js';
import { getMeeting } from './meetings.js';
import { listAgenda } from './agenda.js';
import { listDrafts } from './drafts.js';
import { readCtx } from './actions.js';
import { AppError } from '../shared/errors.js';
import { dueStatus, type ActionState } from '../shared/actions.js';
import { shanghaiDate } from '../shared/dates.js';
import type { BriefAction, MeetingBriefData, OverdueAction } from '../shared/briefs/fromMeeting.js';

type DbRow = Record<string, unknown>;

const ACTION_SELECT = `SELECT a.code, a.content, a.lead_unit, a.co_units, a.lead_leader, a.contact, a.issued_at, a.due_at, a.feedback_cycle, a.state,
  (SELECT json_group_array(r.code) FROM (SELECT r.code FROM action_risks ar JOIN risks r ON r.id = ar.risk_id WHERE ar.action_id = a.id ORDER BY r.code) r) AS risk_codes
  FROM actions a`;

function rowToBriefAction(r: DbRow): BriefAction {
  return {
    code: r.code as string,
    content: r.content as string,
    leadUnit: r.lead_unit as string,
    coUnits: JSON.parse(r.co_units as string) as string[],
    leadLeader: r.lead_leader as string,
    contact: r.contact as string,
    issuedAt: r.issued_at as string,
    dueAt: r.due_at as string,
    feedbackCycle: r.feedback_cycle as string,
    state: r.state as string,
    riskCodes: JSON.parse(r.risk_codes as string) as string[],
  };
}

/** The most recent meeting (by date, then id), or null on a database without meetings. */
export function latestMeetingId(db: Db): number | null {
  return (db.prepare('SELECT id FROM meetings ORDER BY date DESC, id DESC LIMIT 1').pluck().get() as number | undefined) ?? null;
}

export function meetingBriefData(db: Db, meetingId: number): MeetingBriefData {
  const meeting = getMeeting(db, meetingId);
  const agendaRows = listAgenda(db, meetingId);
  const units = new Map(
    (db.prepare('SELECT r.id, r.lead_unit FROM agenda_items a JOIN risks r ON r.id = a.risk_id WHERE a.meeting_id = ?').all(meetingId) as DbRow[]).map((r) => [r.id as number, r.lead_unit as string]),
  );
  const signedRow = meeting.locked
    ? (db.prepare('SELECT text, signed_at FROM meeting_minutes_versions WHERE meeting_id = ? ORDER BY version_no DESC LIMIT 1').get(meetingId) as DbRow | undefined)
    : undefined;
  return {
    meeting,
    agenda: agendaRows.map((a) => ({ ...a, leadUnit: units.get(a.riskId) ?? '' })),
    drafts: listDrafts(db, meetingId).filter((d) => d.field !== 'cursor'),
    actions: (db.prepare(`${ACTION_SELECT} WHERE a.meeting_id = ? ORDER BY a.code`).all(meetingId) as DbRow[]).map(rowToBriefAction),
    signed: signedRow ? { text: signedRow.text as string, signedAt: shanghaiDate(signedRow.signed_at as string) } : null,
  };
}

/**
 * Open actions overdue on asOf with their supervision level (ladder from settings, calendar for
 * days off). SQL keeps only open actions whose stored due date has passed (a superset: a due date
 * on a day off only moves later), the pure rule decides.
 */
export function overdueActions(db: Db, asOf: string): OverdueAction[] {
  const rc = readCtx(db, asOf);
  const rows = db.prepare(`${ACTION_SELECT} WHERE a.state <> '办结' AND a.due_at < ? ORDER BY a.due_at, a.code`).all(asOf) as DbRow[];
  const lastFeedback = db.prepare("SELECT text FROM action_feedback WHERE action_id = (SELECT id FROM actions WHERE code = ?) AND kind IN ('进展','办理结果') ORDER BY id DESC LIMIT 1").pluck();
  const out: OverdueAction[] = [];
  for (const r of rows) {
    const a = rowToBriefAction(r);
    const due = dueStatus({ state: a.state as ActionState, dueAt: a.dueAt }, asOf, rc.sup, rc.cal);
    if (due.status !== '超期' || !due.level) continue;
    out.push({ ...a, overdueDays: due.overdueDays, level: due.level, lastFeedback: (lastFeedback.get(a.code) as string | undefined) ?? undefined });
  }
  return out;
}

/** Refuses a meeting document when there is no meeting to print. */
export function requireMeetingId(db: Db, id: number | undefined, docName: string): number {
  const found = id ?? latestMeetingId(db);
  if (!found) throw new AppError('INVALID_INPUT', `还没有研判会，不能生成${docName}。请先在“研判会”中新建会议并安排议程；也可以预览样张。`);
  return found;
}
