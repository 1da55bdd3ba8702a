// A new register carries no bureau identity until set-up writes one: nothing in it says 江城市 (the
// demo's invented city) or its prefix JC. Set-up names the bureau; the demo brings 江城市 only where
// the register has no name of its own.
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatcher.js';
import { setup } from '../../electron/session.js';
import { fixedClock, ok, tempDatabase, testCaller } from './helpers.js';
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
    setup(db, { cityName: '河阳市', cityPrefix: 'HY', name: 'root1', displayName: '孙管理', password: 'Sun-Guanli-2026' }, fixedClock());
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
});
