// The agenda reasons that need the grading record, registered in db/agenda.ts `agendaProviders`.
// Each loads its candidates (so SQL, not a scan of the register in JS, narrows them) and the few
// rows its pure rule in shared/agendaReasons.ts needs.
import type { Db } from './open.js';
import { listEvents } from './events.js';
import { listPeriods } from './periods.js';
import { currentRuleSet } from './rulesets.js';
import { addDays } from '../shared/dates.js';
import { escalationTrigger } from '../shared/grading.js';
import { CLOSED_STATUSES_SQL } from '../shared/risks.js';
import { dueForReviewReason, levelRaisedReason, sensitivePeriodReason, upcomingPeriod } from '../shared/agendaReasons.js';
import type { LastMeeting, ReasonProvider } from '../shared/agenda.js';
import type { MeetingRow } from '../shared/meetings.js';
import type { MondayDashboard } from '../shared/contract/meetings.js';

export interface AgendaProviderContext {
  meeting: Pick<MeetingRow, 'id' | 'date'>;
  lastMeeting: LastMeeting | null;
}
export interface AgendaProvider {
  /** Risks this reason may apply to (added to the agenda's candidate rows). */
  candidates: number[];
  reason: ReasonProvider;
}
export type AgendaProviderFactory = (db: Db, c: AgendaProviderContext) => AgendaProvider;


/** The risks assessed after a date, up to another (a week's rows, through assessments_by_date, 0016). */
export const LEVEL_RAISED_CANDIDATES = 'SELECT DISTINCT risk_id FROM assessments WHERE assessed_on > ? AND assessed_on <= ?';

/** 等级上升: the latest assessment up to the meeting is more serious than the one in force at the last meeting (or a week before, for the first meeting). */
export const levelRaisedProvider: AgendaProviderFactory = (db, { meeting, lastMeeting }) => {
  const since = lastMeeting?.date ?? addDays(meeting.date, -7);
  const ids = db.prepare(LEVEL_RAISED_CANDIDATES).pluck().all(since, meeting.date) as number[];
  const levelAt = db.prepare('SELECT final_level FROM assessments WHERE risk_id = ? AND assessed_on <= ? ORDER BY assessed_on DESC, id DESC LIMIT 1').pluck();
  const reasons = new Map<number, ReturnType<ReasonProvider>>();
  for (const id of ids) {
    const before = (levelAt.get(id, since) as number | undefined) ?? null;
    const now = (levelAt.get(id, meeting.date) as number | undefined) ?? null;
    reasons.set(id, levelRaisedReason(before, now, since));
  }
  return { candidates: ids, reason: (r) => reasons.get(r.id) ?? null };
};

/** Open risks (columns of `risks`, unqualified) whose next review (下次研判) falls on or before `date` (a bound parameter). */
export const dueForReviewSql = (date = '?') => `deleted_at IS NULL AND next_review <= ${date} AND status NOT IN ${CLOSED_STATUSES_SQL}`;
const DUE_FOR_REVIEW = dueForReviewSql();

/** 到期研判: next review on or before the meeting date. */
export const dueForReviewProvider: AgendaProviderFactory = (db, { meeting }) => {
  const rows = db.prepare(`SELECT id, next_review FROM risks WHERE ${DUE_FOR_REVIEW}`).raw().all(meeting.date) as Array<[number, string]>;
  const due = new Map(rows);
  return { candidates: rows.map((r) => r[0]), reason: (r) => dueForReviewReason(due.get(r.id) ?? null, meeting.date) };
};

/** 敏感节点临近: an escalation period within the rule set's window, for risks with 进京赴省/集访 signs. */
export const sensitivePeriodProvider: AgendaProviderFactory = (db, { meeting }) => {
  const rules = currentRuleSet(db).config;
  const periods = listPeriods(db);
  const days = rules.escalationDaysBefore;
  if (!upcomingPeriod(periods, meeting.date, days)) return { candidates: [], reason: () => null };
  const ids = db.prepare("SELECT DISTINCT risk_id FROM risk_events WHERE deleted_at IS NULL AND kind IN ('进京', '赴省', '到市集访') AND occurred_on <= ?").pluck().all(meeting.date) as number[];
  const reasons = new Map<number, ReturnType<ReasonProvider>>();
  for (const id of ids) reasons.set(id, sensitivePeriodReason(periods, meeting.date, days, escalationTrigger(listEvents(db, id), meeting.date, rules)));
  const hit = ids.filter((id) => reasons.get(id));
  return { candidates: hit, reason: (r) => reasons.get(r.id) ?? null };
};

/** 我的周一's 到期研判 list: the first `limit` risks due for review by `upTo` (most serious first) and how many there are. */
/** 我的周一's list (most serious first) and count of the risks due for review by a date; read through risks_open_by_review (0012). */
export const DUE_FOR_REVIEW_QUERIES = {
  rows: `SELECT id, code, title, level, next_review FROM risks WHERE ${DUE_FOR_REVIEW} ORDER BY coalesce(level, 9), next_review, code LIMIT ?`,
  count: `SELECT COUNT(*) FROM risks WHERE ${DUE_FOR_REVIEW}`,
};

export function risksDueForReview(db: Db, upTo: string, limit: number): { rows: NonNullable<MondayDashboard['dueForReview']>; total: number } {
  const rows = (db.prepare(DUE_FOR_REVIEW_QUERIES.rows).all(upTo, limit) as Array<Record<string, unknown>>).map((r) => ({
    riskId: r.id as number, code: r.code as string, title: r.title as string, level: (r.level as number | null) ?? null, nextReview: r.next_review as string,
  }));
  const total = db.prepare(DUE_FOR_REVIEW_QUERIES.count).pluck().get(upTo) as number;
  return { rows, total };
}
