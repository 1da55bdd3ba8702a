// The app hosts hold the core through this wrapper. When the database is damaged at start, the
// host still starts: every call answers with the damage report, and `recovery.restore` puts the
// newest good backup (or a named one) in place and opens the core again. Nothing is written to the
// damaged file. `backups.restore` (a chosen backup while all is well) goes through the same path.
// An encrypted register starts locked: the first login unlocks it (electron/unlock.ts), and the
// first-run set-up and `register.encrypt` encrypt a plain one in place (electron/encryptHost.ts).
import { backupsOf, latestGoodBackup, restoreDatabase } from '../db/backups.js';
import type { ApiResult } from '../shared/contract/index.js';
import { openCore, downloadStoreFor, DamagedDatabaseError, PROGRAM_NAMES, type Core, type CoreOptions } from './core.js';
import { acquireWriterLock } from '../db/writerLock.js';
import { osUserName } from './paths.js';
import { refusal, type Dispatch } from './api/dispatcher.js';
import { login, setup } from './session.js';
import { loginAfterUnlock, needsUnlock, UnlockGate } from './unlock.js';
import { encryptInPlace, keepAccountSlot, recordEarlierFailures, recoverAdmin, type EncryptOutcome } from './encryptHost.js';
import { unlockKey } from '../db/keyring.js';
import { registerEncryptInput, type SetupInput } from '../shared/accounts.js';
import { auditRowsAfter, carryAuditIntoRestored, maxAuditId } from '../db/auditChain.js';
import { openDatabase } from '../db/open.js';
import { carryAccounts, encryptRestored, keepSecurity } from '../db/restoreSecurity.js';
import type { Caller } from '../shared/roles.js';
import { AppError } from '../shared/errors.js';
import type { PrinterSlot } from './print/types.js';
import type { DownloadStore } from './downloads.js';

export interface RecoverableCore {
  dispatch: Dispatch;
  /** Logs in on the open register (refused in recovery mode: its accounts cannot be read); the first login unlocks an encrypted one. */
  login: (name: string, password: string) => Caller;
  /** First run: the bureau, the first 系统管理员, and the register encrypted (its recovery key, shown once). */
  setup: (input: SetupInput) => Promise<{ caller: Caller } & Partial<EncryptOutcome>>;
  /** Every password lost: the recovery key unlocks the register and sets a 系统管理员's new password. */
  recover: (recoveryKey: string, account: string, password: string) => void;
  /** True while the register is encrypted and nobody has logged in since start. */
  locked: () => boolean;
  /** The open core, or null while in recovery mode. */
  current: () => Core | null;
  /** The host's work that is not an API call (serving the page's files) counted as activity (Core.track); as is in recovery mode. */
  track: <T>(work: () => Promise<T>) => Promise<T>;
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
  const now = o.now ?? (() => new Date().toISOString());
  const gate = new UnlockGate(o.dbPath, now);
  let locked = o.dbPath !== ':memory:' && needsUnlock(o.dbPath);
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
  /** Opens the core (with the key just unlocked, for an encrypted register); damage → recovery mode. */
  const open = (key?: Buffer) => {
    try {
      core = openCore({ ...o, key });
      watch(core);
    } catch (e) {
      if (!(e instanceof DamagedDatabaseError)) throw e;
      damaged = e;
    }
  };
  /**
   * The first login (or the recovery key) since start: the register opens with its key. Its check
   * and backup after start wait for the first page and a quiet moment (electron/startWork.ts).
   */
  const unlockWith = (key: Buffer) => {
    open(key);
    locked = false;
    if (core) recordEarlierFailures(core, () => gate.takeFailures(), now);
  };
  try {
    if (!locked) open();
  } catch (e) {
    lock?.release();
    throw e;
  }
  /** Closes the core, puts the backup in place (checked; the current file kept), opens again. */
  const restore = async (name: string | undefined, caller?: Caller): Promise<ApiResult<unknown>> => {
    const hit = backupsOf(o.dbPath).find((b) => b.name === name);
    if (!hit) return { ok: false, error: { code: 'NOT_FOUND', message: name ? `找不到备份「${name}」，可能已按保留规则删除。` : '没有可恢复的备份。请联系维护人员。' } };
    const wasOpen = core;
    try {
      await wasOpen?.finishStartWork();
      // The audit written since the backup is not lost with the restore: it is carried over; so
      // are the encryption and (for a backup without any) the accounts (db/restoreSecurity.ts).
      const since = wasOpen ? auditRowsAfter(wasOpen.db, auditMaxIn(hit.file)) : [];
      const kept = keepSecurity(o.dbPath, wasOpen?.db ?? null, hit.file);
      wasOpen?.close();
      core = null;
      const { savedCurrent } = await restoreDatabase(o.dbPath, hit.file, now());
      encryptRestored(o.dbPath, kept);
      core = openCore({ ...o, backupOnStart: false });
      damaged = null;
      const carriedAccounts = carryAccounts(core.db, kept);
      carryAuditIntoRestored(core.db, since, { actor: caller?.name ?? '恢复程序', at: now(), detail: { restored: hit.name, savedCurrent, carriedRows: since.length, carriedAccounts, encryptedAgain: !!kept.keyring } });
      return { ok: true, value: { restored: hit.name, savedCurrent } };
    } catch (e) {
      // The check refused the backup (nothing was replaced): reopen what was there.
      if (wasOpen && !core) core = openCore({ ...o, backupOnStart: false });
      const msg = (e as Error).message;
      return { ok: false, error: { code: 'DB_ERROR', message: /[\u4e00-\u9fff]/.test(msg) ? msg : `恢复失败：${msg}` } };
    }
  };
  /** Encrypts the open plain register in place: closed, encrypted, opened again with its key. */
  const encryptNow = async (account: string, password: string, deletePlainBackups: boolean): Promise<EncryptOutcome> => {
    const was = core!;
    await was.finishStartWork();
    was.close();
    core = null;
    return encryptInPlace(o.dbPath, { accounts: [{ account, password }], actor: account, deletePlainBackups }, (key) => (open(key), core), now);
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
      if (method === 'register.encrypt' && core) {
        const who = caller ?? o.caller;
        const refused = refusal(method, input, who);
        if (refused) return { ok: false, error: refused };
        const parsed = registerEncryptInput.safeParse(input);
        if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: parsed.error.issues[0]?.message ?? '输入不正确' } };
        try {
          // The password is checked (and a wrong one counted) like a login before anything changes.
          login(core.db, who!.name, parsed.data.password, now);
          return { ok: true, value: await encryptNow(who!.name, parsed.data.password, parsed.data.deletePlainBackups) };
        } catch (e) {
          const msg = (e as Error).message;
          return { ok: false, error: { code: e instanceof AppError ? e.code : 'DB_ERROR', message: /[\u4e00-\u9fff]/.test(msg) ? msg : `加密失败，台账没有改动：${msg}` } };
        }
      }
      if (!core && !damaged) return { ok: false, error: { code: 'FORBIDDEN', message: '台账已加密，请先登录解锁后再操作。' } };
      return core ? core.dispatch(method, input, caller) : recovery(method, input);
    },
    login: (name, password) => {
      const unwrapped = locked ? gate.unlock(name, password) : null;
      if (unwrapped) unlockWith(unwrapped.key);
      if (!core) throw damaged!;
      const caller = unwrapped ? loginAfterUnlock(core.db, o.dbPath, unwrapped, name, password, now) : login(core.db, name, password, now);
      // Wrong passwords the command line counted in the key file meanwhile go into the register too.
      recordEarlierFailures(core, () => gate.takeFailures(), now);
      // Under the name as the register spells it (a login may type it in another case).
      keepAccountSlot(core, caller.name, password, o.log);
      return caller;
    },
    setup: async (input) => {
      if (!core) throw damaged ?? new AppError('CONFLICT', '台账已加密，首次设置已经完成，请登录。');
      const caller = setup(core.db, input, now);
      if (o.dbPath === ':memory:') return { caller };
      // A new register is encrypted at once, with the first 系统管理员's password and a recovery key.
      return { caller, ...(await encryptNow(caller.name, input.password, false)) };
    },
    recover: (recoveryKey, account, password) => {
      const key = unlockKey(o.dbPath, { recoveryKey });
      if (locked) unlockWith(key);
      if (!core) throw damaged!;
      recoverAdmin(core, account, password, now);
    },
    locked: () => locked,
    current: () => core,
    track: (work) => (core ? core.track(work) : work()),
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
