// Keeps risk_history (migration 0009) in step with the register: rebuilt for one risk after each
// change of status, level, deletion (called where the weekly snapshot is synced), and for all risks
// after a bulk load. The definition is the one SQL in shared/statsHistory.ts.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { riskHistoryFillSql } from '../shared/statsHistory.js';
import { cachedStatement } from './statements.js';

export function syncRiskHistory(db: Db, riskId: number): void {
  cachedStatement(db, 'DELETE FROM risk_history WHERE risk_id = ?').run(riskId);
  cachedStatement(db, riskHistoryFillSql('r.id = ?')).run(riskId);
}

/** Risks with ids from..to (a bulk insert's new rows). */
export function fillRiskHistoryRange(db: Db, from: number, to: number): void {
  db.prepare('DELETE FROM risk_history WHERE risk_id BETWEEN ? AND ?').run(from, to);
  db.prepare(riskHistoryFillSql('r.id BETWEEN ? AND ?')).run(from, to);
}

export function rebuildRiskHistory(db: Db): void {
  db.exec('DELETE FROM risk_history');
  db.exec(riskHistoryFillSql('1'));
}

/**
 * The demo generator knows the day each closed risk was closed: it records the change the way the
 * app would have (an audit row on that day), so the history dates it like a real closure.
 */
export function recordDemoClosures(db: Db, ctx: WriteContext, closures: Array<{ riskId: number; on: string; status: string }>): void {
  const ins = db.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, 'update', 'risk', ?, ?, ?)");
  for (const c of closures) ins.run(`${c.on}T02:00:00.000Z`, ctx.actor, c.riskId, JSON.stringify({ status: '化解中' }), JSON.stringify({ status: c.status }));
}
