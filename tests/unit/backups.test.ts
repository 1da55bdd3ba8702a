// Backups, rotation, restore, damaged databases detected at start, and recovery from them.
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.js';
import { backupDatabase, backupsDirFor, checkDatabaseFile, listBackups, restoreDatabase, rotateBackups } from '../../db/backups.js';
import { backupFileName } from '../../shared/backups.js';
import { openCore, DamagedDatabaseError } from '../../electron/core.js';
import { openRecoverableCore } from '../../electron/recovery.js';
import { fixedClock, ok, rowCount, tempDir, testCaller } from './helpers.js';

/** Overwrites bytes in the middle of the file, the way a failing disk would. */
function corrupt(file: string): void {
  const b = readFileSync(file);
  for (let i = 4096; i < Math.min(b.length, 4096 * 6); i++) b[i] = (i * 31) & 0xff;
  writeFileSync(file, b);
}

async function demoDb(dir: string, risks = 50) {
  const dbPath = join(dir, 'yanpan.db');
  const core = openCore({ caller: testCaller(), dbPath, host: 'cli', now: fixedClock() });
  await ok(core.dispatch, 'demo.load', { risks, seed: 3, asOf: '2026-11-25' });
  return { core, dbPath };
}

describe('backups', () => {
  it('an online backup is a complete, checked copy; rotation keeps 10 + weekly', async () => {
    const dir = tempDir();
    const { core, dbPath } = await demoDb(dir);
    const b = await backupDatabase(core.db, dbPath, 'manual', '2026-11-25T01:00:00.000Z');
    expect(checkDatabaseFile(b.file).ok).toBe(true);
    const copy = openDatabase(b.file);
    expect(rowCount(copy, 'risks')).toBe(50);
    copy.close();
    // 30 more backups, one per day going back: rotation leaves the newest 10 + one per week for 8 weeks.
    const bdir = backupsDirFor(dbPath);
    for (let i = 1; i <= 30; i++) copyFileSync(b.file, join(bdir, backupFileName(new Date(Date.parse('2026-11-25T00:00:00.000Z') - i * 86_400_000).toISOString(), 'start')));
    rotateBackups(bdir, '2026-11-25T02:00:00.000Z');
    const left = listBackups(bdir).map((x) => x.at.slice(0, 10));
    // Newest 10: today's manual + 9 days back (11-24 … 11-16); weekly newest in weeks 2–4: 11-11, 11-04, 10-28 (older ones do not exist).
    expect(left).toEqual(['2026-11-25', '2026-11-24', '2026-11-23', '2026-11-22', '2026-11-21', '2026-11-20', '2026-11-19', '2026-11-18', '2026-11-17', '2026-11-16', '2026-11-11', '2026-11-04', '2026-10-28']);
    core.close();
  });

  it('the app hosts back up at start', async () => {
    const dir = tempDir();
    const { core, dbPath } = await demoDb(dir);
    core.close();
    const again = openCore({ caller: testCaller(), dbPath, host: 'web', backupOnStart: true, startWorkLatestMs: 0 });
    await again.ready;
    again.close();
    expect(listBackups(backupsDirFor(dbPath)).map((b) => b.reason)).toEqual(['start']);
  });

  it('restore checks the backup, keeps the current database, and puts the backup in place', async () => {
    const dir = tempDir();
    const { core, dbPath } = await demoDb(dir);
    const b = await backupDatabase(core.db, dbPath, 'manual', '2026-11-25T01:00:00.000Z');
    // A state the app cannot reach any more (triggers keep young audit rows): made by hand.
    core.db.exec('DROP TRIGGER audit_log_keep_180_days; DELETE FROM audit_log');
    core.close();
    const bad = join(dir, 'bad.db');
    copyFileSync(b.file, bad);
    corrupt(bad);
    await expect(restoreDatabase(dbPath, bad, '2026-11-25T03:00:00.000Z')).rejects.toThrow(/未通过检查/);
    const r = await restoreDatabase(dbPath, b.file, '2026-11-25T03:00:00.000Z');
    expect(r.savedCurrent).toMatch(/-restore\.db$/);
    const restored = openDatabase(dbPath);
    expect(rowCount(restored, 'audit_log')).toBeGreaterThan(0);
    restored.close();
    const saved = openDatabase(r.savedCurrent!);
    expect(rowCount(saved, 'audit_log')).toBe(0);
    saved.close();
  });

  it('the app host restores a chosen backup while running, keeping the current state as a backup', async () => {
    const dir = tempDir();
    const { core, dbPath } = await demoDb(dir);
    const b = await backupDatabase(core.db, dbPath, 'manual', '2026-11-25T01:00:00.000Z');
    core.close();
    const rc = openRecoverableCore({ caller: testCaller(), dbPath, host: 'web' });
    const first = (await ok<{ rows: Array<{ id: number; version: number }> }>(rc.dispatch, 'risks.list', { pageSize: 1 })).rows[0];
    await ok(rc.dispatch, 'risks.update', { id: first.id, version: first.version, patch: { progress: '恢复前的修改' } });
    const r = await ok<{ restored: string; savedCurrent: string }>(rc.dispatch, 'backups.restore', { name: b.name });
    expect(r.restored).toBe(b.name);
    const after = await ok<{ progress: string; version: number }>(rc.dispatch, 'risks.get', { id: first.id });
    expect(after.progress).not.toBe('恢复前的修改');
    expect(after.version).toBe(first.version);
    const saved = openDatabase(r.savedCurrent);
    expect((saved.prepare('SELECT progress FROM risks WHERE id = ?').get(first.id) as { progress: string }).progress).toBe('恢复前的修改');
    saved.close();
    // A damaged backup is refused and the running database stays as it was.
    corrupt(b.file);
    const refused = await rc.dispatch('backups.restore', { name: b.name });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.message).toMatch(/未通过检查/);
    expect((await ok<{ version: number }>(rc.dispatch, 'risks.get', { id: first.id })).version).toBe(first.version);
    rc.close();
  });

  it('a damaged database is detected at start, never opened for writing, and the newest good backup is offered', async () => {
    const dir = tempDir();
    const { core, dbPath } = await demoDb(dir, 400);
    await backupDatabase(core.db, dbPath, 'start', '2026-11-24T01:00:00.000Z');
    await backupDatabase(core.db, dbPath, 'start', '2026-11-25T01:00:00.000Z');
    core.close();
    // The newest backup is damaged too: the offer must skip it.
    const [newest, older] = listBackups(backupsDirFor(dbPath));
    corrupt(newest.file);
    corrupt(dbPath);
    const damagedBytes = readFileSync(dbPath);
    let err: unknown;
    try {
      openCore({ caller: testCaller(), dbPath, host: 'web' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DamagedDatabaseError);
    expect((err as DamagedDatabaseError).message).toMatch(/数据库文件已损坏/);
    expect((err as DamagedDatabaseError).backup?.name).toBe(older.name);
    expect(readFileSync(dbPath).equals(damagedBytes)).toBe(true);

    // The host keeps running in recovery mode and restores on request.
    const rc = openRecoverableCore({ caller: testCaller(), dbPath, host: 'web' });
    expect(rc.damaged).not.toBe(null);
    const info = await rc.dispatch('app.info', {});
    expect(info.ok).toBe(false);
    expect(!info.ok && (info.error.details as { recovery: { backup: { name: string } } }).recovery.backup.name).toBe(older.name);
    const restored = await ok<{ restored: string; savedCurrent: string }>(rc.dispatch, 'recovery.restore', {});
    expect(restored.restored).toBe(older.name);
    expect(restored.savedCurrent).toMatch(/-damaged\.db$/);
    expect(readFileSync(restored.savedCurrent).equals(damagedBytes)).toBe(true);
    const after = await ok<{ riskCount: number }>(rc.dispatch, 'app.info', {});
    expect(after.riskCount).toBe(400);
    rc.close();
    expect(checkDatabaseFile(dbPath).ok).toBe(true);
    expect(existsSync(dbPath)).toBe(true);
    expect(readdirSync(backupsDirFor(dbPath)).some((f) => f.endsWith('-damaged.db'))).toBe(true);
  });
});
