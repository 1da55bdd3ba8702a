// Query module for meetings: create with defaults, edit while unlocked, the state machine,
// and signed minutes kept as versions. A locked (签发) meeting refuses every edit here,
// so the lock holds for every host, not just in the UI.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { getCalendar } from './calendar.js';
import { AppError } from '../shared/errors.js';
import { addDays, shanghaiDate, weekStart, yearOf } from '../shared/dates.js';
import { defaultMeetingDate } from '../shared/calendar.js';
import { draftMinutes, type MinutesInput } from '../shared/minutes.js';
import { consentItemsFor } from './agendaStore.js';
import { listDrafts } from './draftList.js';
import { isLocked, meetingDisplayName, meetingSigners, meetingTransition, NOT_BEFORE_DATE, NOT_HELD_SQL, MEETING_EVENT_LABELS, type MeetingDefaults, type MeetingEvent, type MeetingRow, type MeetingState, type MeetingType, type MinutesVersion } from '../shared/meetings.js';

type DbRow = Record<string, unknown>;

const COLUMNS = {
  type: 'type', date: 'date', startTime: 'start_time', lengthMinutes: 'length_minutes', chair: 'chair',
  attendees: 'attendees', onLeave: 'on_leave', observers: 'observers', period: 'period',
  sensitivePeriod: 'sensitive_period', minutesNo: 'minutes_no', reportNo: 'report_no',
} as const;
type Field = keyof typeof COLUMNS;
const LIST_FIELDS = new Set<Field>(['attendees', 'onLeave', 'observers']);

const SELECT = `SELECT m.*, (SELECT COUNT(*) FROM agenda_items a WHERE a.meeting_id = m.id) AS agenda_count FROM meetings m`;

export function rowToMeeting(r: DbRow): MeetingRow {
  const state = r.state as MeetingState;
  return {
    id: r.id as number,
    year: r.year as number,
    sessionNo: r.session_no as number,
    type: r.type as MeetingType,
    date: r.date as string,
    startTime: r.start_time as string,
    lengthMinutes: r.length_minutes as number,
    chair: r.chair as string,
    attendees: JSON.parse(r.attendees as string) as string[],
    onLeave: JSON.parse(r.on_leave as string) as string[],
    observers: JSON.parse(r.observers as string) as string[],
    period: r.period as string,
    sensitivePeriod: r.sensitive_period as string,
    minutesNo: r.minutes_no as string,
    reportNo: r.report_no as string,
    minutesText: r.minutes_text as string,
    minutesVersion: r.minutes_version as number,
    state,
    locked: isLocked(state),
    cancelReason: (r.cancel_reason as string) ?? '',
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    version: r.version as number,
    agendaCount: (r.agenda_count as number) ?? 0,
  };
}

export function getMeeting(db: Db, id: number): MeetingRow {
  const r = db.prepare(`${SELECT} WHERE m.id = ?`).get(id) as DbRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的研判会，可能已被删除。请刷新列表。`);
  return rowToMeeting(r);
}

/**
 * The 周例会 to prepare on `asOf` (我的周一): the first from this week on that is being prepared or
 * under way (筹备, 进行中); when there is none, this week's (its 纪要 or, once signed, its 专报 comes
 * next). Cancelled meetings are never it; a mid-week 专题会 never hides it.
 */
export function meetingToPrepare(db: Db, asOf: string): MeetingRow | null {
  const ws = weekStart(asOf);
  const row = (db.prepare("SELECT id FROM meetings WHERE type = '周例会' AND date >= ? AND state IN ('筹备', '进行中') ORDER BY date, id LIMIT 1").get(ws) ??
    db.prepare(`SELECT id FROM meetings WHERE type = '周例会' AND date >= ? AND date <= ? AND state NOT IN (${NOT_HELD_SQL}) ORDER BY date DESC, id DESC LIMIT 1`).get(ws, addDays(ws, 6))) as { id: number } | undefined;
  return row ? getMeeting(db, row.id) : null;
}

/** A meeting of the same type already on that date (not cancelled): creating another is warned about. */
export function sameDayMeeting(db: Db, type: string, date: string, exceptId = 0): MeetingRow | null {
  const r = db.prepare(`${SELECT} WHERE m.type = ? AND m.date = ? AND m.id <> ? AND m.state NOT IN (${NOT_HELD_SQL}) ORDER BY m.id LIMIT 1`).get(type, date, exceptId) as DbRow | undefined;
  return r ? rowToMeeting(r) : null;
}

export function listMeetings(db: Db, input: { year?: number; limit: number }): MeetingRow[] {
  const rows = input.year
    ? db.prepare(`${SELECT} WHERE m.year = ? ORDER BY m.date DESC, m.id DESC LIMIT ?`).all(input.year, input.limit)
    : db.prepare(`${SELECT} ORDER BY m.date DESC, m.id DESC LIMIT ?`).all(input.limit);
  return (rows as DbRow[]).map(rowToMeeting);
}

/** The meeting held most recently before the given one (by date, then id). */
export function previousMeeting(db: Db, m: { id: number; date: string }): MeetingRow | null {
  const r = db.prepare(`${SELECT} WHERE (m.date < ? OR (m.date = ? AND m.id < ?)) AND m.state NOT IN (${NOT_HELD_SQL}) ORDER BY m.date DESC, m.id DESC LIMIT 1`).get(m.date, m.date, m.id) as DbRow | undefined;
  return r ? rowToMeeting(r) : null;
}

function nextSessionNo(db: Db, year: number): number {
  return ((db.prepare('SELECT MAX(session_no) AS n FROM meetings WHERE year = ?').get(year) as { n: number | null }).n ?? 0) + 1;
}

/** What the 新建 form starts from: next Monday (or the next working day), next number, last meeting's people. */
export function meetingDefaults(db: Db, asOf: string, type: MeetingType = '周例会'): MeetingDefaults {
  const date = defaultMeetingDate(asOf, getCalendar(db));
  const last = db.prepare(`SELECT chair, attendees, length_minutes, start_time FROM meetings WHERE state NOT IN (${NOT_HELD_SQL}) ORDER BY date DESC, id DESC LIMIT 1`).get() as DbRow | undefined;
  return {
    type,
    date,
    year: yearOf(date),
    sessionNo: nextSessionNo(db, yearOf(date)),
    lengthMinutes: (last?.length_minutes as number) ?? 90,
    startTime: (last?.start_time as string) ?? '09:00',
    chair: (last?.chair as string) ?? '',
    attendees: last ? (JSON.parse(last.attendees as string) as string[]) : [],
    period: '',
  };
}

function toDb(f: Field, v: unknown): unknown {
  return LIST_FIELDS.has(f) ? JSON.stringify(v ?? []) : v;
}

export function createMeeting(db: Db, ctx: WriteContext, input: Partial<Record<Field, unknown>> & { asOf?: string; allowDuplicate?: boolean }): MeetingRow {
  const asOf = shanghaiDate(input.asOf ?? ctx.now());
  const d = meetingDefaults(db, asOf, (input.type as MeetingType) ?? '周例会');
  const merged: Record<Field, unknown> = {
    type: d.type, date: d.date, startTime: d.startTime, lengthMinutes: d.lengthMinutes, chair: d.chair,
    attendees: d.attendees, onLeave: [], observers: [], period: '', sensitivePeriod: '', minutesNo: '', reportNo: '',
  };
  for (const f of Object.keys(COLUMNS) as Field[]) if (input[f] !== undefined) merged[f] = input[f];
  const twin = input.allowDuplicate ? null : sameDayMeeting(db, merged.type as string, merged.date as string);
  if (twin) {
    throw new AppError('CONFLICT', `${meetingDisplayName(twin)}已经安排在这一天（${twin.state}）。同一天再开一次${twin.type}，请确认后再新建；或打开已有的会议。`, { existingId: twin.id });
  }
  const year = yearOf(merged.date as string);
  const now = ctx.now();
  const cols = Object.values(COLUMNS);
  const info = db
    .prepare(`INSERT INTO meetings (year, session_no, ${cols.join(', ')}, created_at, updated_at) VALUES (?, ?, ${cols.map(() => '?').join(', ')}, ?, ?)`)
    .run(year, nextSessionNo(db, year), ...(Object.keys(COLUMNS) as Field[]).map((f) => toDb(f, merged[f])), now, now);
  const created = getMeeting(db, Number(info.lastInsertRowid));
  writeAudit(db, ctx, 'create', 'meeting', created.id, null, created);
  return created;
}

/** Refuses edits to a locked meeting and edits based on a stale version. Used by agenda and minutes too. */
export function assertEditable(m: MeetingRow, version: number): void {
  if (m.state === '已取消') throw new AppError('CONFLICT', `${meetingDisplayName(m)}已取消（${m.cancelReason}），不能再修改。`);
  if (m.locked) {
    throw new AppError('CONFLICT', `${meetingDisplayName(m)}的纪要已签发，会议已锁定，不能修改。如确需更正，请“重新打开”（须填原因，原签发版本保留可查）。`);
  }
  assertMeetingVersion(m, version);
}

function assertMeetingVersion(m: MeetingRow, version: number): void {
  if (m.version !== version) {
    throw new AppError('CONFLICT', `${meetingDisplayName(m)}已被修改过（当前版本 ${m.version}，您编辑的是版本 ${version}）。本次未保存，请刷新后重新操作。`, { current: m.version });
  }
}

/** Bumps the meeting's version after a change to it or its agenda, so concurrent editors see a conflict. */
export function touchMeeting(db: Db, ctx: WriteContext, id: number): MeetingRow {
  db.prepare('UPDATE meetings SET version = version + 1, updated_at = ? WHERE id = ?').run(ctx.now(), id);
  return getMeeting(db, id);
}

export function updateMeeting(db: Db, ctx: WriteContext, id: number, version: number, patch: Partial<Record<Field, unknown>>): MeetingRow {
  const before = getMeeting(db, id);
  assertEditable(before, version);
  const changed = (Object.keys(patch) as Field[]).filter((f) => patch[f] !== undefined && JSON.stringify(patch[f]) !== JSON.stringify(before[f]));
  if (changed.length === 0) return before;
  const sets = changed.map((f) => `${COLUMNS[f]} = ?`);
  const values = changed.map((f) => toDb(f, patch[f]));
  if (patch.date && yearOf(patch.date as string) !== before.year) {
    // Moving a meeting into another year gives it the next number of that year.
    const y = yearOf(patch.date as string);
    sets.push('year = ?', 'session_no = ?');
    values.push(y, nextSessionNo(db, y));
  }
  db.prepare(`UPDATE meetings SET ${sets.join(', ')}, updated_at = ?, version = version + 1 WHERE id = ?`).run(...values, ctx.now(), id);
  const after = getMeeting(db, id);
  const pick = (m: MeetingRow) => Object.fromEntries(changed.map((f) => [f, m[f]]));
  writeAudit(db, ctx, 'update', 'meeting', id, pick(before), pick(after));
  return after;
}

export function saveMinutes(db: Db, ctx: WriteContext, id: number, version: number, text: string): MeetingRow {
  const before = getMeeting(db, id);
  assertEditable(before, version);
  if (before.minutesText === text) return before;
  db.prepare('UPDATE meetings SET minutes_text = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(text, ctx.now(), id);
  const after = getMeeting(db, id);
  writeAudit(db, ctx, 'update', 'meeting', id, { minutesText: before.minutesText }, { minutesText: text });
  return after;
}

export function transitionMeeting(db: Db, ctx: WriteContext, id: number, version: number, event: MeetingEvent, reason?: string, signer?: string): MeetingRow {
  const before = getMeeting(db, id);
  // State moves are checked by the state machine (reopen is the one way out of a lock), so only the version here.
  assertMeetingVersion(before, version);
  const t = meetingTransition(before.state, event, reason);
  if (!t.ok) throw new AppError('CONFLICT', t.message);
  const now = ctx.now();
  const today = shanghaiDate(now);
  if (NOT_BEFORE_DATE.includes(event) && today < before.date) {
    throw new AppError('CONFLICT', `${meetingDisplayName(before)}定于${before.date}召开，今天是${today}，不能提前「${MEETING_EVENT_LABELS[event]}」。如会议改在今天召开，请先把会议日期改为今天。`, { date: before.date, today });
  }
  const signers = meetingSigners(before);
  if (event === 'sign' && signer !== undefined && !signers.includes(signer)) {
    throw new AppError('INVALID_INPUT', `签发人应为本次会议的主持人或出席领导（${signers.join('、') || '会议尚未填写主持人和出席人员'}），不能是“${signer}”。`);
  }
  if (event === 'cancel') db.prepare('UPDATE meetings SET cancel_reason = ? WHERE id = ?').run(reason!.trim(), id);
  if (event === 'end') {
    // Items not reached are marked 未议 so the next agenda carries them over.
    db.prepare("UPDATE agenda_items SET status = '未议' WHERE meeting_id = ? AND status = '待议'").run(id);
  }
  if (event === 'draft' && !before.minutesText.trim()) {
    // Ending the meeting and turning to minutes: start from what was recorded, never from a blank page.
    db.prepare('UPDATE meetings SET minutes_text = ? WHERE id = ?').run(minutesDraftFor(db, id), id);
  }
  if (event === 'sign') {
    if (!before.minutesText.trim()) throw new AppError('INVALID_INPUT', '纪要正文为空，不能签发。请先拟写纪要。');
    db.prepare('INSERT INTO meeting_minutes_versions (meeting_id, version_no, text, signed_at, signed_by) VALUES (?, ?, ?, ?, ?)').run(id, before.minutesVersion, before.minutesText, now, signer ?? ctx.actor);
  }
  if (event === 'reopen') {
    db.prepare('UPDATE meeting_minutes_versions SET reopened_at = ?, reopened_by = ?, reopen_reason = ? WHERE meeting_id = ? AND version_no = ?').run(now, ctx.actor, reason!.trim(), id, before.minutesVersion);
    db.prepare('UPDATE meetings SET minutes_version = minutes_version + 1 WHERE id = ?').run(id);
  }
  db.prepare('UPDATE meetings SET state = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(t.to, now, id);
  const after = getMeeting(db, id);
  writeAudit(db, ctx, event, 'meeting', id, { state: before.state, minutesVersion: before.minutesVersion }, { state: after.state, minutesVersion: after.minutesVersion, reason: reason ?? null, ...(event === 'sign' ? { signer: signer ?? ctx.actor } : {}) });
  return after;
}

/** The minutes as the record stands now (attendance, runner drafts, this meeting's assignments). */
export function minutesDraftFor(db: Db, id: number): string {
  const meeting = getMeeting(db, id);
  const agenda = db.prepare('SELECT a.risk_id AS riskId, r.code AS riskCode, r.title AS riskTitle, a.status FROM agenda_items a JOIN risks r ON r.id = a.risk_id WHERE a.meeting_id = ? ORDER BY a.position, a.id').all(id) as MinutesInput['agenda'];
  const drafts = listDrafts(db, id);
  const actions = (db.prepare("SELECT a.code, a.lead_unit AS leadUnit, a.co_units AS coUnits, a.content, a.due_at AS dueAt, (SELECT json_group_array(risk_id) FROM action_risks WHERE action_id = a.id) AS risks FROM actions a WHERE a.meeting_id = ? ORDER BY a.id").all(id) as Array<Record<string, unknown>>).map((a) => ({
    code: a.code as string, leadUnit: a.leadUnit as string, coUnits: JSON.parse(a.coUnits as string) as string[], content: a.content as string, dueAt: a.dueAt as string, riskIds: JSON.parse(a.risks as string) as number[],
  }));
  const assessments = (db.prepare('SELECT risk_id, final_level, override_reason, analysis, countermeasures FROM assessments WHERE meeting_id = ?').all(id) as Array<Record<string, unknown>>).map((r) => ({
    riskId: r.risk_id as number, finalLevel: r.final_level as number, overrideReason: (r.override_reason as string | null) ?? null, analysis: r.analysis as string, countermeasures: r.countermeasures as string,
  }));
  return draftMinutes({ meeting, agenda, drafts, actions, assessments, consent: consentItemsFor(db, id) });
}

export function listMinutesVersions(db: Db, meetingId: number): MinutesVersion[] {
  return (db.prepare('SELECT * FROM meeting_minutes_versions WHERE meeting_id = ? ORDER BY version_no DESC').all(meetingId) as DbRow[]).map((r) => ({
    versionNo: r.version_no as number,
    text: r.text as string,
    signedAt: r.signed_at as string,
    signedBy: r.signed_by as string,
    reopenedAt: (r.reopened_at as string | null) ?? null,
    reopenedBy: (r.reopened_by as string | null) ?? null,
    reopenReason: (r.reopen_reason as string | null) ?? null,
  }));
}
