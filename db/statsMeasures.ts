// The 统计 measures on risks, meetings and assessments, one SQL each (definitions: shared/stats.ts
// MEASURE_INFO, docs/stats.md). Each measure is a query yielding one row per record it counts, with
// the keys it breaks down by; the figure, every breakdown and the drill-down list are all read from
// that one query, so a list's total always equals its figure.
import type { Db } from './open.js';
import { CLOSED_STATUSES_SQL } from '../shared/risks.js';
import { sqlInList } from '../shared/sql.js';
import type { HistoryMark } from '../shared/statsHistory.js';
import { HELD_MEETING_STATES, type DrillFilter, type Measure, type RiskMeasure, type StatsDefinitions } from '../shared/stats.js';
import { ON_AGENDA } from './agendaStore.js';
import { addDays } from '../shared/dates.js';
import { cachedStatement } from './statements.js';

export const HELD_SQL = sqlInList(HELD_MEETING_STATES);

/** Named parameters every measure query binds. `to` is already clipped to the as-of day. */
export interface Span {
  from: string;
  to: string;
}
const bind = (s: Span) => ({ from: s.from, to: s.to, start: addDays(s.from, -1) });

/** Extra condition on the risk r (the 专报's register filter), with its positional parameters. */
export interface RiskWhere {
  sql: string;
  params: unknown[];
}
const NO_WHERE: RiskWhere = { sql: '1', params: [] };

// A history row carries its risk's domain, county and 包案; the risk itself is joined only for the
// 专报's register filter (a RiskWhere on r), after the history (CROSS JOIN keeps that order: led by the
// filter's index on risks, SQLite looked up every risk's rows one by one, 20× slower for a week).
const KEYS = (h: string, flag: string) => `${h}.risk_id AS id, ${h}.domain_id AS domain_id, ${h}.region_id AS region_id, ${h}.level AS level, ${h}.packaged AS pkg, ${flag} AS flag`;
const JOIN_R = (h: string, join: boolean) => (join ? `CROSS JOIN risks r ON r.id = ${h}.risk_id` : '');

// The rows holding on a day that meet `cond`: those still holding (until NULL) and those ended after it,
// as two parts (one OR'd condition made SQLite read every row up to the day). Each part reads
// risk_history_open (migrations 0011, 0013) alone, and the part holding now streams its counts in that
// index's order.
function holdingOn(day: '@start' | '@to', cond: string, flag: string, join: boolean): string[] {
  const part = (until: string) => `SELECT ${KEYS('h', flag)} FROM risk_history h ${JOIN_R('h', join)} WHERE h.${until} AND h.on_date <= ${day} AND ${cond}`;
  return [part('until IS NULL'), part(`until > ${day}`)];
}
/** The register on a day. */
const openOn = (day: '@start' | '@to', flag: string, join: boolean) => holdingOn(day, `h.status NOT IN ${CLOSED_STATUSES_SQL}`, flag, join);
/**
 * Risks with a change of one kind in the period, with their state at its end: the rows holding at the end
 * of @to whose mark (the risk's latest such change by then, shared/statsHistory.ts HISTORY_MARKS) falls
 * in the period. Counted off the index like the register, with no look-up per risk.
 */
const marked = (mark: HistoryMark, join: boolean) => holdingOn('@to', `h.${mark} BETWEEN @from AND @to`, '0', join);
/** Each risk of `ids` (a query yielding risk ids) once, with its state at the end of @to: looked up per risk. */
function atEnd(ids: string, join: boolean): string {
  return `SELECT ${KEYS('e', '0')} FROM (${ids}) x CROSS JOIN risk_history e ON e.risk_id = x.rid AND e.on_date <= @to AND (e.until IS NULL OR e.until > @to) ${JOIN_R('e', join)}
    WHERE 1`;
}
/** Risks with a change in the period by a condition no mark holds (化解: its statuses are a setting), with their state at the end looked up per risk (grouped, not DISTINCT: the ids come out in order, so the look-ups walk the index forwards). */
function changedIn(cond: string, join: boolean): string {
  return atEnd(`SELECT h.risk_id AS rid FROM risk_history h WHERE h.on_date BETWEEN @from AND @to AND ${cond} GROUP BY h.risk_id`, join);
}

/**
 * The rows of a risk measure — id, domain_id, region_id, level (at the period's end; at its start for
 * 期初在册), pkg, flag — as parts whose UNION ALL is the measure; each part ends in its WHERE clause,
 * so a caller may add `AND …` to every part.
 */
export function riskMeasureParts(m: RiskMeasure, defs: StatsDefinitions, join = false): string[] {
  const resolved = sqlInList(defs.resolvedStatuses);
  switch (m) {
    case 'openStart':
      return openOn('@start', '0', join);
    case 'openEnd':
      return openOn('@to', `(h.status IN ${sqlInList(defs.controlledStatuses)})`, join);
    case 'entered':
      return marked('entered_on', join);
    case 'raised':
      return marked('last_raised', join);
    case 'lowered':
      return marked('last_lowered', join);
    case 'closed':
      return marked('last_closed', join);
    case 'resolved':
      return [changedIn(`h.status IN ${resolved} AND h.prev_status IS NOT NULL AND h.prev_status NOT IN ${resolved}`, join)];
    case 'rebounded':
      return marked('last_rebounded', join);
    case 'assessedRisks':
      return [atEnd(`SELECT DISTINCT a.risk_id AS rid FROM assessments a WHERE a.meeting_id IN (${HELD_IDS})`, join)];
  }
}

/** The rows of a risk measure as one query (drill-down, frozen snapshot). */
export function riskMeasureSql(m: RiskMeasure, defs: StatsDefinitions): string {
  return riskMeasureParts(m, defs).join(' UNION ALL ');
}

const HELD_IDS = `SELECT m.id FROM meetings m WHERE m.date BETWEEN @from AND @to AND m.state IN ${HELD_SQL}`;

/** Meetings held: id, type. */
export const MEETINGS_SQL = `SELECT m.id AS id, m.type AS type FROM meetings m WHERE m.date BETWEEN @from AND @to AND m.state IN ${HELD_SQL}`;

/** Assessments made at held meetings: id, domain_id, region_id, level (decided), flag = confirmed on the consent list. */
export const ASSESSMENTS_SQL = `SELECT a.id AS id, r.domain_id AS domain_id, r.region_id AS region_id, a.final_level AS level, m.type AS type,
    EXISTS (SELECT 1 FROM agenda_proposals p WHERE p.meeting_id = a.meeting_id AND p.risk_id = a.risk_id AND p.list = 'consent' AND NOT ${ON_AGENDA}) AS flag
  FROM assessments a JOIN meetings m ON m.id = a.meeting_id JOIN risks r ON r.id = a.risk_id
  WHERE m.date BETWEEN @from AND @to AND m.state IN ${HELD_SQL}`;

export interface RiskTally {
  total: number;
  byDomain: Record<number, number>;
  byRegion: Record<number, number>;
  /** index 0 = 未定级, 1..4 = levels. */
  byLevel: number[];
  packaged: number;
  flagged: number;
}

/**
 * One grouped pass over each part of a risk measure: the figure and every breakdown. Grouped by the
 * keys in risk_history_open's order (flag summed, not grouped), so the register on a day is counted
 * straight off the index without sorting.
 */
export function tallyRisks(db: Db, m: RiskMeasure, defs: StatsDefinitions, span: Span, where: RiskWhere = NO_WHERE): RiskTally {
  const t: RiskTally = { total: 0, byDomain: {}, byRegion: {}, byLevel: [0, 0, 0, 0, 0], packaged: 0, flagged: 0 };
  for (const part of riskMeasureParts(m, defs, where !== NO_WHERE)) {
    const sql = `SELECT domain_id, region_id, level, pkg, COUNT(*), SUM(flag) FROM (${part} AND ${where.sql}) GROUP BY domain_id, region_id, level, pkg`;
    const rows = cachedStatement(db, sql).raw().all(bind(span), ...where.params) as Array<[number, number, number | null, number, number, number]>;
    for (const [d, g, lv, pkg, n, flagged] of rows) {
      t.total += n;
      t.byDomain[d] = (t.byDomain[d] ?? 0) + n;
      t.byRegion[g] = (t.byRegion[g] ?? 0) + n;
      t.byLevel[lv ?? 0] += n;
      if (pkg) t.packaged += n;
      t.flagged += flagged;
    }
  }
  return t;
}

export function tallyMeetings(db: Db, span: Span): Record<string, number> {
  // Only the span's two days (bind's day before the span is not used here: a 0.06 ms count felt the date arithmetic).
  const rows = db.prepare(`SELECT type, COUNT(*) FROM (${MEETINGS_SQL}) GROUP BY type`).raw().all({ from: span.from, to: span.to }) as Array<[string, number]>;
  return Object.fromEntries(rows);
}

export interface AssessmentTally {
  total: number;
  consent: number;
}
/** 研判记录 of held meetings and, of them, consent-list confirmations: counted from the meetings' own indexes. */
export function tallyAssessments(db: Db, span: Span): AssessmentTally {
  const p = bind(span);
  const total = db.prepare(`SELECT COUNT(*) FROM assessments a WHERE a.meeting_id IN (${HELD_IDS})`).pluck().get(p) as number;
  const consent = db
    .prepare(`SELECT COUNT(*) FROM agenda_proposals p JOIN assessments a ON a.risk_id = p.risk_id AND a.meeting_id = p.meeting_id
      WHERE p.meeting_id IN (${HELD_IDS}) AND p.list = 'consent' AND NOT ${ON_AGENDA}`)
    .pluck()
    .get(p) as number;
  return { total, consent };
}

/** The drill-down of a risk, meeting or assessment measure: the same query, narrowed, paged by id. */
export function measureIds(db: Db, m: Exclude<Measure, 'issued' | 'done' | 'due' | 'onTime' | 'returned' | 'extended' | 'overdue'>, defs: StatsDefinitions, span: Span, f: DrillFilter, offset: number, limit: number): { ids: number[]; total: number } {
  const base = m === 'meetings' ? MEETINGS_SQL : m === 'assessments' || m === 'consent' ? ASSESSMENTS_SQL : riskMeasureSql(m, defs);
  const cond: string[] = [];
  const p: Record<string, unknown> = bind(span);
  if (m === 'consent') cond.push('flag');
  const add = (sql: string, key?: string, value?: unknown) => {
    cond.push(sql);
    if (key) p[key] = value;
  };
  if (f.domainId !== undefined) add('domain_id = @domainId', 'domainId', f.domainId);
  if (f.regionId !== undefined) add('region_id = @regionId', 'regionId', f.regionId);
  if (f.level !== undefined) add(f.level === 0 ? 'level IS NULL' : 'level = @level', f.level ? 'level' : undefined, f.level);
  if (f.packaged !== undefined) add(f.packaged ? 'pkg' : 'NOT pkg');
  if (f.meetingType !== undefined) add('type = @type', 'type', f.meetingType);
  const sql = `FROM (${base}) WHERE ${cond.length ? cond.join(' AND ') : '1'}`;
  const total = db.prepare(`SELECT COUNT(*) ${sql}`).pluck().get(p) as number;
  const ids = db.prepare(`SELECT id ${sql} ORDER BY id LIMIT @limit OFFSET @offset`).pluck().all({ ...p, limit, offset }) as number[];
  return { ids, total };
}

/** Every row of a measure (id and keys), for a frozen report. */
export function measureRows(db: Db, sql: string, span: Span): unknown[][] {
  return db.prepare(sql).raw().all(bind(span)) as unknown[][];
}
