// Connection set-up in one place: pragmas, then migrations, then defaults for a new database.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, loadMigrations, schemaVersion, NewerDatabaseError } from './migrate.js';
import { seedDefaults } from './settings.js';

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** Called before a migration runs on an existing database (backups hook in here). */
  beforeMigrate?: (db: Db, from: number, to: number) => void;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  // YANPAN_NATIVE_BINDING: the better-sqlite3 build for Electron's ABI (scripts/start.mjs keeps one
  // per ABI outside the package), so the package's own build stays the one for Node.
  const nativeBinding = process.env.YANPAN_NATIVE_BINDING || undefined;
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false, nativeBinding });
  try {
    // Refuse a database from the future before touching it (not even WAL mode).
    const found = schemaVersion(db);
    const known = loadMigrations().length;
    if (found > known) throw new NewerDatabaseError(found, known);
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    // 64 MB page cache instead of SQLite's 2 MB: a 100,000-risk register is ~1.2 GB, and with the
    // default a 10,000-row import spilled to the WAL mid-transaction and read its own pages back.
    db.pragma('cache_size = -65536');
    if (!opts.readonly) {
      migrate(db, undefined, (from, to) => opts.beforeMigrate?.(db, from, to));
      seedDefaults(db);
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
