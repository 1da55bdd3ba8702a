// One writing process per register. The lock is an open EXCLUSIVE transaction on a small SQLite
// file beside the register (`<db>.lock`): the operating system drops it when the process dies, so a
// killed host never leaves a stale lock behind. A note (`<db>.lock.json`) names the holder for the
// refusal message; the lock decides, the note only informs (a stale note is harmless).
// Readers (check, backup, export) take no lock and keep working while the app runs.
import { connect, type Db } from './sqlite.js';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { AppError } from '../shared/errors.js';

export interface WriterNote {
  pid: number;
  /** Which program: 网页版, 桌面版, 命令行. */
  program: string;
  user: string;
  machine: string;
  since: string;
}

export interface WriterLock {
  readonly path: string;
  release: () => void;
}

interface Held {
  db: Db;
  count: number;
  note: string;
}

// Connections of one process share the lock (a restore closes and reopens its own connection).
const held = new Map<string, Held>();

export function lockFileFor(dbPath: string): string {
  return `${dbPath}.lock`;
}
export function noteFileFor(dbPath: string): string {
  return `${dbPath}.lock.json`;
}

function canonical(dbPath: string): string {
  const full = resolve(dbPath);
  try {
    return existsSync(full) ? realpathSync(full) : resolve(realpathSync(dirname(full)), basename(full));
  } catch {
    return full;
  }
}

export function readWriterNote(dbPath: string): WriterNote | null {
  try {
    return JSON.parse(readFileSync(noteFileFor(canonical(dbPath)), 'utf8')) as WriterNote;
  } catch {
    return null;
  }
}

export function describeWriter(note: WriterNote | null): string {
  if (!note) return '另一个程序';
  return `${note.program}（用户 ${note.user}，计算机 ${note.machine}，进程 ${note.pid}，自 ${note.since.slice(0, 16).replace('T', ' ')} 起）`;
}

export class RegisterBusyError extends AppError {
  constructor(
    dbPath: string,
    public readonly holder: WriterNote | null,
  ) {
    super(
      'CONFLICT',
      `这个台账正被${describeWriter(holder)}打开写入（${dbPath}）。同一时间只能有一个程序写入，以免修改互相覆盖。` +
        '请先关闭那个程序再操作；检查、备份、导出在它运行时也可以照常进行。',
      { holder },
    );
  }
}

function fsError(dbPath: string, e: unknown): AppError {
  const code = (e as { code?: string }).code ?? '';
  if (['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY', 'SQLITE_CANTOPEN'].includes(code)) {
    return new AppError('DB_ERROR', `数据库所在的文件夹是只读的（${dirname(dbPath)}），不能写入。请检查文件夹权限，或把台账复制到可写的位置；只读方式仍可检查、备份和导出。`);
  }
  return new AppError('DB_ERROR', `无法取得数据库的写入权（${(e as Error).message}）。`);
}

/**
 * Takes the register's writer lock for this process, or throws RegisterBusyError naming the
 * holder. Call `release` once per acquire; the lock goes when the last holder releases it.
 */
export function acquireWriterLock(dbPath: string, who: { program: string; user: string }, now = new Date().toISOString()): WriterLock {
  const key = canonical(dbPath);
  const mine = held.get(key);
  if (mine) {
    mine.count++;
    return { path: key, release: once(() => releaseOne(key)) };
  }
  let db: Db;
  try {
    // A new register's folder is made here: the lock is taken before the register is created.
    mkdirSync(dirname(key), { recursive: true });
    db = connect(lockFileFor(key));
  } catch (e) {
    throw fsError(key, e);
  }
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE IF NOT EXISTS writer (id INTEGER PRIMARY KEY)');
    // Rollback-journal mode: EXCLUSIVE takes the file lock now and keeps it until the process ends.
    db.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    db.close();
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new RegisterBusyError(key, readWriterNote(key));
    throw fsError(key, e);
  }
  const note: WriterNote = { pid: process.pid, program: who.program, user: who.user, machine: hostname(), since: now };
  const noteText = JSON.stringify(note);
  try {
    writeFileSync(noteFileFor(key), noteText);
  } catch {
    // The note only informs a refused caller; the lock itself is what protects the register.
  }
  held.set(key, { db, count: 1, note: noteText });
  return { path: key, release: once(() => releaseOne(key)) };
}

function releaseOne(key: string): void {
  const h = held.get(key);
  if (!h) return;
  if (--h.count > 0) return;
  held.delete(key);
  try {
    // Only our own note is removed: never one a later holder wrote.
    if (readFileSync(noteFileFor(key), 'utf8') === h.note) rmSync(noteFileFor(key), { force: true });
  } catch {
    /* no note */
  }
  try {
    h.db.exec('ROLLBACK');
  } finally {
    h.db.close();
  }
}

/** Whether this process holds the writer lock of dbPath. */
export function holdsWriterLock(dbPath: string): boolean {
  return held.has(canonical(dbPath));
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
