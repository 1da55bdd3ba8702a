// Opens the core for a host: the database (with migrations) and a dispatcher bound to it.
// Before opening, the file is checked: a damaged database is never opened for writing (which
// could make it worse); the host is told, with the newest good backup to offer instead.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase, type Db } from '../db/open.js';
import { keyForConnection, rememberKeyFor } from '../db/cipher.js';
import { acquireWriterLock, RegisterBusyError } from '../db/writerLock.js';
import { dbErrorInChinese } from '../db/sqliteErrors.js';
import { registerWritable } from '../db/sqlite.js';
import { backupDatabase, backupPath, carryKeyFile, changedSinceLastBackup, checkContentsInWorker, checkDatabaseFile, latestGoodBackup } from '../db/backups.js';
import { AppError } from '../shared/errors.js';
import { BACKUP_REASONS, type BackupEntry } from '../shared/backups.js';
import { createDispatcher, type Dispatch } from './api/dispatcher.js';
import { osUserName } from './paths.js';
import type { PrinterSlot } from './print/types.js';
import { DownloadStore } from './downloads.js';
import type { Caller } from '../shared/roles.js';
import { startWorkGate } from './startWork.js';

export interface Core {
  db: Db;
  dbPath: string;
  /** Public methods only: what a page (web host, Electron IPC) may reach. */
  dispatch: Dispatch;
  /** Every method, local ones (file paths) included: for the CLI and code inside the host process. */
  dispatchLocal: Dispatch;
  /** 'write': this process holds the register's writer lock; 'read': a read-only connection. */
  access: 'write' | 'read';
  /** The host puts its PDF printer here once the renderer is being served. */
  printer: PrinterSlot;
  /** Large files offered to the page as one-time downloads (absent for the CLI, which writes files itself). */
  downloads?: DownloadStore;
  close: () => void;
  /** Settles when the start-up backup is written or found unnecessary (immediately when none was asked for, or on close before it began). */
  ready: Promise<void>;
  /**
   * Takes the start-up backup now if it still waits (electron/startWork.ts), and settles with
   * `ready`: a host closing or replacing the register first takes the start-up backup that is due.
   */
  finishStartWork: () => Promise<void>;
  /**
   * A large register's contents are checked after start, on a worker thread: the problems found
   * (none: all is well). Null when the check ran before opening (or there is no file).
   */
  checked: Promise<string[]> | null;
  /** True once the check after start is running or done (false while it waits, or when there is none). */
  checkStarted: () => boolean;
  /**
   * Counts a host's work that is not an API call (the web host serving the page's files) as activity:
   * the start-up work waits for it as for calls (electron/startWork.ts).
   */
  track: <T>(work: () => Promise<T>) => Promise<T>;
}

/** Up to this size the contents are checked before opening (under ~1 s); larger, on a worker after start. */
export const CHECK_BEFORE_OPEN_MAX_BYTES = 256 * 1024 * 1024;

export interface CoreOptions {
  dbPath: string;
  host: 'web' | 'electron' | 'cli';
  now?: () => string;
  operator?: string;
  /**
   * Take the automatic start-up backup (the app hosts do; one-shot CLI calls do not), only when the
   * data changed since the last backup, as start-up work (electron/startWork.ts: after the first page).
   */
  backupOnStart?: boolean;
  /** Check a large file's contents after start instead of before opening (the app hosts; default: before), as start-up work. */
  checkAfterStart?: boolean;
  /** What counts as large for checkAfterStart (default CHECK_BEFORE_OPEN_MAX_BYTES). */
  checkBeforeOpenMaxBytes?: number;
  /** The start-up work's quiet time after the first call (START_WORK_IDLE_MS) and latest start (START_WORK_LATEST_MS; 0: at once). */
  startWorkIdleMs?: number;
  startWorkLatestMs?: number;
  /** Called once the start-up work is over (backup written or not needed, contents checked), unless the core closed first. */
  onStartWorkDone?: () => void;
  log?: (msg: string, err?: unknown) => void;
  /** A printer slot owned by the caller (kept across a restore); by default the core owns one. */
  printer?: PrinterSlot;
  /** A download store owned by the caller (kept across a restore); by default an app host's core owns one. */
  downloads?: DownloadStore;
  /**
   * 'write' (default): take the register's writer lock (refused, naming the holder, while another
   * process writes) and open read-write. 'read': a read-only connection, no lock, no migration.
   */
  access?: 'write' | 'read';
  /**
   * The register's key (db/keyring.ts unlockKey) for an encrypted register, or a new one to be
   * created encrypted. Optional: a plain register opens as before (db/cipher.ts).
   */
  key?: Buffer;
  /** The account calls are made as when a call names none (the CLI after login; tests). */
  caller?: Caller;
}

/** App hosts stream large files to the page; the command line writes them itself. */
export const downloadStoreFor = (host: CoreOptions['host']): DownloadStore | undefined => (host === 'cli' ? undefined : new DownloadStore());

export const PROGRAM_NAMES: Record<CoreOptions['host'], string> = { web: '风险研判台网页版', electron: '风险研判台桌面版', cli: '风险研判台命令行' };

/** The database file failed its check at start; `backup` is the newest one that passes. */
export class DamagedDatabaseError extends AppError {
  constructor(
    public readonly dbPath: string,
    public readonly problems: string[],
    public readonly backup: (BackupEntry & { file: string }) | null,
  ) {
    super(
      'DB_ERROR',
      `数据库文件已损坏，为防止损坏扩大，程序没有打开它（${dbPath}）。问题：${problems.join('；')}。` +
        (backup ? `可以恢复最近一次完好的备份：${backup.name}（${BACKUP_REASONS[backup.reason] ?? backup.reason}，${backup.at}）。` : '备份文件夹中没有可用的完好备份，请联系维护人员。'),
      { recovery: { dbPath, problems, backup: backup ? { name: backup.name, at: backup.at, reason: backup.reason, size: backup.size } : null } },
    );
  }
}

export function openCore(o: CoreOptions): Core {
  const access = o.access ?? 'write';
  const memory = o.dbPath === ':memory:';
  const lock = access === 'write' && !memory ? acquireWriterLock(o.dbPath, { program: PROGRAM_NAMES[o.host], user: o.operator ?? osUserName() }) : null;
  try {
    return openLocked(o, access);
  } finally {
    // The core keeps its own reference (taken in openLocked); this one only covered the open.
    lock?.release();
  }
}

function openLocked(o: CoreOptions, access: 'write' | 'read'): Core {
  const memory = o.dbPath === ':memory:';
  // The check below and every later connection (backups, workers) find the key by the register's id.
  if (o.key) rememberKeyFor(o.dbPath, o.key);
  // An encrypted register without its key (or its key file) is refused as such, not taken for damaged.
  if (!memory) keyForConnection(o.dbPath, o.key);
  let deferCheck = false;
  if (!memory && existsSync(o.dbPath) && statSync(o.dbPath).size > 0) {
    deferCheck = !!o.checkAfterStart && access === 'write' && statSync(o.dbPath).size > (o.checkBeforeOpenMaxBytes ?? CHECK_BEFORE_OPEN_MAX_BYTES);
    const check = checkDatabaseFile(o.dbPath, { quick: true, contents: !deferCheck });
    if (check.readOnly && access === 'write') throw dbErrorInChinese({ code: 'SQLITE_READONLY' }, '打开数据库')!;
    if (!check.ok && !check.readOnly && !(check.schemaVersion !== null && check.schemaVersion > check.knownVersion)) {
      throw new DamagedDatabaseError(o.dbPath, check.problems, latestGoodBackup(o.dbPath));
    }
  } else if (access === 'read' && !memory) {
    throw new AppError('NOT_FOUND', `数据库文件不存在：${o.dbPath}`);
  }
  const now = o.now ?? (() => new Date().toISOString());
  const log = o.log ?? ((msg: string, err?: unknown) => console.error(msg, err));
  const db = openDatabase(o.dbPath, {
    readonly: access === 'read',
    key: o.key,
    // A migration rewrites the schema: keep a copy of the file as it was, byte for byte.
    beforeMigrate: (mdb, from) => {
      if (from > 0) backupBeforeMigrate(mdb, o.dbPath, now(), log);
    },
  });
  const lock = access === 'write' && !memory ? acquireWriterLock(o.dbPath, { program: PROGRAM_NAMES[o.host], user: o.operator ?? osUserName() }) : null;
  const ownsPrinter = !o.printer;
  const printer: PrinterSlot = o.printer ?? {};
  const downloads = o.downloads ?? downloadStoreFor(o.host);
  const base = { db, dbPath: o.dbPath, host: o.host, defaultOperator: o.operator ?? osUserName(), now, log, printer, downloads, caller: o.caller };
  const bg = deferCheck ? checkLater(o.dbPath) : null;
  let closing = false;
  let settleReady = () => {};
  const backupDue = !!o.backupOnStart && !memory && access === 'write';
  const ready = backupDue ? new Promise<void>((settle) => (settleReady = settle)) : Promise.resolve();
  const takeBackup = () => {
    if (closing) return settleReady();
    try {
      // Unchanged since the last backup (audit-only rows aside): another copy would add nothing.
      if (!changedSinceLastBackup(db, o.dbPath)) return settleReady();
    } catch (e) {
      log('[backup] could not compare with the last backup', e);
    }
    backupDatabase(db, o.dbPath, 'start', now()).then(
      () => settleReady(),
      (e) => (log('[backup] start-up backup failed', e), settleReady()),
    );
  };
  const gate = bg || backupDue
    ? startWorkGate(() => {
        bg?.start();
        if (backupDue) takeBackup();
      }, { idleMs: o.startWorkIdleMs, latestMs: o.startWorkLatestMs })
    : null;
  if (o.onStartWorkDone) void Promise.all([ready, bg?.done]).then(() => closing || o.onStartWorkDone!());
  const tracked = (d: Dispatch): Dispatch => (gate ? (method, input, caller) => gate.track(() => d(method, input, caller)) : d);
  const dispatch = tracked(createDispatcher({ ...base, tier: 'public' }));
  const dispatchLocal = tracked(createDispatcher({ ...base, tier: 'local' }));
  return {
    db,
    dbPath: o.dbPath,
    dispatch,
    dispatchLocal,
    access,
    printer,
    downloads,
    ready,
    finishStartWork: () => {
      // Only the backup: the check would be stopped by the close that follows.
      // Not again once cancelled here: a second stop (Ctrl+C twice) must not start a second backup.
      if (gate?.waiting()) {
        gate.cancel();
        if (backupDue) takeBackup();
      }
      return ready;
    },
    checked: bg?.done ?? null,
    checkStarted: () => bg?.started() ?? false,
    track: (work) => (gate ? gate.track(work) : work()),
    close: () => {
      if (closing) return;
      closing = true;
      // Closed before the start-up work began: none is done (a host closing calls finishStartWork first).
      if (gate?.waiting()) settleReady();
      gate?.cancel();
      bg?.stop();
      if (ownsPrinter) void printer.current?.close();
      try {
        db.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** The contents check on a worker, started on demand; stopped before it started, it found nothing. */
function checkLater(file: string): { done: Promise<string[]>; start: () => void; started: () => boolean; stop: () => void } {
  let run: ReturnType<typeof checkContentsInWorker> | null = null;
  let stopped = false;
  let settle: (problems: string[]) => void = () => {};
  const done = new Promise<string[]>((resolve) => (settle = resolve));
  return {
    done,
    start: () => {
      if (run || stopped) return;
      run = checkContentsInWorker(file);
      void run.done.then(settle);
    },
    started: () => run !== null,
    stop: () => {
      stopped = true;
      if (run) run.stop();
      else settle([]);
    },
  };
}

/**
 * For a command that only reads: opens as usual (a new register is created, an old one migrated),
 * but while another program holds the writer lock, or when the register cannot be written here,
 * it reads on a read-only connection instead.
 */
export function openCoreToRead(o: CoreOptions): Core {
  try {
    return openCore(o);
  } catch (e) {
    if (e instanceof RegisterBusyError) return openCore({ ...o, access: 'read' });
    // A register in a folder or file this process may not write is read as it is.
    if (o.dbPath !== ':memory:' && existsSync(o.dbPath) && !registerWritable(o.dbPath)) return openCore({ ...o, access: 'read' });
    throw e;
  }
}

/**
 * Before a migration: the hook is synchronous and runs outside any transaction, so VACUUM INTO
 * (a consistent single-file copy) does what the async online backup cannot do here.
 */
function backupBeforeMigrate(db: Db, dbPath: string, now: string, log: (msg: string, err?: unknown) => void): void {
  const file = backupPath(dbPath, now, 'migrate');
  try {
    mkdirSync(dirname(file), { recursive: true });
    db.prepare('VACUUM INTO ?').run(file);
    carryKeyFile(dbPath, file);
  } catch (e) {
    // Refuse to migrate without a backup: the old schema must stay recoverable.
    log('[backup] before migration failed', e);
    throw new AppError('DB_ERROR', `升级数据库结构前的自动备份失败（${(e as Error).message}），为保护数据没有升级。请检查磁盘空间后重试。`);
  }
}
