// Register queries at 100,000 risks: each through the full dispatcher path, against an
// independently written raw SQL that must return the same rows and the same total.
// The raw side is what a careful person writes by hand from the schema: one SELECT of full rows
// (ORDER BY matching the indexes, plain OFFSET) and one COUNT(*), both run every time. Search, by
// its definition (issue 12): a term matches when it occurs in anything the row shows — the texts
// (事项名称、基本情况、主要诉求、稳控措施、化解措施、进展情况), the code, the units (主办, and 协办 as
// stored, a JSON list of names), the people (责任人、包案领导及职务), the task force, and the names of
// its domain and region as they are now; several terms must all match. The raw side writes that with
// instr() over those columns, joined to the two lists — no index a hand-written query could use, so
// it scans the register. The api total is
// cached per filter until the data changes (db/risk-list.ts), so each case is also timed with the
// cache cleared first ("… (uncached total)"): that ratio is the honest cost of the api path.
import type { Core } from '../core.js';
import type { BenchCase, BenchSuite } from './types.js';
import { clearListCache } from '../../db/risk-list.js';

interface Result {
  ids: number[];
  total: number;
}

const JOINED = `SELECT r.id FROM risks r JOIN regions g ON g.id = r.region_id JOIN domains d ON d.id = r.domain_id`;

function same(name: string) {
  return (a: unknown, b: unknown) => {
    const x = a as Result;
    const y = b as Result;
    if (x.total !== y.total) throw new Error(`${name}: total api ${x.total} ≠ raw ${y.total}`);
    if (JSON.stringify(x.ids) !== JSON.stringify(y.ids)) throw new Error(`${name}: api and raw rows differ`);
    if (x.ids.length === 0) throw new Error(`${name}: empty page proves nothing`);
  };
}

function apiCall(core: Core, input: Record<string, unknown>, uncached: boolean) {
  return async (): Promise<Result> => {
    if (uncached) clearListCache(core.db);
    const r = await core.dispatch('risks.list', input);
    if (!r.ok) throw new Error(r.error.message);
    const v = r.value as { rows: Array<{ id: number }>; total: number };
    return { ids: v.rows.map((x) => x.id), total: v.total };
  };
}

export const registerSuite: BenchSuite = {
  name: 'register',
  setup: ({ core }) => {
    const db = core.db;
    const domainId = (db.prepare("SELECT id FROM domains WHERE name = '劳动社保'").get() as { id: number }).id;
    // Raw SQL, written from the schema: full rows with the region and domain names.
    const rawPage = (where: string, order: string, offset: number) => {
      const rows = db.prepare(`${JOINED.replace('SELECT r.id', 'SELECT r.*, g.name AS region_name, d.name AS domain_name')} WHERE ${where} ORDER BY ${order} LIMIT 20 OFFSET ${offset}`);
      const count = db.prepare(`SELECT COUNT(*) FROM risks r JOIN regions g ON g.id = r.region_id JOIN domains d ON d.id = r.domain_id WHERE ${where}`).pluck();
      return (...p: unknown[]): Result => ({ ids: (rows.all(...p) as Array<{ id: number }>).map((x) => x.id), total: count.get(...p) as number });
    };
    const levelOrder = 'r.level IS NULL, r.level, r.id';
    const shownCols = ['r.title', 'r.summary', 'r.main_demands', 'r.control_measures', 'r.resolution_measures', 'r.progress', 'r.code',
      'r.lead_unit', 'r.co_units', 'r.responsible_person', 'r.package_leader', 'r.package_leader_title', 'r.task_force', 'g.name', 'd.name'];
    const contains = `(${shownCols.map((c) => `instr(${c}, @t) > 0`).join(' OR ')})`;

    const queries: Array<{ name: string; input: Record<string, unknown>; raw: () => Result; targetMs: number }> = [
      {
        name: 'first page (level order)',
        input: { page: 1, pageSize: 20 },
        raw: ((q) => () => q())(rawPage('r.deleted_at IS NULL', levelOrder, 0)),
        targetMs: 30,
      },
      {
        name: 'filter domain + level',
        input: { domainId, level: 2, page: 1, pageSize: 20 },
        raw: ((q) => () => q(domainId, 2))(rawPage('r.deleted_at IS NULL AND r.domain_id = ? AND r.level = ?', 'r.id', 0)),
        targetMs: 30,
      },
      {
        name: 'sort by deadline, page 500',
        input: { sort: 'deadline', order: 'asc', page: 500, pageSize: 20 },
        raw: ((q) => () => q())(rawPage('r.deleted_at IS NULL', 'r.deadline IS NULL, r.deadline, r.id', 499 * 20)),
        targetMs: 30,
      },
      {
        name: 'search 4 characters (逾期交房)',
        input: { query: '逾期交房', page: 1, pageSize: 20 },
        raw: ((q) => () => q({ t: '逾期交房' }))(rawPage(`r.deleted_at IS NULL AND ${contains}`, levelOrder, 0)),
        targetMs: 20,
      },
      {
        name: 'search a unit (住建局)',
        input: { query: '住建局', page: 1, pageSize: 20 },
        raw: ((q) => () => q({ t: '住建局' }))(rawPage(`r.deleted_at IS NULL AND ${contains}`, levelOrder, 0)),
        targetMs: 20,
      },
      {
        name: 'search a domain name (劳动社保)',
        input: { query: '劳动社保', page: 1, pageSize: 20 },
        raw: ((q) => () => q({ t: '劳动社保' }))(rawPage(`r.deleted_at IS NULL AND ${contains}`, levelOrder, 0)),
        targetMs: 20,
      },
      {
        name: 'search 2 characters (欠薪)',
        input: { query: '欠薪', page: 1, pageSize: 20 },
        raw: ((q) => () => q({ t: '欠薪' }))(rawPage(`r.deleted_at IS NULL AND ${contains}`, levelOrder, 0)),
        targetMs: 20,
      },
    ];
    const cases: BenchCase[] = [];
    for (const q of queries) {
      for (const uncached of [false, true]) {
        cases.push({
          name: q.name + (uncached ? ' (uncached total)' : ''),
          api: apiCall(core, q.input, uncached),
          raw: q.raw,
          same: same(q.name),
          targetMs: q.targetMs,
          targetRatio: 1.5,
        });
      }
    }
    return cases;
  },
};
