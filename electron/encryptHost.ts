// The app hosts' side of encryption: a plain register encrypted in place while the host runs (the
// first-run set-up, the 系统管理员's 加密台账), an account's copy of the key kept at its login, and
// wrong passwords typed before the register was unlocked handed to its audit.
import { encryptPlainRegister, type EncryptReport } from '../db/encryptRegister.js';
import { hasSlot, putSlot, type AccountSecret } from '../db/keyring.js';
import { keyOf } from '../db/sqlite.js';
import { listAccounts, recordFailuresBeforeUnlock, resetPassword } from '../db/accounts.js';
import { AppError } from '../shared/errors.js';
import { writeAudit } from '../db/audit.js';
import { sealAudit } from '../db/auditChain.js';
import type { EncryptOutcome } from '../shared/accounts.js';
import type { Core } from './core.js';
import type { EarlierFailure } from './unlock.js';

export type { EncryptOutcome };

/**
 * Encrypts the (closed) plain register with these accounts' passwords and a new recovery key, then
 * opens it again through `reopen` — encrypted, or as it was when encryption failed (the plain
 * register is untouched then, and the error is thrown after it is open again).
 */
export function encryptInPlace(
  dbPath: string,
  a: { accounts: AccountSecret[]; actor: string; deletePlainBackups: boolean },
  reopen: (key?: Buffer) => Core | null,
  now: () => string,
): EncryptOutcome {
  let report: EncryptReport | null = null;
  try {
    report = encryptPlainRegister(dbPath, { accounts: a.accounts, deletePlainBackups: a.deletePlainBackups });
  } finally {
    const c = reopen(report?.key);
    if (c && report) {
      const { backupsEncrypted, backupsDeleted, backupsLeftPlain } = report;
      c.db.transaction(() => {
        writeAudit(c.db, { actor: a.actor, now }, 'encrypt', 'register', null, null, { backupsEncrypted: backupsEncrypted.length, backupsDeleted, backupsLeftPlain });
        sealAudit(c.db, now());
      }).immediate();
    }
  }
  const { key: _key, ...outcome } = report;
  return outcome;
}

/** An account without its own copy of the key gets one at a good login (accounts made before encryption, or since). */
export function keepAccountSlot(core: Core, name: string, password: string, log?: (msg: string, err?: unknown) => void): void {
  const k = keyOf(core.db);
  if (!k) return;
  try {
    if (!hasSlot(core.dbPath, name)) putSlot(core.dbPath, k.key, { account: name, password });
  } catch (e) {
    // The login stands; the account can still log in once another has unlocked the register.
    (log ?? console.error)('[keys] could not add the account’s copy of the key', e);
  }
}

/**
 * The wrong passwords counted in the key file while the register could not be opened (by this host
 * before its first login, or by the command line): counted and audited in the register now. Taken
 * only when they can be written, so none is lost.
 */
export function recordEarlierFailures(core: Core, take: () => EarlierFailure[], now: () => string): void {
  if (core.access !== 'write' || !keyOf(core.db)) return;
  const failures = take();
  if (!failures.length) return;
  core.db.transaction(() => {
    recordFailuresBeforeUnlock(core.db, failures);
    sealAudit(core.db, now());
  }).immediate();
}

/**
 * Every password lost: the recovery key (already used to unlock) sets a new password for a
 * 系统管理员 account, who then resets the others' passwords. Audited as done with the recovery key;
 * the new password must be changed at the next login like any reset.
 */
export function recoverAdmin(core: Core, account: string, password: string, now: () => string): void {
  const k = keyOf(core.db);
  if (!k) throw new AppError('INVALID_INPUT', '台账没有加密，用不到恢复密钥：请由系统管理员重置密码。');
  const a = listAccounts(core.db).find((x) => x.name === account.trim());
  if (!a || a.role !== '系统管理员') throw new AppError('NOT_FOUND', `没有名为「${account}」的系统管理员账号。恢复密钥只能为系统管理员重设密码，再由他重设其他人的密码。`);
  if (a.disabled) throw new AppError('INVALID_INPUT', `账号「${account}」已停用，请换一个系统管理员账号。`);
  core.db.transaction(() => {
    const ctx = { actor: '恢复密钥', now };
    resetPassword(core.db, ctx, { id: a.id, version: a.version, password });
    writeAudit(core.db, ctx, 'recoveryKeyUsed', 'account', a.id, null, { name: a.name });
    putSlot(core.dbPath, k.key, { account: a.name, password });
    sealAudit(core.db, now());
  }).immediate();
}
