// The register list against expectations computed in JavaScript from the generator's output
// (shared/demo.ts) — never by re-running the module's SQL. Ids follow insertion order in a fresh
// database, so generated row i is risk id i + 1.
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../../db/demo.js';
import { createRisk, deleteRisk, updateRisk } from '../../db/risks.js';
import { listRisks, riskFacets } from '../../db/risk-list.js';
import { getLists } from '../../db/settings.js';
import { generateDemoRisks } from '../../shared/demo.js';
import { demoHistory } from '../../shared/demoHistory.js';
import { DEFAULT_RULES } from '../../shared/grading.js';
import { DEFAULT_PERIODS } from '../../shared/periods.js';
import { RISK_SORT_KEYS, type RiskListInput, type RiskSortKey } from '../../shared/risks.js';
import { tempDatabase, testContext } from './helpers.js';

const N = 400;
const AS_OF = '2026-11-23';
const SEED = 7;

interface Expected {
  id: number;
  code: string;
  regionId: number;
  domainId: number;
  title: string;
  texts: string[];
  shown: string[];
  source: string | null;
  involvedCount: number | null;
  level: number | null;
  status: string;
  deadline: string | null;
  firstFound: string | null;
  leadUnit: string;
  packageLeader: string;
  updatedAt: string;
  deleted: boolean;
}

function setup() {
  const { db } = tempDatabase();
  const ctx = testContext();
  loadDemo(db, ctx, { risks: N, seed: SEED, asOf: AS_OF });
  const lists = getLists(db);
  const generated = generateDemoRisks({ count: N, seed: SEED, asOf: AS_OF, prefix: 'JC', domains: lists.domains, regions: lists.regions });
  const loadedAt = (db.prepare('SELECT updated_at FROM risks WHERE id = 1').pluck().get() as string);
  // Levels are a cache of assessments (issue 4): the demo's level is its history's last 研判等级.
  const periods = DEFAULT_PERIODS.map(([name, startDate, endDate, escalation]) => ({ name, startDate, endDate, escalation }));
  const levelOf = (g: (typeof generated)[number], i: number) => {
    const h = demoHistory(g, i, { seed: SEED, asOf: AS_OF, rules: DEFAULT_RULES, periods });
    return h.assessments.length ? h.assessments[h.assessments.length - 1].grade.finalLevel : (g.level ?? null);
  };
  const rows: Expected[] = generated.map((g, i) => ({
    id: i + 1, code: g.code, regionId: g.regionId, domainId: g.domainId, title: g.title,
    texts: [g.title, g.summary, g.mainDemands, g.controlMeasures, g.resolutionMeasures, g.progress].map((t) => t ?? ''),
    // What else the row shows and search finds (issue 12): code, units, people, task force, domain and region names.
    shown: [g.code, g.leadUnit, ...(g.coUnits ?? []), g.responsiblePerson, g.packageLeader, g.packageLeaderTitle, g.taskForce,
      lists.domains.find((d) => d.id === g.domainId)!.name, lists.regions.find((x) => x.id === g.regionId)!.name].map((t) => t ?? ''),
    source: g.source ?? null, involvedCount: g.involvedCount ?? null, level: levelOf(g, i), status: g.status ?? '待研判',
    deadline: g.deadline ?? null, firstFound: g.firstFound ?? null, leadUnit: g.leadUnit ?? '', packageLeader: g.packageLeader ?? '',
    updatedAt: loadedAt, deleted: false,
  }));
  // Vary the data a little through the write path: a few deletions, a missing count,
  // later updates (so updatedAt is not one value).
  for (const id of [5, 17, 99]) {
    const r = deleteRisk(db, ctx, id, 1, '测试删除');
    Object.assign(rows[id - 1], { deleted: true, updatedAt: r.updatedAt });
  }
  for (const id of [3, 40, 41]) {
    const r = updateRisk(db, ctx, id, 1, { involvedCount: null });
    Object.assign(rows[id - 1], { involvedCount: null, updatedAt: r.updatedAt });
  }
  return { db, ctx, rows, lists };
}

type Row = Expected;
const listOrder = (items: Array<{ id: number; sort: number }>) => new Map(items.map((x) => [x.id, x]));

function comparator(key: RiskSortKey, dir: 1 | -1, lists: ReturnType<typeof getLists>): (a: Row, b: Row) => number {
  const regions = listOrder(lists.regions);
  const domains = listOrder(lists.domains);
  const byId = (a: Row, b: Row) => dir * (a.id - b.id);
  const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  const nullsLast = (get: (r: Row) => string | number | null) => (a: Row, b: Row) => {
    const x = get(a);
    const y = get(b);
    if (x === null && y === null) return byId(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return dir * cmp(x, y) || byId(a, b);
  };
  const list = (m: Map<number, { id: number; sort: number }>, get: (r: Row) => number) => (a: Row, b: Row) => {
    const x = m.get(get(a))!;
    const y = m.get(get(b))!;
    return dir * (x.sort - y.sort || x.id - y.id) || byId(a, b);
  };
  switch (key) {
    case 'code': return (a, b) => dir * cmp(a.code, b.code);
    case 'region': return list(regions, (r) => r.regionId);
    case 'domain': return list(domains, (r) => r.domainId);
    case 'level': return nullsLast((r) => r.level);
    case 'status': return (a, b) => dir * cmp(a.status, b.status) || byId(a, b);
    case 'involvedCount': return nullsLast((r) => r.involvedCount);
    case 'deadline': return nullsLast((r) => r.deadline);
    case 'firstFound': return nullsLast((r) => r.firstFound);
    case 'updatedAt': return (a, b) => dir * cmp(a.updatedAt, b.updatedAt) || byId(a, b);
  }
}

function allIds(db: Parameters<typeof listRisks>[0], input: RiskListInput, pageSize = 500): { ids: number[]; total: number } {
  const ids: number[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const p = listRisks(db, { ...input, page, pageSize });
    total = p.total;
    ids.push(...p.rows.map((r) => r.id));
    if (p.rows.length < pageSize) break;
  }
  return { ids, total };
}

describe('register list: filters and sorts against the generator', () => {
  it('every sort, both directions, NULLS LAST, ties broken by id', () => {
    const { db, rows, lists } = setup();
    const live = rows.filter((r) => !r.deleted);
    for (const sort of RISK_SORT_KEYS) {
      for (const order of ['asc', 'desc'] as const) {
        const expected = [...live].sort(comparator(sort, order === 'asc' ? 1 : -1, lists)).map((r) => r.id);
        const got = allIds(db, { sort, order });
        expect(got.total, `${sort} ${order}`).toBe(live.length);
        expect(got.ids, `${sort} ${order}`).toEqual(expected);
      }
    }
  });

  it('each filter, alone and combined, returns exactly the matching rows and total', () => {
    const { db, rows, lists } = setup();
    const live = rows.filter((r) => !r.deleted);
    const some = live[10];
    const domain = lists.domains.find((d) => d.name === '劳动社保')!.id;
    const cases: Array<[RiskListInput, (r: Row) => boolean]> = [
      [{ domainId: domain }, (r) => r.domainId === domain],
      [{ regionId: some.regionId }, (r) => r.regionId === some.regionId],
      [{ level: 2 }, (r) => r.level === 2],
      [{ status: '化解中' }, (r) => r.status === '化解中'],
      [{ leadUnit: some.leadUnit }, (r) => r.leadUnit === some.leadUnit],
      [{ packageLeader: some.packageLeader }, (r) => r.packageLeader === some.packageLeader],
      [{ source: '舆情' }, (r) => r.source === '舆情'],
      [{ deadlineFrom: '2026-01-01', deadlineTo: '2026-03-31' }, (r) => r.deadline !== null && r.deadline >= '2026-01-01' && r.deadline <= '2026-03-31'],
      [{ deadlineFrom: '2026-06-01' }, (r) => r.deadline !== null && r.deadline >= '2026-06-01'],
      [{ involvedMin: 100, involvedMax: 300 }, (r) => r.involvedCount !== null && r.involvedCount >= 100 && r.involvedCount <= 300],
      [{ involvedMin: 500 }, (r) => r.involvedCount !== null && r.involvedCount >= 500],
      [{ domainId: some.domainId, level: some.level ?? undefined, source: (some.source ?? undefined) as RiskListInput['source'] }, (r) => r.domainId === some.domainId && r.level === some.level && r.source === some.source],
      [{ regionId: some.regionId, involvedMax: 50, deadlineTo: '2026-12-31' }, (r) => r.regionId === some.regionId && r.involvedCount !== null && r.involvedCount <= 50 && r.deadline !== null && r.deadline <= '2026-12-31'],
    ];
    for (const [input, keep] of cases) {
      for (const sort of ['level', 'deadline', 'region'] as const) {
        const expected = live.filter(keep).sort(comparator(sort, 1, lists)).map((r) => r.id);
        expect(expected.length, JSON.stringify(input)).toBeGreaterThan(0);
        const got = allIds(db, { ...input, sort });
        expect(got.ids, `${JSON.stringify(input)} by ${sort}`).toEqual(expected);
        expect(got.total).toBe(expected.length);
      }
    }
    const deleted = allIds(db, { deleted: true });
    expect(deleted.ids).toEqual(rows.filter((r) => r.deleted).sort(comparator('level', 1, lists)).map((r) => r.id));
  });

  it('search: 1, 2, 3+ character terms (incl. at the very end of a field), several terms, codes', () => {
    const { db, rows, lists } = setup();
    const live = rows.filter((r) => !r.deleted);
    const matches = (r: Row, t: string) => [...r.texts, ...r.shown].some((x) => x.toLowerCase().includes(t.toLowerCase()));
    const endsWithTwo = live.map((r) => r.texts[2]).find((t) => [...t].length === 2);
    const terms = ['薪', '欠薪', '退费', '逾期交房', '保交楼', '锦绣 华庭', '专班 每周', 'JC-2025-01', 'jc-2026-0', '副县长', '工作专班', '劳动社保', '社保', '住建', lists.regions[0].name, ...(endsWithTwo ? [endsWithTwo] : [])];
    for (const q of terms) {
      const parts = q.split(' ');
      const expected = live.filter((r) => parts.every((t) => matches(r, t))).sort(comparator('level', 1, lists)).map((r) => r.id);
      const got = allIds(db, { query: q });
      expect(got.ids, q).toEqual(expected);
      expect(got.total, q).toBe(expected.length);
    }
    expect(allIds(db, { query: '欠薪' }).ids.length).toBeGreaterThan(0);
    expect(allIds(db, { query: '退费' }).ids.length).toBeGreaterThan(0);
    expect(allIds(db, { query: '没有这个词' }).ids).toEqual([]);
  });

  it('paging by a non-unique column: no row twice, none missing, across every page size', () => {
    const { db, rows, lists } = setup();
    const live = rows.filter((r) => !r.deleted);
    for (const sort of ['status', 'level', 'region', 'deadline'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const expected = [...live].sort(comparator(sort, order === 'asc' ? 1 : -1, lists)).map((r) => r.id);
        for (const size of [7, 20, 33]) {
          const got = allIds(db, { sort, order }, size).ids;
          expect(new Set(got).size).toBe(got.length);
          expect(got, `${sort} ${order} by ${size}`).toEqual(expected);
        }
      }
    }
  });

  it('totals follow writes at once (cached count invalidated) and facets list units and leaders', () => {
    const { db, ctx, rows } = setup();
    const before = listRisks(db, {}).total;
    const r = createRisk(db, ctx, { regionId: rows[0].regionId, domainId: rows[0].domainId, title: '新增一条' });
    expect(listRisks(db, {}).total).toBe(before + 1);
    deleteRisk(db, ctx, r.id, r.version, '测试');
    expect(listRisks(db, {}).total).toBe(before);
    const live = rows.filter((x) => !x.deleted);
    const f = riskFacets(db);
    expect(f.leadUnits).toEqual([...new Set(live.map((x) => x.leadUnit).filter(Boolean))].sort());
    expect(f.packageLeaders).toEqual([...new Set(live.map((x) => x.packageLeader).filter(Boolean))].sort());
  });
});
