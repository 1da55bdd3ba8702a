// Weekly snapshots (risk_weeks) and their trigger-kept aggregates (week_cells, week_levels, week_summary).
// A past-week view reads one week's aggregate rows instead of replaying assessments.
// Week = the Monday that starts it; a row holds the risk's state at the end of that week.
import type { Db } from './open.js';
import { liftTrigger } from './triggers.js';
import { syncRiskHistory } from './statsHistory.js';
import { addDays, daysBetween, type IsoDate } from '../shared/dates.js';
import { moveKind } from '../shared/grading.js';
import { CLOSED_STATUSES_SQL, isClosedStatus } from '../shared/risks.js';

export interface WeekRow {
  week: IsoDate;
  riskId: number;
  level: number;
  prevLevel: number | null;
  likelihood: number;
  impact: number;
  status: string;
  domainId: number;
  regionId: number;
  kind: string;
}

export function latestWeek(db: Db): IsoDate | null {
  return (db.prepare('SELECT MAX(week) AS w FROM risk_weeks').get() as { w: string | null }).w;
}

/**
 * Materialises the weeks after the latest snapshot up to `week` by carrying every open risk
 * forward unchanged. Writes only (reads treat missing later weeks as "carried", see resolveWeek).
 */
export function fillWeeksUpTo(db: Db, week: IsoDate): void {
  let last = latestWeek(db);
  if (!last || last >= week) return;
  const copy = db.prepare(
    `INSERT INTO risk_weeks (week, risk_id, level, prev_level, likelihood, impact, status, domain_id, region_id, kind)
     SELECT ?, risk_id, level, level, likelihood, impact, status, domain_id, region_id, 'same'
     FROM risk_weeks WHERE week = ? AND status NOT IN ${CLOSED_STATUSES_SQL}`,
  );
  while (last < week) {
    const next = addDays(last, 7);
    const from = last;
    // A new week holds no rows yet: its counts are exactly the grouped counts of what was copied.
    insertWeekRows(db, next, null, () => copy.run(next, from));
    last = next;
  }
}

/** Which stored week answers a question about `week`: itself, or the latest one carried forward. */
export function resolveWeek(db: Db, week: IsoDate): { source: IsoDate; carried: boolean } {
  const last = latestWeek(db);
  if (last && week > last) return { source: last, carried: true };
  return { source: week, carried: false };
}

interface LevelState {
  level: number;
  likelihood: number;
  impact: number;
}

function levelAt(db: Db, riskId: number, weekEnd: IsoDate): LevelState {
  const a = db
    .prepare('SELECT final_level, likelihood, impact FROM assessments WHERE risk_id = ? AND assessed_on <= ? ORDER BY assessed_on DESC, id DESC LIMIT 1')
    .get(riskId, weekEnd) as { final_level: number; likelihood: number | null; impact: number | null } | undefined;
  return a ? { level: a.final_level, likelihood: a.likelihood ?? 0, impact: a.impact ?? 0 } : { level: 0, likelihood: 0, impact: 0 };
}

function getRow(db: Db, week: IsoDate, riskId: number) {
  return db.prepare('SELECT * FROM risk_weeks WHERE week = ? AND risk_id = ?').get(week, riskId) as Record<string, unknown> | undefined;
}

/**
 * Recomputes one risk's row for one week. For the current week the status, domain and region come
 * from the risk; for past weeks from the row as it was (a past row that never existed is not invented).
 */
export function syncRiskWeek(db: Db, riskId: number, week: IsoDate, currentWeek: IsoDate): void {
  const existing = getRow(db, week, riskId);
  let status: string, domainId: number, regionId: number;
  if (week >= currentWeek) {
    const r = db.prepare('SELECT status, domain_id, region_id, deleted_at FROM risks WHERE id = ?').get(riskId) as
      | { status: string; domain_id: number; region_id: number; deleted_at: string | null }
      | undefined;
    if (!r || r.deleted_at) {
      if (existing) db.prepare('DELETE FROM risk_weeks WHERE week = ? AND risk_id = ?').run(week, riskId);
      syncKind(db, riskId, addDays(week, 7));
      return;
    }
    ({ status, domain_id: domainId, region_id: regionId } = r);
  } else {
    if (!existing) return;
    status = existing.status as string;
    domainId = existing.domain_id as number;
    regionId = existing.region_id as number;
  }
  const prev = getRow(db, addDays(week, -7), riskId);
  const closed = isClosedStatus(status);
  const prevClosed = prev ? isClosedStatus(prev.status as string) : true;
  const s = levelAt(db, riskId, addDays(week, 6));
  if (closed && prevClosed) {
    if (existing) db.prepare('DELETE FROM risk_weeks WHERE week = ? AND risk_id = ?').run(week, riskId);
  } else {
    const kind = moveKind(prev ? { level: prev.level as number, closed: prevClosed } : null, { level: s.level, closed });
    db.prepare(
      `INSERT INTO risk_weeks (week, risk_id, level, prev_level, likelihood, impact, status, domain_id, region_id, kind)
       VALUES (@week, @riskId, @level, @prevLevel, @likelihood, @impact, @status, @domainId, @regionId, @kind)
       ON CONFLICT (week, risk_id) DO UPDATE SET level = excluded.level, prev_level = excluded.prev_level,
         likelihood = excluded.likelihood, impact = excluded.impact, status = excluded.status,
         domain_id = excluded.domain_id, region_id = excluded.region_id, kind = excluded.kind
       WHERE risk_weeks.level IS NOT excluded.level OR risk_weeks.prev_level IS NOT excluded.prev_level
         OR risk_weeks.likelihood IS NOT excluded.likelihood OR risk_weeks.impact IS NOT excluded.impact
         OR risk_weeks.status IS NOT excluded.status OR risk_weeks.domain_id IS NOT excluded.domain_id
         OR risk_weeks.region_id IS NOT excluded.region_id OR risk_weeks.kind IS NOT excluded.kind`,
    ).run({ week, riskId, ...s, prevLevel: prev ? (prev.level as number) : null, status, domainId, regionId, kind });
  }
  syncKind(db, riskId, addDays(week, 7));
}

/** After a week changed, the following week's movement (kind, prev_level) may change too. */
function syncKind(db: Db, riskId: number, week: IsoDate): void {
  const row = getRow(db, week, riskId);
  if (!row) return;
  const prev = getRow(db, addDays(week, -7), riskId);
  const prevClosed = prev ? isClosedStatus(prev.status as string) : true;
  const closed = isClosedStatus(row.status as string);
  if (closed && prevClosed) {
    db.prepare('DELETE FROM risk_weeks WHERE week = ? AND risk_id = ?').run(week, riskId);
    return;
  }
  const kind = moveKind(prev ? { level: prev.level as number, closed: prevClosed } : null, { level: row.level as number, closed });
  const prevLevel = prev ? (prev.level as number) : null;
  if (kind !== row.kind || prevLevel !== row.prev_level) {
    db.prepare('UPDATE risk_weeks SET kind = ?, prev_level = ? WHERE week = ? AND risk_id = ?').run(kind, prevLevel, week, riskId);
  }
}

/** Syncs a risk from `fromWeek` through `currentWeek` (e.g. after a back-dated assessment). */
export function syncRiskWeeks(db: Db, riskId: number, fromWeek: IsoDate, currentWeek: IsoDate): void {
  fillWeeksUpTo(db, currentWeek);
  const n = Math.max(0, daysBetween(fromWeek, currentWeek) / 7);
  for (let i = 0; i <= n; i++) syncRiskWeek(db, riskId, addDays(fromWeek, i * 7), currentWeek);
  syncRiskHistory(db, riskId); // the day-exact history (统计) changes with the same writes
}

const TRIGGERS = ['risk_weeks_ai', 'risk_weeks_ad', 'risk_weeks_au'];

/** Bulk loads: runs fn without the aggregate triggers, then rebuilds both aggregates once. Call inside a transaction. */
export function withDeferredWeekAggregates<T>(db: Db, fn: () => T): T {
  const restores = TRIGGERS.map((name) => liftTrigger(db, name));
  // Secondary indexes too: building them once after the load is far cheaper than millions of random inserts.
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'risk_weeks' AND sql IS NOT NULL").all() as Array<{ name: string; sql: string }>;
  for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
  const result = fn();
  for (const i of indexes) db.exec(i.sql);
  for (const restore of restores) restore?.();
  rebuildWeekAggregates(db);
  return result;
}

export function rebuildWeekAggregates(db: Db): void {
  db.exec('DELETE FROM week_cells; DELETE FROM week_levels; DELETE FROM week_summary;');
  addWeekCounts(db, 'WHERE true', {}); // a WHERE keeps "… GROUP BY … ON CONFLICT" unambiguous for SQLite's parser
}

/** Adds the counts of the snapshot rows matching `where` to the three aggregates, one grouped upsert each. */
function addWeekCounts(db: Db, where: string, args: Record<string, unknown>): void {
  const rows = `FROM risk_weeks ${where}`;
  db.prepare(`INSERT INTO week_cells SELECT week, domain_id, region_id, status, likelihood, impact, COUNT(*) ${rows}
    GROUP BY week, domain_id, region_id, status, likelihood, impact ON CONFLICT DO UPDATE SET n = n + excluded.n`).run(args);
  db.prepare(`INSERT INTO week_summary SELECT week, domain_id, level, kind, status NOT IN ${CLOSED_STATUSES_SQL}, COUNT(*) ${rows}
    GROUP BY week, domain_id, level, kind, status NOT IN ${CLOSED_STATUSES_SQL} ON CONFLICT DO UPDATE SET n = n + excluded.n`).run(args);
  db.prepare(`INSERT INTO week_levels SELECT week, domain_id, region_id, status, level, kind, COUNT(*) ${rows}
    GROUP BY week, level, kind, domain_id, region_id, status ON CONFLICT DO UPDATE SET n = n + excluded.n`).run(args);
}

/**
 * Runs fn, which inserts snapshot rows for `week` (of the risks from..to, or of a week that had
 * none), with the per-row aggregate trigger lifted, then adds their counts in three grouped
 * statements: one upsert per row each was ~1/4 of a 10,000-row import's write phase, and made the
 * first write of a week at 100,000 risks take seconds. Call inside a transaction.
 */
function insertWeekRows(db: Db, week: IsoDate, risks: { from: number; to: number } | null, fn: () => void): void {
  const restore = liftTrigger(db, 'risk_weeks_ai');
  if (!restore) return fn(); // inside withDeferredWeekAggregates: the counts are rebuilt at its end
  fn();
  restore();
  addWeekCounts(db, `WHERE week = @week${risks ? ' AND risk_id BETWEEN @from AND @to' : ''}`, { week, ...risks });
}

/** Appends this week's snapshot rows of new risks (ids from..to), counted in bulk. Call inside a transaction. */
export function appendNewRisksToWeek(db: Db, week: IsoDate, from: number, to: number): void {
  insertWeekRows(db, week, { from, to }, () =>
    db
      .prepare(
        `INSERT INTO risk_weeks (week, risk_id, level, prev_level, likelihood, impact, status, domain_id, region_id, kind)
         SELECT ?, id, COALESCE(level, 0), NULL, COALESCE(likelihood, 0), COALESCE(impact, 0), status, domain_id, region_id, 'appeared'
         FROM risks WHERE id BETWEEN ? AND ? AND deleted_at IS NULL AND status NOT IN ${CLOSED_STATUSES_SQL}`,
      )
      .run(week, from, to),
  );
}
