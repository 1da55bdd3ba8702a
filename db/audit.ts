// Audit log: every mutation appends who, when, entity, before and after.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import type { AuditEntry } from '../shared/audit.js';
import { cachedStatement } from './statements.js';

export function writeAudit(db: Db, ctx: WriteContext, action: string, entity: string, entityId: number | null, before: unknown, after: unknown): void {
  cachedStatement(db, 'INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    ctx.now(),
    ctx.actor,
    action,
    entity,
    entityId,
    before === undefined || before === null ? null : JSON.stringify(before),
    after === undefined || after === null ? null : JSON.stringify(after),
  );
}

/**
 * One 'create' audit row per row that `select.from` yields, its after-image built by SQLite
 * (`select.after`, e.g. RISK_JSON_SQL): a bulk path's audit in one statement instead of a
 * JSON.stringify and an insert per row from JS. `params` bind the placeholders of `select.from`.
 */
export function auditCreatedRows(db: Db, ctx: WriteContext, entity: string, select: { id: string; after: string; from: string }, params: unknown[]): void {
  db.prepare(`INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) SELECT ?, ?, 'create', ?, ${select.id}, NULL, ${select.after} ${select.from}`).run(
    ctx.now(),
    ctx.actor,
    entity,
    ...params,
  );
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  before: string | null;
  after: string | null;
}

/** An audit_log row as the contract shows it (before/after parsed). */
export function toAuditEntry(r: AuditRow): AuditEntry {
  return { id: r.id, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, before: r.before ? JSON.parse(r.before) : null, after: r.after ? JSON.parse(r.after) : null };
}

export function listAudit(db: Db, entity: string, entityId: number): AuditEntry[] {
  const rows = db.prepare('SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC').all(entity, entityId) as AuditRow[];
  return rows.map(toAuditEntry);
}

export function countAudit(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
}
