// The 审计管理员's view of the audit: filtered pages and the rows of an export. Read only: no
// function anywhere edits or deletes an audit row (triggers refuse it, migration 0008).
import type { Db } from './open.js';
import type { AuditEntry, AuditFilter } from '../shared/audit.js';
import { toAuditEntry, type AuditRow } from './audit.js';
import { addDays, shanghaiDayStartUtc } from '../shared/dates.js';


function where(f: AuditFilter): { sql: string; params: unknown[] } {
  const conds: Array<[string, unknown]> = [];
  if (f.actor) conds.push(['actor = ?', f.actor]);
  if (f.action) conds.push(['action = ?', f.action]);
  if (f.entity) conds.push(['entity = ?', f.entity]);
  // Days are Shanghai days; `at` is stored as UTC ISO text, so the bounds are too.
  if (f.from) conds.push(['at >= ?', shanghaiDayStartUtc(f.from)]);
  if (f.to) conds.push(['at < ?', shanghaiDayStartUtc(addDays(f.to, 1))]);
  return { sql: conds.length ? `WHERE ${conds.map((c) => c[0]).join(' AND ')}` : '', params: conds.map((c) => c[1]) };
}

export function listAuditLog(db: Db, f: AuditFilter & { page: number; pageSize: number }): { rows: AuditEntry[]; total: number } {
  const w = where(f);
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${w.sql}`).get(...w.params) as { n: number }).n;
  const rows = db.prepare(`SELECT * FROM audit_log ${w.sql} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...w.params, f.pageSize, (f.page - 1) * f.pageSize) as AuditRow[];
  return { rows: rows.map(toAuditEntry), total };
}

/** Every matching row, oldest first, with before/after as stored (JSON text). */
export function* auditExportRows(db: Db, f: AuditFilter): Generator<AuditRow> {
  const w = where(f);
  yield* db.prepare(`SELECT * FROM audit_log ${w.sql} ORDER BY id`).iterate(...w.params) as Iterable<AuditRow>;
}
