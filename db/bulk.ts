// Bulk writes (demo register, imports): plain inserts with the FTS insert trigger lifted, then
// the new rows indexed in one statement — trigger-maintained FTS makes bulk insert ~13× slower (DESIGN.md);
// likewise the units trigger (new names join the 责任单位 list, ids and co-unit links set) runs set-wise.
// Every risk with a level (or likelihood × impact) gets its 登记定级 assessment here too, so the
// level stays a cache of assessments whichever way rows arrive; callers may supply a fuller history.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { RISK_COLUMNS, RISK_DEFAULTS, RISK_FIELDS, RISK_FROM, RISK_JSON_SQL, toDbValue } from './risks.js';
import { ASSESSMENT_JSON_SQL, registrationRow, type RegistrationFacts } from './assessments.js';
import { auditCreatedRows } from './audit.js';
import { liftTrigger } from './triggers.js';
import { addUnitsNamedOn, LEAD_UNIT_ID_SQL, linkCoUnits } from './units.js';
import { RISK_FTS_COLUMNS } from './risk-list.js';
import { currentRuleSet } from './rulesets.js';
import { listPeriods } from './periods.js';
import { appendNewRisksToWeek, fillWeeksUpTo } from './weeks.js';
import { fillRiskHistoryRange } from './statsHistory.js';
import { shanghaiDate, weekStart } from '../shared/dates.js';
import type { RiskFields } from '../shared/risks.js';
import type { DemoHistory } from '../shared/demoHistory.js';

/** The highest id in `table` (0 when empty): rows a bulk write adds are the ones above it. */
const lastId = (db: Db, table: 'risks' | 'assessments') => (db.prepare(`SELECT COALESCE(MAX(id), 0) AS m FROM ${table}`).get() as { m: number }).m;

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
  const before = lastId(db, 'risks');
  const result = fn();
  restore();
  db.prepare(
    `INSERT INTO risks_fts(rowid, ${RISK_FTS_COLUMNS}) SELECT id, ${RISK_FTS_COLUMNS} FROM risks_fts_source WHERE id > ?`,
  ).run(before);
  return result;
}

/**
 * Runs fn, which inserts risks with their lead_unit_id set (LEAD_UNIT_ID_SQL), with migration 0006's
 * per-row units trigger lifted, and does its work set-wise: the new names join the list first (in the
 * order and with the ids the trigger gives them), the co-unit links are written after. Per row, the
 * trigger's four statements (a units insert, an update of the row just written, a delete and an insert
 * of links) cost about as much as the insert itself: ~0.3 s of a 10,000-row import. `cells`: each row's
 * stored lead_unit and co_units, in insert order. Call inside a transaction.
 */
function withDeferredUnitLinks(db: Db, cells: Array<[unknown, unknown]>, fn: () => number[]): number[] {
  const restore = liftTrigger(db, 'risks_units_insert');
  if (!restore) return fn();
  addUnitsNamedOn(db, cells);
  const ids = fn();
  if (ids.length) linkCoUnits(db, ids[0], ids[ids.length - 1]);
  restore();
  return ids;
}

/** A field's stored value: the given one, else the column's default. */
const stored = (f: (typeof RISK_FIELDS)[number], v: unknown) => toDbValue(f, v ?? RISK_DEFAULTS[f] ?? null);

export interface BulkOptions {
  /** Today for the registration date of undated rows and for the snapshot week (default: ctx clock). */
  asOf?: string;
  /** A full history per row (demo); default: one 登记定级 per graded row. */
  history?: (row: RiskFields, index: number) => DemoHistory;
  /** Write this week's snapshot rows (default true; the demo writes a whole year itself). */
  snapshot?: boolean;
  /** Called after each risk is written (its assessments and events included): the import's test pause. */
  afterRow?: () => void;
}

const ASSESS_COLS = ['risk_id', 'kind', 'assessed_on', 'likelihood', 'impact', 'score', 'matrix_level', 'rule_level', 'computed_level', 'final_level', 'override_reason',
  'escalation_period', 'escalation_basis', 'basis', 'rule_set_version', 'trend', 'analysis', 'countermeasures', 'report_up', 'next_review', 'created_at', 'created_by'] as const;

/** Inserts complete risks (codes given), unaudited (the demo; createRisksBulk audits). Returns the new ids in order. */
export function insertRisksBulk(db: Db, ctx: WriteContext, rows: Array<RiskFields & { code: string }>, opts: BulkOptions = {}): number[] {
  const cols = [...RISK_FIELDS.map((f) => RISK_COLUMNS[f]), 'next_review'];
  const stmt = db.prepare(`INSERT INTO risks (${cols.join(', ')}, created_at, updated_at, lead_unit_id) VALUES (${cols.map(() => '?').join(', ')}, ?, ?, ${LEAD_UNIT_ID_SQL})`);
  const leadUnit = RISK_FIELDS.indexOf('leadUnit');
  const insA = db.prepare(`INSERT INTO assessments (${ASSESS_COLS.join(', ')}) VALUES (${ASSESS_COLS.map(() => '?').join(', ')})`);
  const insE = db.prepare('INSERT INTO risk_events (risk_id, kind, occurred_on, count, stage, source, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const now = ctx.now();
  const today = opts.asOf ?? shanghaiDate(now);
  const rs = currentRuleSet(db);
  const periods = listPeriods(db);
  const insertOne = (row: RiskFields & { code: string }, index: number): number => {
    const h = opts.history?.(row, index);
    const last = h?.assessments[h.assessments.length - 1];
    // A graded row without a history: its 登记定级 is computed first, so the risk goes in with its cache already set.
    const reg =
      !h && (row.level || (row.likelihood && row.impact))
        ? registrationRow(gradingFacts(row), row.level ?? null, row.firstFound && row.firstFound <= today ? row.firstFound : today, rs, [], periods, now, ctx.actor)
        : null;
    // The level cache the assessments set. Small objects, not spreads of the row: spreading a
    // 30-field row cost ~8 µs, a tenth of the whole write of an imported row.
    const cached: Partial<RiskFields> | null = last
      ? { level: last.grade.finalLevel, levelBasis: last.grade.basis, likelihood: last.likelihood, impact: last.impact, trend: last.trend as RiskFields['trend'] }
      : reg
        ? { level: reg.final_level as RiskFields['level'], levelBasis: reg.basis, trend: reg.trend as RiskFields['trend'] }
        : null;
    const values = RISK_FIELDS.map((f) => stored(f, cached && f in cached ? cached[f] : row[f]));
    const nextReview = last?.nextReview ?? reg?.next_review ?? null;
    const id = Number(stmt.run(...values, nextReview, now, now, values[leadUnit]).lastInsertRowid);
    if (h) {
      for (const e of h.events) insE.run(id, e.kind, e.occurredOn, e.count, e.stage, e.source, e.note, now, now);
      for (const a of h.assessments) {
        const g = a.grade;
        insA.run(id, a.kind, a.assessedOn, a.likelihood, a.impact, g.score, g.matrixLevel, g.ruleLevel, g.computedLevel, g.finalLevel, g.overrideReason,
          g.escalation?.period ?? null, g.escalation?.basis ?? null, g.basis, rs.version, a.trend, a.analysis, '', a.reportUp ? 1 : 0, a.nextReview, now, ctx.actor);
      }
    } else if (reg) {
      reg.risk_id = id;
      insA.run(...ASSESS_COLS.map((c) => reg[c]));
    }
    opts.afterRow?.();
    return id;
  };
  const unitCells = rows.map((row): [unknown, unknown] => [stored('leadUnit', row.leadUnit), stored('coUnits', row.coUnits)]);
  const ids = withDeferredFts(db, () => withDeferredUnitLinks(db, unitCells, () => rows.map(insertOne)));
  if (opts.snapshot !== false && ids.length) {
    const week = weekStart(today);
    fillWeeksUpTo(db, week);
    appendNewRisksToWeek(db, week, ids[0], ids[ids.length - 1]);
    fillRiskHistoryRange(db, ids[0], ids[ids.length - 1]);
  }
  return ids;
}

/** The facts a 登记定级 grades, with the defaults the stored row will have. */
function gradingFacts(row: RiskFields): RegistrationFacts {
  const d = RISK_DEFAULTS;
  return {
    id: 0,
    likelihood: row.likelihood ?? null,
    impact: row.impact ?? null,
    involvedCount: row.involvedCount ?? null,
    involvedUnit: row.involvedUnit ?? (d.involvedUnit as string),
    amountWan: row.amountWan ?? null,
    opinionRisk: row.opinionRisk ?? (d.opinionRisk as string),
    extremeRisk: row.extremeRisk ?? false,
    levelBasis: row.levelBasis ?? '',
    trend: row.trend ?? null,
  };
}

/**
 * Creates many risks as createRisk would: same defaults, the level recorded as a 登记定级
 * assessment, one audit row for the risk (the row as the register shows it) and one for its
 * assessment — but with one prepared insert, the search index built once, and the audit rows
 * written by two INSERT … SELECT over the new rows. Codes must be free.
 */
export function createRisksBulk(db: Db, ctx: WriteContext, rows: Array<RiskFields & { code: string }>, afterRow?: () => void): number[] {
  const assessmentsBefore = lastId(db, 'assessments');
  const ids = insertRisksBulk(db, ctx, rows, { afterRow });
  if (!ids.length) return ids;
  // Risk rows first, then their assessments: each entity's history reads in id order, as createRisk writes it.
  auditCreatedRows(db, ctx, 'risk', { id: 'r.id', after: RISK_JSON_SQL, from: `${RISK_FROM} WHERE r.id BETWEEN ? AND ? ORDER BY r.id` }, [ids[0], ids[ids.length - 1]]);
  auditCreatedRows(db, ctx, 'assessment', { id: 'a.id', after: ASSESSMENT_JSON_SQL, from: 'FROM assessments a WHERE a.id > ? ORDER BY a.id' }, [assessmentsBefore]);
  return ids;
}
