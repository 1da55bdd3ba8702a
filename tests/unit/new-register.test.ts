// A new register carries no bureau identity until set-up writes one: nothing in it says 江城市 (the
// demo's invented city) or its prefix JC. Set-up names the bureau; the demo brings 江城市 only where
// the register has no name of its own.
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatcher.js';
import { setup } from '../../electron/session.js';
import { fixedClock, ok, tempDatabase, testCaller } from './helpers.js';
import { AppError } from '../../shared/errors.js';
import type { Db } from '../../db/open.js';
import type { AppInfo } from '../../shared/settings.js';

/** Every row of every table (FTS shadow tables aside), as text. */
function everything(db: Db): string {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'risks_fts%' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((t) => t.name);
  return tables.map((t) => `${t}: ${JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all())}`).join('\n');
}
const settingsRows = (db: Db) => Object.fromEntries((db.prepare("SELECT key, value FROM settings WHERE key IN ('cityName', 'cityPrefix')").all() as Array<{ key: string; value: string }>).map((r) => [r.key, r.value]));
const core = (db: Db, file: string) => createDispatcher({ db, dbPath: file, host: 'cli', defaultOperator: 'x', now: fixedClock(), log: () => {}, caller: testCaller() });

describe('a new register', () => {
  it('holds no 江城市 anywhere, and no name or prefix, until set-up', async () => {
    const { db, file } = tempDatabase();
    expect(everything(db)).not.toContain('江城');
    expect(settingsRows(db)).toEqual({});
    const info = await ok<AppInfo>(core(db, file), 'app.info', {});
    expect(info.settings.cityName).toBe('');
  });

  it('set-up names the bureau; loading the demo afterwards keeps that name', async () => {
    const { db, file } = tempDatabase();
    setup(db, { cityName: '河阳市', cityPrefix: 'HY', regions: ['河东区', '河西县'], name: 'root1', displayName: '孙管理', password: 'Sun-Guanli-2026' }, fixedClock());
    expect(settingsRows(db)).toEqual({ cityName: '河阳市', cityPrefix: 'HY' });
    await ok(core(db, file), 'demo.load', { risks: 20, seed: 3, asOf: '2026-11-25' });
    expect(settingsRows(db)).toEqual({ cityName: '河阳市', cityPrefix: 'HY' });
  });

  it('the demo on a register with no name brings 江城市 and JC', async () => {
    const { db, file } = tempDatabase();
    const dispatch = core(db, file);
    await ok(dispatch, 'demo.load', { risks: 20, seed: 3, asOf: '2026-11-25' });
    expect(settingsRows(db)).toEqual({ cityName: '江城市', cityPrefix: 'JC' });
    const info = await ok<AppInfo>(dispatch, 'app.info', {});
    expect(info.settings.cityName).toBe('江城市');
  });

  const regionNames = (db: Db) => db.prepare('SELECT name FROM regions ORDER BY sort, id').pluck().all();
  const admin = { cityName: '河阳市', cityPrefix: 'HY', name: 'root1', displayName: '孙管理', password: 'Sun-Guanli-2026' };

  it("set-up's counties are the register's counties: none of the demo's 城关区 … 清河县", () => {
    const { db } = tempDatabase();
    expect(regionNames(db)).toContain('城关区'); // the placeholder list a fresh open seeds
    setup(db, { ...admin, regions: ['河东区', '河西县', '阳山县'] }, fixedClock());
    expect(regionNames(db)).toEqual(['河东区', '河西县', '阳山县']);
    const audit = db.prepare("SELECT after FROM audit_log WHERE action = 'setup'").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ regions: '河东区、河西县、阳山县' });
  });

  it('a register that already holds risks keeps every county and gains the missing ones', async () => {
    const { db, file } = tempDatabase();
    // An older register, from before accounts: risks in the placeholder counties, nobody set up.
    await ok(core(db, file), 'risks.create', { regionId: 2, domainId: 1, title: '锦绣华庭逾期交房' });
    const before = regionNames(db);
    expect(before).toContain('临江区');
    setup(db, { ...admin, regions: ['城关区', '新城区'] }, fixedClock());
    expect(regionNames(db)).toEqual([...before, '新城区']);
  });

  it('a duplicate or missing county is refused in Chinese and nothing is written', () => {
    const { db } = tempDatabase();
    const before = everything(db);
    for (const [regions, message] of [
      [['河东区', '河东区'], '区县名称有重复'],
      [[], '请至少填写一个下辖区县'],
      [undefined, '请填写下辖区县'],
    ] as const) {
      let err: unknown;
      try {
        setup(db, { ...admin, regions }, fixedClock());
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).message).toContain(message);
      expect(everything(db)).toBe(before);
    }
  });
});
