// The audit chain: one link per committed transaction; a row edited directly in SQL breaks its
// link; a chain recomputed after the edit is internally whole but no longer holds the head written
// down before (caught with the head); SQL cannot edit or delete young rows; the CLI reports it.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyChain, chainHead } from '../../db/auditChain.js';
import { createAccount } from '../../db/accounts.js';
import { openDatabase, type Db } from '../../db/open.js';
import { ok, tempCore, tempDir, rowCount } from './helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'scripts', 'yanpan.mjs');
const risk = (title: string) => ({ title, domainId: 1, regionId: 1 });

/** What an attacker with the file would do after editing a row: recompute every link (written here, not taken from the app). */
function recomputeChain(db: Db) {
  db.exec('DROP TRIGGER audit_chain_no_update');
  let prev = { last: 0, hash: '0'.repeat(64) };
  for (const link of db.prepare('SELECT seq, last_id FROM audit_chain ORDER BY seq').all() as Array<{ seq: number; last_id: number }>) {
    const h = createHash('sha256').update(prev.hash);
    for (const row of db.prepare('SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log WHERE id > ? AND id <= ? ORDER BY id').raw().all(prev.last, link.last_id)) h.update('\n').update(JSON.stringify(row));
    const hash = h.digest('hex');
    db.prepare('UPDATE audit_chain SET hash = ? WHERE seq = ?').run(hash, link.seq);
    prev = { last: link.last_id, hash };
  }
}

describe('audit hash chain', () => {
  it('adds one link per committed write, however many rows it wrote', async () => {
    const { db, dispatch } = tempCore();
    const links = () => rowCount(db, 'audit_chain');
    const start = links();
    await ok(dispatch, 'demo.load', { risks: 30 });
    expect(rowCount(db, 'audit_log')).toBeGreaterThan(2);
    expect(links()).toBe(start + 1);
    await ok(dispatch, 'risks.create', risk('某小区业主集体维权'));
    expect(links()).toBe(start + 2);
    // A refused write commits nothing, so it adds no link.
    await dispatch('risks.create', { title: '' });
    expect(links()).toBe(start + 2);
    expect(verifyChain(db)).toMatchObject({ ok: true, unsealedRows: 0 });
  });

  it('SQL cannot edit or delete a young audit row, nor touch the chain', async () => {
    const { db, dispatch } = tempCore();
    await ok(dispatch, 'risks.create', risk('某企业拖欠工资'));
    expect(() => db.prepare("UPDATE audit_log SET actor = '别人'").run()).toThrow(/审计记录不可修改/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/180 天内的审计记录不可删除/);
    expect(() => db.prepare('DELETE FROM audit_chain').run()).toThrow(/审计链不可删除/);
  });

  it('a row edited in SQL breaks its link; recomputing the chain is caught by the head written down', async () => {
    const { db, dispatch } = tempCore();
    for (const t of ['甲事项', '乙事项', '丙事项']) await ok(dispatch, 'risks.create', risk(t));
    const head = chainHead(db).hash;
    await ok(dispatch, 'risks.create', risk('丁事项'));
    const target = db.prepare("SELECT id FROM audit_log WHERE after LIKE '%乙事项%'").pluck().get() as number;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = '别人' WHERE id = ?").run(target);
    const broken = verifyChain(db, head);
    expect(broken.ok).toBe(false);
    expect(broken.brokenAt!.fromId).toBeLessThanOrEqual(target);
    expect(broken.brokenAt!.toId).toBeGreaterThanOrEqual(target);
    expect(broken.message).toMatch(/断开/);

    recomputeChain(db);
    expect(verifyChain(db)).toMatchObject({ ok: true });
    const caught = verifyChain(db, head);
    expect(caught).toMatchObject({ ok: false, brokenAt: null, headMismatch: true });
    expect(caught.message).toMatch(/找不到记下的链头/);
  });

  it('yanpan audit verify --head reports it on the command line (as the 审计管理员)', async () => {
    const dir = tempDir();
    const file = join(dir, 'r.db');
    const db = openDatabase(file);
    createAccount(db, { actor: 'x', now: () => '2026-11-25T02:00:00.000Z' }, { name: 'shenji', displayName: '审计', role: '审计管理员', password: 'Audit-pass-1', mustChange: false });
    db.close();
    const env = { ...process.env, YANPAN_HOME: dir, YANPAN_USER: 'shenji', YANPAN_PASSWORD: 'Audit-pass-1' };
    const verify = (head?: string) => spawnSync(process.execPath, [BIN, 'audit', 'verify', '--db', file, ...(head ? ['--head', head] : [])], { encoding: 'utf8', env });
    const first = verify();
    expect(first.status, first.stderr).toBe(0);
    const head = (JSON.parse(first.stdout) as { head: { hash: string } }).head.hash;
    const db2 = openDatabase(file);
    db2.exec('DROP TRIGGER audit_log_no_update');
    db2.prepare("UPDATE audit_log SET after = '{}' WHERE action = 'create'").run();
    recomputeChain(db2);
    db2.close();
    const plain = verify();
    const withHead = verify(head);
    expect(withHead.status).toBe(1);
    expect(withHead.stderr).toMatch(/找不到记下的链头/);
    // Without the head the recomputed chain looks whole: that is why the head is written down.
    expect(plain.status, plain.stderr).toBe(0);
  });
});

describe('restore and the audit', () => {
  it('a restore carries the audit rows written since the backup into the restored register, then records the restore', async () => {
    const { openRecoverableCore } = await import('../../electron/recovery.js');
    const { testCaller } = await import('./helpers.js');
    const dbPath = join(tempDir(), 'r.db');
    const core = openRecoverableCore({ dbPath, host: 'web', now: () => new Date().toISOString() });
    const me = testCaller('李研判', '研判员');
    try {
      expect((await core.dispatch('risks.create', risk('备份前的事项'), me)).ok).toBe(true);
      const backup = await core.dispatch('backups.create', {}, me);
      expect(backup.ok).toBe(true);
      const name = (backup as { value: { name: string } }).value.name;
      expect((await core.dispatch('risks.create', risk('备份后的事项'), me)).ok).toBe(true);
      const restored = await core.dispatch('backups.restore', { name }, testCaller('周系统', '系统管理员'));
      expect(restored.ok, JSON.stringify(restored)).toBe(true);
      const db = core.current()!.db;
      // The risk made after the backup is gone with the restore; its audit row is not.
      expect(db.prepare("SELECT COUNT(*) FROM risks WHERE title = '备份后的事项'").pluck().get()).toBe(0);
      expect(db.prepare("SELECT COUNT(*) FROM audit_log WHERE after LIKE '%备份后的事项%'").pluck().get()).toBe(1);
      const last = db.prepare('SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 1').get();
      expect(last).toEqual({ actor: '周系统', action: 'restoreBackup' });
      expect(verifyChain(db)).toMatchObject({ ok: true });
    } finally {
      core.close();
    }
  });
});
