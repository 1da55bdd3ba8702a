// Agenda items of a meeting, and the proposal from the register. SQL narrows 100,000 risks down
// to the few that can possibly have a reason; the pure rules in shared/agenda.ts decide.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { getCalendar } from './calendar.js';
import { assertEditable, getMeeting, previousMeeting, touchMeeting } from './meetings.js';
import { AppError } from '../shared/errors.js';
import { shanghaiDate } from '../shared/dates.js';
import { itemMinutes } from '../shared/agendaRank.js';
import { getAgendaSettings, insertAgenda, proposedReasons } from './agendaStore.js';
import { nextWorkingDayOnOrAfter } from '../shared/calendar.js';
import { proposeAgenda, type AgendaAction, type AgendaReason, type AgendaRisk, type LastMeeting, type ProposedItem, type ReasonProvider } from '../shared/agenda.js';
import type { AgendaItemRow, AgendaStatus, MeetingRow } from '../shared/meetings.js';
import type { ActionState } from '../shared/actions.js';
import type { RiskFacts } from '../shared/grading.js';
import { dueForReviewProvider, levelRaisedProvider, sensitivePeriodProvider, type AgendaProviderFactory } from './agendaReasons.js';

type DbRow = Record<string, unknown>;

/**
 * A risk with no reason of its own, put on the agenda by the analyst. Items stored before issue 12
 * carry "<login>添加" as detail: they are read as this too, so no account name reaches a page or the 议程.
 */
const PICKED_REASON: AgendaReason = { kind: 'manual', detail: '研判人员从台账选取' };

export function listAgenda(db: Db, meetingId: number): AgendaItemRow[] {
  const rows = db
    .prepare(
      `SELECT a.*, r.code, r.title, r.level, r.status AS risk_status, g.name AS region, d.name AS domain
       FROM agenda_items a JOIN risks r ON r.id = a.risk_id JOIN regions g ON g.id = r.region_id JOIN domains d ON d.id = r.domain_id
       WHERE a.meeting_id = ? ORDER BY a.position, a.id`,
    )
    .all(meetingId) as DbRow[];
  return rows.map((r) => ({
    id: r.id as number,
    meetingId: r.meeting_id as number,
    riskId: r.risk_id as number,
    riskCode: r.code as string,
    riskTitle: r.title as string,
    riskLevel: (r.level as number | null) ?? null,
    riskStatus: r.risk_status as string,
    region: r.region as string,
    domain: r.domain as string,
    position: r.position as number,
    minutes: r.minutes as number,
    reasons: (JSON.parse(r.reasons as string) as AgendaReason[]).map((x) => (x.kind === 'manual' ? PICKED_REASON : x)),
    status: r.status as AgendaStatus,
    note: r.note as string,
  }));
}

/** Shanghai midnight after a calendar date, as the ISO instant stored in created_at columns. */
function endOfShanghaiDay(d: string): string {
  return `${d}T16:00:00.000Z`;
}

export interface AgendaData {
  meeting: MeetingRow;
  lastMeeting: LastMeeting | null;
  risks: AgendaRisk[];
  actions: AgendaAction[];
  titles: Map<number, string>;
  /** Each candidate's grading facts and next review date. */
  facts: Map<number, AgendaFacts>;
  providers: ReasonProvider[];
}
export type AgendaFacts = RiskFacts & { nextReview: string | null };

/**
 * Loads every row that could give a risk a reason (a superset; the pure rules decide). `factories`
 * are the reasons from the grading record taken into account (default: all of them); the stored
 * proposal (db/agendaGenerate.ts) leaves out 到期研判's candidates and takes them set-wise.
 */
export function loadAgendaData(db: Db, meetingId: number, asOf: string, factories: AgendaProviderFactory[] = agendaProviders): AgendaData {
  const meeting = getMeeting(db, meetingId);
  const prev = previousMeeting(db, meeting);
  const lastMeeting: LastMeeting | null = prev
    ? { id: prev.id, date: prev.date, items: db.prepare('SELECT risk_id AS riskId, status FROM agenda_items WHERE meeting_id = ?').all(prev.id) as LastMeeting['items'] }
    : null;
  // Open actions that are late (by the stored due date; the holiday shift only moves it later),
  // returned, or from the last meeting.
  const actionRows = db
    .prepare(
      `SELECT a.id, a.code, a.meeting_id, a.state, a.due_at, group_concat(ar.risk_id) AS risk_ids
       FROM actions a JOIN action_risks ar ON ar.action_id = a.id
       WHERE a.state <> '办结' AND (a.due_at < ? OR a.state = '退回重办' OR a.meeting_id = ?)
       GROUP BY a.id`,
    )
    .all(asOf, prev?.id ?? -1) as DbRow[];
  const cal = getCalendar(db);
  const actions: AgendaAction[] = actionRows.map((a) => ({
    id: a.id as number,
    code: a.code as string,
    meetingId: (a.meeting_id as number | null) ?? null,
    state: a.state as ActionState,
    effectiveDue: nextWorkingDayOnOrAfter(a.due_at as string, cal),
    riskIds: String(a.risk_ids).split(',').map(Number),
  }));
  const linked = new Set<number>();
  for (const a of actions) for (const r of a.riskIds) linked.add(r);
  for (const it of lastMeeting?.items ?? []) linked.add(it.riskId);
  const providers: ReasonProvider[] = [];
  for (const factory of factories) {
    const p = factory(db, { meeting, lastMeeting });
    for (const r of p.candidates) linked.add(r);
    providers.push(p.reason);
  }
  const since = prev ? endOfShanghaiDay(prev.date) : '';
  // The candidate ids (linked, new since the last meeting, 反弹) as one id set, then each row read
  // once; Shanghai has no daylight saving, so its calendar date is the UTC instant plus 8 hours.
  // The grading facts come along, for the ranked proposal (db/agendaProposal.ts).
  const rows = db
    .prepare(
      `SELECT id, code, title, level, status, date(created_at, '+8 hours') AS created_on, deleted_at,
              involved_count, involved_unit, amount_wan, opinion_risk, extreme_risk, next_review
       FROM risks WHERE id IN (SELECT value FROM json_each(@linked)
         UNION SELECT id FROM risks WHERE created_at >= @since AND created_at < @until AND deleted_at IS NULL
         UNION SELECT id FROM risks WHERE deleted_at IS NULL AND status = '反弹')`,
    )
    .raw()
    .all({ linked: JSON.stringify([...linked].sort((a, b) => a - b)), since, until: endOfShanghaiDay(asOf) }) as Array<
    [number, string, string, number | null, string, string, string | null, number | null, string, number | null, string, number, string | null]
  >;
  const risks: AgendaRisk[] = [];
  const titles = new Map<number, string>();
  const facts = new Map<number, AgendaFacts>();
  for (const [id, code, title, level, status, createdOn, deletedAt, involvedCount, involvedUnit, amountWan, opinionRisk, extreme, nextReview] of rows) {
    risks.push({ id, code, level, status, createdOn, deleted: deletedAt !== null });
    titles.set(id, title);
    facts.set(id, { involvedCount, involvedUnit, amountWan, opinionRisk, extremeRisk: extreme === 1, nextReview });
  }
  return { meeting, lastMeeting, risks, actions, titles, facts, providers };
}

/** Reasons from the grading record (db/agendaReasons.ts): each adds its candidate risks and decides per risk. */
export const agendaProviders: AgendaProviderFactory[] = [levelRaisedProvider, dueForReviewProvider, sensitivePeriodProvider];

export function proposeForMeeting(db: Db, meetingId: number, asOf: string): Array<ProposedItem & { inAgenda: boolean; title: string }> {
  const data = loadAgendaData(db, meetingId, asOf);
  const proposed = proposeAgenda({ asOf, risks: data.risks, actions: data.actions, lastMeeting: data.lastMeeting, providers: data.providers });
  const inAgenda = new Set((db.prepare('SELECT risk_id FROM agenda_items WHERE meeting_id = ?').pluck().all(meetingId) as number[]));
  return proposed.map((p) => ({ ...p, inAgenda: inAgenda.has(p.riskId), title: data.titles.get(p.riskId) ?? '' }));
}

/** Adds the proposal (items not yet on the agenda), in proposal order, after the existing ones. */
export function applyProposal(db: Db, ctx: WriteContext, meetingId: number, version: number, asOf: string, replace: boolean): MeetingRow {
  const m = getMeeting(db, meetingId);
  assertEditable(m, version);
  const proposed = proposeForMeeting(db, meetingId, asOf);
  if (replace) db.prepare("DELETE FROM agenda_items WHERE meeting_id = ? AND status = '待议'").run(meetingId);
  const perLevel = getAgendaSettings(db).minutesPerLevel;
  const added = insertAgenda(db, meetingId, proposed.map((p) => ({ riskId: p.riskId, minutes: itemMinutes(p.level, perLevel), reasons: JSON.stringify(p.reasons) })));
  if (added === 0 && !replace) return m;
  writeAudit(db, ctx, 'agenda.propose', 'meeting', meetingId, null, { added, replace, asOf });
  return touchMeeting(db, ctx, meetingId);
}

/**
 * Adds risks picked by hand (or pulled off the consent list). Each keeps the reasons the proposal
 * gives it — the stored proposal's, else the register's today — and only a risk with no reason
 * at all is marked as picked, in domain words (never the operator's account).
 */
export function addAgendaItems(db: Db, ctx: WriteContext, meetingId: number, version: number, riskIds: number[], minutes?: number): MeetingRow {
  const m = getMeeting(db, meetingId);
  assertEditable(m, version);
  const found = db.prepare('SELECT id, level FROM risks WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?))').all(JSON.stringify(riskIds)) as Array<{ id: number; level: number | null }>;
  if (found.length !== new Set(riskIds).size) throw new AppError('NOT_FOUND', '所选风险事项中有的已删除或不存在，请刷新后重新选择。');
  const levels = new Map(found.map((r) => [r.id, r.level]));
  const stored = proposedReasons(db, meetingId, riskIds);
  const fresh = new Map<number, AgendaReason[]>();
  if (riskIds.some((id) => !stored.has(id))) {
    for (const p of proposeForMeeting(db, meetingId, shanghaiDate(ctx.now()))) if (riskIds.includes(p.riskId) && !stored.has(p.riskId)) fresh.set(p.riskId, p.reasons);
  }
  const perLevel = getAgendaSettings(db).minutesPerLevel;
  const added = insertAgenda(db, meetingId, riskIds.map((id) => ({
    riskId: id,
    minutes: minutes ?? stored.get(id)?.minutes ?? itemMinutes(levels.get(id) ?? null, perLevel),
    reasons: JSON.stringify(stored.get(id)?.reasons ?? fresh.get(id) ?? [PICKED_REASON]),
  })));
  if (added === 0) return m;
  writeAudit(db, ctx, 'agenda.add', 'meeting', meetingId, null, { riskIds });
  return touchMeeting(db, ctx, meetingId);
}

function getItem(db: Db, meetingId: number, itemId: number): DbRow {
  const it = db.prepare('SELECT * FROM agenda_items WHERE id = ? AND meeting_id = ?').get(itemId, meetingId) as DbRow | undefined;
  if (!it) throw new AppError('NOT_FOUND', '该议题已不在本次会议的议程中，请刷新。');
  return it;
}

export function removeAgendaItem(db: Db, ctx: WriteContext, meetingId: number, version: number, itemId: number): MeetingRow {
  assertEditable(getMeeting(db, meetingId), version);
  const it = getItem(db, meetingId, itemId);
  db.prepare('DELETE FROM agenda_items WHERE id = ?').run(itemId);
  writeAudit(db, ctx, 'agenda.remove', 'meeting', meetingId, { riskId: it.risk_id, position: it.position }, null);
  return touchMeeting(db, ctx, meetingId);
}

/** itemIds must list every item of the agenda exactly once, in the new order. */
export function reorderAgenda(db: Db, ctx: WriteContext, meetingId: number, version: number, itemIds: number[]): MeetingRow {
  const m = getMeeting(db, meetingId);
  assertEditable(m, version);
  const current = listAgenda(db, meetingId).map((a) => a.id);
  if (current.length !== itemIds.length || new Set(itemIds).size !== itemIds.length || !itemIds.every((i) => current.includes(i))) {
    throw new AppError('CONFLICT', '议程已被修改（议题数量或内容不一致），本次排序未保存。请刷新后重新排序。');
  }
  if (current.every((v, i) => v === itemIds[i])) return m;
  const upd = db.prepare('UPDATE agenda_items SET position = ? WHERE id = ?');
  itemIds.forEach((id, i) => upd.run(i + 1, id));
  writeAudit(db, ctx, 'agenda.reorder', 'meeting', meetingId, { order: current }, { order: itemIds });
  return touchMeeting(db, ctx, meetingId);
}

export function setAgendaItem(db: Db, ctx: WriteContext, input: { meetingId: number; version: number; itemId: number; minutes?: number; status?: AgendaStatus; note?: string }): MeetingRow {
  const m = getMeeting(db, input.meetingId);
  assertEditable(m, input.version);
  const it = getItem(db, input.meetingId, input.itemId);
  const patch: Record<string, unknown> = {};
  if (input.minutes !== undefined && input.minutes !== it.minutes) patch.minutes = input.minutes;
  if (input.status !== undefined && input.status !== it.status) patch.status = input.status;
  if (input.note !== undefined && input.note !== it.note) patch.note = input.note;
  const keys = Object.keys(patch);
  if (!keys.length) return m;
  db.prepare(`UPDATE agenda_items SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`).run(...keys.map((k) => patch[k]), input.itemId);
  writeAudit(db, ctx, 'agenda.update', 'meeting', input.meetingId, Object.fromEntries(keys.map((k) => [k, it[k]])), { itemId: input.itemId, ...patch });
  return touchMeeting(db, ctx, input.meetingId);
}
