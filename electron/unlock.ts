// Unlocking an encrypted register at login. While a register is still locked (in a host nobody has
// logged in to since it started, or for a command-line call), its accounts table cannot be read:
// the password typed unwraps that account's copy of the database key (db/keyring.ts) instead.
// Wrong passwords are counted with the login page's rule (MAX_FAILURES, LOCK_MINUTES) in the key
// file, so the login page and the command line count together, and they are handed to the register
// once it is open, where they are counted and audited like any other (recordFailuresBeforeUnlock).
import { clearUnlockCount, recordUnlockFailure, takeUnlockFailures, unlockAttempts, unlockSlot } from '../db/keyring.js';
import { needsUnlock } from '../db/cipher.js';
import { bind, bindingHolds, type Unwrapped } from '../db/slotBinding.js';
import { passwordVerifier } from '../db/accounts.js';
import type { Db } from '../db/open.js';
import { AppError } from '../shared/errors.js';
import { LOCK_MINUTES, MAX_FAILURES } from '../shared/accounts.js';
import type { Caller } from '../shared/roles.js';
import { login } from './session.js';

export interface EarlierFailure {
  name: string;
  at: string;
}

export { needsUnlock };

export class UnlockGate {
  constructor(
    private readonly dbPath: string,
    private readonly now: () => string,
  ) {}

  /** The database key for this account and password (with the slot it opened); a Chinese refusal (counted) otherwise. */
  unlock(name: string, password: string): Unwrapped {
    const at = this.now();
    const who = name.trim();
    const before = unlockAttempts(this.dbPath, who);
    if (before.until && before.until > at) {
      recordUnlockFailure(this.dbPath, who, at, Number.POSITIVE_INFINITY, LOCK_MINUTES);
      throw new AppError('FORBIDDEN', `密码连续错误 ${MAX_FAILURES} 次，账号已锁定 ${LOCK_MINUTES} 分钟。请稍后再试，或由其他同事先登录后请系统管理员解锁。`);
    }
    let key: Unwrapped;
    try {
      key = unlockSlot(this.dbPath, { account: who, password });
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'FORBIDDEN') throw e;
      const after = recordUnlockFailure(this.dbPath, who, at, MAX_FAILURES, LOCK_MINUTES);
      if (after.count >= MAX_FAILURES) throw new AppError('FORBIDDEN', `密码连续错误 ${MAX_FAILURES} 次，账号已锁定 ${LOCK_MINUTES} 分钟。`);
      // An account created after the register was encrypted gets its copy at its first login on the
      // open register; the hint is given to every failure alike, so it tells nobody which names exist.
      throw new AppError('FORBIDDEN', `账号或密码不正确，台账未能解锁。再错 ${MAX_FAILURES - after.count} 次账号将锁定 ${LOCK_MINUTES} 分钟。（账号若是台账加密之后新建、还没登录过，须等程序启动后已有其他同事登录，才能登录。）`);
    }
    clearUnlockCount(this.dbPath, who);
    return key;
  }

  /** The failures not yet in the register, handed over once (it is open now). */
  takeFailures(): EarlierFailure[] {
    return takeUnlockFailures(this.dbPath);
  }
}

/**
 * The login that has just unlocked the register with `u`: the register's own password check, in
 * full unless the key file's binding shows this slot and the account's hash were set from one
 * password (db/slotBinding.ts) — then the slot's derivation already proved it. After a check in
 * full, the binding is written, so the next login at a just-started host derives once.
 */
export function loginAfterUnlock(db: Db, dbPath: string, u: Unwrapped, name: string, password: string, now: () => string): Caller {
  let held = false;
  const caller = login(db, name, password, now, (v) => (held = bindingHolds(dbPath, u, v)));
  const v = held ? null : passwordVerifier(db, caller.accountId);
  if (v) bind(dbPath, u, v);
  return caller;
}
