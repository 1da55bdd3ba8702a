// 统计口径 (which statuses count as 化解 and 在控) changed through the contract, on the constructed
// register (tests/unit/statsFixture.ts): the rates follow, worked out by hand; who may change it and
// what is refused; the printed report states the definition it used.
import { describe, expect, it } from 'vitest';
import { ok, rowCount, tempCore, testCaller } from './helpers.js';
import { periodOf } from '../../shared/stats.js';
import type { StatsSummary } from '../../shared/statsTypes.js';
import { buildStatsReport } from '../../shared/briefs/statsReport.js';
import { docText } from '../../shared/briefs/model.js';
import { build } from './statsFixture.js';

const year = periodOf('year', '2026-05-01');
const asOf = '2026-11-25';

describe('统计口径 setting', () => {
  it('changes 化解率 and 在控率 to the chosen statuses, and back with the defaults', async () => {
    const { db, dispatch } = tempCore();
    build(db);
    const rates = async () => (await ok<StatsSummary>(dispatch, 'stats.summary', { period: year, asOf, compare: false })).current.rates;
    // Default (化解: 已销号; 在控: 在控、化解中、申请销号、稳控). The year: nothing before 2026, A–E entered (5).
    // 化解: C (已销号 10 April) → 1/5. On 25 November in the register: A 在控, B 待研判, C 反弹, D 待研判 → 在控 A: 1/4.
    expect((await rates()).resolveRate).toEqual({ value: 20, num: 1, den: 5 });
    expect((await rates()).controlRate).toEqual({ value: 25, num: 1, den: 4 });

    // 化解 also 转司法终结: C and E (化解中 → 转司法终结 on 1 July) → 2/5. 在控 also 反弹: A and C → 2/4.
    // 包案化解率: 包案 B and C, of which C resolved → still 1/2.
    await ok(dispatch, 'stats.setDefinitions', { resolvedStatuses: ['已销号', '转司法终结'], controlledStatuses: ['在控', '反弹'] });
    const changed = await ok<StatsSummary>(dispatch, 'stats.summary', { period: year, asOf, compare: false });
    expect(changed.current.rates.resolveRate).toEqual({ value: 40, num: 2, den: 5 });
    expect(changed.current.rates.controlRate).toEqual({ value: 50, num: 2, den: 4 });
    expect(changed.current.rates.packageRate).toEqual({ value: 50, num: 1, den: 2 });
    expect(changed.definitions).toEqual({ resolvedStatuses: ['已销号', '转司法终结'], controlledStatuses: ['在控', '反弹'] });
    // The drill-down of 化解 lists exactly C and E.
    const list = await ok<{ total: number; rows: Array<{ title: string }> }>(dispatch, 'stats.records', { period: year, asOf, measure: 'resolved' });
    expect([list.total, list.rows.map((r) => r.title).sort()]).toEqual([2, ['丙项目征收补偿', '戊医疗纠纷']]);
    // The printed report states the definition in force.
    const text = docText(buildStatsReport({ summary: changed, organ: '江城市信访局', asOf })).join('\n');
    expect(text).toContain('化解状态为已销号、转司法终结');
    expect(text).toContain('在控状态为在控、反弹');

    // Back to the defaults.
    await ok(dispatch, 'stats.setDefinitions', { resolvedStatuses: ['已销号'], controlledStatuses: ['在控', '化解中', '申请销号', '稳控'] });
    expect((await rates()).resolveRate.value).toBe(20);
  });

  it('lets only the register editors change it, and refuses a definition that could never count', async () => {
    const { db, dispatch } = tempCore();
    build(db);
    const before = await ok(dispatch, 'stats.definitions', {});
    const audits = rowCount(db, 'audit_log');
    const leader = await dispatch('stats.setDefinitions', { resolvedStatuses: ['稳控'], controlledStatuses: ['在控'] }, testCaller('王局长', '领导'));
    expect(leader.ok ? '' : leader.error.code).toBe('FORBIDDEN');
    expect(await ok(dispatch, 'stats.definitions', {}, testCaller('王局长', '领导'))).toEqual(before); // 领导 may read it

    const refused = async (input: unknown, message: RegExp) => {
      const r = await dispatch('stats.setDefinitions', input);
      expect(r.ok ? '' : `${r.error.code} ${r.error.message}`).toMatch(message);
    };
    await refused({ resolvedStatuses: ['已销号'], controlledStatuses: ['在控', '已销号'] }, /INVALID_INPUT .*在控状态不能包括已销号、转司法终结/);
    await refused({ resolvedStatuses: [], controlledStatuses: ['在控'] }, /INVALID_INPUT .*化解状态至少选择一个状态/);
    await refused({ resolvedStatuses: ['已销号', '已销号'], controlledStatuses: ['在控'] }, /INVALID_INPUT .*化解状态中有重复的状态/);
    await refused({ resolvedStatuses: ['办结'], controlledStatuses: ['在控'] }, /INVALID_INPUT .*状态只能是/);
    expect(await ok(dispatch, 'stats.definitions', {})).toEqual(before);
    expect(rowCount(db, 'audit_log')).toBe(audits);
  });
});
