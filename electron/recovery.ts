// The app hosts hold the core through this wrapper. When the database is damaged at start, the
// host still starts: every call answers with the damage report, and `recovery.restore` puts the
// newest good backup (or a named one) in place and opens the core again. Nothing is written to the
// damaged file. `backups.restore` (a chosen backup while all is well) goes through the same path.
import { backupsOf, latestGoodBackup, restoreDatabase } from '../db/backups.js';
import type { ApiResult } from '../shared/contract/index.js';
import { openCore, downloadStoreFor, DamagedDatabaseError, PROGRAM_NAMES, type Core, type CoreOptions } from './core.js';
import { acquireWriterLock } from '../db/writerLock.js';
import { osUserName } from './paths.js';
import { refusal, type Dispatch } from './api/dispatcher.js';
import { login } from './session.js';
import { auditRowsAfter, carryAuditIntoRestored, maxAuditId } from '../db/auditChain.js';
import { openDatabase } from '../db/open.js';
import type { Caller } from '../shared/roles.js';
import type { PrinterSlot } from './print/types.js';
import type { DownloadStore } from './downloads.js';

export interface RecoverableCore {
  dispatch: Dispatch;
  /** Logs in on the open register (refused in recovery mode: its accounts cannot be read). */
  login: (name: string, password: string) => Caller;
  /** The open core, or null while in recovery mode. */
  current: () => Core | null;
  damaged: DamagedDatabaseError | null;
  /** The host's PDF printer; it outlives a restore (the core is reopened, the browser is not). */
  printer: PrinterSlot;
  /** One-time downloads of large files; like the printer, it outlives a restore. */
  downloads?: DownloadStore;
  close: () => void;
}

/** The newest audit row id inside a backup file (read-only; a backup of an older schema is migrated on open only after restore). */
function auditMaxIn(file: string): number {
  const db = openDatabase(file, { readonly: true });
  try {
    return maxAuditId(db);
  } finally {
    db.close();
  }
}

export function openRecoverableCore(opts: CoreOptions): RecoverableCore {
  const printer: PrinterSlot = opts.printer ?? {};
  const downloads = opts.downloads ?? downloadStoreFor(opts.host);
  // The hosts check a large register's contents after start (the first page does not wait for it).
  const o: CoreOptions = { checkAfterStart: true, ...opts, printer, downloads };
  let core: Core | null = null;
  let damaged: DamagedDatabaseError | null = null;
  // The host holds the writer lock for its whole life, across a restore's close and reopen, and in
  // recovery mode too (it will write the restored file): no other program slips in between.
  const lock = o.dbPath === ':memory:' ? null : acquireWriterLock(o.dbPath, { program: PROGRAM_NAMES[o.host], user: o.operator ?? osUserName() });
  /** A check after start found damage: from now on every call answers with it, and the page offers the newest good backup. */
  const watch = (c: Core) =>
    void c.checked?.then((problems) => {
      if (!problems.length || core !== c) return;
      damaged = new DamagedDatabaseError(o.dbPath, problems, latestGoodBackup(o.dbPath));
      core = null;
      c.close();
    });
  try {
    core = openCore(o);
    watch(core);
  } catch (e) {
    if (!(e instanceof DamagedDatabaseError)) {
      lock?.release();
      throw e;
    }
    damaged = e;
  }
  const now = o.now ?? (() => new Date().toISOString());
  /** Closes the core, puts the backup in place (checked; the current file kept), opens again. */
  const restore = async (name: string | undefined, caller?: Caller): Promise<ApiResult<unknown>> => {
    const hit = backupsOf(o.dbPath).find((b) => b.name === name);
    if (!hit) return { ok: false, error: { code: 'NOT_FOUND', message: name ? `找不到备份「${name}」，可能已按保留规则删除。` : '没有可恢复的备份。请联系维护人员。' } };
    const wasOpen = core;
    try {
      await wasOpen?.ready;
      // The audit written since the backup is not lost with the restore: it is carried over.
      const since = wasOpen ? auditRowsAfter(wasOpen.db, auditMaxIn(hit.file)) : [];
      wasOpen?.close();
      core = null;
      const { savedCurrent } = await restoreDatabase(o.dbPath, hit.file, now());
      core = openCore({ ...o, backupOnStart: false });
      damaged = null;
      carryAuditIntoRestored(core.db, since, { actor: caller?.name ?? '恢复程序', at: now(), detail: { restored: hit.name, savedCurrent, carriedRows: since.length } });
      return { ok: true, value: { restored: hit.name, savedCurrent } };
    } catch (e) {
      // The check refused the backup (nothing was replaced): reopen what was there.
      if (wasOpen && !core) core = openCore({ ...o, backupOnStart: false });
      const msg = (e as Error).message;
      return { ok: false, error: { code: 'DB_ERROR', message: /[\u4e00-\u9fff]/.test(msg) ? msg : `恢复失败：${msg}` } };
    }
  };
  const recovery: Dispatch = async (method, input) => {
    const err = damaged!;
    if (method !== 'recovery.restore') return { ok: false, error: { code: 'DB_ERROR', message: err.message, details: err.details } };
    return restore((input as { name?: string } | null)?.name ?? err.backup?.name);
  };
  return {
    dispatch: async (method, input, caller) => {
      // Restoring replaces the file under the open core, so the host (not a handler) does it.
      if (method === 'backups.restore' && core) {
        const refused = refusal(method, input, caller ?? o.caller);
        return refused ? { ok: false, error: refused } : restore((input as { name?: string } | null)?.name, caller ?? o.caller);
      }
      // In recovery mode nobody can log in (the accounts are in the damaged file): the page may
      // only read the damage report and put the newest good backup in place.
      return core ? core.dispatch(method, input, caller) : recovery(method, input);
    },
    login: (name, password) => {
      if (!core) throw damaged!;
      return login(core.db, name, password, now);
    },
    current: () => core,
    get damaged() {
      return damaged;
    },
    printer,
    downloads,
    close: () => {
      try {
        core?.close();
      } finally {
        lock?.release();
      }
      void printer.current?.close();
      downloads?.clear();
    },
  };
}
