// Query module for action items (交办): create, edit, the state machine, feedback (its files: attachments.ts),
// extensions, lists with computed 临期/超期 and supervision, and per-unit figures.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { auditOfFiles, insertAttachments, listAttachments, type AttachmentFile } from './attachments.js';
import { getCalendar, getSupervision } from './calendar.js';
import { getMeeting } from './meetings.js';
import { currentUnitNames } from './units.js';
import { meetingDisplayName } from '../shared/meetings.js';
import { AppError } from '../shared/errors.js';
import { addDays, shanghaiDate, yearOf } from '../shared/dates.js';
import { dueDateFrom, type DueRule, type WorkCalendar } from '../shared/calendar.js';
import { actionTransition, dueStatus, onTimeRate, type ActionEvent, type ActionState, type SupervisionSettings } from '../shared/actions.js';
import { MAX_FEEDBACK_ATTACHMENTS, type ActionDetail, type ActionRow, type ExtensionRow, type FeedbackEntry, type UnitSummary } from '../shared/actionItems.js';

type DbRow = Record<string, unknown>;

export interface ReadCtx {
  asOf: string;
  cal: WorkCalendar;
  sup: SupervisionSettings;
}

export function readCtx(db: Db, asOf: string): ReadCtx {
  return { asOf, cal: getCalendar(db), sup: getSupervision(db) };
}

const SELECT = `SELECT a.*, m.year AS m_year, m.session_no AS m_session, m.type AS m_type, m.date AS m_date,
  (SELECT json_group_array(json_object('id', r.id, 'code', r.code, 'title', r.title)) FROM action_risks ar JOIN risks r ON r.id = ar.risk_id WHERE ar.action_id = a.id) AS risks_json,
  EXISTS (SELECT 1 FROM action_extensions e WHERE e.action_id = a.id AND e.status = '待审批') AS pending_ext
  FROM actions a LEFT JOIN meetings m ON m.id = a.meeting_id`;

function rowToAction(r: DbRow, rc: ReadCtx): ActionRow {
  const risks = (JSON.parse(r.risks_json as string) as ActionRow['risks']).sort((x, y) => x.id - y.id);
  const state = r.state as ActionState;
  return {
    id: r.id as number,
    code: r.code as string,
    meetingId: (r.meeting_id as number | null) ?? null,
    meetingLabel: r.meeting_id ? meetingDisplayName({ year: r.m_year as number, sessionNo: r.m_session as number, type: r.m_type as string, date: r.m_date as string }) : null,
    riskIds: risks.map((x) => x.id),
    risks,
    content: r.content as string,
    leadUnit: r.lead_unit as string,
    coUnits: JSON.parse(r.co_units as string) as string[],
    leadLeader: r.lead_leader as string,
    contact: r.contact as string,
    issuedAt: r.issued_at as string,
    dueAt: r.due_at as string,
    originalDueAt: r.original_due_at as string,
    dueRule: r.due_rule as string,
    feedbackCycle: r.feedback_cycle as string,
    state,
    closedOn: (r.closed_on as string | null) ?? null,
    returnReason: r.return_reason as string,
    due: dueStatus({ state, dueAt: r.due_at as string }, rc.asOf, rc.sup, rc.cal),
    pendingExtension: r.pending_ext === 1,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    version: r.version as number,
  };
}

export function getAction(db: Db, id: number, rc: ReadCtx): ActionRow {
  const r = db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as DbRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的交办事项，请刷新列表。`);
  return rowToAction(r, rc);
}

export interface ActionListFilter {
  unit?: string;
  state?: ActionState;
  openOnly?: boolean;
  dueStatus?: string;
  supervision?: string;
  meetingId?: number;
  riskId?: number;
  dueFrom?: string;
  dueTo?: string;
  query?: string;
  limit: number;
}

export function listActions(db: Db, f: ActionListFilter, rc: ReadCtx): { rows: ActionRow[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.unit) {
    where.push('a.lead_unit = ?');
    params.push(f.unit);
  }
  if (f.state) {
    where.push('a.state = ?');
    params.push(f.state);
  }
  if (f.openOnly || f.dueStatus === '超期' || f.dueStatus === '临期' || f.supervision) where.push("a.state <> '办结'");
  if (f.dueStatus === '已办结') where.push("a.state = '办结'");
  if (f.meetingId) {
    where.push('a.meeting_id = ?');
    params.push(f.meetingId);
  }
  if (f.riskId) {
    where.push('a.id IN (SELECT action_id FROM action_risks WHERE risk_id = ?)');
    params.push(f.riskId);
  }
  if (f.dueFrom) {
    where.push('a.due_at >= ?');
    params.push(f.dueFrom);
  }
  if (f.dueTo) {
    where.push('a.due_at <= ?');
    params.push(f.dueTo);
  }
  if (f.query) {
    const like = `%${f.query.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    where.push("(a.code LIKE ? ESCAPE '\\' OR a.content LIKE ? ESCAPE '\\' OR a.lead_unit LIKE ? ESCAPE '\\')");
    params.push(like, like, like);
  }
  const whereSql = where.length ? ' WHERE ' + where.join(' AND ') : '';
  const sql = `${SELECT}${whereSql} ORDER BY a.due_at, a.id`;
  if (!f.dueStatus && !f.supervision) {
    // Nothing computed to filter on: let SQL page, so years of closed history are never read.
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM actions a${whereSql}`).get(...params) as { n: number }).n;
    return { rows: (db.prepare(`${sql} LIMIT ?`).all(...params, f.limit) as DbRow[]).map((r) => rowToAction(r, rc)), total };
  }
  // 临期/超期 and the ladder are computed, so those filters run after the computation (open actions only).
  let rows = (db.prepare(sql).all(...params) as DbRow[]).map((r) => rowToAction(r, rc));
  if (f.dueStatus) rows = rows.filter((a) => a.due.status === f.dueStatus);
  if (f.supervision) rows = rows.filter((a) => a.due.level === f.supervision);
  return { rows: rows.slice(0, f.limit), total: rows.length };
}

export function nextActionCode(db: Db, year: number): string {
  const head = `JB-${year}-`;
  const r = db.prepare('SELECT MAX(CAST(substr(code, ?) AS INTEGER)) AS n FROM actions WHERE code LIKE ?').get(head.length + 1, head + '%') as { n: number | null };
  return head + String((r.n ?? 0) + 1).padStart(3, '0');
}

function assertRisks(db: Db, riskIds: number[]): void {
  if (!riskIds.length) return;
  const n = (db.prepare('SELECT COUNT(*) AS n FROM risks WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?))').get(JSON.stringify([...new Set(riskIds)])) as { n: number }).n;
  if (n !== new Set(riskIds).size) throw new AppError('NOT_FOUND', '关联的风险事项中有的已删除或不存在，请重新选择。');
}

function dueRuleText(rule: DueRule): string {
  return `${rule.days}个${rule.unit === 'working' ? '工作日' : '自然日'}`;
}

export interface ActionCreate {
  meetingId?: number | null;
  riskIds: number[];
  content: string;
  leadUnit: string;
  coUnits: string[];
  leadLeader: string;
  contact: string;
  issuedAt?: string;
  dueAt?: string;
  dueIn?: DueRule;
  feedbackCycle: string;
  asOf?: string;
}

export function createAction(db: Db, ctx: WriteContext, input: ActionCreate): ActionRow {
  input = currentUnitNames(db, input);
  const asOf = shanghaiDate(input.asOf ?? ctx.now());
  if (input.meetingId) {
    const m = getMeeting(db, input.meetingId);
    if (m.locked) throw new AppError('CONFLICT', `${meetingDisplayName(m)}已签发锁定，不能再为它新增交办。请重新打开会议，或不关联会议直接交办。`);
  }
  assertRisks(db, input.riskIds);
  const rc = readCtx(db, asOf);
  const issuedAt = input.issuedAt ?? asOf;
  const dueAt = input.dueAt ?? dueDateFrom(issuedAt, input.dueIn!, rc.cal);
  if (dueAt < issuedAt) throw new AppError('INVALID_INPUT', `办结时限（${dueAt}）早于交办日期（${issuedAt}），请改正。`);
  const now = ctx.now();
  const info = db
    .prepare(
      `INSERT INTO actions (code, meeting_id, content, lead_unit, co_units, lead_leader, contact, issued_at, due_at, original_due_at, due_rule, feedback_cycle, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(nextActionCode(db, yearOf(issuedAt)), input.meetingId ?? null, input.content, input.leadUnit, JSON.stringify(input.coUnits), input.leadLeader, input.contact, issuedAt, dueAt, dueAt, input.dueIn && !input.dueAt ? dueRuleText(input.dueIn) : '', input.feedbackCycle, now, now);
  const id = Number(info.lastInsertRowid);
  const link = db.prepare('INSERT OR IGNORE INTO action_risks (action_id, risk_id) VALUES (?, ?)');
  for (const r of input.riskIds) link.run(id, r);
  const created = getAction(db, id, rc);
  writeAudit(db, ctx, 'create', 'action', id, null, { ...created, due: undefined });
  return created;
}

function assertVersion(a: ActionRow, version: number): void {
  if (a.version !== version) {
    throw new AppError('CONFLICT', `交办事项 ${a.code} 已被修改过（当前版本 ${a.version}，您操作的是版本 ${version}）。本次未保存，请刷新后重试。`, { current: a.version });
  }
}

const EDITABLE = { content: 'content', leadUnit: 'lead_unit', coUnits: 'co_units', leadLeader: 'lead_leader', contact: 'contact', dueAt: 'due_at', feedbackCycle: 'feedback_cycle' } as const;

export function updateAction(db: Db, ctx: WriteContext, id: number, version: number, patch: Partial<Record<keyof typeof EDITABLE | 'riskIds', unknown>>): ActionRow {
  patch = currentUnitNames(db, patch);
  const rc = readCtx(db, shanghaiDate(ctx.now()));
  const before = getAction(db, id, rc);
  assertVersion(before, version);
  if (before.state === '办结') throw new AppError('CONFLICT', `交办事项 ${before.code} 已办结，不能修改。`);
  const keys = (Object.keys(patch) as Array<keyof typeof patch>).filter((k) => patch[k] !== undefined && JSON.stringify(patch[k]) !== JSON.stringify(before[k]));
  if (!keys.length) return before;
  // Every refusal before the first write: a refused update leaves the connection untouched.
  if (keys.includes('riskIds')) assertRisks(db, patch.riskIds as number[]);
  const cols = keys.filter((k): k is keyof typeof EDITABLE => k !== 'riskIds');
  if (cols.length) {
    db.prepare(`UPDATE actions SET ${cols.map((k) => `${EDITABLE[k]} = ?`).join(', ')} WHERE id = ?`).run(...cols.map((k) => (k === 'coUnits' ? JSON.stringify(patch[k]) : patch[k])), id);
  }
  if (keys.includes('riskIds')) {
    const riskIds = patch.riskIds as number[];
    db.prepare('DELETE FROM action_risks WHERE action_id = ?').run(id);
    const link = db.prepare('INSERT OR IGNORE INTO action_risks (action_id, risk_id) VALUES (?, ?)');
    for (const r of riskIds) link.run(id, r);
  }
  db.prepare('UPDATE actions SET updated_at = ?, version = version + 1 WHERE id = ?').run(ctx.now(), id);
  const after = getAction(db, id, rc);
  const pick = (a: ActionRow) => Object.fromEntries(keys.map((k) => [k, a[k]]));
  writeAudit(db, ctx, 'update', 'action', id, pick(before), pick(after));
  return after;
}

const EVENT_FEEDBACK_KIND: Partial<Record<ActionEvent, string>> = { sign: '签收', approve: '审核', return: '退回', feedback: '办理结果' };

export function transitionAction(db: Db, ctx: WriteContext, input: { id: number; version: number; event: ActionEvent; reason?: string; by?: string; asOf?: string }): ActionRow {
  const asOf = shanghaiDate(input.asOf ?? ctx.now());
  const rc = readCtx(db, asOf);
  const before = getAction(db, input.id, rc);
  assertVersion(before, input.version);
  const t = actionTransition(before.state, input.event, input.reason);
  if (!t.ok) throw new AppError('CONFLICT', t.message);
  const sets = ['state = ?', 'updated_at = ?', 'version = version + 1'];
  const params: unknown[] = [t.to, ctx.now()];
  if (t.to === '办结') {
    sets.push('closed_on = ?');
    params.push(asOf);
  }
  if (input.event === 'return') {
    sets.push('return_reason = ?');
    params.push(input.reason!.trim());
  }
  db.prepare(`UPDATE actions SET ${sets.join(', ')} WHERE id = ?`).run(...params, input.id);
  const kind = EVENT_FEEDBACK_KIND[input.event];
  if (kind && (input.reason?.trim() || input.event !== 'feedback')) {
    const text = input.reason?.trim() || (input.event === 'sign' ? '已签收' : input.event === 'approve' ? '审核通过，予以办结' : '');
    db.prepare('INSERT INTO action_feedback (action_id, date, kind, text, by_whom, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(input.id, asOf, kind, text, input.by ?? ctx.actor, ctx.now());
  }
  const after = getAction(db, input.id, rc);
  writeAudit(db, ctx, input.event, 'action', input.id, { state: before.state }, { state: after.state, reason: input.reason ?? null });
  return after;
}

export interface FeedbackAdd {
  actionId: number;
  version: number;
  date?: string;
  text: string;
  by: string;
  final: boolean;
  /** Already decoded and checked (db/attachments.ts readAttachment). */
  files: readonly AttachmentFile[];
  asOf?: string;
}

/** The feedback and all its files in one write, with one audit row naming each file; or nothing. */
export function addFeedback(db: Db, ctx: WriteContext, input: FeedbackAdd): ActionRow {
  const asOf = shanghaiDate(input.asOf ?? ctx.now());
  const rc = readCtx(db, asOf);
  const before = getAction(db, input.actionId, rc);
  assertVersion(before, input.version);
  if (before.state === '办结') throw new AppError('CONFLICT', `交办事项 ${before.code} 已办结，不能再添加反馈。`);
  if (input.files.length > MAX_FEEDBACK_ATTACHMENTS) throw new AppError('INVALID_INPUT', `每条反馈最多 ${MAX_FEEDBACK_ATTACHMENTS} 个附件。`);
  let state: ActionState = before.state;
  if (input.final) {
    const t = actionTransition(before.state, 'feedback');
    if (!t.ok) throw new AppError('CONFLICT', t.message);
    state = t.to;
  }
  const now = ctx.now();
  const date = input.date ?? asOf;
  const fid = Number(
    db.prepare('INSERT INTO action_feedback (action_id, date, kind, text, by_whom, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(input.actionId, date, input.final ? '办理结果' : '进展', input.text, input.by || ctx.actor, now).lastInsertRowid,
  );
  insertAttachments(db, fid, input.files, now);
  db.prepare('UPDATE actions SET state = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(state, now, input.actionId);
  const after = getAction(db, input.actionId, rc);
  writeAudit(db, ctx, 'feedback', 'action', input.actionId, { state: before.state }, { state: after.state, feedbackId: fid, text: input.text, attachments: auditOfFiles(input.files) });
  return after;
}

export function listFeedback(db: Db, actionId: number): FeedbackEntry[] {
  return (db.prepare('SELECT * FROM action_feedback WHERE action_id = ? ORDER BY date, id').all(actionId) as DbRow[]).map((r) => ({
    id: r.id as number,
    date: r.date as string,
    kind: r.kind as string,
    text: r.text as string,
    by: r.by_whom as string,
    createdAt: r.created_at as string,
    attachments: listAttachments(db, r.id as number),
  }));
}

function listExtensions(db: Db, actionId: number): ExtensionRow[] {
  return (db.prepare('SELECT * FROM action_extensions WHERE action_id = ? ORDER BY id').all(actionId) as DbRow[]).map((r) => ({
    id: r.id as number,
    days: r.days as number,
    reason: r.reason as string,
    requestedOn: r.requested_on as string,
    requestedBy: r.requested_by as string,
    status: r.status as ExtensionRow['status'],
    decidedOn: (r.decided_on as string | null) ?? null,
    decidedBy: (r.decided_by as string | null) ?? null,
    decisionNote: r.decision_note as string,
  }));
}

export function getActionDetail(db: Db, id: number, asOf: string): ActionDetail {
  return { action: getAction(db, id, readCtx(db, asOf)), feedback: listFeedback(db, id), extensions: listExtensions(db, id) };
}

export function requestExtension(db: Db, ctx: WriteContext, input: { actionId: number; version: number; days: number; reason: string; by: string; asOf?: string }): ActionRow {
  const asOf = shanghaiDate(input.asOf ?? ctx.now());
  const rc = readCtx(db, asOf);
  const before = getAction(db, input.actionId, rc);
  assertVersion(before, input.version);
  if (before.state === '办结') throw new AppError('CONFLICT', `交办事项 ${before.code} 已办结，无需延期。`);
  if (before.pendingExtension) throw new AppError('CONFLICT', `交办事项 ${before.code} 已有一份待审批的延期申请，请先审批。`);
  db.prepare('INSERT INTO action_extensions (action_id, days, reason, requested_on, requested_by) VALUES (?, ?, ?, ?, ?)').run(input.actionId, input.days, input.reason, asOf, input.by || ctx.actor);
  db.prepare('INSERT INTO action_feedback (action_id, date, kind, text, by_whom, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(input.actionId, asOf, '延期', `申请延期 ${input.days} 天：${input.reason}`, input.by || ctx.actor, ctx.now());
  db.prepare('UPDATE actions SET updated_at = ?, version = version + 1 WHERE id = ?').run(ctx.now(), input.actionId);
  writeAudit(db, ctx, 'extension.request', 'action', input.actionId, null, { days: input.days, reason: input.reason });
  return getAction(db, input.actionId, rc);
}

/** Approval moves the due date by the requested days (from the current due date); refusal changes nothing else. */
export function decideExtension(db: Db, ctx: WriteContext, input: { actionId: number; version: number; extensionId: number; approve: boolean; note: string; asOf?: string }): ActionRow {
  const asOf = shanghaiDate(input.asOf ?? ctx.now());
  const rc = readCtx(db, asOf);
  const before = getAction(db, input.actionId, rc);
  assertVersion(before, input.version);
  const ext = db.prepare('SELECT * FROM action_extensions WHERE id = ? AND action_id = ?').get(input.extensionId, input.actionId) as DbRow | undefined;
  if (!ext) throw new AppError('NOT_FOUND', '找不到该延期申请，请刷新。');
  if (ext.status !== '待审批') throw new AppError('CONFLICT', `该延期申请已${ext.status}，不能重复审批。`);
  db.prepare('UPDATE action_extensions SET status = ?, decided_on = ?, decided_by = ?, decision_note = ? WHERE id = ?').run(input.approve ? '已批准' : '未批准', asOf, ctx.actor, input.note, input.extensionId);
  const newDue = input.approve ? addDays(before.dueAt, ext.days as number) : before.dueAt;
  db.prepare('UPDATE actions SET due_at = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(newDue, ctx.now(), input.actionId);
  db.prepare('INSERT INTO action_feedback (action_id, date, kind, text, by_whom, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    input.actionId, asOf, '延期', `${input.approve ? `同意延期 ${ext.days} 天，办结时限改为 ${newDue}` : '不同意延期'}${input.note ? '：' + input.note : ''}`, ctx.actor, ctx.now(),
  );
  writeAudit(db, ctx, 'extension.decide', 'action', input.actionId, { dueAt: before.dueAt }, { dueAt: newDue, approve: input.approve });
  return getAction(db, input.actionId, rc);
}

export function unitSummaries(db: Db, rc: ReadCtx): UnitSummary[] {
  const rows = db.prepare('SELECT lead_unit, state, due_at, closed_on FROM actions').all() as Array<{ lead_unit: string; state: ActionState; due_at: string; closed_on: string | null }>;
  const byUnit = new Map<string, typeof rows>();
  for (const r of rows) byUnit.set(r.lead_unit, [...(byUnit.get(r.lead_unit) ?? []), r]);
  const out: UnitSummary[] = [];
  for (const [unit, list] of byUnit) {
    const rate = onTimeRate(list.map((r) => ({ state: r.state, dueAt: r.due_at, closedOn: r.closed_on })), rc.asOf, rc.cal);
    const dues = list.map((r) => dueStatus({ state: r.state, dueAt: r.due_at }, rc.asOf, rc.sup, rc.cal));
    out.push({
      unit,
      total: list.length,
      open: list.filter((r) => r.state !== '办结').length,
      overdue: dues.filter((d) => d.status === '超期').length,
      closed: list.filter((r) => r.state === '办结').length,
      onTime: rate.onTime,
      counted: rate.counted,
      onTimeRate: rate.rate,
    });
  }
  return out.sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.unit.localeCompare(b.unit, 'zh'));
}
