// Unlocking an encrypted register at login. While a host's register is still locked (no account has
// logged in since the program started), its accounts table cannot be read: the password typed at
// the login page unwraps that account's copy of the database key (db/keyring.ts) instead. Wrong
// passwords are counted here with the same rule as the login page's (MAX_FAILURES, LOCK_MINUTES)
// and handed to the register once it is open, where they are counted and audited like any other
// (db/accounts.ts recordFailuresBeforeUnlock). Nothing is written to disk before that.
import { unlockKey } from '../db/keyring.js';
import { needsUnlock } from '../db/cipher.js';
import { AppError } from '../shared/errors.js';
import { LOCK_MINUTES, MAX_FAILURES } from '../shared/accounts.js';

export interface EarlierFailure {
  name: string;
  at: string;
}

export { needsUnlock };

export class UnlockGate {
  private failures: EarlierFailure[] = [];
  private locks = new Map<string, { count: number; until: string | null }>();

  constructor(
    private readonly dbPath: string,
    private readonly now: () => string,
  ) {}

  /** The database key for this account and password; a Chinese refusal (counted) otherwise. */
  unlock(name: string, password: string): Buffer {
    const at = this.now();
    const who = name.trim();
    const state = this.locks.get(who) ?? { count: 0, until: null };
    if (state.until && state.until > at) {
      this.failures.push({ name: who, at });
      throw new AppError('FORBIDDEN', `密码连续错误 ${MAX_FAILURES} 次，账号已锁定 ${LOCK_MINUTES} 分钟。请稍后再试，或由其他同事先登录后请系统管理员解锁。`);
    }
    try {
      const key = unlockKey(this.dbPath, { account: who, password });
      this.locks.delete(who);
      return key;
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'FORBIDDEN') throw e;
      this.failures.push({ name: who, at });
      const count = (state.until ? 0 : state.count) + 1;
      const locked = count >= MAX_FAILURES;
      this.locks.set(who, { count: locked ? 0 : count, until: locked ? new Date(Date.parse(at) + LOCK_MINUTES * 60_000).toISOString() : null });
      if (locked) throw new AppError('FORBIDDEN', `密码连续错误 ${MAX_FAILURES} 次，账号已锁定 ${LOCK_MINUTES} 分钟。`);
      // An account created after the register was encrypted gets its copy at its first login on the
      // open register; the hint is given to every failure alike, so it tells nobody which names exist.
      throw new AppError('FORBIDDEN', `账号或密码不正确，台账未能解锁。再错 ${MAX_FAILURES - count} 次账号将锁定 ${LOCK_MINUTES} 分钟。（账号若是台账加密之后新建、还没登录过，须等程序启动后已有其他同事登录，才能登录。）`);
    }
  }

  /** The failures since start, handed over once (the register is open now). */
  takeFailures(): EarlierFailure[] {
    const f = this.failures;
    this.failures = [];
    return f;
  }
}
