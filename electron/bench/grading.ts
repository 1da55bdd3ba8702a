// Heat map, movement and trend at scale: 100,000 risks, ≥ 1,000,000 assessments, a year of weekly
// snapshots. Each view is timed for the current week and 26 weeks back, through the dispatcher
// and against independently written SQL over the same aggregates.
import type { BenchCase, BenchSuite } from './types.js';
import type { HeatGrid, Movement, Trend } from '../../shared/heatmap.js';
import { addDays, weekStart } from '../../shared/dates.js';

const CLOSED = "('已销号', '转司法终结')";

export const gradingSuite: BenchSuite = {
  name: 'grading',
  setup: async ({ core, asOf, quick }) => {
    const db = core.db;
    const count = () => (db.prepare('SELECT COUNT(*) AS n FROM assessments').get() as { n: number }).n;
    // Top up to 1,000,000 assessments with older re-assessments (one transaction, plain inserts):
    // they sit before the snapshot window, so the views are unchanged but the tables are full size.
    // (The quick guard's smaller register is taken as it is.)
    const missing = quick ? 0 : 1_000_000 - count();
    if (missing > 0) {
      db.transaction(() => {
        const risks = (db.prepare('SELECT id FROM risks').all() as Array<{ id: number }>).map((r) => r.id);
        const ins = db.prepare(
          `INSERT INTO assessments (risk_id, kind, assessed_on, likelihood, impact, score, matrix_level, rule_level, computed_level, final_level, basis, rule_set_version, trend, created_at, created_by)
           VALUES (?, '研判', ?, 3, 3, 9, 3, 3, 3, 3, '基准测试补充的历史研判', 1, '平稳', '2024-01-01T00:00:00Z', 'bench')`,
        );
        for (let i = 0; i < missing; i++) ins.run(risks[i % risks.length], addDays('2024-01-01', i % 300));
      })();
    }
    const week = weekStart(asOf);
    const back = addDays(week, -7 * 26);
    const call = async <T>(m: string, input: unknown): Promise<T> => {
      const r = await core.dispatch(m, input);
      if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
      return r.value as T;
    };
    const same = (name: string) => (a: unknown, b: unknown) => {
      if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${name}: api and raw differ\n${JSON.stringify(a).slice(0, 300)}\n${JSON.stringify(b).slice(0, 300)}`);
    };

    const rawGrid = db.prepare(`SELECT likelihood || '×' || impact AS k, SUM(n) AS n FROM week_cells WHERE week = ? AND status NOT IN ${CLOSED} AND likelihood > 0 AND impact > 0 GROUP BY likelihood, impact HAVING SUM(n) > 0 ORDER BY likelihood, impact`);
    const rawGridLevels = db.prepare('SELECT level, SUM(n) AS n FROM week_summary WHERE week = ? AND open = 1 GROUP BY level');
    const rawDr = db.prepare(`SELECT domain_id || '/' || region_id AS k, SUM(n) AS n, SUM(n * likelihood * impact) AS s FROM week_cells WHERE week = ? AND status NOT IN ${CLOSED} GROUP BY domain_id, region_id HAVING SUM(n) > 0 ORDER BY domain_id, region_id`);
    const rawMoveCounts = db.prepare(`SELECT kind, SUM(n) AS n FROM week_summary WHERE week = ? AND kind <> 'same' GROUP BY kind`);
    const rawMove = db.prepare(
      `SELECT w.risk_id, w.kind, w.level, w.prev_level, w.likelihood, w.impact, w.status, r.code, r.title, d.name AS domain, g.name AS region
       FROM risk_weeks w JOIN risks r ON r.id = w.risk_id JOIN domains d ON d.id = w.domain_id JOIN regions g ON g.id = w.region_id
       WHERE w.week = ? AND w.kind = ? AND w.kind <> 'same' ORDER BY w.level, w.risk_id LIMIT 200`,
    );
    const rawTrend = db.prepare(`SELECT week, level, kind, 1 - open AS c, SUM(n) AS n FROM week_summary WHERE week BETWEEN ? AND ? GROUP BY week, level, kind, c`);
    const rawTrendDomain = db.prepare(`SELECT week, domain_id, SUM(n) AS n FROM week_summary WHERE week BETWEEN ? AND ? AND open = 1 GROUP BY week, domain_id`);

    const cases: BenchCase[] = [];
    for (const [label, w] of [['current week', week], ['26 weeks back', back]] as const) {
      cases.push(
        {
          name: `L×I grid, ${label}`,
          api: async () => (await call<HeatGrid>('heatmap.grid', { week: w })).cells.map((c) => ({ k: `${c.likelihood}×${c.impact}`, n: c.count })),
          raw: () => (rawGridLevels.all(w), rawGrid.all(w)),
          same: same('grid'),
          targetMs: 20,
          targetRatio: 1.5,
        },
        {
          name: `domain×region grid, ${label}`,
          api: async () => (await call<{ cells: Array<{ domainId: number; regionId: number; count: number; score: number }> }>('heatmap.domainRegion', { week: w })).cells
            .sort((a, b) => a.domainId - b.domainId || a.regionId - b.regionId)
            .map((c) => ({ k: `${c.domainId}/${c.regionId}`, n: c.count, s: c.score })),
          raw: () => rawDr.all(w),
          same: same('domain×region'),
          targetMs: 20,
          targetRatio: 1.5,
        },
        {
          name: `movement, ${label}`,
          api: async () => {
            const m = await call<Movement>('heatmap.movement', { week: w });
            return { counts: m.counts, items: m.items.map((i) => ({ risk_id: i.riskId, kind: i.kind, code: i.code, title: i.title, domain: i.domain, region: i.region })) };
          },
          raw: () => {
            const counts: Record<string, number> = { appeared: 0, rose: 0, fell: 0, closed: 0 };
            for (const r of rawMoveCounts.all(w) as Array<{ kind: string; n: number }>) counts[r.kind] = r.n;
            return {
              counts,
              items: (['rose', 'appeared', 'fell', 'closed'].flatMap((k) => rawMove.all(w, k)) as Array<Record<string, unknown>>).map((r) => ({ risk_id: r.risk_id, kind: r.kind, code: r.code, title: r.title, domain: r.domain, region: r.region })),
            };
          },
          same: same('movement'),
          targetMs: 20,
          targetRatio: 1.5,
        },
        {
          name: `trend (26 weeks), ${label}`,
          api: async () => (await call<Trend>('heatmap.trend', { week: w, weeks: 26 })).points.filter((p) => p.total > 0).map((p) => ({ week: p.week, n: p.total })),
          raw: () => {
            const first = addDays(w, -7 * 25);
            rawTrendDomain.all(first, w);
            const totals = new Map<string, number>();
            for (const r of rawTrend.all(first, w) as Array<{ week: string; c: number; n: number }>) if (!r.c) totals.set(r.week, (totals.get(r.week) ?? 0) + r.n);
            return [...totals].filter(([, n]) => n > 0).sort().map(([week, n]) => ({ week, n }));
          },
          same: same('trend'),
          targetMs: 20,
          targetRatio: 1.5,
        },
      );
    }
    process.stderr.write(`grading suite: ${count()} assessments, ${(db.prepare('SELECT COUNT(*) AS n FROM risk_weeks').get() as { n: number }).n} weekly snapshot rows\n`);
    return cases;
  },
};
