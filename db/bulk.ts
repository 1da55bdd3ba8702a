// Bulk writes (demo register, imports): plain inserts with the FTS insert trigger lifted, then
// the new rows indexed in one statement — trigger-maintained FTS makes bulk insert ~13× slower (DESIGN.md).
// Every risk with a level (or likelihood × impact) gets its 登记定级 assessment here too, so the
// level stays a cache of assessments whichever way rows arrive; callers may supply a fuller history.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { RISK_COLUMNS, RISK_DEFAULTS, RISK_FIELDS, rowToRisk, toDbValue } from './risks.js';
import { registrationRow, toAssessment } from './assessments.js';
import { writeAudit } from './audit.js';
import { getLists } from './settings.js';
import { liftTrigger } from './triggers.js';
import { currentRuleSet } from './rulesets.js';
import { listPeriods } from './periods.js';
import { appendNewRisksToWeek, fillWeeksUpTo } from './weeks.js';
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
  const restore = liftTrigger(db, 'risks_fts_ai');
  if (!restore) return fn();
  const before = (db.prepare('SELECT COALESCE(MAX(id), 0) AS m FROM risks').get() as { m: number }).m;
  const result = fn();
  restore();
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

/** Inserts complete risks (codes given). Returns the new ids in order. */
export function insertRisksBulk(db: Db, ctx: WriteContext, rows: Array<RiskFields & { code: string }>, opts: BulkOptions = {}): number[] {
  return insertRows(db, ctx, rows, opts);
}

/** A written row as SQLite now holds it (column → value), for the audit's after-image without reading it back. */
type StoredRow = Record<string, unknown>;

/** Inserts the rows; `written` sees each stored row as it goes in (audited at once, nothing retained for 10,000 rows). */
function insertRows(db: Db, ctx: WriteContext, rows: Array<RiskFields & { code: string }>, opts: BulkOptions, written?: (risk: StoredRow, assessments: StoredRow[]) => void): number[] {
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
      // A graded row without a history: its 登记定级 is computed first, so the risk goes in with its cache already set.
      const reg =
        !h && (row.level || (row.likelihood && row.impact))
          ? registrationRow({ ...(row as unknown as RiskRow), id: 0, levelBasis: row.levelBasis ?? '', trend: row.trend ?? null }, row.level ?? null, row.firstFound && row.firstFound <= today ? row.firstFound : today, rs, [], periods, now, ctx.actor)
          : null;
      const cached: RiskFields = last
        ? { ...row, level: last.grade.finalLevel, levelBasis: last.grade.basis, likelihood: last.likelihood, impact: last.impact, trend: last.trend as RiskFields['trend'] }
        : reg
          ? { ...row, level: reg.final_level as RiskFields['level'], levelBasis: reg.basis, trend: reg.trend as RiskFields['trend'] }
          : row;
      const values = RISK_FIELDS.map((f) => toDbValue(f, cached[f] ?? RISK_DEFAULTS[f] ?? null));
      const nextReview = last?.nextReview ?? reg?.next_review ?? null;
      const id = Number(stmt.run(...values, nextReview, now, now).lastInsertRowid);
      if (h) {
        for (const e of h.events) insE.run(id, e.kind, e.occurredOn, e.count, e.stage, e.source, e.note, now, now);
        for (const a of h.assessments) {
          const g = a.grade;
          insA.run(id, a.kind, a.assessedOn, a.likelihood, a.impact, g.score, g.matrixLevel, g.ruleLevel, g.computedLevel, g.finalLevel, g.overrideReason,
            g.escalation?.period ?? null, g.escalation?.basis ?? null, g.basis, rs.version, a.trend, a.analysis, '', a.reportUp ? 1 : 0, a.nextReview, now, ctx.actor);
        }
      } else if (reg) {
        reg.risk_id = id;
        const assessmentId = Number(insA.run(...ASSESS_COLS.map((c) => reg[c])).lastInsertRowid);
        written?.(storedRisk(cols, values, id, nextReview, now), [{ ...reg, id: assessmentId, meeting_id: null, version: 1 }]);
        return id;
      }
      written?.(storedRisk(cols, values, id, nextReview, now), []);
      return id;
    }),
  );
  if (opts.snapshot !== false && ids.length) {
    const week = weekStart(today);
    fillWeeksUpTo(db, week);
    appendNewRisksToWeek(db, week, ids[0], ids[ids.length - 1]);
  }
  return ids;
}

/** The columns a new risk row holds: the field values as inserted (in `cols` order) plus the rest. */
function storedRisk(cols: string[], values: unknown[], id: number, nextReview: string | null, now: string): StoredRow {
  const r: StoredRow = { id, next_review: nextReview, deleted_at: null, deleted_reason: null, created_at: now, updated_at: now, version: 1 };
  for (let i = 0; i < values.length; i++) r[cols[i]] = values[i];
  return r;
}

/**
 * Creates many risks as createRisk would: same defaults, the level recorded as a 登记定级
 * assessment, one audit row for the risk (the row as the register shows it) and one for its
 * assessment — but with one prepared insert and the search index built once. Codes must be free.
 * The after-images are built from the values written (tests check them against a read-back).
 */
export function createRisksBulk(db: Db, ctx: WriteContext, rows: Array<RiskFields & { code: string }>): number[] {
  const lists = getLists(db);
  const regions = new Map(lists.regions.map((r) => [r.id, r.name]));
  const domains = new Map(lists.domains.map((d) => [d.id, d.name]));
  return insertRows(db, ctx, rows, {}, (risk, assessments) => {
    const after = rowToRisk({ ...risk, region_name: regions.get(risk.region_id as number), domain_name: domains.get(risk.domain_id as number) });
    writeAudit(db, ctx, 'create', 'risk', after.id, null, after);
    for (const a of assessments) writeAudit(db, ctx, 'create', 'assessment', a.id as number, null, toAssessment(a));
  });
}
