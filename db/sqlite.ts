// Every SQLite connection the app opens is made here, so each one gets the same native build
// (YANPAN_NATIVE_BINDING: the better-sqlite3 build for Electron's ABI, which scripts/start.mjs keeps
// outside the package so the package's own build stays the one for Node) and the same rules.
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

// URI file names on, for `immutable=1` below. The addon reads this when it loads, which is at the
// first connection, after every module body has run. Our paths never begin with "file:".
process.env.SQLITE_USE_URI ??= '1';

export type Db = Database.Database;

export function connect(file: string, o: { readonly?: boolean; fileMustExist?: boolean } = {}): Db {
  const readonly = o.readonly ?? false;
  return new Database(file, { readonly, fileMustExist: o.fileMustExist ?? readonly, nativeBinding: process.env.YANPAN_NATIVE_BINDING || undefined });
}

/** True when this process may write the path (a file, or a folder to create files in). */
export function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** True when a register at this path could be written: the file (if there) and its folder. */
export function registerWritable(file: string): boolean {
  return (!existsSync(file) || writable(file)) && writable(dirname(file));
}

/**
 * A read-only connection. A WAL database needs its index file (-shm) even to be read, and SQLite
 * cannot create it in a folder this process may not write: then, when no -wal file holds writes
 * not yet in the main file, the file is read as immutable (it cannot change under us: nobody
 * here can write beside it). With a -wal present the error stands, since skipping it would show
 * old data.
 */
export function connectToRead(file: string): Db {
  let db: Db | null = null;
  try {
    db = connect(file, { readonly: true });
    // SQLite opens lazily: the missing index shows at the first read.
    db.pragma('schema_version');
    return db;
  } catch (e) {
    db?.close();
    const code = String((e as { code?: unknown }).code ?? '');
    const cannotIndex = code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN');
    if (!cannotIndex || writable(dirname(file)) || existsSync(`${file}-wal`) || !existsSync(file)) throw e;
    return connect(`file:${pathToFileURL(file).pathname}?immutable=1`, { readonly: true });
  }
}
