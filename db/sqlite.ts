// Every SQLite connection the app opens is made here, so each one gets the same native build
// (YANPAN_NATIVE_BINDING: the better-sqlite3 build for Electron's ABI, which scripts/start.mjs keeps
// outside the package so the package's own build stays the one for Node) and the same rules:
// the register's key when it is encrypted (db/cipher.ts), and temporary tables and sort spills in
// memory, so no plain temporary file is ever written beside it.
import Database from 'better-sqlite3-multiple-ciphers';
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { keyForConnection, keyPragmas, rememberKeyFor, wrongKeyError } from './cipher.js';

// URI file names on, for `immutable=1` below. The addon reads this when it loads, which is at the
// first connection, after every module body has run. Our paths never begin with "file:".
process.env.SQLITE_USE_URI ??= '1';

export type Db = Database.Database;

export interface ConnectOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /** The register's 256-bit key; without it, a key unlocked in this process for the file's register id (db/cipher.ts). */
  key?: Buffer;
  /** Read the file as immutable (a URI file name): see connectToRead. */
  immutable?: boolean;
}

const connectionKeys = new WeakMap<Db, { key: Buffer; file: string }>();
const connectionFiles = new WeakMap<Db, string>();

/** The file a connection was opened on (its `name` is a URI for an immutable reader). */
export function fileOf(db: Db): string {
  return connectionFiles.get(db) ?? db.name;
}

/** The key a connection was opened with and the file it names (undefined: a plain database). */
export function keyOf(db: Db): { key: Buffer; file: string } | undefined {
  return connectionKeys.get(db);
}

export function connect(file: string, o: ConnectOptions = {}): Db {
  const readonly = o.readonly ?? false;
  const key = keyForConnection(file, o.key);
  const name = o.immutable ? `file:${pathToFileURL(file).pathname}?immutable=1` : file;
  const db = new Database(name, { readonly, fileMustExist: o.fileMustExist ?? readonly, nativeBinding: process.env.YANPAN_NATIVE_BINDING || undefined });
  try {
    if (key) {
      for (const p of keyPragmas(key)) db.pragma(p);
      try {
        // The key is only tried at the first read: a wrong one reads as "file is not a database".
        db.pragma('schema_version');
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_NOTADB') throw wrongKeyError(file);
        throw e;
      }
      connectionKeys.set(db, { key, file });
      // A key handed in (after a log-in) also opens the register's backups and checks from now on.
      if (o.key) rememberKeyFor(file, key);
    }
    db.pragma('temp_store = MEMORY');
    connectionFiles.set(db, file);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
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
export function connectToRead(file: string, key?: Buffer): Db {
  let db: Db | null = null;
  try {
    db = connect(file, { readonly: true, key });
    // SQLite opens lazily: the missing index shows at the first read.
    db.pragma('schema_version');
    return db;
  } catch (e) {
    db?.close();
    const code = String((e as { code?: unknown }).code ?? '');
    const cannotIndex = code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN');
    if (!cannotIndex || writable(dirname(file)) || existsSync(`${file}-wal`) || !existsSync(file)) throw e;
    return connect(file, { readonly: true, immutable: true, key });
  }
}
