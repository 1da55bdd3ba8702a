// The status/level history (risk_history, migration 0009) as SQL: one definition, used by the
// migration (through db/migrate.ts's {{RISK_HISTORY_FILL}}) to fill it from existing data, and by
// db/statsHistory.ts to rebuild one risk (after each change) or all (after a bulk load).
//
// A risk's history is a chain of states (status, level), each holding from `on_date` (a Shanghai
// calendar day) until the day before `until` (NULL = still holds). Only the state at the end of a
// day counts, so two changes on one day make one row. Sources, read and never guessed:
// - the day it entered the register: its 首次发现日期 when that is earlier than the day it was
//   registered (an imported sheet keeps its history), else the day of registration;
// - its status: as registered (the first status change's before-value, else the current status),
//   then every status change in the audit log (entity 'risk', after.status), dated by the
//   audit row's instant in Asia/Shanghai;
// - its level: every assessment (研判记录) by 研判日期, in the order latestAssessment reads them;
//   one dated before the entry counts from the entry day. Before the first one the level is NULL.
// Deleted risks have no history (statistics, like the register, leave them out). Each row also carries
// the risk's current domain, county and whether it has a 包案领导, so counts by them read the history alone,
// and its marks (migration 0013): the day of the risk's latest change of each kind up to this row.
import { CLOSED_STATUSES_SQL } from './risks.js';

/** Shanghai calendar day of an ISO UTC instant, in SQL. */
export const shanghaiDaySql = (instant: string) => `date(${instant}, '+8 hours')`;

/**
 * INSERT … SELECT that writes the history of the risks `r` matching `where` (an SQL condition on risks r).
 * `marks: false` leaves out the mark columns: migration 0009 runs it on the schema before 0013 added them.
 */
export function riskHistoryFillSql(where: string, marks = true): string {
  // A row whose instant cannot be read (hand-made data) counts from its 首次发现日期, else from the start.
  const created = `COALESCE(${shanghaiDaySql('r.created_at')}, r.first_found, '1970-01-01')`;
  const statusChanged = "a.entity = 'risk' AND a.action = 'update' AND json_extract(a.after, '$.status') IS NOT NULL";
  return `INSERT INTO risk_history (risk_id, on_date, until, status, level, prev_status, prev_level, domain_id, region_id, packaged${marks ? `, ${MARK_COLUMNS}` : ''})
WITH entry AS (
  SELECT r.id AS risk_id, r.status AS cur_status, r.domain_id, r.region_id, (r.package_leader <> '') AS packaged,
    CASE WHEN r.first_found IS NOT NULL AND r.first_found < ${created} THEN r.first_found ELSE ${created} END AS d
  FROM risks r WHERE r.deleted_at IS NULL AND (${where})
),
ev AS (
  SELECT e.risk_id, e.d, 0 AS src, '' AS k1, 0 AS k2,
    COALESCE((SELECT json_extract(a.before, '$.status') FROM audit_log a WHERE a.entity_id = e.risk_id AND ${statusChanged} ORDER BY a.id LIMIT 1), e.cur_status) AS status,
    NULL AS level
  FROM entry e
  UNION ALL
  SELECT e.risk_id, MAX(e.d, COALESCE(${shanghaiDaySql('a.at')}, e.d)), 0, '', a.id, json_extract(a.after, '$.status'), NULL
  FROM entry e JOIN audit_log a ON a.entity = 'risk' AND a.entity_id = e.risk_id AND a.action = 'update'
  WHERE json_extract(a.after, '$.status') IS NOT NULL
  UNION ALL
  SELECT e.risk_id, MAX(e.d, s.assessed_on), 1, s.assessed_on, s.id, NULL, s.final_level
  FROM entry e JOIN assessments s ON s.risk_id = e.risk_id
),
carried AS (
  SELECT risk_id, d, status, level, src, k1, k2,
    COUNT(status) OVER w AS gs, COUNT(level) OVER w AS gl,
    ROW_NUMBER() OVER (PARTITION BY risk_id, d ORDER BY src DESC, k1 DESC, k2 DESC) AS nth_from_last
  FROM ev WINDOW w AS (PARTITION BY risk_id ORDER BY d, src, k1, k2 ROWS UNBOUNDED PRECEDING)
),
filled AS (
  SELECT risk_id, d, nth_from_last,
    FIRST_VALUE(status) OVER (PARTITION BY risk_id, gs ORDER BY d, src, k1, k2) AS status,
    FIRST_VALUE(level) OVER (PARTITION BY risk_id, gl ORDER BY d, src, k1, k2) AS level
  FROM carried
),
daily AS (
  SELECT risk_id, d, status, level,
    LAG(status) OVER p AS ps, LAG(level) OVER p AS pl, ROW_NUMBER() OVER p AS rn
  FROM filled WHERE nth_from_last = 1 WINDOW p AS (PARTITION BY risk_id ORDER BY d)
),
kept AS (SELECT * FROM daily WHERE rn = 1 OR status IS NOT ps OR level IS NOT pl)
SELECT h.*${marks ? `, ${MARKS_WINDOW}` : ''} FROM (
  SELECT k.risk_id, k.d AS on_date, LEAD(k.d) OVER (PARTITION BY k.risk_id ORDER BY k.d) AS until, k.status, k.level, k.ps AS prev_status, k.pl AS prev_level, e.domain_id, e.region_id, e.packaged
  FROM kept k JOIN entry e ON e.risk_id = k.risk_id
) h`;
}

/** A history row h that is a change into a closed status (销号, in the 专报's sense: 已销号 or 转司法终结). */
export const BECAME_CLOSED_SQL = `h.status IN ${CLOSED_STATUSES_SQL} AND h.prev_status IS NOT NULL AND h.prev_status NOT IN ${CLOSED_STATUSES_SQL}`;
/** A history row h that reopens a closed risk (反弹). */
export const REBOUNDED_SQL = `h.prev_status IN ${CLOSED_STATUSES_SQL} AND h.status NOT IN ${CLOSED_STATUSES_SQL}`;
/** Level moves: 1 重大 … 4 低, so a smaller number is a raise. */
export const RAISED_SQL = 'h.level < h.prev_level';
export const LOWERED_SQL = 'h.level > h.prev_level';
/** The first row of a risk's history: the day it entered the register (新增). */
export const ENTERED_SQL = 'h.prev_status IS NULL';
/** The row h holds at the end of day `:d` (bind the same day twice). */
export const HOLDS_ON_SQL = 'h.on_date <= ? AND (h.until IS NULL OR h.until > ?)';

/**
 * The marks a history row h carries: for each kind of change, the day of its risk's latest such change
 * on or before h (NULL: none yet). The row holding at the end of a day D then says whether its risk had
 * such a change in a period ending on D (its mark is within the period), with its state on D beside it:
 * 新增, 升级, 降级, 销号 and 反弹 are counted from the rows holding on D alone (db/statsMeasures.ts).
 */
export const HISTORY_MARKS = {
  entered_on: ENTERED_SQL,
  last_raised: RAISED_SQL,
  last_lowered: LOWERED_SQL,
  last_closed: BECAME_CLOSED_SQL,
  last_rebounded: REBOUNDED_SQL,
} as const;
export type HistoryMark = keyof typeof HISTORY_MARKS;

const MARK_COLUMNS = Object.keys(HISTORY_MARKS).join(', ');
/** The marks of each row h of a risk's chain (h: risk_id, on_date, status, level, prev_status, prev_level). */
const MARKS_WINDOW = Object.entries(HISTORY_MARKS)
  .map(([col, cond]) => `MAX(CASE WHEN ${cond} THEN h.on_date END) OVER (PARTITION BY h.risk_id ORDER BY h.on_date ROWS UNBOUNDED PRECEDING) AS ${col}`)
  .join(',\n  ');

/** Migration 0013: the marks of every existing row, worked out from the history itself. */
export function riskHistoryMarksSql(): string {
  const set = Object.keys(HISTORY_MARKS).map((c) => `${c} = m.${c}`).join(', ');
  return `UPDATE risk_history SET ${set} FROM (SELECT h.id, ${MARKS_WINDOW} FROM risk_history h) m WHERE m.id = risk_history.id`;
}
