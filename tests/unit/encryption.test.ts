// The register encrypted at rest (issue 17): no text of the register in any file the app writes;
// a backup opens in a fresh folder with an account or the recovery key and nothing else; password
// change, admin reset, recovery; keys that do not fit, and copies without their key file, refused
// in Chinese.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase, backupsOf, restoreCandidateProblems, restoreDatabase } from '../../db/backups.js';
import { fileKind, forgetKeys, keysFileFor } from '../../db/cipher.js';
import { loadDemo } from '../../db/demo.js';
import { addSlot, adminReset, createEncryptedRegister, listSlots, removeSlot, replaceRecoveryKey, rewrapSlot, unlockKey } from '../../db/keyring.js';
import { openDatabase, type Db } from '../../db/open.js';
import { connect, connectToRead } from '../../db/sqlite.js';
import { AppError } from '../../shared/errors.js';
import { openCore } from '../../electron/core.js';
import { tempDir, testCaller, testContext } from './helpers.js';

const ADMIN = { account: 'admin', password: '管理员的密码-2026' };
const CLERK = { account: 'clerk01', password: 'clerk-secret' };

afterEach(() => forgetKeys());

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The register's texts a thief would look for: titles, summaries (their first 12 characters) and people. */
function secretsOf(db: Db): string[] {
  const rows = db.prepare('SELECT title, summary, responsible_person, package_leader FROM risks').all() as Array<Record<string, string | null>>;
  const out = new Set<string>();
  for (const r of rows) for (const v of Object.values(r)) if (v && v.length >= 2) out.add(v.slice(0, 12));
  return [...out];
}

/** The secrets found in a file's bytes (UTF-8, as SQLite stores text here). */
function leaks(file: string, secrets: string[]): string[] {
  const bytes = readFileSync(file);
  return secrets.filter((s) => bytes.includes(Buffer.from(s, 'utf8')));
}

function chineseError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as Error).message).toMatch(/[\u4e00-\u9fff]/);
    expect((e as Error).message).not.toMatch(/file is not a database/i);
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

function demoRegister(): { dir: string; file: string; key: Buffer; recoveryKey: string; db: Db } {
  const dir = tempDir();
  const file = join(dir, '台账.db');
  const { key, recoveryKey } = createEncryptedRegister(file, { accounts: [ADMIN, CLERK] });
  const db = openDatabase(file, { key });
  loadDemo(db, testContext(), { risks: 200, seed: 7, asOf: '2026-11-25', weeks: 8 });
  return { dir, file, key, recoveryKey, db };
}

describe('the register at rest', () => {
  it('no title, summary or name of the demo register in the database, its -wal, any backup or any temporary file', async () => {
    const sqliteTmp = join(tempDir(), 'sqlite-tmp');
    mkdirSync(sqliteTmp);
    const before = process.env.SQLITE_TMPDIR;
    process.env.SQLITE_TMPDIR = sqliteTmp;
    try {
      const { dir, file, db } = demoRegister();
      const secrets = secretsOf(db);
      expect(secrets.length).toBeGreaterThan(300);
      // The check can see a leak: the same texts in a plain register are found.
      const plainFile = join(tempDir(), 'plain.db');
      const plain = openDatabase(plainFile);
      loadDemo(plain, testContext(), { risks: 200, seed: 7, asOf: '2026-11-25', weeks: 8 });
      plain.close();
      expect(leaks(plainFile, secrets).length).toBeGreaterThan(secrets.length / 2);

      // Writes sitting in the -wal, a sort big enough to spill without temp_store = MEMORY, backups.
      db.prepare("UPDATE risks SET progress = progress || '（已复核）' WHERE id % 3 = 0").run();
      db.prepare('SELECT * FROM risks ORDER BY summary, title, progress').all();
      expect(existsSync(`${file}-wal`)).toBe(true);
      await backupDatabase(db, file, 'manual', '2026-11-25T02:00:00.000Z');
      await backupDatabase(db, file, 'import', '2026-11-25T03:00:00.000Z');
      const files = filesUnder(dir);
      expect(files).toContain(`${file}-wal`);
      expect(backupsOf(file)).toHaveLength(2);
      for (const f of [...files, ...filesUnder(sqliteTmp)]) expect({ f, leaks: leaks(f, secrets) }).toEqual({ f, leaks: [] });
      db.close();
      for (const f of filesUnder(dir)) expect({ f, leaks: leaks(f, secrets) }).toEqual({ f, leaks: [] });
      // Each backup carries its key file.
      for (const b of backupsOf(file)) expect(existsSync(keysFileFor(b.file))).toBe(true);
    } finally {
      if (before === undefined) delete process.env.SQLITE_TMPDIR;
      else process.env.SQLITE_TMPDIR = before;
    }
  });

  it('every connection keeps temporary tables and sorts in memory', () => {
    const { file, db } = demoRegister();
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    db.close();
    for (const c of [connect(file), connectToRead(file), openDatabase(file, { readonly: true })]) {
      expect(c.pragma('temp_store', { simple: true })).toBe(2);
      c.close();
    }
  });
});

describe('a backup in a fresh folder', () => {
  async function copiedBackup(): Promise<{ copy: string; titles: string[]; recoveryKey: string }> {
    const { file, db, recoveryKey } = demoRegister();
    const titles = (db.prepare('SELECT title FROM risks ORDER BY id').pluck().all() as string[]);
    const b = await backupDatabase(db, file, 'manual', '2026-11-25T02:00:00.000Z');
    db.close();
    // Another machine, another process: only the backup and its key file, no key in memory.
    const fresh = tempDir();
    const copy = join(fresh, 'from-backup.db');
    copyFileSync(b.file, copy);
    copyFileSync(keysFileFor(b.file), keysFileFor(copy));
    forgetKeys();
    expect(readdirSync(fresh).sort()).toEqual(['from-backup.db', 'from-backup.db.keys']);
    return { copy, titles, recoveryKey };
  }

  it('opens with an account, and with the recovery key', async () => {
    const { copy, titles, recoveryKey } = await copiedBackup();
    chineseError(() => openDatabase(copy));
    for (const cred of [ADMIN, CLERK, { recoveryKey }, { recoveryKey: recoveryKey.toLowerCase().replace(/-/g, ' ') }]) {
      forgetKeys();
      const key = unlockKey(copy, cred);
      const db = openDatabase(copy, { key });
      expect(db.prepare('SELECT title FROM risks ORDER BY id').pluck().all()).toEqual(titles);
      db.close();
    }
  });

  it('the core refuses a locked register as locked, not as damaged; with the key it opens', async () => {
    const { copy, titles } = await copiedBackup();
    expect(chineseError(() => openCore({ dbPath: copy, host: 'cli' })).code).toBe('FORBIDDEN');
    const core = openCore({ dbPath: copy, host: 'cli', key: unlockKey(copy, CLERK), caller: testCaller() });
    try {
      const r = await core.dispatch('risks.list', { page: 1, pageSize: 500 });
      expect(r.ok && (r.value as { total: number }).total).toBe(titles.length);
    } finally {
      core.close();
    }
  });

  it('refuses in Chinese: no key file, a wrong password, a wrong recovery key, another register’s key', async () => {
    const { copy } = await copiedBackup();
    const alone = join(tempDir(), 'alone.db');
    copyFileSync(copy, alone);
    expect(chineseError(() => openDatabase(alone)).message).toContain('密钥文件');
    expect(chineseError(() => unlockKey(alone, ADMIN)).message).toContain('.keys');
    expect(restoreCandidateProblems(alone).join('')).toContain('密钥文件');
    chineseError(() => unlockKey(copy, { account: 'admin', password: 'wrong' }));
    chineseError(() => unlockKey(copy, { account: 'nobody', password: ADMIN.password }));
    chineseError(() => unlockKey(copy, { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF' }));
    chineseError(() => unlockKey(copy, { recoveryKey: 'AAAA-BBBB' }));
    // A new register with a key and no key file to keep it in: refused before any file is made.
    const orphan = join(tempDir(), 'orphan.db');
    expect(chineseError(() => openDatabase(orphan, { key: Buffer.alloc(32, 3) })).message).toContain('密钥文件');
    expect(existsSync(orphan)).toBe(false);
    const other = join(tempDir(), 'other.db');
    const { key: otherKey } = createEncryptedRegister(other, { accounts: [ADMIN] });
    forgetKeys();
    chineseError(() => openDatabase(copy, { key: otherKey }));
    // The other register's key file beside this copy: its password unwraps a key that does not open it.
    copyFileSync(keysFileFor(other), keysFileFor(copy));
    chineseError(() => openDatabase(copy, { key: unlockKey(copy, ADMIN) }));
  });
});

describe('restoring an encrypted backup', () => {
  it('brings the backup back with its key file; the register opens with the key as before', async () => {
    const { file, db, key } = demoRegister();
    const b = await backupDatabase(db, file, 'manual', '2026-11-25T02:00:00.000Z');
    const before = db.prepare('SELECT COUNT(*) FROM risks WHERE deleted_at IS NULL').pluck().get();
    db.prepare("UPDATE risks SET deleted_at = '2026-11-25T03:00:00Z'").run();
    db.close();
    expect(restoreCandidateProblems(b.file)).toEqual([]);
    const { savedCurrent } = await restoreDatabase(file, b.file, '2026-11-25T04:00:00.000Z');
    expect(existsSync(keysFileFor(savedCurrent!))).toBe(true);
    forgetKeys();
    const back = openDatabase(file, { key: unlockKey(file, ADMIN) });
    expect(back.prepare('SELECT COUNT(*) FROM risks WHERE deleted_at IS NULL').pluck().get()).toBe(before);
    back.close();
    expect(fileKind(file)).toBe('encrypted');
    expect(unlockKey(file, { account: CLERK.account, password: CLERK.password }).equals(key)).toBe(true);
  });
});

describe('keys that never lock the bureau out', () => {
  it('password change re-wraps only that account; admin reset needs no old password; recovery opens when all are lost', () => {
    const { file, db, key, recoveryKey } = demoRegister();
    db.close();
    const slotsBefore = JSON.parse(readFileSync(keysFileFor(file), 'utf8')).slots as Array<{ account?: string; wrapped: string }>;
    rewrapSlot(file, { account: CLERK.account, oldPassword: CLERK.password, newPassword: 'new-clerk-pass' });
    const slotsAfter = JSON.parse(readFileSync(keysFileFor(file), 'utf8')).slots as Array<{ account?: string; wrapped: string }>;
    expect(slotsAfter.filter((s) => s.account !== CLERK.account)).toEqual(slotsBefore.filter((s) => s.account !== CLERK.account));
    forgetKeys();
    chineseError(() => unlockKey(file, CLERK));
    expect(unlockKey(file, { account: CLERK.account, password: 'new-clerk-pass' }).equals(key)).toBe(true);
    chineseError(() => rewrapSlot(file, { account: CLERK.account, oldPassword: 'wrong', newPassword: 'x' }));

    // The clerk forgot it: the 系统管理员, logged in, resets it.
    forgetKeys();
    const adminKey = unlockKey(file, ADMIN);
    adminReset(file, adminKey, { account: CLERK.account, newPassword: 'reset-by-admin' });
    forgetKeys();
    expect(unlockKey(file, { account: CLERK.account, password: 'reset-by-admin' }).equals(key)).toBe(true);
    chineseError(() => adminReset(file, Buffer.alloc(32, 1), { account: CLERK.account, newPassword: 'x' }));

    // Every password lost: the recovery key opens, and a new password is set with it.
    forgetKeys();
    const recovered = unlockKey(file, { recoveryKey });
    adminReset(file, recovered, { account: ADMIN.account, newPassword: 'after-recovery' });
    forgetKeys();
    const k = unlockKey(file, { account: ADMIN.account, password: 'after-recovery' });
    const reopened = openDatabase(file, { key: k });
    expect((reopened.prepare('SELECT COUNT(*) FROM risks').pluck().get() as number)).toBe(200);
    reopened.close();
  }, 120_000);

  it('accounts come and go; the recovery slot stays; a new recovery key replaces the old one', () => {
    const { file, db, key, recoveryKey } = demoRegister();
    db.close();
    addSlot(file, key, { account: 'leader', password: 'leader-pass' });
    chineseError(() => addSlot(file, key, { account: 'leader', password: 'again' }));
    chineseError(() => addSlot(file, key, { account: '', password: 'x' }));
    removeSlot(file, key, CLERK.account);
    expect(listSlots(file)).toEqual([{ kind: 'account', account: 'admin' }, { kind: 'recovery' }, { kind: 'account', account: 'leader' }]);
    forgetKeys();
    chineseError(() => unlockKey(file, CLERK));
    expect(unlockKey(file, { account: 'leader', password: 'leader-pass' }).equals(key)).toBe(true);
    const fresh = replaceRecoveryKey(file, key);
    expect(fresh).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    forgetKeys();
    chineseError(() => unlockKey(file, { recoveryKey }));
    expect(unlockKey(file, { recoveryKey: fresh }).equals(key)).toBe(true);
  });
});
