// A plain register encrypted once, and a plain copy exported from an encrypted one.
//
// Encryption writes an encrypted copy beside the register (VACUUM INTO a keyed file), checks it
// (integrity, the same rows in every table, the same schema version), writes the key file, and
// only then renames the copy over the register. Killed at any point before that rename, the plain
// register is untouched and opens as before (a key file beside a plain file is ignored, and the
// next attempt overwrites it); after it, the register is encrypted and its key file is in place.
// Then the register's plain backups are encrypted the same way, or deleted when the caller says so
// (the 系统管理员's confirmation).
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../shared/errors.js';
import { backupsOf } from './backups.js';
import { fileKind, keyedUri, keysFileFor, rememberKey } from './cipher.js';
import { newKeyring, writeKeyFile, type AccountSecret, type KeyFile } from './keyring.js';
import { connect, keyOf, type Db } from './sqlite.js';
import { encryptPause } from './testPause.js';
import { acquireWriterLock } from './writerLock.js';

function fsyncPath(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // A folder cannot be flushed on every platform (Windows): the rename is then as durable as the OS makes it.
  } finally {
    closeSync(fd);
  }
}

function tableCounts(db: Db): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get() as number]));
}

function fingerprint(db: Db): string {
  return JSON.stringify({ version: db.pragma('user_version', { simple: true }), counts: tableCounts(db) });
}

/** `target` := an encrypted copy of the plain file `file`, checked against it. Throws when it differs. */
function writeEncryptedCopy(file: string, target: string, key: Buffer): void {
  rmSync(target, { force: true });
  // Read-write, under the writer lock: closing checkpoints the plain file's WAL and removes it.
  const plain = connect(file);
  let expected: string;
  try {
    expected = fingerprint(plain);
    plain.prepare('VACUUM INTO ?').run(keyedUri(target, key));
  } finally {
    plain.close();
  }
  if (fileKind(target) !== 'encrypted') throw new AppError('INTERNAL', '加密副本没有被加密，台账没有改动');
  const copy = connect(target, { readonly: true, key });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new AppError('DB_ERROR', `加密副本未通过完整性检查（${String(check)}），台账没有改动`);
    if (fingerprint(copy) !== expected) throw new AppError('DB_ERROR', '加密副本与原台账的记录数不一致，台账没有改动');
  } finally {
    copy.close();
  }
  fsyncPath(target);
}

export interface EncryptReport {
  key: Buffer;
  /** Shown once to the 系统管理员, to be printed and kept sealed. */
  recoveryKey: string;
  backupsEncrypted: string[];
  backupsDeleted: string[];
  /** Plain backups that could not be read (e.g. kept byte for byte because damaged): still plain. */
  backupsLeftPlain: string[];
}

/**
 * Encrypts a plain register once (it must not be open anywhere: the writer lock is taken). Its
 * plain backups are encrypted too, or deleted with `deletePlainBackups` (confirmed by the 系统管理员).
 */
export function encryptPlainRegister(file: string, o: { accounts: AccountSecret[]; deletePlainBackups?: boolean }): EncryptReport {
  const kind = fileKind(file);
  if (kind === 'none') throw new AppError('NOT_FOUND', `台账文件不存在或是空的：${file}`);
  if (kind === 'encrypted') throw new AppError('CONFLICT', '这个台账已经加密，无需再加密');
  const { keyFile, key, recoveryKey } = newKeyring(o.accounts);
  swapInEncrypted(file, keyFile, key, o.accounts[0].account);
  rememberKey(keyFile.registerId, key);
  return { key, recoveryKey, ...encryptPlainBackups(file, keyFile, key, o.deletePlainBackups ?? false) };
}

/**
 * A plain backup restored in place of an encrypted register is encrypted again at once with the
 * register's own key file and key (same slots, same recovery key): the data is never left plain.
 */
export function encryptRestoredWith(file: string, keyFile: KeyFile, key: Buffer): void {
  if (fileKind(file) !== 'plain') return;
  swapInEncrypted(file, keyFile, key, '恢复备份');
}

/** Writes a checked encrypted copy and the key file, then renames the copy over the plain register. */
function swapInEncrypted(file: string, keyFile: KeyFile, key: Buffer, user: string): void {
  const lock = acquireWriterLock(file, { program: '台账加密', user });
  try {
    const tmp = `${file}.encrypting`;
    try {
      writeEncryptedCopy(file, tmp, key);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    writeKeyFile(file, keyFile);
    encryptPause();
    // The register was closed by the read connection above (checkpointed, -wal removed); a stale
    // -wal of the plain file must never be replayed onto the encrypted one.
    if (existsSync(`${file}-wal`)) throw new AppError('CONFLICT', '台账正被其他程序打开（有未合并的预写日志），请关闭后重试；台账没有改动');
    rmSync(`${file}-shm`, { force: true });
    renameSync(tmp, file);
    fsyncPath(dirname(file));
  } finally {
    lock.release();
  }
}

function encryptPlainBackups(file: string, keyFile: KeyFile, key: Buffer, deletePlain: boolean): Omit<EncryptReport, 'key' | 'recoveryKey'> {
  const out = { backupsEncrypted: [] as string[], backupsDeleted: [] as string[], backupsLeftPlain: [] as string[] };
  for (const b of backupsOf(file)) {
    if (fileKind(b.file) !== 'plain') continue;
    if (deletePlain) {
      for (const f of [b.file, `${b.file}-wal`, `${b.file}-shm`, keysFileFor(b.file)]) rmSync(f, { force: true });
      out.backupsDeleted.push(b.name);
      continue;
    }
    const tmp = `${b.file}.encrypting`;
    try {
      writeEncryptedCopy(b.file, tmp, key);
      writeKeyFile(b.file, keyFile);
      renameSync(tmp, b.file);
      out.backupsEncrypted.push(b.name);
    } catch {
      rmSync(tmp, { force: true });
      out.backupsLeftPlain.push(b.name);
    }
  }
  return out;
}

/**
 * A plain (unencrypted) copy of an open encrypted register at `out`, for the 系统管理员 (the caller
 * checks the role, asks for confirmation and writes the audit row). Written beside and renamed.
 */
export function exportPlainCopy(db: Db, out: string): number {
  const keyed = keyOf(db);
  if (!keyed) throw new AppError('INVALID_INPUT', '这个台账没有加密，直接备份即可');
  if (existsSync(out)) throw new AppError('CONFLICT', `「${out}」已存在，请换一个文件名`);
  const tmp = `${out}.part`;
  rmSync(tmp, { force: true });
  try {
    // VACUUM INTO from a keyed connection writes the copy with the same key; rekeying it to no key
    // decrypts it in place (it is in rollback-journal mode, where rekeying works).
    db.prepare('VACUUM INTO ?').run(tmp);
    const copy = connect(tmp, { key: keyed.key });
    try {
      copy.pragma("rekey = ''");
    } finally {
      copy.close();
    }
    if (fileKind(tmp) !== 'plain') throw new AppError('INTERNAL', '导出的副本没有解密，已放弃');
    fsyncPath(tmp);
    renameSync(tmp, out);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return readPlainRows(out);
}

function readPlainRows(file: string): number {
  const c = connect(file, { readonly: true });
  try {
    return c.prepare('SELECT COUNT(*) FROM risks').pluck().get() as number;
  } finally {
    c.close();
  }
}
