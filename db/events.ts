// Risk events (动态): dated facts the grading rules read. Soft-deleted so past grading stays explainable.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { getRisk } from './risk-row.js';
import { AppError } from '../shared/errors.js';
import type { RiskEvent, RiskEventFields } from '../shared/events.js';

type Row = Record<string, unknown>;
const toEvent = (r: Row): RiskEvent => ({
  id: r.id as number,
  riskId: r.risk_id as number,
  kind: r.kind as string,
  occurredOn: r.occurred_on as string,
  count: (r.count as number | null) ?? null,
  stage: (r.stage as string | null) ?? null,
  source: r.source as string,
  note: r.note as string,
  version: r.version as number,
});

export function listEvents(db: Db, riskId: number): RiskEvent[] {
  return (db.prepare('SELECT * FROM risk_events WHERE risk_id = ? AND deleted_at IS NULL ORDER BY occurred_on DESC, id DESC').all(riskId) as Row[]).map(toEvent);
}

function getEvent(db: Db, id: number): RiskEvent & { deleted: boolean } {
  const r = db.prepare('SELECT * FROM risk_events WHERE id = ?').get(id) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的动态记录，请刷新。`);
  return { ...toEvent(r), deleted: r.deleted_at !== null };
}

function check(f: { stage?: string | null; count?: number | null }, kind: string): void {
  if (kind === '网上舆情' && f.stage === undefined) throw new AppError('INVALID_INPUT', '网上舆情须注明阶段：苗头 或 发酵。');
  if (kind !== '网上舆情' && f.stage) throw new AppError('INVALID_INPUT', '只有“网上舆情”需要填写阶段（苗头/发酵）。');
  if (kind === '到市集访' && (f.count === null || f.count === undefined)) throw new AppError('INVALID_INPUT', '到市集访须填写人数（5 人及以上为集体访）。');
}

export function createEvent(db: Db, ctx: WriteContext, input: RiskEventFields & { riskId: number }): RiskEvent {
  const risk = getRisk(db, input.riskId);
  if (risk.deletedAt) throw new AppError('CONFLICT', `「${risk.title}」已删除，不能添加动态。`);
  check(input, input.kind);
  const now = ctx.now();
  const info = db
    .prepare('INSERT INTO risk_events (risk_id, kind, occurred_on, count, stage, source, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(input.riskId, input.kind, input.occurredOn, input.count ?? null, input.stage ?? null, input.source ?? '', input.note ?? '', now, now);
  const ev = getEvent(db, Number(info.lastInsertRowid));
  writeAudit(db, ctx, 'create', 'risk_event', ev.id, null, ev);
  return ev;
}

export function updateEvent(db: Db, ctx: WriteContext, id: number, version: number, patch: Partial<RiskEventFields>): RiskEvent {
  const before = getEvent(db, id);
  if (before.deleted) throw new AppError('CONFLICT', '该动态记录已删除，不能修改。');
  if (before.version !== version) throw new AppError('CONFLICT', `该动态记录已被修改过（当前版本 ${before.version}），本次未保存。请刷新后重试。`);
  const merged = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as RiskEvent;
  check(merged, merged.kind);
  const fields = ['kind', 'occurredOn', 'count', 'stage', 'source', 'note'] as const;
  const changed = fields.filter((f) => JSON.stringify(merged[f] ?? null) !== JSON.stringify(before[f] ?? null));
  if (changed.length === 0) return before;
  db.prepare('UPDATE risk_events SET kind = ?, occurred_on = ?, count = ?, stage = ?, source = ?, note = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(
    merged.kind, merged.occurredOn, merged.count ?? null, merged.stage ?? null, merged.source, merged.note, ctx.now(), id,
  );
  const after = getEvent(db, id);
  writeAudit(db, ctx, 'update', 'risk_event', id, Object.fromEntries(changed.map((f) => [f, before[f]])), Object.fromEntries(changed.map((f) => [f, after[f]])));
  return after;
}

export function deleteEvent(db: Db, ctx: WriteContext, id: number, version: number): RiskEvent {
  const before = getEvent(db, id);
  if (before.deleted) throw new AppError('CONFLICT', '该动态记录已经删除过了。');
  if (before.version !== version) throw new AppError('CONFLICT', `该动态记录已被修改过（当前版本 ${before.version}），本次未删除。请刷新后重试。`);
  db.prepare('UPDATE risk_events SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(ctx.now(), ctx.now(), id);
  writeAudit(db, ctx, 'delete', 'risk_event', id, before, null);
  return getEvent(db, id);
}
