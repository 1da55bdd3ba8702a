// A plain register encrypted once (killed midway: the plain register is intact and opens), its
// plain backups encrypted or deleted; a plain copy exported; rekeying in WAL mode with the bundled
// SQLite3 Multiple Ciphers.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase, backupsOf } from '../../db/backups.js';
import { fileKind, forgetKeys, keysFileFor } from '../../db/cipher.js';
import { loadDemo } from '../../db/demo.js';
import { encryptPlainRegister, exportPlainCopy } from '../../db/encryptRegister.js';
import { createEncryptedRegister, unlockKey } from '../../db/keyring.js';
import { openDatabase } from '../../db/open.js';
import { connect } from '../../db/sqlite.js';
import { ENCRYPT_PAUSE_ENV, IMPORT_PAUSED_LINE } from '../../db/testPause.js';
import { AppError } from '../../shared/errors.js';
import { tempDir, testContext } from './helpers.js';

const ADMIN = { account: 'admin', password: '管理员的密码-2026' };

afterEach(() => forgetKeys());

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

async function plainRegisterWithBackups(): Promise<{ file: string; titles: string[] }> {
  const file = join(tempDir(), 'yanpan.db');
  const db = openDatabase(file);
  loadDemo(db, testContext(), { risks: 120, seed: 3, asOf: '2026-11-25', weeks: 4 });
  await backupDatabase(db, file, 'manual', '2026-11-24T02:00:00.000Z');
  await backupDatabase(db, file, 'import', '2026-11-25T02:00:00.000Z');
  const titles = db.prepare('SELECT title FROM risks ORDER BY id').pluck().all() as string[];
  db.close();
  return { file, titles };
}

/** encryptPlainRegister in another process, paused by the test hook before the swap, then killed. */
async function killedMidway(file: string): Promise<void> {
  const script = join(tempDir(), 'encrypt.mjs');
  writeFileSync(script, `
    const m = await import(${JSON.stringify(resolve('db/encryptRegister.ts'))});
    m.encryptPlainRegister(${JSON.stringify(file)}, { accounts: [${JSON.stringify(ADMIN)}] });
    process.stdout.write('FINISHED\\n');`);
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: resolve('.'), env: { ...process.env, [ENCRYPT_PAUSE_ENV]: '1' } });
  let out = '';
  await new Promise<void>((ok, fail) => {
    const on = (b: Buffer) => {
      out += b.toString();
      if (out.includes(IMPORT_PAUSED_LINE)) ok();
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.on('exit', () => fail(new Error(`the encryption did not pause: ${out}`)));
  });
  // Paused after the encrypted copy and its key file, before the copy replaces the register.
  expect(existsSync(`${file}.encrypting`)).toBe(true);
  expect(existsSync(keysFileFor(file))).toBe(true);
  const exited = new Promise((ok) => child.on('exit', ok));
  child.kill('SIGKILL');
  await exited;
  expect(out).not.toContain('FINISHED');
}

describe('a plain register encrypted once', () => {
  it('killed midway, the plain register is byte for byte intact and opens; run again, it is encrypted with its backups', async () => {
    const { file, titles } = await plainRegisterWithBackups();
    const before = sha(file);
    await killedMidway(file);
    expect(sha(file)).toBe(before);
    expect(fileKind(file)).toBe('plain');
    const reopened = openDatabase(file);
    expect(reopened.prepare('SELECT title FROM risks ORDER BY id').pluck().all()).toEqual(titles);
    reopened.close();

    const report = encryptPlainRegister(file, { accounts: [ADMIN] });
    expect(fileKind(file)).toBe('encrypted');
    expect(existsSync(`${file}.encrypting`)).toBe(false);
    expect(report.backupsEncrypted).toHaveLength(2);
    expect(report.backupsLeftPlain).toEqual([]);
    for (const b of backupsOf(file)) {
      expect(fileKind(b.file)).toBe('encrypted');
      expect(existsSync(keysFileFor(b.file))).toBe(true);
    }
    // A fresh process: the password, or the recovery key printed once, opens it and its backups.
    for (const cred of [ADMIN, { recoveryKey: report.recoveryKey }]) {
      forgetKeys();
      expect(() => openDatabase(file)).toThrow(AppError);
      const db = openDatabase(file, { key: unlockKey(file, cred) });
      expect(db.prepare('SELECT title FROM risks ORDER BY id').pluck().all()).toEqual(titles);
      db.close();
      for (const b of backupsOf(file)) {
        const c = connect(b.file, { readonly: true });
        expect(c.prepare('SELECT COUNT(*) FROM risks').pluck().get()).toBe(titles.length);
        c.close();
      }
    }
    expect(() => encryptPlainRegister(file, { accounts: [ADMIN] })).toThrow(/已经加密/);
  });

  it('with the 系统管理员’s confirmation the plain backups are deleted instead', async () => {
    const { file } = await plainRegisterWithBackups();
    const names = backupsOf(file).map((b) => b.name);
    const report = encryptPlainRegister(file, { accounts: [ADMIN], deletePlainBackups: true });
    expect(report.backupsDeleted.sort()).toEqual(names.sort());
    expect(backupsOf(file)).toEqual([]);
  });
});

describe('a plain copy for the 系统管理员', () => {
  it('exports a plain, readable copy of an encrypted register, and refuses to overwrite', () => {
    const file = join(tempDir(), 'enc.db');
    const { key } = createEncryptedRegister(file, { accounts: [ADMIN] });
    const db = openDatabase(file, { key });
    loadDemo(db, testContext(), { risks: 30, seed: 5, asOf: '2026-11-25', weeks: 2 });
    const out = join(tempDir(), '明文副本.db');
    expect(exportPlainCopy(db, out)).toBe(30);
    expect(fileKind(out)).toBe('plain');
    forgetKeys();
    const plain = connect(out, { readonly: true });
    expect(plain.prepare('SELECT COUNT(*) FROM risks').pluck().get()).toBe(30);
    plain.close();
    expect(() => exportPlainCopy(db, out)).toThrow(/已存在/);
    db.close();
  });
});

describe('rekeying with the bundled SQLite3 Multiple Ciphers', () => {
  it('refuses in WAL mode; in rollback-journal mode it rekeys, and WAL mode comes back', () => {
    const file = join(tempDir(), 'rekey.db');
    const { key } = createEncryptedRegister(file, { accounts: [ADMIN] });
    const db = openDatabase(file, { key });
    expect(String(db.pragma('journal_mode', { simple: true }))).toBe('wal');
    expect(String(db.prepare('SELECT sqlite3mc_version()').pluck().get())).toMatch(/^SQLite3 Multiple Ciphers 2\.3\./);
    const next = Buffer.alloc(32, 7);
    expect(() => db.pragma(`hexrekey = '${next.toString('hex')}'`)).toThrow(/WAL/);
    db.pragma('journal_mode = DELETE');
    db.pragma(`hexrekey = '${next.toString('hex')}'`);
    db.pragma('journal_mode = WAL');
    db.close();
    forgetKeys();
    expect(() => openDatabase(file, { key })).toThrow(AppError);
    const raw = connect(file, { key: next });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect((raw.prepare('SELECT COUNT(*) FROM domains').pluck().get() as number)).toBeGreaterThan(0);
    raw.close();
  });
});
