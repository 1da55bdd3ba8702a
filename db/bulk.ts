// Bulk writes (demo register, imports): plain inserts with the FTS insert trigger lifted, then
// the new rows indexed in one statement — trigger-maintained FTS makes bulk insert ~13× slower (DESIGN.md).
// Every risk with a level (or likelihood × impact) gets its 登记定级 assessment here too, so the
// level stays a cache of assessments whichever way rows arrive; callers may supply a fuller history.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { RISK_COLUMNS, RISK_DEFAULTS, RISK_FIELDS, RISK_SELECT, rowToRisk, toDbValue } from './risks.js';
import { registrationRow, toAssessment } from './assessments.js';
import { writeAudit } from './audit.js';
import { currentRuleSet } from './rulesets.js';
import { listPeriods } from './periods.js';
import { fillWeeksUpTo } from './weeks.js';
import { shanghaiDate, weekStart } from '../shared/dates.js';
import type { RiskFields, RiskRow } from '../shared/risks.js';
import type { DemoHistory } from '../shared/demoHistory.js';

/**
 * Runs fn with the risks_fts insert trigger removed, then indexes only the rows fn added, in one
 * statement. Measured here (10k rows into a 100k register): per-row trigger 3.3 s, full 'rebuild'
 * 2.4 s, one INSERT … SELECT of the new rows 0.34 s — so an import of 10 rows into a large
 * register no longer re-indexes the whole register. Rows come from the index's own content view
 * (risks_fts_source, which pads each column so 1–2 character terms stay searchable). Call inside a transaction.
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
     SELECT id, title, summary, main_demands, control_measures, resolution_measures, progress FROM risks_fts_source WHERE id > ?`,
  ).run(before);
  return result;
}

export interface BulkOptions {
  /** Today for the registration date of undated rows and for the snapshot week (default: ctx clock). */
  asOf?: string;
  /** A full history per row (demo); default: one 登记定级 per graded row. */
  history?: (row: RiskFields, index: number) => DemoHistory;
  /** Write this week's snapshot rows (default true; the demo writes a whole year itself). */
  snapshot?: boolean;
}

const ASSESS_COLS = ['risk_id', 'kind', 'assessed_on', 'likelihood', 'impact', 'score', 'matrix_level', 'rule_level', 'computed_level', 'final_level', 'override_reason',
  'escalation_period', 'escalation_basis', 'basis', 'rule_set_version', 'trend', 'analysis', 'countermeasures', 'report_up', 'next_review', 'created_at', 'created_by'] as const;

/** Inserts complete risks (codes given). Returns the new ids in order, and the histories when asked for. */
export function insertRisksBulk(db: Db, ctx: WriteContext, rows: Array<RiskFields & { code: string }>, opts: BulkOptions = {}): number[] {
  const cols = [...RISK_FIELDS.map((f) => RISK_COLUMNS[f]), 'next_review'];
  const stmt = db.prepare(`INSERT INTO risks (${cols.join(', ')}, created_at, updated_at) VALUES (${cols.map(() => '?').join(', ')}, ?, ?)`);
  const insA = db.prepare(`INSERT INTO assessments (${ASSESS_COLS.join(', ')}) VALUES (${ASSESS_COLS.map(() => '?').join(', ')})`);
  const insE = db.prepare('INSERT INTO risk_events (risk_id, kind, occurred_on, count, stage, source, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const now = ctx.now();
  const today = opts.asOf ?? shanghaiDate(now);
  const rs = currentRuleSet(db);
  const periods = listPeriods(db);
  const ids = withDeferredFts(db, () =>
    rows.map((row, index) => {
      const h = opts.history?.(row, index);
      const last = h?.assessments[h.assessments.length - 1];
      const cached: RiskFields = last
        ? { ...row, level: last.grade.finalLevel, levelBasis: last.grade.basis, likelihood: last.likelihood, impact: last.impact, trend: last.trend as RiskFields['trend'] }
        : row;
      const values = RISK_FIELDS.map((f) => toDbValue(f, cached[f] ?? RISK_DEFAULTS[f] ?? null));
      const id = Number(stmt.run(...values, last?.nextReview ?? null, now, now).lastInsertRowid);
      if (h) {
        for (const e of h.events) insE.run(id, e.kind, e.occurredOn, e.count, e.stage, e.source, e.note, now, now);
        for (const a of h.assessments) {
          const g = a.grade;
          insA.run(id, a.kind, a.assessedOn, a.likelihood, a.impact, g.score, g.matrixLevel, g.ruleLevel, g.computedLevel, g.finalLevel, g.overrideReason,
            g.escalation?.period ?? null, g.escalation?.basis ?? null, g.basis, rs.version, a.trend, a.analysis, '', a.reportUp ? 1 : 0, a.nextReview, now, ctx.actor);
        }
      } else if (row.level || (row.likelihood && row.impact)) {
        const on = row.firstFound && row.firstFound <= today ? row.firstFound : today;
        const a = registrationRow({ ...(row as unknown as RiskRow), id, levelBasis: row.levelBasis ?? '', trend: row.trend ?? null }, row.level ?? null, on, rs, [], periods, now, ctx.actor);
        insA.run(...ASSESS_COLS.map((c) => (a as Record<string, unknown>)[c]));
        db.prepare('UPDATE risks SET level = ?, level_basis = ?, trend = ?, next_review = ? WHERE id = ?').run(a.final_level, a.basis, a.trend, a.next_review, id);
      }
      return id;
    }),
  );
  if (opts.snapshot !== false && ids.length) {
    const week = weekStart(today);
    fillWeeksUpTo(db, week);
    db.prepare(
      `INSERT INTO risk_weeks (week, risk_id, level, prev_level, likelihood, impact, status, domain_id, region_id, kind)
       SELECT ?, id, COALESCE(level, 0), NULL, COALESCE(likelihood, 0), COALESCE(impact, 0), status, domain_id, region_id, 'appeared'
       FROM risks WHERE id BETWEEN ? AND ? AND deleted_at IS NULL AND status NOT IN ('已销号', '转司法终结')`,
    ).run(week, ids[0], ids[ids.length - 1]);
  }
  return ids;
}

/**
 * Creates many risks as createRisk would: same defaults, the level recorded as a 登记定级
 * assessment, one audit row for the risk (the row as the register shows it) and one for its
 * assessment — but with one prepared insert and the search index built once. Codes must be free.
 */
export function createRisksBulk(db: Db, ctx: WriteContext, rows: Array<RiskFields & { code: string }>): number[] {
  const ids = insertRisksBulk(db, ctx, rows);
  const readRisk = db.prepare(`${RISK_SELECT} WHERE r.id = ?`);
  const readAssessments = db.prepare('SELECT * FROM assessments WHERE risk_id = ? ORDER BY id');
  for (const id of ids) {
    writeAudit(db, ctx, 'create', 'risk', id, null, rowToRisk(readRisk.get(id) as Record<string, unknown>));
    for (const a of readAssessments.all(id) as Array<Parameters<typeof toAssessment>[0]>) writeAudit(db, ctx, 'create', 'assessment', a.id as number, null, toAssessment(a));
  }
  return ids;
}
