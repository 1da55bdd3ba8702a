// 交办 measures of a period by responsible unit (by unit id, so a renamed or merged unit keeps its
// history). One query per measure yields one row per assignment counted (id, unit, value); the unit
// table groups those rows, the drill-down lists them and an issued report stores them, so a list's total
// is the figure. The working calendar enters as parameters worked out by shared/statsActions.ts:
// the run of due dates whose effective date falls in the period, and the days of it that move.
import type { Db } from './open.js';
import { dueWindow, overdueLevels } from '../shared/statsActions.js';
import { getCalendar, getSupervision } from './calendar.js';
import type { Span } from './statsMeasures.js';
import type { UnitFigures } from '../shared/statsTypes.js';
import type { ActionMeasure } from '../shared/stats.js';
import { SUPERVISION_LEVELS, type SupervisionLevel } from '../shared/actions.js';
import { cachedStatement } from './statements.js';

// Every query runs unit by unit (the units, then the assignments with none: lead_unit_id IS NULL, shown as
// unit 0) down indexes that start with the unit (migration 0015), so a unit's figures are one range of
// one index each, counted without sorting a period's 40,000 assignments by unit. CROSS JOIN keeps the
// units the outer loop: the app never runs ANALYZE, and without statistics the planner may turn it round.
const UNITS = 'us(id) AS (SELECT id FROM units UNION ALL SELECT NULL)';
// The effective due date of a due day that moves (json object: day → effective day; else the day itself).
const MOVED = 'moved(d, eff) AS MATERIALIZED (SELECT key, value FROM json_each(@moved))';
const MOVED_TO = '(SELECT m.eff FROM moved m WHERE m.d = a.due_at)';
const WITH = `WITH ${UNITS}, ${MOVED}`;
// Closed by the period's end (a 办结 without a date is not closed).
const CLOSED_BY_END = "(a.state = '办结' AND a.closed_on <= @to)";

/** Per measure: which assignments it counts (a condition on actions a), and for 办结 the value averaged. */
const MEASURE: Record<Exclude<ActionMeasure, 'overdue'>, { where: string; value?: string }> = {
  // 交办: issued in the period.
  issued: { where: 'a.issued_at BETWEEN @from AND @to' },
  // 办结: closed in the period; value: calendar days from issue to close.
  done: { where: "a.state = '办结' AND a.closed_on BETWEEN @from AND @to", value: 'julianday(a.closed_on) - julianday(a.issued_at)' },
  // 应办结: effective due date in the period (due_at in the due window), and closed by its end or past due at its end.
  due: { where: `a.due_at BETWEEN @dueFrom AND @dueTo AND (${CLOSED_BY_END} OR @to > COALESCE(${MOVED_TO}, a.due_at))` },
  // 按期办结: closed on or before the effective due date (so by the period's end): on or before due_at, or
  // on or before the day a moved due day moves to.
  onTime: { where: `a.due_at BETWEEN @dueFrom AND @dueTo AND a.state = '办结' AND (a.closed_on <= a.due_at OR a.closed_on <= ${MOVED_TO})` },
  // 退回重办 / 延期: sent back / an extension approved in the period.
  returned: { where: "a.id IN (SELECT f.action_id FROM action_feedback f WHERE f.kind = '退回' AND f.date BETWEEN @from AND @to)" },
  extended: { where: "a.id IN (SELECT x.action_id FROM action_extensions x WHERE x.status = '已批准' AND x.decided_on BETWEEN @from AND @to)" },
};
const MEASURES = Object.keys(MEASURE) as Array<keyof typeof MEASURE>;

/** One row per assignment a measure counts: id, unit (0: none), by id; of one unit (@unit) when asked. */
const rowsSql = (m: keyof typeof MEASURE, oneUnit: boolean) =>
  `WITH ${oneUnit ? 'us(id) AS (SELECT NULLIF(@unit, 0))' : UNITS}, ${MOVED} SELECT a.id, COALESCE(a.lead_unit_id, 0) FROM us u CROSS JOIN actions a ON a.lead_unit_id IS u.id WHERE ${MEASURE[m].where} ORDER BY a.id`;

/** Per unit: each measure's count (办结: [count, total days]). */
const TABLE_SQL = `${WITH} SELECT COALESCE(u.id, 0), ${MEASURES.map((m) => `(SELECT ${MEASURE[m].value ? `json_array(COUNT(*), TOTAL(${MEASURE[m].value}))` : 'COUNT(*)'} FROM actions a WHERE a.lead_unit_id IS u.id AND ${MEASURE[m].where})`).join(',\n  ')} FROM us u`;

// 超期未办结: issued by the period's end, not closed by it, and past its effective due date then, which
// needs due_at < @to; the level (shared/actions.ts dueStatus at the period's end) is worked out in JS
// for these few: the open ones, and the ones closed after the end (or 办结 without a date).
const OVERDUE_CANDIDATES = `WITH ${UNITS} SELECT a.id, COALESCE(a.lead_unit_id, 0), a.due_at FROM actions a WHERE a.state <> '办结' AND a.due_at < @to AND a.issued_at <= @to
  UNION ALL SELECT a.id, COALESCE(a.lead_unit_id, 0), a.due_at FROM us u CROSS JOIN actions a ON a.lead_unit_id IS u.id
    WHERE a.state = '办结' AND a.closed_on > @to AND a.due_at < @to AND a.issued_at <= @to
  UNION ALL SELECT a.id, COALESCE(a.lead_unit_id, 0), a.due_at FROM us u CROSS JOIN actions a ON a.lead_unit_id IS u.id
    WHERE a.state = '办结' AND a.closed_on IS NULL AND a.due_at < @to AND a.issued_at <= @to`;

function params(db: Db, span: Span) {
  const w = dueWindow(span.from, span.to, getCalendar(db));
  return { from: span.from, to: span.to, dueFrom: w.dueFrom, dueTo: w.dueTo, moved: JSON.stringify(w.moved) };
}

/** The overdue assignments at the period's end: id → [unit, level]. */
function overdue(db: Db, span: Span): Map<number, [number, SupervisionLevel]> {
  const level = overdueLevels(span.to, getSupervision(db), getCalendar(db));
  const out = new Map<number, [number, SupervisionLevel]>();
  for (const [id, unit, dueAt] of cachedStatement(db, OVERDUE_CANDIDATES).raw().all({ to: span.to }) as Array<[number, number, string]>) {
    const l = level(dueAt);
    if (l) out.set(id, [unit, l]);
  }
  return out;
}

/**
 * The assignments one measure counts (of one unit when unitId is given; 0: none): [id, unit id,
 * supervision level when overdue at the period's end], by id.
 */
export function actionRows(db: Db, span: Span, m: ActionMeasure, unitId?: number): Array<[number, number, SupervisionLevel | null]> {
  const late = overdue(db, span);
  if (m === 'overdue') return [...late].filter(([, [unit]]) => unitId === undefined || unit === unitId).map(([id, [unit, l]]): [number, number, SupervisionLevel | null] => [id, unit, l]).sort((a, b) => a[0] - b[0]);
  const one = unitId !== undefined;
  const rows = cachedStatement(db, rowsSql(m, one)).raw().all({ ...params(db, span), ...(one ? { unit: unitId } : {}) }) as Array<[number, number]>;
  return rows.map(([id, unit]) => [id, unit, late.get(id)?.[1] ?? null]);
}

/** The unit table (月考核 / 季讲评), ranked by 按期办结率, then by how many fell due; plus the all-units total row. */
export function unitTable(db: Db, span: Span): { units: UnitFigures[]; total: UnitFigures } {
  const names = new Map(cachedStatement(db, 'SELECT id, name FROM units').raw().all() as Array<[number, string]>);
  const per = new Map<number, UnitFigures & { daysSum: number }>();
  const blank = (unitId: number, unit: string): UnitFigures & { daysSum: number } => ({ unitId, unit, issued: 0, done: 0, due: 0, onTime: 0, returned: 0, extended: 0, overdue: 0, overdueBy: {}, onTimeRate: null, avgDays: null, daysSum: 0 });
  const total = blank(-1, '合计');
  const unit = (id: number) => {
    let u = per.get(id);
    if (!u) per.set(id, (u = blank(id, names.get(id) ?? '（未指定单位）')));
    return u;
  };
  for (const [id, ...counts] of cachedStatement(db, TABLE_SQL).raw().all(params(db, span)) as Array<[number, ...Array<number | string>]>) {
    MEASURES.forEach((m, i) => {
      const [n, days] = m === 'done' ? (JSON.parse(counts[i] as string) as [number, number]) : [counts[i] as number, 0];
      if (!n) return;
      for (const t of [unit(id), total]) {
        t[m] += n;
        t.daysSum += days;
      }
    });
  }
  for (const [id, l] of overdue(db, span).values()) {
    for (const t of [unit(id), total]) {
      t.overdue++;
      t.overdueBy[l] = (t.overdueBy[l] ?? 0) + 1;
    }
  }
  const finish = ({ daysSum, ...u }: UnitFigures & { daysSum: number }): UnitFigures => ({
    ...u,
    // Levels in the ladder's order (the report's sentence lists them so), whatever order they were met in.
    overdueBy: Object.fromEntries(SUPERVISION_LEVELS.filter((l) => u.overdueBy[l]).map((l) => [l, u.overdueBy[l]])),
    onTimeRate: u.due ? round1((u.onTime / u.due) * 100) : null,
    avgDays: u.done ? round1(daysSum / u.done) : null,
  });
  const units = [...per.values()].map(finish).sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.due - a.due || a.unit.localeCompare(b.unit, 'zh'));
  return { units, total: finish(total) };
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
