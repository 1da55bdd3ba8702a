// Bulk writes (demo register, imports): plain inserts with the FTS insert trigger lifted, then
// the new rows indexed in one statement — trigger-maintained FTS makes bulk insert ~13× slower (DESIGN.md).
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { RISK_COLUMNS, RISK_DEFAULTS, RISK_FIELDS, toDbValue } from './risks.js';
import type { RiskFields } from '../shared/risks.js';

/**
 * Runs fn with the risks_fts insert trigger removed, then indexes only the rows fn added, in one
 * statement. Measured here (10k rows into a 100k register): per-row trigger 3.3 s, full 'rebuild'
 * 2.4 s, one INSERT … SELECT of the new rows 0.34 s — so an import of 10 rows into a large
 * register no longer re-indexes the whole register. Call inside a transaction.
 */
export function withDeferredFts<T>(db: Db, fn: () => T): T {
  const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'risks_fts_ai'").get() as { sql: string } | undefined;
  if (!trigger) return fn();
  const before = (db.prepare('SELECT COALESCE(MAX(id), 0) AS m FROM risks').get() as { m: number }).m;
  db.exec('DROP TRIGGER risks_fts_ai');
  const result = fn();
  db.exec(trigger.sql);
  db.prepare(
    `INSERT INTO risks_fts(rowid, title, summary, main_demands, control_measures, resolution_measures, progress)
     SELECT id, title, summary, main_demands, control_measures, resolution_measures, progress FROM risks WHERE id > ?`,
  ).run(before);
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

/**
 * Creates many risks as createRisk would (same defaults, one audit row each with the whole row),
 * but with one prepared insert and the search index built once. Codes must be given and free.
 */
export function createRisksBulk(db: Db, ctx: WriteContext, rows: Array<RiskFields & { code: string }>): number[] {
  const names = (table: 'regions' | 'domains') => new Map((db.prepare(`SELECT id, name FROM ${table}`).all() as Array<{ id: number; name: string }>).map((r) => [r.id, r.name]));
  const regions = names('regions');
  const domains = names('domains');
  const cols = RISK_FIELDS.map((f) => RISK_COLUMNS[f]);
  const insert = db.prepare(`INSERT INTO risks (${cols.join(', ')}, created_at, updated_at) VALUES (${cols.map(() => '?').join(', ')}, ?, ?)`);
  const audit = db.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, 'create', 'risk', ?, NULL, ?)");
  const now = ctx.now();
  return withDeferredFts(db, () =>
    rows.map((row) => {
      const full: Record<string, unknown> = {};
      for (const f of RISK_FIELDS) full[f] = row[f] ?? RISK_DEFAULTS[f] ?? null;
      const id = Number(insert.run(...RISK_FIELDS.map((f) => toDbValue(f, full[f])), now, now).lastInsertRowid);
      // The audit row carries the same shape createRisk records (the row as the register shows it).
      const after = { id, ...full, region: regions.get(row.regionId), domain: domains.get(row.domainId), extremeRisk: !!full.extremeRisk, deletedAt: null, deletedReason: null, createdAt: now, updatedAt: now, version: 1 };
      audit.run(now, ctx.actor, id, JSON.stringify(after));
      return id;
    }),
  );
}
