// Assessments, the risk cache, the 0002 migration, rule-set versions and the weekly snapshot,
// on real SQLite files through the dispatcher.
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../db/migrate.js';
import { openDatabase } from '../../db/open.js';
import { createDispatcher } from '../../electron/api/dispatcher.js';
import { DEFAULT_RULES } from '../../shared/grading.js';
import { DEFAULT_PERIODS } from '../../shared/periods.js';
import type { Assessment } from '../../shared/assessments.js';
import type { RiskRow } from '../../shared/risks.js';
import type { HeatGrid, Movement } from '../../shared/heatmap.js';
import { fixedClock, ok, rowCount, tempCore, tempDir, testCaller } from './helpers.js';

const NOW = '2026-11-25T02:00:00.000Z'; // Wednesday; the week starts 2026-11-23

async function withRisk(extra: Record<string, unknown> = {}) {
  const core = tempCore();
  const risk = await ok<RiskRow>(core.dispatch, 'risks.create', { regionId: 1, domainId: 1, title: '锦绣华庭逾期交房', involvedCount: 80, ...extra });
  return { ...core, risk };
}

describe('migration 0002', () => {
  it('turns levels entered before grading into 登记定级 assessments, seeds rules and periods, snapshots this week', () => {
    const file = join(tempDir(), 'old.db');
    const raw = new Database(file);
    migrate(raw, loadMigrations().slice(0, 1));
    raw.exec("INSERT INTO regions (name) VALUES ('城关区'); INSERT INTO domains (name) VALUES ('问题楼盘')");
    const ins = raw.prepare("INSERT INTO risks (code, region_id, domain_id, title, likelihood, impact, level, level_basis, first_found, created_at, updated_at) VALUES (?, 1, 1, ?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
    ins.run('JC-2026-001', '甲', 3, 5, 1, '会议定级', '2026-03-01');
    ins.run('JC-2026-002', '乙', 1, 2, 2, '', '2026-04-01'); // entered 较大 although the matrix says 低
    ins.run('JC-2026-003', '丙', null, null, null, '', null);
    raw.close();
    const db = openDatabase(file);
    const rows = db.prepare('SELECT * FROM assessments ORDER BY risk_id').all() as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.risk_id, r.kind, r.assessed_on, r.matrix_level, r.final_level])).toEqual([
      [1, '登记定级', '2026-03-01', 1, 1],
      [2, '登记定级', '2026-04-01', 4, 2],
    ]);
    expect(rows[0].basis).toBe('会议定级');
    expect(db.prepare('SELECT next_review FROM risks ORDER BY id').all()).toEqual([{ next_review: '2026-03-08' }, { next_review: '2026-04-15' }, { next_review: null }]);
    expect(JSON.parse((db.prepare('SELECT config FROM rule_sets WHERE version = 1').get() as { config: string }).config)).toEqual(DEFAULT_RULES);
    const periods = db.prepare('SELECT name, start_date, end_date, escalation FROM sensitive_periods ORDER BY id').all() as Array<Record<string, unknown>>;
    expect(periods.map((p) => [p.name, p.start_date, p.end_date, p.escalation === 1])).toEqual(DEFAULT_PERIODS);
    expect(rowCount(db, 'risk_weeks')).toBe(3);
    db.close();
  });
});

describe('recording an assessment', () => {
  it('grades with the rules in force, stores the basis, and rewrites the cached level, trend and next review', async () => {
    const { dispatch, risk } = await withRisk();
    await ok(dispatch, 'events.create', { riskId: risk.id, kind: '到市集访', occurredOn: '2026-11-10', count: 12, source: '市信访局' });
    const a = await ok<Assessment>(dispatch, 'assessments.record', { riskId: risk.id, likelihood: 2, impact: 2, analysis: '业主情绪激动' });
    expect([a.matrixLevel, a.ruleLevel, a.finalLevel, a.ruleSetVersion, a.assessedOn, a.nextReview]).toEqual([4, 2, 2, 1, '2026-11-25', '2026-12-09']);
    expect(a.basis).toContain('到市集访（2026-11-10，12人 ≥ 5） → 较大');
    expect(a.basis).toContain('涉及人数 80人 ≥ 5 → 一般');
    const r = await ok<RiskRow>(dispatch, 'risks.get', { id: risk.id });
    expect([r.level, r.likelihood, r.impact, r.nextReview, r.levelBasis]).toEqual([2, 2, 2, '2026-12-09', a.basis]);
  });

  it('bad input changes nothing: likelihood 0 or 7, override without reason, unknown risk', async () => {
    const { db, dispatch, risk } = await withRisk();
    const snapshot = () => JSON.stringify([db.prepare('SELECT * FROM assessments').all(), db.prepare('SELECT * FROM risks').all(), db.prepare('SELECT * FROM risk_weeks').all(), rowCount(db, 'audit_log')]);
    const before = snapshot();
    for (const [input, msg] of [
      [{ riskId: risk.id, likelihood: 0, impact: 3 }, /「可能性」/],
      [{ riskId: risk.id, likelihood: 7, impact: 3 }, /「可能性」/],
      [{ riskId: risk.id, likelihood: 6, impact: 3 }, /1–5/],
      [{ riskId: risk.id, likelihood: 5, impact: 5, finalLevel: 4 }, /须填写调级理由/],
      [{ riskId: 9999, likelihood: 3, impact: 3 }, /找不到序号为 9999 的风险事项/],
    ] as const) {
      const res = await dispatch('assessments.record', input);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.message).toMatch(msg);
    }
    expect(snapshot()).toBe(before);
  });

  it('the level cannot be edited in the register: only assessments write it', async () => {
    const { dispatch, risk } = await withRisk({ level: 3 });
    const res = await dispatch('risks.update', { id: risk.id, version: risk.version, patch: { level: 1 } });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toMatch(/「风险等级」由研判记录决定/);
    const list = await ok<Assessment[]>(dispatch, 'assessments.list', { riskId: risk.id });
    expect(list.map((a) => [a.kind, a.finalLevel])).toEqual([['登记定级', 3]]);
  });

  it('an override keeps its reason; a rules change makes a new version and leaves past assessments alone', async () => {
    const { dispatch, risk } = await withRisk();
    const first = await ok<Assessment>(dispatch, 'assessments.record', { riskId: risk.id, likelihood: 5, impact: 5, finalLevel: 2, overrideReason: '已签订化解协议' });
    expect([first.computedLevel, first.finalLevel, first.overrideReason]).toEqual([1, 2, '已签订化解协议']);
    const rules = await ok<{ version: number }>(dispatch, 'rules.current', {});
    const stale = await dispatch('rules.save', { config: { ...DEFAULT_RULES, people: { red: 60, orange: 30, yellow: 5 } }, baseVersion: rules.version + 1 });
    expect(stale.ok).toBe(false);
    const v2 = await ok<{ version: number }>(dispatch, 'rules.save', { config: { ...DEFAULT_RULES, people: { red: 60, orange: 30, yellow: 5 } }, note: '试行', baseVersion: rules.version });
    expect(v2.version).toBe(2);
    const second = await ok<Assessment>(dispatch, 'assessments.record', { riskId: risk.id, likelihood: 1, impact: 1 });
    expect([second.ruleSetVersion, second.ruleLevel, second.finalLevel]).toEqual([2, 1, 1]);
    const list = await ok<Assessment[]>(dispatch, 'assessments.list', { riskId: risk.id });
    expect(list.find((a) => a.id === first.id)).toEqual(first);
  });

  it('one assessment per risk per meeting', async () => {
    const { dispatch, risk } = await withRisk();
    const m = await ok<{ id: number }>(dispatch, 'meetings.create', { date: '2026-11-23' });
    await ok(dispatch, 'assessments.record', { riskId: risk.id, meetingId: m.id, likelihood: 2, impact: 2 });
    const again = await dispatch('assessments.record', { riskId: risk.id, meetingId: m.id, likelihood: 3, impact: 2 });
    expect(again.ok).toBe(false);
    const noMeeting = await dispatch('assessments.record', { riskId: risk.id, meetingId: m.id + 100, likelihood: 3, impact: 2 });
    expect(noMeeting.ok).toBe(false);
  });
});

describe('weekly snapshot and movement', () => {
  it('a new assessment changes the cell count and the movement names the risk; later weeks are filled forward', async () => {
    const core = tempCore();
    let clock = fixedClock(NOW);
    const dispatch = createDispatcher({ caller: testCaller(), db: core.db, dbPath: core.file, host: 'cli', defaultOperator: '测试员', now: () => clock(), log: () => {} });
    const risk = await ok<RiskRow>(dispatch, 'risks.create', { regionId: 1, domainId: 1, title: '甲', likelihood: 2, impact: 2, level: 4 });
    const other = await ok<RiskRow>(dispatch, 'risks.create', { regionId: 2, domainId: 2, title: '乙', likelihood: 2, impact: 2, level: 4 });
    // A week later (2026-12-02, week 2026-11-30): one risk rises.
    clock = fixedClock('2026-12-02T02:00:00.000Z');
    await ok(dispatch, 'assessments.record', { riskId: risk.id, likelihood: 4, impact: 4 });
    const grid = await ok<HeatGrid>(dispatch, 'heatmap.grid', {});
    expect(grid.week).toBe('2026-11-30');
    expect(grid.cells.map((c) => [c.likelihood, c.impact, c.count])).toEqual([[2, 2, 1], [4, 4, 1]]);
    const past = await ok<HeatGrid>(dispatch, 'heatmap.grid', { week: '2026-11-23' });
    expect(past.cells.map((c) => [c.likelihood, c.impact, c.count])).toEqual([[2, 2, 2]]);
    const mv = await ok<Movement>(dispatch, 'heatmap.movement', {});
    expect(mv.counts).toEqual({ appeared: 0, rose: 1, fell: 0, closed: 0 });
    expect(mv.items.map((i) => [i.code, i.kind, i.prevLevel, i.level])).toEqual([[risk.code, 'rose', 4, 1]]);
    // The other risk is closed: it shows as 销号 this week and leaves the map.
    await ok(dispatch, 'risks.update', { id: other.id, version: other.version, patch: { status: '已销号' } });
    const mv2 = await ok<Movement>(dispatch, 'heatmap.movement', {});
    expect(mv2.counts.closed).toBe(1);
    expect((await ok<HeatGrid>(dispatch, 'heatmap.grid', {})).total).toBe(1);
    // Nothing recorded for two weeks: the views carry the last week forward, with no movement.
    clock = fixedClock('2026-12-16T02:00:00.000Z');
    const carried = await ok<HeatGrid>(dispatch, 'heatmap.grid', {});
    expect([carried.week, carried.sourceWeek, carried.carried, carried.total]).toEqual(['2026-12-14', '2026-11-30', true, 1]);
    expect((await ok<Movement>(dispatch, 'heatmap.movement', {})).items).toEqual([]);
  });
});
