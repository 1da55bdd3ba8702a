// The register list: filters, sorts and paging that stay fast at 100,000 risks.
// Every sort has an index that delivers rows in order (migration 0002, docs/architecture.md);
// a page is found as ids on that index (covering, so OFFSET skips index entries, not rows) and
// only the page's rows are then read in full. Totals are cached per filter until the data changes.
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from './open.js';
import { RISK_SELECT, rowToRisk } from './risk-row.js';
import type { Page, RiskFacets, RiskListInput, RiskRow, RiskSortKey } from '../shared/risks.js';

type Dir = 'ASC' | 'DESC';

// better-sqlite3 does not cache prepared statements; preparing costs as much as running a page.
const statements = new WeakMap<Db, Map<string, Statement>>();
function stmt(db: Db, sql: string): Statement {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) {
    if (m.size > 500) m.clear();
    m.set(sql, (s = db.prepare(sql)));
  }
  return s;
}

/** ORDER BY per sort key. Nullable columns sort NULLS LAST both ways (expression indexes of 0002). */
function orderBy(key: RiskSortKey, dir: Dir, input: RiskListInput): { join: string; order: string } {
  // Sorting by a column the filter pins to one value is sorting by id: say so, and the filter's
  // index delivers the order without a sort step.
  const pinned = { level: input.level, status: input.status, region: input.regionId, domain: input.domainId } as Partial<Record<RiskSortKey, unknown>>;
  if (pinned[key] !== undefined) return { join: '', order: `r.id ${dir}` };
  const nullable = (col: string) => ({ join: '', order: `r.${col} IS NULL, r.${col} ${dir}, r.id ${dir}` });
  switch (key) {
    case 'level':
      return nullable('level');
    case 'involvedCount':
      return nullable('involved_count');
    case 'deadline':
      return nullable('deadline');
    case 'firstFound':
      return nullable('first_found');
    case 'code':
      return { join: '', order: `r.code ${dir}` };
    case 'status':
      return { join: '', order: `r.status ${dir}, r.id ${dir}` };
    case 'updatedAt':
      return { join: '', order: `r.updated_at ${dir}, r.id ${dir}` };
    // The list's display order (sort, then id) is walked as the outer loop, so each entry's risks
    // come from the (deleted_at, region_id|domain_id, id) index already in id order.
    case 'region':
      return { join: 'JOIN regions g ON g.id = r.region_id', order: `g.sort ${dir}, g.id ${dir}, r.id ${dir}` };
    case 'domain':
      return { join: 'JOIN domains d ON d.id = r.domain_id', order: `d.sort ${dir}, d.id ${dir}, r.id ${dir}` };
  }
}

/** The search index's columns (migration 0005), each filled from the view risks_fts_source. */
export const RISK_FTS_COLUMNS = 'title, summary, main_demands, control_measures, resolution_measures, progress, code, units, people, task_force';

/**
 * One search term → the SQL of the ids of risks whose row shows the term. The text index (migration
 * 0005) holds the texts, the code, the units, the people and the task force: 3+ characters are a
 * trigram MATCH; 1–2 characters the OR of every indexed trigram that begins with the term (each
 * column is padded so every occurrence begins one), read from the vocabulary by a range — no table
 * scan. Domain and region names are matched first in their own short lists (so a renamed entry is
 * found by its new name at once) and only when one matches are its risks added, through the
 * (deleted_at, domain_id|region_id) indexes: a unit or a text then stays one index read, with no
 * UNION to merge.
 */
function termSet(db: Db, t: string, deleted: boolean): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if ([...t].length >= 3) {
    parts.push('SELECT rowid FROM risks_fts WHERE risks_fts MATCH ?');
    params.push(`"${t.replace(/"/g, '""')}"`);
  } else {
    const low = t.toLowerCase();
    const terms = (stmt(db, 'SELECT term FROM risks_fts_terms WHERE term >= ? AND term < ?').pluck().all(low, low + '\u{10FFFF}') as string[])
      .filter((x) => x.startsWith(low));
    if (terms.length) {
      parts.push('SELECT rowid FROM risks_fts WHERE risks_fts MATCH ?');
      params.push(terms.map((x) => `"${x.replace(/"/g, '""')}"`).join(' OR '));
    }
  }
  const live = deleted ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL';
  for (const [table, col] of [['domains', 'domain_id'], ['regions', 'region_id']] as const) {
    const ids = stmt(db, `SELECT id FROM ${table} WHERE instr(lower(name), ?) > 0`).pluck().all(t.toLowerCase()) as number[];
    if (!ids.length) continue;
    // One placeholder per id (not json_each): one matching name is then `= ?`, whose index range is
    // already in id order, so the UNION merges it without sorting it first (劳动社保: half the count,
    // a third of the page).
    parts.push(`SELECT id FROM risks WHERE ${live} AND ${col} IN (${ids.map(() => '?').join(', ')})`);
    params.push(...ids);
  }
  return { sql: parts.length ? parts.join(' UNION ') : 'SELECT NULL WHERE 0', params };
}

/**
 * Each whitespace-separated term must match (AND). `walk` writes each as `+r.id IN (…)`, so SQLite
 * does not drive the query from the (large) id set but walks the sort's index and looks each row
 * up in the set: the first page of 18,000 matches then reads a few hundred index entries.
 */
export function searchClause(db: Db, query: string, deleted = false, walk = false): { sql: string; params: unknown[]; sets: Array<{ sql: string; params: unknown[] }> } {
  const sets = query.split(/\s+/).filter(Boolean).map((t) => termSet(db, t, deleted));
  return { sql: sets.map((c) => `${walk ? '+' : ''}r.id IN (${c.sql})`).join(' AND '), params: sets.flatMap((c) => c.params), sets };
}

export interface Where {
  sql: string;
  params: unknown[];
  /** The search's id sets when the search is the only filter on the live register (see listRisks' count). */
  searchOnly?: Array<{ sql: string; params: unknown[] }>;
}

export function whereClause(db: Db, input: RiskListInput, walk = false): Where {
  const where: string[] = [input.deleted ? 'r.deleted_at IS NOT NULL' : 'r.deleted_at IS NULL'];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    if (v === undefined) return;
    where.push(sql);
    params.push(v);
  };
  add('r.domain_id = ?', input.domainId);
  add('r.region_id = ?', input.regionId);
  add('r.level = ?', input.level);
  add('r.status = ?', input.status);
  add('r.lead_unit = ?', input.leadUnit);
  add('r.package_leader = ?', input.packageLeader);
  add('r.source = ?', input.source);
  add('r.deadline >= ?', input.deadlineFrom);
  add('r.deadline <= ?', input.deadlineTo);
  add('r.involved_count >= ?', input.involvedMin);
  add('r.involved_count <= ?', input.involvedMax);
  const filters = where.length;
  if (input.query) {
    const s = searchClause(db, input.query, input.deleted === true, walk);
    if (s.sql) {
      where.push(s.sql);
      params.push(...s.params);
      if (filters === 1 && !input.deleted) return { sql: where.join(' AND '), params, searchOnly: s.sets };
    }
  }
  return { sql: where.join(' AND '), params };
}

// Totals: COUNT(*) over 100,000 rows costs more than the page itself, and paging through one
// result re-asks the same count. It is cached per connection and filter, stamped with
// total_changes() (every write on this connection) and data_version (writes by other connections),
// so any change recomputes it and an unchanged register never does.
const countCache = new WeakMap<Db, Map<string, { stamp: string; n: number }>>();

function dataStamp(db: Db): string {
  return String(stmt(db, 'SELECT total_changes() || \':\' || (SELECT data_version FROM pragma_data_version)').pluck().get());
}

function cachedCount(db: Db, key: string, compute: () => number): number {
  let cache = countCache.get(db);
  if (!cache) countCache.set(db, (cache = new Map()));
  const stamp = dataStamp(db);
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit.n;
  const n = compute();
  if (cache.size > 200) cache.clear();
  cache.set(key, { stamp, n });
  return n;
}

/** A search walks the sort's index when it matches at least this many times the rows up to the page's end. */
const WALK_FACTOR = 50;

/**
 * The statement that counts a filter's rows (exported for the plan tests). A search's id sets are
 * only ever tested row by row (`+r.id IN`), never used to drive the count: driven by its matches,
 * SQLite read each matched risk from the register to test the other conditions — 18,000 row reads
 * for 住建局, some 80 % of its uncached time, and most of the register for a 1-character term.
 * - A search alone on the live register is counted on its id sets (the text index answers those
 *   without touching the register) less the deleted risks among them, found through a deleted_at
 *   index (the sets are built only if there is a deleted risk at all). Each set is its own SELECT:
 *   SQLite's compound operators bind left to right, so `A INTERSECT B1 UNION B2` (a second term
 *   that is also a domain's name) would count (A ∩ B1) ∪ B2.
 * - With other filters (or among the deleted), the filters' index drives and each row is tested
 *   against the sets: what the filters' own count costs, plus building the sets once.
 */
export function countQuery(db: Db, input: RiskListInput, where = whereClause(db, input), walked = () => whereClause(db, input, true)): { sql: string; params: unknown[] } {
  const sets = where.searchOnly;
  if (!sets) {
    const w = input.query ? walked() : where;
    return { sql: `SELECT COUNT(*) FROM risks r WHERE ${w.sql}`, params: w.params };
  }
  const all = sets.length === 1 ? sets[0].sql : sets.map((s) => `SELECT * FROM (${s.sql})`).join(' INTERSECT ');
  const deleted = sets.map((s) => `+r.id IN (${s.sql})`).join(' AND ');
  const params = sets.flatMap((s) => s.params);
  return {
    sql: `SELECT (SELECT COUNT(*) FROM (${all})) - (SELECT COUNT(*) FROM risks r WHERE r.deleted_at IS NOT NULL AND ${deleted})`,
    params: [...params, ...params],
  };
}

/** Forgets cached totals (the bench uses it to time the uncached path). */
export function clearListCache(db: Db): void {
  countCache.delete(db);
}

export function listRisks(db: Db, input: RiskListInput): Page<RiskRow> {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const where = whereClause(db, input);
  const o = orderBy(input.sort ?? 'level', (input.order ?? 'asc') === 'desc' ? 'DESC' : 'ASC', input);
  let walkedWhere: Where | undefined;
  const walked = () => (walkedWhere ??= whereClause(db, input, true));
  const count = countQuery(db, input, where, walked);
  const total = cachedCount(db, count.sql + '\u0000' + JSON.stringify(count.params), () => stmt(db, count.sql).pluck().get(...count.params) as number);
  // A page past the total is empty: a search that finds nothing reads no more than its count.
  const offset = (page - 1) * pageSize;
  if (offset >= total) return { rows: [], total, page, pageSize };
  // A search with many matches: walk the sort's index and test each row against the id set, while
  // the rows walked (about (offset + page) × register ÷ matches) stay well under the matches. Among
  // the deleted always: the walk reads at most the deleted risks' index entries, where the set would
  // drive a register read per match (18,000 for 住建局, to find a few deleted ones).
  const page_ = input.query && (input.deleted || (offset + pageSize) * WALK_FACTOR <= total) ? walked() : where;
  const ids = stmt(db, `SELECT r.id FROM risks r ${o.join} WHERE ${page_.sql} ORDER BY ${o.order} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...page_.params, pageSize, offset) as number[];
  return { rows: rowsByIds(db, ids), total, page, pageSize };
}

/** Full rows for ids, in the given order. */
export function rowsByIds(db: Db, ids: number[]): RiskRow[] {
  if (ids.length === 0) return [];
  const rows = stmt(db, `${RISK_SELECT} WHERE r.id IN (${ids.map(() => '?').join(',')})`).all(...ids) as Array<Record<string, unknown>>;
  const byId = new Map(rows.map((r) => [r.id as number, r]));
  return ids.map((id) => rowToRisk(byId.get(id)!));
}

/** Lead units and package leaders in use (live risks), for the filter pickers. */
export function riskFacets(db: Db): RiskFacets {
  const distinct = (col: string) =>
    db.prepare(`SELECT DISTINCT ${col} FROM risks WHERE deleted_at IS NULL AND ${col} <> '' ORDER BY ${col}`).pluck().all() as string[];
  return { leadUnits: distinct('lead_unit'), packageLeaders: distinct('package_leader') };
}
