// Heat-map, movement and trend queries. They read the weekly aggregates (week_cells,
// week_levels) or, for lists, the snapshot rows through their indexes — never the assessments.
import type { Db } from './open.js';
import { latestWeek, resolveWeek } from './weeks.js';
import { currentRuleSet } from './rulesets.js';
import { getListNames } from './settings.js';
import { addDays, shanghaiDate, weekStart } from '../shared/dates.js';
import { CLOSED_STATUSES_SQL, isClosedStatus } from '../shared/risks.js';
import { MOVE_KINDS } from '../shared/heatmap.js';
import type { DomainRegionGrid, HeatFilters, HeatGrid, Movement, Trend, TrendPoint, WeekInfo, WeekRisk } from '../shared/heatmap.js';

/** WHERE for the filters; without a status filter, closed risks are off the map. */
function where(f: HeatFilters, alias = ''): { sql: string; params: unknown[] } {
  const p = alias ? alias + '.' : '';
  const parts: string[] = [];
  const params: unknown[] = [];
  const eq = (col: string, v: unknown) => {
    parts.push(`${p}${col} = ?`);
    params.push(v);
  };
  if (f.domainId) eq('domain_id', f.domainId);
  if (f.regionId) eq('region_id', f.regionId);
  if (f.status) eq('status', f.status);
  else parts.push(`${p}status NOT IN ${CLOSED_STATUSES_SQL}`);
  return { sql: parts.join(' AND '), params };
}

export function weekOf(db: Db, f: HeatFilters, now: string): WeekInfo {
  const week = weekStart(f.week ?? shanghaiDate(f.asOf ?? now));
  const r = resolveWeek(db, week);
  return { week, sourceWeek: r.source, carried: r.carried };
}

/**
 * Level counts by week come from week_summary (a few hundred rows a week) unless the filter needs
 * region or status, which only week_levels carries. `open` selects rows of risks not closed.
 */
function levelSource(f: HeatFilters): { table: string; sql: string; params: unknown[]; openSql: string } {
  if (!f.regionId && !f.status) {
    return { table: 'week_summary', sql: f.domainId ? 'domain_id = ?' : '1', params: f.domainId ? [f.domainId] : [], openSql: 'open = 1' };
  }
  const wh = where(f);
  return { table: 'week_levels', sql: f.status ? wh.sql : wh.sql.replace(`status NOT IN ${CLOSED_STATUSES_SQL}`, '1'), params: wh.params, openSql: `status NOT IN ${CLOSED_STATUSES_SQL}` };
}

export function heatGrid(db: Db, f: HeatFilters, now: string): HeatGrid {
  const w = weekOf(db, f, now);
  const m = currentRuleSet(db).config.matrix;
  const wh = where(f);
  const rows = db
    .prepare(`SELECT likelihood AS l, impact AS i, SUM(n) AS n FROM week_cells WHERE week = ? AND ${wh.sql} GROUP BY likelihood, impact`)
    .all(w.sourceWeek, ...wh.params) as Array<{ l: number; i: number; n: number }>;
  const src = levelSource(f);
  const openSql = f.status ? '1' : src.openSql;
  const levels = db
    .prepare(`SELECT level, SUM(n) AS n FROM ${src.table} WHERE week = ? AND ${src.sql} AND ${openSql} GROUP BY level`)
    .all(w.sourceWeek, ...src.params) as Array<{ level: number; n: number }>;
  const byLevel: Record<number, number> = { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const r of levels) byLevel[r.level] += r.n;
  let unrated = 0;
  let total = 0;
  const cells: HeatGrid['cells'] = [];
  for (const r of rows) {
    if (!r.n) continue;
    total += r.n;
    if (r.l === 0 || r.i === 0) unrated += r.n;
    else cells.push({ likelihood: r.l, impact: r.i, count: r.n });
  }
  cells.sort((a, b) => a.likelihood - b.likelihood || a.impact - b.impact);
  return { ...w, size: m.size, bands: { red: m.red, orange: m.orange, yellow: m.yellow }, cells, unrated, total, byLevel };
}

const RISK_OF_WEEK = `SELECT w.risk_id, w.level, w.prev_level, w.likelihood, w.impact, w.status, w.kind, r.code, r.title, d.name AS domain, g.name AS region
  FROM risk_weeks w JOIN risks r ON r.id = w.risk_id JOIN domains d ON d.id = w.domain_id JOIN regions g ON g.id = w.region_id`;

type WeekRiskRow = { risk_id: number; level: number; prev_level: number | null; likelihood: number; impact: number; status: string; kind: string; code: string; title: string; domain: string; region: string };
const toWeekRisk = (r: WeekRiskRow, carried = false): WeekRisk => ({
  riskId: r.risk_id,
  code: r.code,
  title: r.title,
  level: r.level,
  prevLevel: carried ? r.level : r.prev_level,
  likelihood: r.likelihood,
  impact: r.impact,
  status: r.status,
  domain: r.domain,
  region: r.region,
  kind: carried ? 'same' : r.kind,
});

/** The risks in one cell of the grid (likelihood 0 / impact 0 = 未评分), most severe first. */
export function cellRisks(db: Db, f: HeatFilters & { likelihood: number; impact: number }, now: string): WeekInfo & { rows: WeekRisk[] } {
  const w = weekOf(db, f, now);
  const wh = where(f, 'w');
  const rows = db
    .prepare(`${RISK_OF_WEEK} WHERE w.week = ? AND w.likelihood = ? AND w.impact = ? AND ${wh.sql} ORDER BY w.level, r.code LIMIT 1000`)
    .all(w.sourceWeek, f.likelihood, f.impact, ...wh.params) as WeekRiskRow[];
  return { ...w, rows: rows.map((r) => toWeekRisk(r, w.carried)) };
}

export function domainRegion(db: Db, f: HeatFilters, now: string): DomainRegionGrid {
  const w = weekOf(db, f, now);
  const wh = where(f);
  const rows = db
    .prepare(`SELECT domain_id, region_id, SUM(n) AS n, SUM(n * likelihood * impact) AS s FROM week_cells WHERE week = ? AND ${wh.sql} GROUP BY domain_id, region_id`)
    .all(w.sourceWeek, ...wh.params) as Array<{ domain_id: number; region_id: number; n: number; s: number }>;
  // Names only: the lists' in-use counts (a COUNT per domain and region) made this view 6–10× its raw query.
  const lists = getListNames(db);
  return {
    ...w,
    domains: lists.domains,
    regions: lists.regions,
    cells: rows.filter((r) => r.n > 0).map((r) => ({ domainId: r.domain_id, regionId: r.region_id, count: r.n, score: r.s })),
  };
}

/** Week-over-week movement: rose, fell, appeared, closed (the week against the one before). */
export function movement(db: Db, f: HeatFilters & { kind?: string; limit: number }, now: string): Movement {
  const w = weekOf(db, f, now);
  const prevWeek = addDays(w.week, -7);
  const counts = { appeared: 0, rose: 0, fell: 0, closed: 0 };
  if (w.carried) return { ...w, prevWeek, counts, items: [], truncated: false };
  // Closed rows carry a closed status, so the default "open only" filter must let them through here.
  const wh = where(f);
  const filt = f.status ? wh.sql : wh.sql.replace(`status NOT IN ${CLOSED_STATUSES_SQL}`, '1');
  const src = levelSource(f);
  const agg = db
    .prepare(`SELECT kind, SUM(n) AS n FROM ${src.table} WHERE week = ? AND kind IN ('rose', 'appeared', 'fell', 'closed') AND ${src.sql} GROUP BY kind`)
    .all(w.sourceWeek, ...src.params) as Array<{ kind: keyof typeof counts; n: number }>;
  for (const r of agg) counts[r.kind] = r.n;
  // One indexed walk per kind (week, kind, level, risk_id), each stopping at the page size:
  // a busy week at city scale has thousands of moves, and the list shows the most severe first.
  // The literal `kind <> 'same'` lets SQLite prove the partial index applies (a bound ? cannot).
  const alias = filt.replace(/(domain_id|region_id|status) =/g, 'w.$1 =');
  const stmt = db.prepare(`${RISK_OF_WEEK} WHERE w.week = ? AND w.kind = ? AND w.kind <> 'same' AND ${alias} ORDER BY w.level, w.risk_id LIMIT ?`);
  const items: WeekRisk[] = [];
  let truncated = false;
  for (const kind of f.kind ? [f.kind] : MOVE_KINDS) {
    const rows = stmt.all(w.sourceWeek, kind, ...wh.params, f.limit + 1) as WeekRiskRow[];
    if (rows.length > f.limit) truncated = true;
    for (const r of rows.slice(0, f.limit)) items.push(toWeekRisk(r));
  }
  return { ...w, prevWeek, counts, items, truncated };
}

/** Counts by level per week (stacked), new and closed per week, and open counts by domain. */
export function trend(db: Db, f: HeatFilters & { weeks: number }, now: string): Trend {
  const w = weekOf(db, f, now);
  const first = addDays(w.week, -7 * (f.weeks - 1));
  const last = latestWeek(db) ?? w.week;
  const upTo = w.week < last ? w.week : last;
  const src = levelSource(f);
  const closedExpr = src.table === 'week_summary' ? '1 - open' : `status IN ${CLOSED_STATUSES_SQL}`;
  const rows = db
    .prepare(`SELECT week, level, kind, ${closedExpr} AS closed, SUM(n) AS n FROM ${src.table} WHERE week BETWEEN ? AND ? AND ${src.sql} GROUP BY week, level, kind, closed`)
    .all(first, upTo, ...src.params) as Array<{ week: string; level: number; kind: string; closed: number; n: number }>;
  const openSql = f.status ? '1' : src.openSql;
  const byDomainRows = db
    .prepare(`SELECT week, domain_id, SUM(n) AS n FROM ${src.table} WHERE week BETWEEN ? AND ? AND ${src.sql} AND ${openSql} GROUP BY week, domain_id`)
    .all(first, upTo, ...src.params) as Array<{ week: string; domain_id: number; n: number }>;
  const points = new Map<string, TrendPoint>();
  const byDomain = new Map<string, Record<string, number>>();
  for (let k = 0; k < f.weeks; k++) {
    const wk = addDays(first, 7 * k);
    points.set(wk, { week: wk, byLevel: { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 }, total: 0, appeared: 0, closed: 0 });
    byDomain.set(wk, {});
  }
  const openStatus = !f.status || !isClosedStatus(f.status);
  for (const r of rows) {
    const p = points.get(r.week);
    if (!p || !r.n) continue;
    if (r.kind === 'closed') p.closed += r.n;
    if (r.kind === 'appeared') p.appeared += r.n;
    if (r.closed && openStatus) continue;
    p.byLevel[r.level] += r.n;
    p.total += r.n;
  }
  const names = new Map(getListNames(db).domains.map((d) => [d.id, d.name]));
  for (const r of byDomainRows) {
    const c = byDomain.get(r.week);
    if (c && r.n) c[names.get(r.domain_id) ?? String(r.domain_id)] = r.n;
  }
  // Weeks after the last stored one: nothing was recorded, so the open counts carry forward.
  const lastPoint = points.get(upTo);
  for (const [wk, p] of points) {
    if (wk > upTo && lastPoint) {
      p.byLevel = { ...lastPoint.byLevel };
      p.total = lastPoint.total;
      byDomain.set(wk, { ...byDomain.get(upTo) });
    }
  }
  const domains = [...names.values()].filter((n) => [...byDomain.values()].some((c) => c[n]));
  return { points: [...points.values()], byDomain: [...byDomain.entries()].map(([week, counts]) => ({ week, counts })), domains };
}
