// Unlocking an encrypted register at login. While a register is still locked (in a host nobody has
// logged in to since it started, or for a command-line call), its accounts table cannot be read:
// the password typed unwraps that account's copy of the database key (db/keyring.ts) instead.
// Wrong passwords are counted with the login page's rule (MAX_FAILURES, LOCK_MINUTES) in the key
// file, so the login page and the command line count together, and they are handed to the register
// once it is open, where they are counted and audited like any other (recordFailuresBeforeUnlock).
import { clearUnlockCount, recordUnlockFailure, takeUnlockFailures, unlockAttempts, unlockKey } from '../db/keyring.js';
import { needsUnlock } from '../db/cipher.js';
import { AppError } from '../shared/errors.js';
import { LOCK_MINUTES, MAX_FAILURES } from '../shared/accounts.js';

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

  /** The database key for this account and password; a Chinese refusal (counted) otherwise. */
  unlock(name: string, password: string): Buffer {
    const at = this.now();
    const who = name.trim();
    const before = unlockAttempts(this.dbPath, who);
    if (before.until && before.until > at) {
      recordUnlockFailure(this.dbPath, who, at, Number.POSITIVE_INFINITY, LOCK_MINUTES);
      throw new AppError('FORBIDDEN', `密码连续错误 ${MAX_FAILURES} 次，账号已锁定 ${LOCK_MINUTES} 分钟。请稍后再试，或由其他同事先登录后请系统管理员解锁。`);
    }
    let key: Buffer;
    try {
      key = unlockKey(this.dbPath, { account: who, password });
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
