// The 统计 bench's raw twin of the unit table (责任单位交办办理情况): every figure of every unit, written
// straight from the definitions (docs/stats.md) in one SQL query, with the working calendar in SQL too —
// a due date on a day off moves to the next working day of calendar_days (调休 上班 days work, holidays
// do not, else Monday–Friday), and an overdue assignment's supervision level is read off the ladder in
// the settings. It shares no code with shared/statsActions.ts, which classifies each assignment in JS;
// the two must agree on all of it, not only on the figures plain SQL finds easy.
import type { Db } from '../../db/open.js';
import { getSupervision } from '../../db/calendar.js';
import type { Span } from '../../db/statsMeasures.js';
import type { UnitFigures } from '../../shared/statsTypes.js';

/** Per unit id: 交办, 办结, 应办结, 按期办结, 退回, 延期, 超期 (and by level), 按期办结率, 平均办结天数. */
export type UnitRow = [number, number, number, number, number, number, number, Record<string, number>, number | null, number | null];

const LEVELS = ['催办', '督办单', '挂牌督办', '通报'] as const;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** The page's unit rows, keyed by unit id (the ranking's order aside: it breaks ties by the Chinese collation, which SQL has not). */
export function unitFigures(units: UnitFigures[]): Record<number, UnitRow> {
  return Object.fromEntries(
    units.map((u) => [
      u.unitId,
      [u.issued, u.done, u.due, u.onTime, u.returned, u.extended, u.overdue, Object.fromEntries(LEVELS.filter((l) => u.overdueBy[l]).map((l) => [l, u.overdueBy[l]!])), u.onTimeRate, u.avgDays],
    ]),
  );
}

// A working day: a 调休 上班 day works, a holiday does not, else Monday to Friday.
const works = (d: string) => `COALESCE((SELECT c.kind = 'workday' FROM calendar_days c WHERE c.date = ${d}), strftime('%w', ${d}) NOT IN ('0', '6'))`;

const SQL = `WITH RECURSIVE
  -- each due date, stepped a day at a time until a working day: the due date as moved
  step(d0, d) AS (SELECT DISTINCT due_at, due_at FROM actions UNION ALL SELECT d0, date(d, '+1 day') FROM step WHERE NOT ${works('d')}),
  moved AS (SELECT d0 AS d, MAX(d) AS due FROM step GROUP BY d0),
  -- the days up to the period's end, for overdue days counted in working days
  days(d) AS (SELECT MIN(due_at) FROM actions UNION ALL SELECT date(d, '+1 day') FROM days WHERE d < @to),
  a AS (
    SELECT COALESCE(x.lead_unit_id, 0) AS unit, x.issued_at, x.closed_on, m.due,
      (x.state = '办结' AND x.closed_on <= @to) AS closed,
      EXISTS (SELECT 1 FROM action_feedback f WHERE f.action_id = x.id AND f.kind = '退回' AND f.date BETWEEN @from AND @to) AS returned,
      EXISTS (SELECT 1 FROM action_extensions e WHERE e.action_id = x.id AND e.status = '已批准' AND e.decided_on BETWEEN @from AND @to) AS extended
    FROM actions x JOIN moved m ON m.d = x.due_at),
  c AS (
    SELECT unit, returned, extended,
      issued_at BETWEEN @from AND @to AS issued,
      closed AND closed_on >= @from AS done,
      CASE WHEN closed AND closed_on >= @from THEN julianday(closed_on) - julianday(issued_at) END AS days,
      due BETWEEN @from AND @to AND (closed OR @to > due) AS fell_due,
      due BETWEEN @from AND @to AND closed AND closed_on <= due AS on_time,
      CASE WHEN NOT closed AND issued_at <= @to AND @to > due THEN
        CASE @countIn WHEN 'working' THEN MAX(1, (SELECT COUNT(*) FROM days w WHERE w.d > a.due AND w.d <= @to AND ${works('w.d')}))
        ELSE julianday(@to) - julianday(due) END END AS late
    FROM a)
SELECT unit, SUM(issued), SUM(done), SUM(fell_due), SUM(on_time), SUM(returned), SUM(extended), COUNT(late),
  SUM(late <= @sheet), SUM(late > @sheet AND late <= @listed), SUM(late > @listed AND late <= @notify), SUM(late > @notify), SUM(days)
FROM c GROUP BY unit
HAVING SUM(issued) + SUM(done) + SUM(fell_due) + SUM(returned) + SUM(extended) + COUNT(late) > 0`;

/** The raw query, prepared once; the supervision ladder is read from the settings at each call. */
export function rawUnits(db: Db): (span: Span) => Record<number, UnitRow> {
  const query = db.prepare(SQL).raw();
  return (span) => unitRows(query.all({ ...ladder(db), from: span.from, to: span.to }) as number[][]);
}

function ladder(db: Db) {
  const s = getSupervision(db);
  return { countIn: s.countIn, sheet: s.sheetAfter, listed: s.listedAfter, notify: s.notifyAfter };
}

function unitRows(rows: number[][]): Record<number, UnitRow> {
  return Object.fromEntries(
    rows.map(([unit, issued, done, due, onTime, returned, extended, overdue, l1, l2, l3, l4, days]) => {
      const byLevel = Object.fromEntries(LEVELS.map((l, i) => [l, [l1, l2, l3, l4][i]]).filter(([, n]) => n));
      return [unit, [issued, done, due, onTime, returned, extended, overdue, byLevel, due ? round1((onTime / due) * 100) : null, done ? round1(days / done) : null]];
    }),
  );
}
