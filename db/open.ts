// Connection set-up in one place: pragmas, then migrations, then defaults for a new database.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertNotNewer, migrate } from './migrate.js';
import { seedDefaults } from './settings.js';
import { dbErrorInChinese } from './sqliteErrors.js';

export type { Db } from './sqlite.js';
import { connect, connectToRead, type Db } from './sqlite.js';

export interface OpenOptions {
  readonly?: boolean;
  /** Called before a migration runs on an existing database (backups hook in here). */
  beforeMigrate?: (db: Db, from: number, to: number) => void;
  /**
   * The register's key (db/keyring.ts unlockKey). A new file is created encrypted with it; a plain
   * register still opens plain. Without it, an encrypted register opens only when its key was
   * already unlocked in this process.
   */
  key?: Buffer;
}

function newConnection(file: string, readonly: boolean, key?: Buffer): Db {
  return readonly ? connectToRead(file, key) : connect(file, { key });
}

/**
 * Refuses a database from a newer version without changing a byte of it. A read-write connection
 * that closes last checkpoints the WAL into the main file and deletes it; a read-only one cannot,
 * so the version is read on a read-only connection before any read-write one exists.
 */
function refuseNewer(file: string, key?: Buffer): void {
  if (file === ':memory:' || !existsSync(file) || statSync(file).size === 0) return;
  let probe: Db;
  try {
    probe = newConnection(file, true, key);
  } catch (e) {
    throw dbErrorInChinese(e, '打开数据库') ?? e;
  }
  try {
    assertNotNewer(probe);
  } catch (e) {
    throw dbErrorInChinese(e, '打开数据库') ?? e;
  } finally {
    probe.close();
  }
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const readonly = opts.readonly ?? false;
  if (file !== ':memory:' && !readonly) mkdirSync(dirname(file), { recursive: true });
  refuseNewer(file, opts.key);
  let db: Db;
  try {
    db = newConnection(file, readonly, opts.key);
  } catch (e) {
    throw dbErrorInChinese(e, '打开数据库') ?? e;
  }
  try {
    // Checked again on this connection: another process may have upgraded it in between.
    assertNotNewer(db);
    db.pragma('busy_timeout = 5000');
    // Switching to WAL needs a write lock: only done when the file is not in WAL mode yet.
    if (!readonly && String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') db.pragma('journal_mode = WAL');
    if (!readonly) db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // 64 MB page cache instead of SQLite's 2 MB: a 100,000-risk register is ~1.2 GB, and with the
    // default a 10,000-row import spilled to the WAL mid-transaction and read its own pages back.
    db.pragma('cache_size = -65536');
    // temp_store = MEMORY is set on every connection (db/sqlite.ts): no plain temporary file.
    if (!readonly) {
      migrate(db, undefined, (from, to) => opts.beforeMigrate?.(db, from, to));
      seedDefaults(db);
    }
    return db;
  } catch (e) {
    db.close();
    throw dbErrorInChinese(e, '打开数据库') ?? e;
  }
}
