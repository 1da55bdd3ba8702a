// Heat-map, domain×region, movement and trend numbers checked against counts computed here in
// JavaScript from the demo generator's own output (risks and their histories), not from SQL.
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoRisks } from '../../shared/demo.js';
import { demoHistory, type DemoHistory } from '../../shared/demoHistory.js';
import { DEFAULT_RULES } from '../../shared/grading.js';
import { isClosedStatus } from '../../shared/risks.js';
import { DEFAULT_PERIODS } from '../../shared/periods.js';
import { addDays, weekStart } from '../../shared/dates.js';
import type { Lists } from '../../shared/settings.js';
import type { DomainRegionGrid, HeatGrid, Movement, Trend } from '../../shared/heatmap.js';
import type { RiskFields } from '../../shared/risks.js';
import { ok, testCaller } from './helpers.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/open.js';
import { createDispatcher } from '../../electron/api/dispatcher.js';

const SEED = 7;
const AS_OF = '2026-11-25';
const N = 160;

let cached: ReturnType<typeof load> | undefined;
let cleanup: (() => void) | undefined;
afterAll(() => cleanup?.());
// One demo register for the whole file (read-only tests), built once.
const demo = () => (cached ??= load());

async function load() {
  // Not tempCore(): that closes its database after each test, and this one serves the whole file.
  const dir = mkdtempSync(join(tmpdir(), 'yanpan-heat-'));
  const file = join(dir, 'demo.db');
  const db = openDatabase(file);
  cleanup = () => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const core = { db, dispatch: createDispatcher({ caller: testCaller(), db, dbPath: file, host: 'cli', defaultOperator: '测试员', now: () => '2026-11-25T02:00:00.000Z', log: () => {} }) };
  await ok(core.dispatch, 'demo.load', { risks: N, seed: SEED, asOf: AS_OF });
  const lists = await ok<Lists>(core.dispatch, 'lists.get', {});
  const rows = generateDemoRisks({ count: N, seed: SEED, asOf: AS_OF, prefix: 'JC', domains: lists.domains, regions: lists.regions });
  const periods = DEFAULT_PERIODS.map(([name, startDate, endDate, escalation]) => ({ name, startDate, endDate, escalation }));
  const histories = rows.map((r, i) => demoHistory(r, i, { seed: SEED, asOf: AS_OF, rules: DEFAULT_RULES, periods }));
  return { ...core, rows, histories };
}

/** A risk's state at the end of week w, straight from its history. */
function stateAt(row: RiskFields & { code: string }, h: DemoHistory, w: string): { open: boolean; closedThisWeek: boolean; level: number; l: number; i: number } | null {
  const sunday = addDays(w, 6);
  const seen = h.assessments.filter((a) => a.assessedOn <= sunday);
  if (seen.length === 0) return null;
  if (h.closedOn && weekStart(h.closedOn) < w) return null;
  const a = seen[seen.length - 1];
  const closedThisWeek = !!h.closedOn && weekStart(h.closedOn) === w;
  return { open: !closedThisWeek, closedThisWeek, level: a.grade.finalLevel, l: a.likelihood, i: a.impact };
}

describe('heat-map numbers match the generator', () => {
  it('L×I grid, domain×region and movement for this week and ten weeks back', async () => {
    const { dispatch, rows, histories } = await demo();
    for (const w of [weekStart(AS_OF), addDays(weekStart(AS_OF), -70)]) {
      const want = new Map<string, number>();
      const dr = new Map<string, number>();
      const moves = { appeared: [] as string[], rose: [] as string[], fell: [] as string[], closed: [] as string[] };
      rows.forEach((row, k) => {
        const s = stateAt(row, histories[k], w);
        const p = stateAt(row, histories[k], addDays(w, -7));
        const prevOpen = p && p.open ? p : null;
        if (s && s.open) {
          want.set(`${s.l}×${s.i}`, (want.get(`${s.l}×${s.i}`) ?? 0) + 1);
          dr.set(`${row.domainId}/${row.regionId}`, (dr.get(`${row.domainId}/${row.regionId}`) ?? 0) + 1);
          if (!prevOpen) moves.appeared.push(row.code);
          else if (s.level < prevOpen.level) moves.rose.push(row.code);
          else if (s.level > prevOpen.level) moves.fell.push(row.code);
        } else if (s && s.closedThisWeek && prevOpen) moves.closed.push(row.code);
      });
      const grid = await ok<HeatGrid>(dispatch, 'heatmap.grid', { week: w });
      expect(Object.fromEntries(grid.cells.map((c) => [`${c.likelihood}×${c.impact}`, c.count]))).toEqual(Object.fromEntries(want));
      const g2 = await ok<DomainRegionGrid>(dispatch, 'heatmap.domainRegion', { week: w });
      expect(Object.fromEntries(g2.cells.map((c) => [`${c.domainId}/${c.regionId}`, c.count]))).toEqual(Object.fromEntries(dr));
      const mv = await ok<Movement>(dispatch, 'heatmap.movement', { week: w });
      for (const kind of ['appeared', 'rose', 'fell', 'closed'] as const) {
        expect(mv.items.filter((x) => x.kind === kind).map((x) => x.code).sort()).toEqual(moves[kind].sort());
        expect(mv.counts[kind]).toBe(moves[kind].length);
      }
      expect(mv.counts.rose + mv.counts.fell).toBeGreaterThan(0);
    }
  });

  it('filters narrow every view to the same risks', async () => {
    const { dispatch, rows, histories } = await demo();
    const w = weekStart(AS_OF);
    const domainId = rows[0].domainId;
    const want = rows.filter((r, k) => r.domainId === domainId && stateAt(r, histories[k], w)?.open).length;
    const grid = await ok<HeatGrid>(dispatch, 'heatmap.grid', { domainId });
    expect(grid.total).toBe(want);
    const status = '在控';
    const wantStatus = rows.filter((r, k) => r.status === status && stateAt(r, histories[k], w)?.open).length;
    expect((await ok<HeatGrid>(dispatch, 'heatmap.grid', { status })).total).toBe(wantStatus);
    // Region filter: trends read the detailed aggregate instead of the summary; same numbers expected.
    const regionId = rows[1].regionId;
    const t = await ok<Trend>(dispatch, 'heatmap.trend', { regionId, weeks: 4 });
    for (const p of t.points) {
      expect(p.total).toBe(rows.filter((r, k) => r.regionId === regionId && stateAt(r, histories[k], p.week)?.open).length);
    }
    const g = await ok<HeatGrid>(dispatch, 'heatmap.grid', { regionId });
    const byLevel: Record<number, number> = { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 };
    rows.forEach((r, k) => {
      const s = stateAt(r, histories[k], w);
      if (r.regionId === regionId && s?.open) byLevel[s.level]++;
    });
    expect(g.byLevel).toEqual(byLevel);
  });

  it('trend: open counts by level per week, new and closed', async () => {
    const { dispatch, rows, histories } = await demo();
    const t = await ok<Trend>(dispatch, 'heatmap.trend', { weeks: 8 });
    expect(t.points).toHaveLength(8);
    for (const p of t.points) {
      const byLevel: Record<number, number> = { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 };
      let closed = 0;
      rows.forEach((row, k) => {
        const s = stateAt(row, histories[k], p.week);
        const prev = stateAt(row, histories[k], addDays(p.week, -7));
        if (s?.open) byLevel[s.level]++;
        if (s?.closedThisWeek && prev?.open) closed++;
      });
      expect(p.byLevel).toEqual(byLevel);
      expect(p.closed).toBe(closed);
      expect(Object.values(t.byDomain.find((d) => d.week === p.week)!.counts).reduce((a, b) => a + b, 0)).toBe(p.total);
    }
    // The demo really moves: not every week has the same numbers.
    expect(new Set(t.points.map((p) => JSON.stringify(p.byLevel))).size).toBeGreaterThan(1);
    expect(isClosedStatus('已销号')).toBe(true);
  });
});
