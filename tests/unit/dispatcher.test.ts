import type { Dispatch } from '../../electron/api/dispatcher.js';
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract/index.js';
import { handlers } from '../../electron/api/dispatcher.js';
import type { RiskRow } from '../../shared/risks.js';
import type { AuditEntry } from '../../shared/audit.js';
import type { Db } from '../../db/open.js';
import { ok, rowCount, tempCore, testCaller } from './helpers.js';

const base = { regionId: 1, domainId: 1, title: '“锦绣华庭”逾期交房' };

describe('dispatcher', () => {
  it('has exactly one handler per contract method', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it('runs a valid write and a valid read', async () => {
    const { dispatch } = tempCore();
    const r = await ok<RiskRow>(dispatch, 'risks.create', { ...base, asOf: '2026-11-25' });
    expect(r.code).toBe('JC-2026-001');
    const page = await ok<{ total: number }>(dispatch, 'risks.list', {});
    expect(page.total).toBe(1);
  });

  it('answers an unknown method in Chinese', async () => {
    const { dispatch } = tempCore();
    const r = await dispatch('risks.drop', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(!r.ok && r.error.message).toMatch(/没有名为「risks.drop」的功能/);
  });

  const badInputs: Array<[string, unknown, RegExp]> = [
    ['missing title', { regionId: 1, domainId: 1 }, /「事项名称」/],
    ['empty title', { ...base, title: '   ' }, /「事项名称」不能为空/],
    ['wrong type', { ...base, involvedCount: '三百' }, /「涉及人数」/],
    ['negative count', { ...base, involvedCount: -5 }, /「涉及人数」应为不小于 0 的整数/],
    ['unknown enum', { ...base, status: '已完成' }, /「状态」只能是：待研判/],
    ['impossible date', { ...base, deadline: '2026-02-30' }, /「化解时限」日期格式应为 YYYY-MM-DD/],
    ['likelihood 7', { ...base, likelihood: 7 }, /「可能性」应为 1–5 的整数/],
    ['too long', { ...base, title: '长'.repeat(201) }, /「事项名称」不能超过200个字/],
    ['bad code', { ...base, code: 'jc-26-1' }, /「编号」格式应为/],
    ['unknown region', { ...base, regionId: 999 }, /「所属县区」不存在/],
    ['not an object', 'hello', /输入/],
  ];
  for (const [name, input, message] of badInputs) {
    it(`refuses bad input (${name}) with a Chinese message and changes nothing`, async () => {
      const { dispatch, db } = tempCore();
      const before = [rowCount(db, 'risks'), rowCount(db, 'audit_log')];
      const r = await dispatch('risks.create', input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_INPUT');
        expect(r.error.message).toMatch(message);
      }
      expect([rowCount(db, 'risks'), rowCount(db, 'audit_log')]).toEqual(before);
    });
  }

  it('refuses a stale version as a conflict and keeps the newer data', async () => {
    const { dispatch } = tempCore();
    const r = await ok<RiskRow>(dispatch, 'risks.create', base);
    await ok(dispatch, 'risks.update', { id: r.id, version: 1, patch: { progress: '甲的修改' } });
    const stale = await dispatch('risks.update', { id: r.id, version: 1, patch: { progress: '乙的修改' } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!stale.ok && stale.error.message).toMatch(/刷新后重新修改/);
    expect((await ok<RiskRow>(dispatch, 'risks.get', { id: r.id })).progress).toBe('甲的修改');
  });

  it('writes an audit row with the logged-in account, before and after for every mutation', async () => {
    const core = tempCore();
    // The actor is the caller's account: the operator name in settings no longer counts.
    await ok(core.dispatch, 'settings.update', { operator: '别人' });
    const dispatch: Dispatch = (m, i) => core.dispatch(m, i, testCaller('王研判'));
    const r = await ok<RiskRow>(dispatch, 'risks.create', base);
    await ok(dispatch, 'risks.update', { id: r.id, version: 1, patch: { involvedCount: 380, involvedText: '约380' } });
    await ok(dispatch, 'risks.delete', { id: r.id, version: 2, reason: '重复登记' });
    await ok(dispatch, 'risks.restore', { id: r.id, version: 3 });
    const history = await ok<AuditEntry[]>(dispatch, 'audit.forEntity', { entity: 'risk', entityId: r.id });
    expect(history.map((h) => h.action)).toEqual(['restore', 'delete', 'update', 'create']);
    expect(history.every((h) => h.actor === '王研判')).toBe(true);
    expect(history[2]).toMatchObject({ before: { involvedCount: null, involvedText: '' }, after: { involvedCount: 380, involvedText: '约380' } });
    expect(history[3].after).toMatchObject({ title: base.title, version: 1 });
    expect(history[0].at > history[3].at).toBe(true);
  });

  it('refuses a duplicate code before writing anything', async () => {
    const { dispatch, db } = tempCore();
    await ok(dispatch, 'risks.create', { ...base, code: 'JC-2026-005' });
    const before = [rowCount(db, 'risks'), rowCount(db, 'audit_log')];
    const dup = await dispatch('risks.create', { ...base, code: 'JC-2026-005' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect([rowCount(db, 'risks'), rowCount(db, 'audit_log')]).toEqual(before);
  });

  // The real handler fails midway: risks.create inserts the risk, its audit row and its first
  // assessment, then its last step (the weekly snapshot in risk_weeks) is aborted by a trigger this
  // test adds to its own connection. Only the dispatcher's transaction can take the first rows back.
  it('rolls back the whole write when the handler fails after it has written rows', async () => {
    const { dispatch, db } = tempCore();
    await ok(dispatch, 'risks.create', { ...base, code: 'JC-2026-005', likelihood: 3, impact: 3 });
    const before = snapshot(db);
    db.exec("CREATE TEMP TRIGGER fail_midway BEFORE INSERT ON main.risk_weeks BEGIN SELECT RAISE(ABORT, 'test: fail after the first rows'); END");
    const changesBefore = totalChanges(db);
    const r = await dispatch('risks.create', { ...base, title: '第二件', likelihood: 4, impact: 4 });
    expect(r.ok).toBe(false);
    // The handler really wrote before it failed (risk, audit, assessment: at least three rows) …
    expect(totalChanges(db) - changesBefore).toBeGreaterThanOrEqual(3);
    // … and none of it remains.
    expect(snapshot(db)).toEqual(before);
    db.exec('DROP TRIGGER temp.fail_midway');
    const next = await ok<RiskRow>(dispatch, 'risks.create', { ...base, title: '第三件' });
    expect(next.code).toBe('JC-2026-006');
  });
  it('loads the demo register only into an empty register', async () => {
    const { dispatch } = tempCore();
    const r = await ok<{ created: number }>(dispatch, 'demo.load', { risks: 50, asOf: '2026-11-25' });
    expect(r.created).toBe(50);
    const again = await dispatch('demo.load', { risks: 5 });
    expect(!again.ok && again.error.message).toMatch(/示例数据只能载入空台账/);
    const info = await ok<{ firstRun: boolean; riskCount: number }>(dispatch, 'app.info', {});
    expect(info).toMatchObject({ firstRun: false, riskCount: 50 });
  });
});

/** Every table's row count and largest rowid (so a rolled-back AUTOINCREMENT shows too). */
function snapshot(db: Db): Record<string, [number, number | null]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%'").all() as Array<{ name: string }>;
  const out: Record<string, [number, number | null]> = {};
  for (const { name } of tables) {
    const withoutRowid = /WITHOUT ROWID/i.test((db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string }).sql);
    const row = db.prepare(`SELECT COUNT(*) AS n${withoutRowid ? ', NULL AS m' : ', MAX(rowid) AS m'} FROM "${name}"`).get() as { n: number; m: number | null };
    out[name] = [row.n, row.m];
  }
  return out;
}

function totalChanges(db: Db): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}
