// Logging in: the one path every host takes (web host's login page, Electron, the command line).
// It is also where a later step unlocks an encrypted register: it has the name and password before
// the register is needed for anything else.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open.js';
import { checkLogin, countAccounts, createAccount, getPolicy, type PasswordVerifier } from '../db/accounts.js';
import { sealAudit } from '../db/auditChain.js';
import { writeAudit } from '../db/audit.js';
import { AppError } from '../shared/errors.js';
import { setRegionsAtSetup } from '../db/lists.js';
import { loginInput, passwordExpired, setupInput } from '../shared/accounts.js';
import type { Caller } from '../shared/roles.js';

/**
 * Checks name and password (counting failures, locking after too many); the caller on success.
 * `proven`: see checkLogin (the login that unlocked an encrypted register, electron/unlock.ts).
 */
export function login(db: Db, name: string, password: string, now: () => string, proven?: (v: PasswordVerifier) => boolean): Caller {
  const parsed = loginInput.safeParse({ name, password });
  if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? '请填写账号和密码。');
  // Failures are counted and audited too: the transaction commits either way. A register this
  // process cannot write (a read-only file) is checked without counting (see README: what is open).
  const check = (record: boolean) => checkLogin(db, { actor: parsed.data.name, now }, parsed.data.name, parsed.data.password, record, proven);
  let outcome: ReturnType<typeof check>;
  try {
    outcome = db.readonly
      ? check(false)
      : db.transaction(() => {
          const o = check(true);
          sealAudit(db, now());
          return o;
        }).immediate();
  } catch (e) {
    // Another program holds a write transaction on the register: a reader still logs in, uncounted.
    if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
    outcome = check(false);
  }
  if (!outcome.ok) throw new AppError('FORBIDDEN', outcome.message);
  const a = outcome.account;
  const mustChange = !a.demo && (a.mustChange || passwordExpired(a.passwordChangedAt, now(), getPolicy(db).expiryDays));
  return { accountId: a.id, name: a.name, displayName: a.displayName, role: a.role, ...(mustChange ? { mustChange } : {}) };
}

export interface Session {
  id: string;
  csrf: string;
  caller: Caller;
  /** Ends when idle this long (the idle lock), or at this instant for a one-document session. */
  lastSeen: number;
  idleMs: number;
}

/** The web host's sessions, in memory: a restart of the host logs everybody out. */
export class SessionStore {
  private sessions = new Map<string, Session>();
  constructor(private clock: () => number = Date.now) {}

  open(caller: Caller, idleMs: number): Session {
    const s: Session = { id: randomBytes(32).toString('base64url'), csrf: randomBytes(24).toString('base64url'), caller, lastSeen: this.clock(), idleMs };
    this.sessions.set(s.id, s);
    return s;
  }

  /** The live session for a cookie value, touched; an expired one is dropped. */
  get(id: string | undefined, touch = true): Session | null {
    if (!id) return null;
    const s = this.sessions.get(id);
    if (!s) return null;
    const t = this.clock();
    if (t - s.lastSeen > s.idleMs) {
      this.sessions.delete(id);
      return null;
    }
    if (touch) s.lastSeen = t;
    return s;
  }

  close(id: string | undefined): Session | null {
    const s = id ? this.sessions.get(id) ?? null : null;
    if (id) this.sessions.delete(id);
    return s;
  }
}

/** First run: the bureau's name and code prefix, and the first 系统管理员 (no default password anywhere). */
export function setup(db: Db, raw: unknown, now: () => string): Caller {
  const parsed = setupInput.safeParse(raw);
  if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues.map((i) => i.message).join('；'));
  const input = parsed.data;
  const account = db.transaction(() => {
    if (countAccounts(db) > 0) throw new AppError('CONFLICT', '首次设置已经完成，请登录。');
    const ctx = { actor: input.name, now };
    const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    put.run('cityName', input.cityName);
    put.run('cityPrefix', input.cityPrefix);
    setRegionsAtSetup(db, input.regions);
    writeAudit(db, ctx, 'setup', 'settings', null, null, { cityName: input.cityName, cityPrefix: input.cityPrefix, regions: input.regions.join('、') });
    const a = createAccount(db, ctx, { name: input.name, displayName: input.displayName, role: '系统管理员', password: input.password, mustChange: false });
    sealAudit(db, now());
    return a;
  }).immediate();
  return { accountId: account.id, name: account.name, displayName: account.displayName, role: account.role };
}

/** Logout and the idle lock end a session: written to the audit as that account. */
export function recordSessionEnd(db: Db, caller: Caller, why: 'logout' | 'lock', now: () => string): void {
  if (caller.only) return;
  db.transaction(() => {
    writeAudit(db, { actor: caller.name, now }, why, 'account', caller.accountId || null, null, null);
    sealAudit(db, now());
  }).immediate();
}
