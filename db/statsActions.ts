// 交办 measures of a period by responsible unit (by unit id, so a renamed or merged unit keeps its
// history): one query for the assignments a period can touch, each classified by shared/statsActions.ts.
import type { Db } from './open.js';
import { addDays } from '../shared/dates.js';
import { classifyAction, type ActionCounts, type ActionFacts } from '../shared/statsActions.js';
import { getCalendar, getSupervision } from './calendar.js';
import type { Span } from './statsMeasures.js';
import type { UnitFigures } from '../shared/statsTypes.js';
import { cachedStatement } from './statements.js';

// Due dates move at most past a holiday run (春节: 9 days), so an assignment due up to 15 days before
// the period may still fall due in it.
const SQL = `SELECT a.id, COALESCE(a.lead_unit_id, 0), a.state, a.issued_at, a.due_at, a.closed_on,
    EXISTS (SELECT 1 FROM action_feedback f WHERE f.action_id = a.id AND f.kind = '退回' AND f.date BETWEEN @from AND @to),
    EXISTS (SELECT 1 FROM action_extensions x WHERE x.action_id = a.id AND x.status = '已批准' AND x.decided_on BETWEEN @from AND @to)
  FROM actions a
  WHERE a.issued_at <= @to AND (a.state <> '办结' OR a.closed_on >= @from OR a.due_at >= @dueFrom)`;

export type ClassifiedAction = ActionFacts & ActionCounts;

export function classifiedActions(db: Db, span: Span): ClassifiedAction[] {
  const cal = getCalendar(db);
  const sup = getSupervision(db);
  const rows = cachedStatement(db, SQL).raw().all({ from: span.from, to: span.to, dueFrom: addDays(span.from, -15) }) as Array<[number, number, string, string, string, string | null, number, number]>;
  const out: ClassifiedAction[] = [];
  for (const [id, unitId, state, issuedAt, dueAt, closedOn, returned, extended] of rows) {
    const facts: ActionFacts = { id, unitId, state, issuedAt, dueAt, closedOn, returned: returned === 1, extended: extended === 1 };
    const c = classifyAction(facts, span.from, span.to, sup, cal);
    if (c.measures.size) out.push({ ...facts, ...c });
  }
  return out;
}

/** The unit table (月考核 / 季讲评), ranked by 按期办结率, then by how many fell due; plus the all-units total row. */
export function unitTable(db: Db, rows: ClassifiedAction[]): { units: UnitFigures[]; total: UnitFigures } {
  const names = new Map(cachedStatement(db, 'SELECT id, name FROM units').raw().all() as Array<[number, string]>);
  const per = new Map<number, UnitFigures & { daysSum: number }>();
  const blank = (unitId: number, unit: string): UnitFigures & { daysSum: number } => ({ unitId, unit, issued: 0, done: 0, due: 0, onTime: 0, returned: 0, extended: 0, overdue: 0, overdueBy: {}, onTimeRate: null, avgDays: null, daysSum: 0 });
  const total = blank(-1, '合计');
  for (const r of rows) {
    let u = per.get(r.unitId);
    if (!u) per.set(r.unitId, (u = blank(r.unitId, names.get(r.unitId) ?? '（未指定单位）')));
    for (const t of [u, total]) {
      for (const m of r.measures) if (m !== 'overdue') t[m]++;
      if (r.supervision) {
        t.overdue++;
        t.overdueBy[r.supervision] = (t.overdueBy[r.supervision] ?? 0) + 1;
      }
      if (r.daysToClose !== null) t.daysSum += r.daysToClose;
    }
  }
  const finish = ({ daysSum, ...u }: UnitFigures & { daysSum: number }): UnitFigures => ({
    ...u,
    onTimeRate: u.due ? round1((u.onTime / u.due) * 100) : null,
    avgDays: u.done ? round1(daysSum / u.done) : null,
  });
  const units = [...per.values()].map(finish).sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.due - a.due || a.unit.localeCompare(b.unit, 'zh'));
  return { units, total: finish(total) };
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
