// Backups: SQLite's online backup into a folder beside the database, rotated; checks of a
// database file; restore that checks the backup first and keeps the current database.
import { connect, connectToRead, keyOf, writable, type Db } from './sqlite.js';
import { fileKind, keyForConnection, keyPragmas, keysFileFor } from './cipher.js';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { basename, dirname, extname, join } from 'node:path';
import { loadMigrations } from './migrate.js';
import { AppError } from '../shared/errors.js';
import { dbErrorInChinese } from './sqliteErrors.js';
import { AUDIT_ONLY_ACTIONS, backupFileName, backupsToKeep, parseBackupFileName, DEFAULT_ROTATION, type BackupEntry, type RotationPolicy } from '../shared/backups.js';
import { sqlInList } from '../shared/sql.js';

export function backupsDirFor(dbPath: string): string {
  return join(dirname(dbPath), 'backups');
}

/** The register's name in its backups' file names: the database file's name without its extension. */
export function registerName(dbPath: string): string {
  const base = basename(dbPath);
  return base.slice(0, base.length - extname(base).length) || base;
}

/** This register's backups (a backups folder may be shared by registers in one folder), newest first. */
export function backupsOf(dbPath: string): Array<BackupEntry & { file: string }> {
  return listBackups(backupsDirFor(dbPath), registerName(dbPath));
}

/** The path of a backup file of this register. */
export function backupPath(dbPath: string, at: string, reason: string): string {
  return join(backupsDirFor(dbPath), backupFileName(at, reason, registerName(dbPath)));
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies a register's key file to go with a copy of it (`<copy>.keys`), when it has one: an
 * encrypted copy without it opens with nothing. Written beside and renamed, like the copy.
 */
export function carryKeyFile(registerFile: string, copyFile: string): void {
  const from = keysFileFor(registerFile);
  if (!existsSync(from)) return;
  const to = keysFileFor(copyFile);
  copyFileSync(from, `${to}.part`);
  fsyncFile(`${to}.part`);
  renameSync(`${to}.part`, to);
}

/** Removes a copy's key file along with it. */
function removeWithKeyFile(file: string): void {
  rmSync(file, { force: true });
  rmSync(keysFileFor(file), { force: true });
}

/**
 * Online backup of an open database into `target` (written beside it first, then renamed, so a
 * crash never leaves a half-written file under the final name). An encrypted register's backup is
 * encrypted with the same key and gets a copy of its key file.
 */
export async function backupTo(db: Db, target: string, onProgress?: (fraction: number) => void): Promise<number> {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.part`;
  rmSync(tmp, { force: true });
  const keyed = keyOf(db);
  if (keyed) {
    // SQLite's backup API cannot write a keyed target; VACUUM INTO from a keyed connection writes
    // the copy encrypted with the same key. On a worker thread: it holds no event loop.
    await vacuumIntoInWorker(keyed.file, keyed.key, tmp);
    onProgress?.(1);
  } else {
    await db.backup(tmp, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages ? 1 - remainingPages / totalPages : 1);
        return 200;
      },
    });
  }
  // The copy inherits WAL mode; a backup is a single self-contained file, so switch it to a rollback journal.
  const copy = connect(tmp, { key: keyed?.key });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  // Flushed on the thread pool: a 1.2 GB file's fsync held the event loop (and every request) for seconds.
  const fh = await open(tmp, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
  if (keyed) carryKeyFile(keyed.file, target);
  renameSync(tmp, target);
  return statSync(target).size;
}

/** An automatic backup into the backups folder, then rotation of this register's backups. */
export async function backupDatabase(db: Db, dbPath: string, reason: string, now: string, policy: RotationPolicy = DEFAULT_ROTATION): Promise<BackupEntry & { file: string }> {
  const file = backupPath(dbPath, now, reason);
  const size = await backupTo(db, file);
  rotateBackups(backupsDirFor(dbPath), now, policy, registerName(dbPath));
  return { name: basename(file), at: now, reason, size, file };
}

/** Backups in a folder, newest first; only those of `register` when given. */
export function listBackups(dir: string, register?: string): Array<BackupEntry & { file: string }> {
  if (!existsSync(dir)) return [];
  const out: Array<BackupEntry & { file: string }> = [];
  for (const name of readdirSync(dir)) {
    const p = parseBackupFileName(name);
    if (p && (register === undefined || p.register === register)) out.push({ name, at: p.at, reason: p.reason, size: statSync(join(dir, name)).size, file: join(dir, name) });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : -1));
}

/**
 * Whether the register's data changed since its newest backup: the backup's last audit row must be
 * the same row here, and after it only audit-only rows (a document printed or saved) may follow;
 * runner drafts, saved without an audit row, count by their time. Any doubt (no backup, an
 * unreadable one, another schema version) counts as changed.
 */
export function changedSinceLastBackup(db: Db, dbPath: string): boolean {
  const last = backupsOf(dbPath).find((b) => b.reason !== 'damaged');
  if (!last) return true;
  let mark: { id: number; at: string } | undefined;
  try {
    const b = connect(last.file, { readonly: true });
    try {
      if (b.pragma('user_version', { simple: true }) !== db.pragma('user_version', { simple: true })) return true;
      mark = b.prepare('SELECT id, at FROM audit_log ORDER BY id DESC LIMIT 1').get() as typeof mark;
    } finally {
      b.close();
    }
  } catch {
    return true;
  }
  if (mark) {
    const here = db.prepare('SELECT at FROM audit_log WHERE id = ?').get(mark.id) as { at: string } | undefined;
    if (here?.at !== mark.at) return true;
  }
  const after = db.prepare(`SELECT EXISTS (SELECT 1 FROM audit_log WHERE id > ? AND action NOT IN ${sqlInList(AUDIT_ONLY_ACTIONS)})`).pluck().get(mark?.id ?? 0);
  if (after) return true;
  return db.prepare('SELECT EXISTS (SELECT 1 FROM runner_drafts WHERE updated_at > ?)').pluck().get(last.at) === 1;
}

/** Deletes backups the policy does not keep (of `register` only, when given). Returns the names deleted. */
export function rotateBackups(dir: string, now: string, policy: RotationPolicy = DEFAULT_ROTATION, register?: string): string[] {
  const all = listBackups(dir, register).filter((b) => b.reason !== 'damaged');
  const keep = backupsToKeep(all, now, policy);
  const gone = all.filter((b) => !keep.has(b.name));
  for (const b of gone) removeWithKeyFile(b.file);
  return gone.map((b) => b.name);
}

export interface CheckResult {
  ok: boolean;
  /** The file or its folder cannot be written: not damage, but no writer can open it. */
  readOnly: boolean;
  problems: string[];
  schemaVersion: number | null;
  knownVersion: number;
}

/** integrity_check (or quick_check) and foreign_key_check answers in words; none when all is well. */
function contentProblems(check: Array<Record<string, string>>, fk: Array<{ table: string; rowid: number; parent: string }>): string[] {
  const problems: string[] = [];
  const msgs = check.map((r) => Object.values(r)[0]);
  if (!(msgs.length === 1 && msgs[0] === 'ok')) problems.push(`完整性检查未通过：${msgs.slice(0, 5).join('；')}`);
  if (fk.length) problems.push(`有 ${fk.length} 处引用了不存在的记录（例如表 ${fk[0].table} 第 ${fk[0].rowid} 行引用 ${fk[0].parent}）`);
  return problems;
}

const unreadable = (e: unknown) => `无法读取数据库：${dbErrorInChinese(e, '检查')?.message ?? (e as Error).message}`;

/**
 * integrity_check (or quick_check), foreign_key_check and the migration level of a database file.
 * `contents: false` reads only the level (and that the file opens): the hosts check a large
 * register's contents after start instead (checkContentsInWorker).
 */
export function checkDatabaseFile(file: string, opts: { quick?: boolean; contents?: boolean } = {}): CheckResult {
  const knownVersion = loadMigrations().length;
  const problems: string[] = [];
  let schemaVersion: number | null = null;
  if (!existsSync(file)) return { ok: false, readOnly: false, problems: [`文件不存在：${file}`], schemaVersion, knownVersion };
  const readOnly = !writable(file) || !writable(dirname(file));
  let db: Db | null = null;
  try {
    db = connectToRead(file);
    schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (opts.contents !== false) {
      problems.push(...contentProblems(db.pragma(opts.quick ? 'quick_check' : 'integrity_check') as Array<Record<string, string>>, db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>));
    }
    if (schemaVersion > knownVersion) problems.push(`数据库结构版本 ${schemaVersion} 比本程序认识的 ${knownVersion} 新，请升级程序`);
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    // A WAL database in a read-only folder cannot be opened at all: say so, it is not damage.
    if (readOnly && (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY'))) problems.push('数据库文件或其所在的文件夹是只读的，无法读取其预写日志');
    else problems.push(unreadable(e));
  } finally {
    db?.close();
  }
  return { ok: problems.length === 0, readOnly, problems, schemaVersion, knownVersion };
}

// Plain CommonJS, evaluated in a worker thread: no TypeScript loader needed there, in source or bundled.
// `pragmas` key the connection (db/cipher.ts) when the register is encrypted.
const CHECK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
  try {
    for (const p of workerData.pragmas) db.pragma(p);
    parentPort.postMessage({ check: db.pragma('quick_check'), fk: db.pragma('foreign_key_check') });
  } finally {
    db.close();
  }
} catch (e) {
  parentPort.postMessage({ error: { message: String(e && e.message), code: e && e.code } });
}`;

/** Where better-sqlite3 is, for the worker (this module runs as ESM from source and as CommonJS bundled). */
function sqliteModule(): string {
  return createRequire(typeof __filename === 'string' ? __filename : import.meta.url).resolve('better-sqlite3-multiple-ciphers');
}

/**
 * quick_check and foreign_key_check of a database file on a worker thread, on its own read-only
 * connection: 4–5 s at 100,000 risks (1.2 GB) that no longer hold up the first page. Resolves with
 * the problems found (none: all is well); `stop` ends it early (the host closing).
 */
export function checkContentsInWorker(file: string): { done: Promise<string[]>; stop: () => void } {
  let pragmas: string[];
  try {
    const key = keyForConnection(file);
    pragmas = key ? keyPragmas(key) : [];
  } catch (e) {
    return { done: Promise.resolve([unreadable(e)]), stop: () => {} };
  }
  const worker = new Worker(CHECK_WORKER, { eval: true, workerData: { file, pragmas, module: sqliteModule(), nativeBinding: process.env.YANPAN_NATIVE_BINDING || undefined } });
  worker.unref();
  const done = new Promise<string[]>((resolve) => {
    worker.once('message', (m: { check?: Array<Record<string, string>>; fk?: Array<{ table: string; rowid: number; parent: string }>; error?: { message: string; code?: string } }) => {
      resolve(m.error ? [unreadable(m.error)] : contentProblems(m.check ?? [], m.fk ?? []));
      void worker.terminate();
    });
    worker.once('error', (e) => resolve([unreadable(e)]));
    // Stopped before it answered: nothing was found.
    worker.once('exit', () => resolve([]));
  });
  return { done, stop: () => void worker.terminate() };
}

const VACUUM_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
  try {
    for (const p of workerData.pragmas) db.pragma(p);
    db.prepare('VACUUM INTO ?').run(workerData.target);
    parentPort.postMessage({ done: true });
  } finally {
    db.close();
  }
} catch (e) {
  parentPort.postMessage({ error: { message: String(e && e.message), code: e && e.code } });
}`;

/** VACUUM INTO `target` from a keyed read-only connection on a worker thread: an encrypted copy. */
function vacuumIntoInWorker(file: string, key: Buffer, target: string): Promise<void> {
  const worker = new Worker(VACUUM_WORKER, { eval: true, workerData: { file, target, pragmas: keyPragmas(key), module: sqliteModule(), nativeBinding: process.env.YANPAN_NATIVE_BINDING || undefined } });
  return new Promise<void>((resolve, reject) => {
    worker.once('message', (m: { done?: boolean; error?: { message: string; code?: string } }) => {
      if (m.error) reject(dbErrorInChinese(m.error, '备份') ?? new Error(m.error.message));
      else resolve();
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', () => reject(new Error('备份线程意外退出')));
  });
}

/** Tables every yanpan register has since the first schema version. */
const REGISTER_TABLES = ['settings', 'domains', 'regions', 'risks', 'audit_log'];

/**
 * Why a file cannot replace the register (empty list: it can): it must be a SQLite file that
 * passes integrity_check and holds a yanpan register no newer than this program.
 */
export function restoreCandidateProblems(file: string): string[] {
  if (!existsSync(file)) return [`文件不存在：${file}`];
  const size = statSync(file).size;
  if (size === 0) return ['文件是空的（0 字节）'];
  // Not a plain SQLite file: an encrypted register opens only with its key file beside it.
  if (fileKind(file) === 'encrypted' && !existsSync(keysFileFor(file))) return ['不是 SQLite 数据库文件，也不是带密钥文件（.keys）的加密台账'];
  const check = checkDatabaseFile(file);
  if (!check.ok) return check.problems;
  if (!check.schemaVersion) return ['这是一个空的 SQLite 数据库，不是风险研判台的台账'];
  const db = connectToRead(file);
  try {
    const have = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
    const missing = REGISTER_TABLES.filter((t) => !have.has(t));
    if (missing.length) return [`不是风险研判台的台账（缺少数据表：${missing.join('、')}）`];
  } finally {
    db.close();
  }
  return [];
}

/** The newest backup that passes the full check. */
export function latestGoodBackup(dbPath: string): (BackupEntry & { file: string }) | null {
  for (const b of backupsOf(dbPath)) {
    if (b.reason !== 'damaged' && restoreCandidateProblems(b.file).length === 0) return b;
  }
  return null;
}

/**
 * Replaces the database at dbPath (which must not be open) with a checked backup. The current
 * database is kept first: as a proper backup when it is readable, byte for byte when damaged.
 */
export async function restoreDatabase(dbPath: string, from: string, now: string): Promise<{ savedCurrent: string | null }> {
  const problems = restoreCandidateProblems(from);
  if (problems.length) throw new AppError('INVALID_INPUT', `「${basename(from)}」未通过检查，不能用来恢复，台账没有改动：${problems.join('；')}`);
  let savedCurrent: string | null = null;
  if (existsSync(dbPath)) {
    mkdirSync(backupsDirFor(dbPath), { recursive: true });
    if (checkDatabaseFile(dbPath, { quick: true }).ok) {
      const cur = connect(dbPath, { fileMustExist: true });
      try {
        savedCurrent = backupPath(dbPath, now, 'restore');
        await backupTo(cur, savedCurrent);
      } finally {
        cur.close();
      }
    } else {
      savedCurrent = backupPath(dbPath, now, 'damaged');
      copyFileSync(dbPath, savedCurrent);
      if (existsSync(`${dbPath}-wal`)) copyFileSync(`${dbPath}-wal`, `${savedCurrent}-wal`);
      carryKeyFile(dbPath, savedCurrent);
    }
  }
  const tmp = `${dbPath}.restoring`;
  copyFileSync(from, tmp);
  fsyncFile(tmp);
  // A stale WAL would be replayed onto the restored file: remove it before the rename.
  rmSync(`${dbPath}-wal`, { force: true });
  rmSync(`${dbPath}-shm`, { force: true });
  renameSync(tmp, dbPath);
  // The backup's key file comes with it (the slots as they were then); a plain backup needs none.
  // After the rename: a crash in between leaves a key file the plain file ignores, or the same
  // register's key file, never an encrypted register without one.
  if (existsSync(keysFileFor(from))) carryKeyFile(from, dbPath);
  else rmSync(keysFileFor(dbPath), { force: true });
  return { savedCurrent };
}

/** Online backup of a database file that may be in use by the app (`yanpan backup`). */
export async function backupFile(dbPath: string, out: string): Promise<number> {
  if (!existsSync(dbPath)) throw new AppError('NOT_FOUND', `数据库文件不存在：${dbPath}`);
  const db = connectToRead(dbPath);
  try {
    return await backupTo(db, out);
  } finally {
    db.close();
  }
}
