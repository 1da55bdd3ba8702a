// 统计: the figures of a period (with the previous period and the same period last year), the
// drill-down from each figure to its records, the hand-entered petition-system figures and the
// definitions setting. The measures themselves: db/statsMeasures.ts, db/statsActions.ts.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { getListNames } from './settings.js';
import { AppError } from '../shared/errors.js';
import { DEFAULT_STATS_DEFINITIONS, RISK_MEASURES, drillFilterProblem, previousPeriod, recordKindOf, samePeriodLastYear, type ActionMeasure, type DrillFilter, type Measure, type Period, type StatsDefinitions } from '../shared/stats.js';
import type { ManualFigure, PeriodFigures, Rate, StatsRecordRow, StatsRecords, StatsSummary, Tally } from '../shared/statsTypes.js';
import { measureIds, tallyAssessments, tallyMeetings, tallyRisks, type Span } from './statsMeasures.js';
import { actionRows, round1, unitTable } from './statsActions.js';
import { frozenFigures, frozenRecordIds } from './statsReports.js';

export function getStatsDefinitions(db: Db): StatsDefinitions {
  const v = db.prepare("SELECT value FROM settings WHERE key = 'stats'").pluck().get() as string | undefined;
  return v ? { ...DEFAULT_STATS_DEFINITIONS, ...(JSON.parse(v) as Partial<StatsDefinitions>) } : structuredClone(DEFAULT_STATS_DEFINITIONS);
}

export function updateStatsDefinitions(db: Db, ctx: WriteContext, defs: StatsDefinitions): StatsDefinitions {
  const before = getStatsDefinitions(db);
  db.prepare("INSERT INTO settings (key, value) VALUES ('stats', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(defs));
  writeAudit(db, ctx, 'update', 'settings', null, { stats: before }, { stats: defs });
  return defs;
}

/** The days a period counts: itself, clipped to the as-of day (a period that has not begun is refused). */
export function spanOf(p: Period, asOf: string): Span {
  if (p.from > asOf) throw new AppError('INVALID_INPUT', `所选期间（${p.from} 起）还没有开始（今天是 ${asOf}），请选择今天或以前的期间。`);
  return { from: p.from, to: p.to < asOf ? p.to : asOf };
}

const rate = (num: number, den: number): Rate => ({ value: den ? round1((num / den) * 100) : null, num, den });

export function periodFigures(db: Db, p: Period, asOf: string, defs: StatsDefinitions): PeriodFigures {
  const span = spanOf(p, asOf);
  const risks = Object.fromEntries(RISK_MEASURES.map((m) => [m, tallyRisks(db, m, defs, span)])) as Record<(typeof RISK_MEASURES)[number], Tally>;
  const byType = tallyMeetings(db, span);
  const { units, total } = unitTable(db, span);
  const base = risks.openStart.total + risks.entered.total;
  const baseP = risks.openStart.packaged + risks.entered.packaged;
  return {
    period: p,
    from: span.from,
    to: span.to,
    meetings: { total: Object.values(byType).reduce((a, n) => a + n, 0), byType },
    assessments: tallyAssessments(db, span),
    risks,
    rates: {
      resolveRate: rate(risks.resolved.total, base),
      controlRate: rate(risks.openEnd.flagged, risks.openEnd.total),
      packageRate: rate(risks.resolved.packaged, baseP),
      onTimeRate: rate(total.onTime, total.due),
    },
    units,
    unitTotal: total,
  };
}

export function listManual(db: Db, p: Period): ManualFigure[] {
  return db
    .prepare('SELECT measure, value, note, entered_by AS enteredBy, entered_at AS enteredAt FROM stats_manual WHERE period = ? ORDER BY rowid')
    .all(`${p.from}/${p.to}`) as ManualFigure[];
}

/** A figure typed in from the petition system; null removes it. */
export function setManual(db: Db, ctx: WriteContext, p: Period, measure: string, value: number | null, note: string): ManualFigure[] {
  const key = `${p.from}/${p.to}`;
  const before = db.prepare('SELECT value, note FROM stats_manual WHERE period = ? AND measure = ?').get(key, measure) ?? null;
  if (value === null) db.prepare('DELETE FROM stats_manual WHERE period = ? AND measure = ?').run(key, measure);
  else
    db.prepare(
      `INSERT INTO stats_manual (period, measure, value, note, entered_at, entered_by) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (period, measure) DO UPDATE SET value = excluded.value, note = excluded.note, entered_at = excluded.entered_at, entered_by = excluded.entered_by`,
    ).run(key, measure, value, note, ctx.now(), ctx.actor);
  writeAudit(db, ctx, value === null ? 'delete' : 'update', 'stats_manual', null, before ? { period: key, measure, ...before } : null, value === null ? null : { period: key, measure, value, note });
  return listManual(db, p);
}

export function statsSummary(db: Db, p: Period, asOf: string, compare: boolean, reportId?: number): StatsSummary {
  const lists = getListNames(db);
  if (reportId) return frozenFigures(db, reportId, p, lists);
  const defs = getStatsDefinitions(db);
  const current = periodFigures(db, p, asOf, defs);
  const prev = previousPeriod(p);
  const last = samePeriodLastYear(p);
  const previous = compare ? periodFigures(db, prev, asOf, defs) : null;
  // For a year the period before is the same period last year: counted once.
  const lastYear = compare ? (prev.from === last.from && prev.to === last.to ? previous : periodFigures(db, last, asOf, defs)) : null;
  return {
    asOf,
    definitions: defs,
    ...lists,
    current,
    previous,
    lastYear,
    manual: listManual(db, p),
    frozen: null,
  };
}

/** Ids of the records one figure counts (narrowed by a breakdown key), a page at a time. */
export function recordIds(db: Db, m: Measure, p: Period, asOf: string, f: DrillFilter, offset: number, limit: number): { ids: number[]; total: number } {
  const span = spanOf(p, asOf);
  if (recordKindOf(m) !== 'action') return measureIds(db, m as Parameters<typeof measureIds>[1], getStatsDefinitions(db), span, f, offset, limit);
  const all = actionRows(db, span, m as ActionMeasure, f.unitId)
    .filter(([, , supervision]) => f.supervision === undefined || supervision === f.supervision)
    .map(([id]) => id);
  return { ids: all.slice(offset, offset + limit), total: all.length };
}

const ROW_SQL = {
  risk: `SELECT r.id, r.code, r.title, r.first_found AS date, r.lead_unit AS unit, g.name AS region, d.name AS domain, r.level, r.status
    FROM risks r JOIN regions g ON g.id = r.region_id JOIN domains d ON d.id = r.domain_id WHERE r.id IN (SELECT value FROM json_each(?))`,
  action: `SELECT a.id, a.code, a.content AS title, a.due_at AS date, COALESCE(u.name, a.lead_unit) AS unit, '' AS region, '' AS domain, NULL AS level,
      a.state || CASE WHEN a.closed_on IS NOT NULL THEN '（' || a.closed_on || '）' ELSE '' END AS status
    FROM actions a LEFT JOIN units u ON u.id = a.lead_unit_id WHERE a.id IN (SELECT value FROM json_each(?))`,
  meeting: `SELECT m.id, m.year || '年第' || m.session_no || '次' AS code, m.type || CASE WHEN m.sensitive_period <> '' THEN '（' || m.sensitive_period || '）' ELSE '' END AS title,
      m.date, '' AS unit, '' AS region, '' AS domain, NULL AS level, m.state AS status FROM meetings m WHERE m.id IN (SELECT value FROM json_each(?))`,
  assessment: `SELECT a.id, r.code, r.title, a.assessed_on AS date, r.lead_unit AS unit, g.name AS region, d.name AS domain, a.final_level AS level, a.kind AS status
    FROM assessments a JOIN risks r ON r.id = a.risk_id JOIN regions g ON g.id = r.region_id JOIN domains d ON d.id = r.domain_id WHERE a.id IN (SELECT value FROM json_each(?))`,
} as const;

export function statsRecords(db: Db, m: Measure, p: Period, asOf: string, f: DrillFilter, offset: number, limit: number, reportId?: number): StatsRecords {
  const kind = recordKindOf(m);
  const problem = drillFilterProblem(m, f);
  if (problem) throw new AppError('INVALID_INPUT', problem);
  const page = reportId ? frozenRecordIds(db, reportId, m, f, offset, limit) : recordIds(db, m, p, asOf, f, offset, limit);
  const rows = db.prepare(ROW_SQL[kind]).all(JSON.stringify(page.ids)) as StatsRecordRow[];
  const order = new Map(page.ids.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { kind, total: page.total, rows: rows.map((r) => ({ ...r, code: String(r.code) })), frozen: Boolean(reportId) };
}
