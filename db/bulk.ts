// Bulk writes (demo register, imports): plain inserts with the FTS insert trigger lifted,
// then one index rebuild — trigger-maintained FTS makes bulk insert ~13× slower (DESIGN.md).
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { RISK_COLUMNS, RISK_DEFAULTS, RISK_FIELDS, toDbValue } from './risks.js';
import type { RiskFields } from '../shared/risks.js';

/** Runs fn with the risks_fts insert trigger removed, then rebuilds the index. Call inside a transaction. */
export function withDeferredFts<T>(db: Db, fn: () => T): T {
  const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'risks_fts_ai'").get() as { sql: string } | undefined;
  if (!trigger) return fn();
  db.exec('DROP TRIGGER risks_fts_ai');
  const result = fn();
  db.exec(trigger.sql);
  db.exec("INSERT INTO risks_fts(risks_fts) VALUES ('rebuild')");
  return result;
}

/** Inserts complete risks (codes given). Returns the new ids in order. */
export function insertRisksBulk(db: Db, ctx: WriteContext, rows: Array<RiskFields & { code: string }>): number[] {
  const cols = RISK_FIELDS.map((f) => RISK_COLUMNS[f]);
  const stmt = db.prepare(`INSERT INTO risks (${cols.join(', ')}, created_at, updated_at) VALUES (${cols.map(() => '?').join(', ')}, ?, ?)`);
  const now = ctx.now();
  return withDeferredFts(db, () =>
    rows.map((row) => {
      const values = RISK_FIELDS.map((f) => toDbValue(f, row[f] ?? RISK_DEFAULTS[f] ?? null));
      return Number(stmt.run(...values, now, now).lastInsertRowid);
    }),
  );
}
