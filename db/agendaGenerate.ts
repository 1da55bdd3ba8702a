// 议程建议：生成并保存 — computes a meeting's ranked proposal and stores it (db/agendaProposal.ts then
// reads it a page at a time). On an active register most risks are due for review (65,000 of
// 100,000 in the bench), so the proposal is decided in two parts by one set of rules:
// - the risks another reason may apply to (actions, the last meeting, 新增, 反弹, 等级上升, 敏感节点临近:
//   db/agenda.ts loadAgendaData without 到期研判's candidates, a few thousand) are read into JS and go
//   through shared/agenda.ts proposeAgenda like every other proposal, 到期研判 included;
// - every other risk due for review can have no reason but 到期研判, so it is decided inside the one
//   INSERT … SELECT that stores the proposal: its reason text, score, minutes and list come from the
//   same functions (dueForReviewReason, rankScore, itemMinutes, and listOf below with consentBlocker
//   and the grading), called from SQL as functions registered on the connection. No rule is written
//   twice, and 60,000 rows never become JS objects.
// Both parts are ranked together by row_number() in compareRanked's order (score, then level with
// 未定级 last, then code).
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { assertEditable, getMeeting } from './meetings.js';
import { agendaProviders, loadAgendaData } from './agenda.js';
import { dueForReviewProvider, dueForReviewSql } from './agendaReasons.js';
import { currentRuleSet } from './rulesets.js';
import { listPeriods } from './periods.js';
import { getAgendaSettings } from './agendaStore.js';
import { proposalSummary } from './agendaProposal.js';
import { daysBetween } from '../shared/dates.js';
import { computedLevel, GradingError, type GradingEvent, type PeriodLike, type RiskFacts, type RuleSetConfig } from '../shared/grading.js';
import { proposeAgenda, type AgendaReasonKind, type ReasonProvider } from '../shared/agenda.js';
import { dueForReviewReason, upcomingPeriod } from '../shared/agendaReasons.js';
import { consentBlocker, itemMinutes, RANK_ORDER_SQL, rankScore, type RankFacts } from '../shared/agendaRank.js';
import type { AgendaSettings } from '../shared/settings.js';
import type { ProposalList, ProposalSummary } from '../shared/agendaProposal.js';

interface LastAssessment {
  likelihood: number | null;
  impact: number | null;
  level: number;
  assessedOn: string;
  createdAt: string;
}
type TimedEvent = GradingEvent & { createdAt: string };

/** What deciding an item needs besides its own rows. */
interface Decide {
  meetingDate: string;
  rules: RuleSetConfig;
  /** The escalation period of the meeting day, if any (the grading's own activePeriod would pick the same one). */
  period: PeriodLike | null;
  /** The same as the grading's list of periods. */
  periods: PeriodLike[];
  settings: AgendaSettings;
}

/**
 * The latest assessment (greatest assessed_on, then id) as one SQL value: [likelihood, impact, final_level, assessed_on, created_at],
 * read from the index by risk alone (migration 0016 put these columns in it).
 */
export const LATEST_ASSESSMENT = (riskId: string) =>
  `(SELECT json_array(likelihood, impact, final_level, assessed_on, created_at) FROM assessments WHERE risk_id = ${riskId} ORDER BY assessed_on DESC, id DESC LIMIT 1)`;
/**
 * The risks due for review by `date` other than the `loaded` ones (a JSON array), with what deciding
 * them reads, from risks_open_by_review alone (0016 made it cover these columns), in id order so the
 * latest assessments are then looked up along the index by risk rather than all over it.
 */
export const OPEN_DUE = (date: string, loaded: string) =>
  `SELECT id, code, level, next_review, involved_count, involved_unit, amount_wan, opinion_risk, extreme_risk FROM risks INDEXED BY risks_open_by_review
   WHERE ${dueForReviewSql(date)} AND id NOT IN (SELECT value FROM json_each(${loaded})) ORDER BY id`;
/** A risk's (not deleted) events as one SQL value, each [kind, occurred_on, count, stage, created_at]. */
const EVENTS = (riskId: string) => `(SELECT json_group_array(json_array(kind, occurred_on, count, stage, created_at)) FROM risk_events WHERE risk_id = ${riskId} AND deleted_at IS NULL)`;

function parseLast(json: string): LastAssessment {
  const [likelihood, impact, level, assessedOn, createdAt] = JSON.parse(json) as [number | null, number | null, number, string, string];
  return { likelihood, impact, level, assessedOn, createdAt };
}
function parseEvents(json: string): TimedEvent[] {
  if (json === '[]') return [];
  return (JSON.parse(json) as Array<[string, string, number | null, string | null, string]>).map(([kind, occurredOn, count, stage, createdAt]) => ({ kind, occurredOn, count, stage, createdAt }));
}

/** Days the review is late at the meeting, for an item with the 到期研判 reason. */
function reviewLateDays(nextReview: string | null, kinds: AgendaReasonKind[], meetingDate: string): number {
  return nextReview && nextReview < meetingDate && kinds.includes('dueForReview') ? daysBetween(nextReview, meetingDate) : 0;
}

/**
 * The list an item goes on (shared/agendaRank.ts consentBlocker): the consent list only when it is
 * merely due for review, has an assessment to keep, no event since, and the level graded for the
 * meeting day with that assessment's likelihood and impact equals its level.
 */
function listOf(d: Decide, kinds: AgendaReasonKind[], last: LastAssessment | undefined, events: TimedEvent[], facts: RiskFacts): ProposalList {
  if (!(kinds.length === 1 && kinds[0] === 'dueForReview' && last)) return 'main';
  const newEvent = events.some((e) => e.occurredOn > last.assessedOn || e.createdAt > last.createdAt);
  // A new event keeps the item off the list whatever the grading says, so it is graded only without one.
  const computed = !newEvent && last.likelihood !== null && last.impact !== null ? levelFor(d, last.likelihood, last.impact, facts, events) : null;
  const blocker = consentBlocker({ reasons: kinds, newEvent, lastLevel: last.level, lastLikelihood: last.likelihood, lastImpact: last.impact, computedLevel: computed });
  return blocker === null ? 'consent' : 'main';
}

/**
 * The level graded for the meeting day (null when the likelihood/impact lie outside today's matrix:
 * the meeting has to look at it), by shared/grading.ts computedLevel: grade's level without its words.
 */
function levelFor(d: Decide, likelihood: number, impact: number, facts: RiskFacts, events: TimedEvent[]): number | null {
  try {
    return computedLevel({ likelihood, impact, facts, events, periods: d.periods, asOf: d.meetingDate, rules: d.rules });
  } catch (e) {
    if (!(e instanceof GradingError)) throw e;
    return null;
  }
}

function scoreOf(d: Decide, f: RankFacts): number {
  return rankScore(f, d.settings.weights, d.rules.escalationDaysBefore);
}

/** The latest assessment of each risk in `ids` (a JSON array). */
function latestAssessments(db: Db, ids: string): Map<number, LastAssessment> {
  const rows = db.prepare(`SELECT j.value, ${LATEST_ASSESSMENT('j.value')} FROM json_each(?) j`).raw().all(ids) as Array<[number, string | null]>;
  return new Map(rows.filter((r) => r[1] !== null).map(([id, json]) => [id, parseLast(json!)]));
}

/** The (not deleted) events of each risk in `ids` (a JSON array). */
function eventsByRisk(db: Db, ids: string): Map<number, TimedEvent[]> {
  const rows = db.prepare(`SELECT j.value, ${EVENTS('j.value')} FROM json_each(?) j`).raw().all(ids) as Array<[number, string]>;
  return new Map(rows.map(([id, json]) => [id, parseEvents(json)]));
}

/** The risks another reason may apply to, decided in JS; returns the ids read (proposed or not). */
function decideLoaded(db: Db, d: Decide, meetingId: number, asOf: string, put: (row: unknown[]) => void): number[] {
  const data = loadAgendaData(db, meetingId, asOf, agendaProviders.filter((p) => p !== dueForReviewProvider));
  // 到期研判 for these from their own next review (dueForReviewProvider's reason; proposeAgenda skips closed and deleted risks).
  const due: ReasonProvider = (r) => dueForReviewReason(data.facts.get(r.id)?.nextReview ?? null, d.meetingDate);
  const proposed = proposeAgenda({ asOf, risks: data.risks, actions: data.actions, lastMeeting: data.lastMeeting, providers: [...data.providers, due] });
  // Late actions per risk: the most days past the (holiday-shifted) due date.
  const actionLate = new Map<number, number>();
  for (const a of data.actions) {
    if (a.state === '办结' || asOf <= a.effectiveDue) continue;
    const days = daysBetween(a.effectiveDue, asOf);
    for (const r of a.riskIds) actionLate.set(r, Math.max(actionLate.get(r) ?? 0, days));
  }
  const lastOf = latestAssessments(db, JSON.stringify(proposed.map((p) => p.riskId).sort((a, b) => a - b)));
  // Only an item merely due for review can go on the consent list; only those need their events.
  const merelyDue = proposed.filter((p) => p.reasons.length === 1 && p.reasons[0].kind === 'dueForReview' && lastOf.has(p.riskId)).map((p) => p.riskId);
  const eventsOf = eventsByRisk(db, JSON.stringify(merelyDue.sort((a, b) => a - b)));
  for (const p of proposed) {
    const f = data.facts.get(p.riskId)!;
    const kinds = p.reasons.map((r) => r.kind);
    const rf: RankFacts = {
      code: p.code,
      level: p.level,
      reasons: kinds,
      overdueDays: Math.max(reviewLateDays(f.nextReview, kinds, d.meetingDate), actionLate.get(p.riskId) ?? 0),
      sensitiveDaysToStart: kinds.includes('sensitivePeriod') && d.period ? Math.max(0, daysBetween(d.meetingDate, d.period.startDate)) : null,
    };
    const last = lastOf.get(p.riskId);
    const list = listOf(d, kinds, last, eventsOf.get(p.riskId) ?? [], f);
    put([p.riskId, list, scoreOf(d, rf), p.level, itemMinutes(p.level, d.settings.minutesPerLevel), JSON.stringify(p.reasons), last?.likelihood ?? null, last?.impact ?? null, last?.level ?? null]);
  }
  return data.risks.map((r) => r.id);
}

/**
 * What a risk merely due for review gets besides its list — the reason text, score and minutes —
 * depends only on its level and next review date: worked out once per pair present (a few hundred,
 * read from risks_open_by_review alone) by the same functions as every other item, into a temp
 * table the INSERT joins (instead of three function calls on each of 60,000 rows).
 */
function dueTerms(db: Db, d: Decide): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS agenda_due_terms (lv INTEGER NOT NULL, next_review TEXT NOT NULL, reasons TEXT NOT NULL, score REAL NOT NULL, minutes INTEGER NOT NULL, PRIMARY KEY (lv, next_review)) WITHOUT ROWID');
  db.exec('DELETE FROM temp.agenda_due_terms');
  const pairs = db.prepare(`SELECT DISTINCT level, next_review FROM risks WHERE ${dueForReviewSql('?')}`).raw().all(d.meetingDate) as Array<[number | null, string]>;
  const put = db.prepare('INSERT INTO temp.agenda_due_terms VALUES (?, ?, ?, ?, ?)');
  const only: AgendaReasonKind[] = ['dueForReview'];
  for (const [level, nextReview] of pairs) {
    const overdueDays = reviewLateDays(nextReview, only, d.meetingDate);
    const score = scoreOf(d, { code: '', level, reasons: only, overdueDays, sensitiveDaysToStart: null });
    put.run(level ?? 0, nextReview, JSON.stringify([dueForReviewReason(nextReview, d.meetingDate)]), score, itemMinutes(level, d.settings.minutesPerLevel));
  }
}

/** The list rule for the risks merely due for review, as an SQL function of this connection. */
function registerDueList(db: Db, d: Decide): void {
  const only: AgendaReasonKind[] = ['dueForReview'];
  db.function('agenda_due_list', { deterministic: true }, (last: unknown, events: unknown, involvedCount: unknown, involvedUnit: unknown, amountWan: unknown, opinionRisk: unknown, extreme: unknown) => {
    if (last === null) return 'main';
    const facts: RiskFacts = { involvedCount: involvedCount as number | null, involvedUnit: involvedUnit as string, amountWan: amountWan as number | null, opinionRisk: opinionRisk as string, extremeRisk: extreme === 1 };
    return listOf(d, only, parseLast(last as string), parseEvents(events as string), facts);
  });
}

/** Computes and stores the meeting's ranked proposal (replacing the one before). */
export function generateProposal(db: Db, ctx: WriteContext, meetingId: number, asOf: string): ProposalSummary {
  const meeting = getMeeting(db, meetingId);
  if (meeting.locked) assertEditable(meeting, meeting.version);
  const rules = currentRuleSet(db).config;
  const period = upcomingPeriod(listPeriods(db), meeting.date, rules.escalationDaysBefore);
  const d: Decide = { meetingDate: meeting.date, rules, period, periods: period ? [period] : [], settings: getAgendaSettings(db) };

  db.exec(`CREATE TEMP TABLE IF NOT EXISTS agenda_loaded (risk_id INTEGER PRIMARY KEY, list TEXT, score REAL, level INTEGER, minutes INTEGER, reasons TEXT,
             last_likelihood INTEGER, last_impact INTEGER, last_level INTEGER)`);
  db.exec('DELETE FROM temp.agenda_loaded');
  const put = db.prepare('INSERT INTO temp.agenda_loaded VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const loaded = decideLoaded(db, d, meetingId, asOf, (row) => put.run(...row));
  dueTerms(db, d);
  registerDueList(db, d);

  db.prepare('DELETE FROM agenda_proposals WHERE meeting_id = ?').run(meetingId);
  db.prepare(
    `WITH open_due AS MATERIALIZED (${OPEN_DUE('@date', '@loaded')}),
     due AS MATERIALIZED (SELECT *, ${LATEST_ASSESSMENT('open_due.id')} AS last FROM open_due)
     INSERT INTO agenda_proposals (meeting_id, risk_id, rank, list, score, level, minutes, reasons, last_likelihood, last_impact, last_level)
     SELECT @m, risk_id, rank, list, score, level, minutes, reasons, l_likelihood, l_impact, l_level FROM (
     SELECT risk_id, row_number() OVER (ORDER BY ${RANK_ORDER_SQL}) AS rank, list, score, level, minutes, reasons, l_likelihood, l_impact, l_level
     FROM (
       SELECT g.risk_id, g.list, g.score, g.level, g.minutes, g.reasons, g.last_likelihood AS l_likelihood, g.last_impact AS l_impact, g.last_level AS l_level, r.code
       FROM temp.agenda_loaded g JOIN risks r ON r.id = g.risk_id
       UNION ALL
       SELECT id, agenda_due_list(last, CASE WHEN last IS NOT NULL THEN ${EVENTS('due.id')} END, involved_count, involved_unit, amount_wan, opinion_risk, extreme_risk),
              t.score, level, t.minutes, t.reasons, last ->> 0, last ->> 1, last ->> 2, code
       FROM due JOIN temp.agenda_due_terms t ON t.lv = coalesce(due.level, 0) AND t.next_review = due.next_review))
     -- In the table's key order: its rows are written in order, only the two rank indexes take them out of order.
     ORDER BY risk_id`,
  ).run({ m: meetingId, date: meeting.date, loaded: JSON.stringify(loaded.sort((a, b) => a - b)) });
  db.exec('DELETE FROM temp.agenda_loaded; DELETE FROM temp.agenda_due_terms');

  db.prepare('INSERT INTO agenda_proposal_runs (meeting_id, as_of, generated_at) VALUES (?, ?, ?) ON CONFLICT(meeting_id) DO UPDATE SET as_of = excluded.as_of, generated_at = excluded.generated_at').run(meetingId, asOf, ctx.now());
  const s = proposalSummary(db, meetingId)!;
  // The audit counts the lists as generated (the summary's consent leaves out items already pulled onto the agenda).
  writeAudit(db, ctx, 'agenda.generate', 'meeting', meetingId, null, { asOf, main: s.main, consent: s.all - s.main });
  return s;
}
