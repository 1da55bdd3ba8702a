// Accounts: scrypt password hashes (node:crypto, a salt per account, the parameters stored with
// the hash so they can be raised later), failed-login counting and lockout, the security policy.
import { randomBytes, scrypt as scryptCb, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { AppError } from '../shared/errors.js';
import { DEFAULT_POLICY, DEMO_ACCOUNTS, LOCK_MINUTES, MAX_FAILURES, passwordProblem, type AccountRow, type DemoAccount, type SecurityPolicy } from '../shared/accounts.js';
import type { Role } from '../shared/roles.js';

/**
 * N = 2^15, r = 8, p = 3: one of the settings OWASP's Password Storage Cheat Sheet gives as equal to
 * its minimum (2^17, 8, 1), and the key slots' own (db/keyring.ts). 32 MiB per hash; ≈0.33 s of CPU
 * here (the former 2^16, 8, 1 was half that minimum). A stored hash keeps its own parameters, so
 * raising these re-hashes each account at its next good login.
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 3, keylen: 32 } as const;
type ScryptParams = { N: number; r: number; p: number; keylen: number };

function scrypt(password: string, salt: Buffer, p: ScryptParams): Buffer {
  return scryptSync(password.normalize('NFC'), salt, p.keylen, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 16 * 1024 * 1024 });
}

type Hashed = { hash: string; salt: string; params: string };
const scryptAsync = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, o: object) => Promise<Buffer>;

/** The same hash off the main thread (libuv's pool): several accounts hash in parallel, before a write transaction. */
export async function hashPasswordAsync(password: string, p: ScryptParams = SCRYPT_PARAMS): Promise<Hashed> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFC'), salt, p.keylen, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 16 * 1024 * 1024 });
  return { hash: key.toString('base64'), salt: salt.toString('base64'), params: JSON.stringify(p) };
}

export function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Hashed {
  const salt = randomBytes(16);
  return { hash: scrypt(password, salt, params).toString('base64'), salt: salt.toString('base64'), params: JSON.stringify(params) };
}

interface Row {
  id: number;
  name: string;
  display_name: string;
  role: Role;
  pw_hash: string;
  pw_salt: string;
  pw_params: string;
  pw_changed_at: string;
  must_change: number;
  failed_count: number;
  locked_until: string | null;
  disabled: number;
  demo: number;
  created_at: string;
  version: number;
}

const toAccount = (r: Row): AccountRow => ({
  id: r.id,
  name: r.name,
  displayName: r.display_name,
  role: r.role,
  mustChange: r.must_change === 1,
  disabled: r.disabled === 1,
  lockedUntil: r.locked_until,
  failedCount: r.failed_count,
  passwordChangedAt: r.pw_changed_at,
  createdAt: r.created_at,
  demo: r.demo === 1,
  version: r.version,
});

/** 16 random characters (96 bits) plus one of each class, so any policy up to 4 classes accepts it. */
export function randomPassword(): string {
  return `${randomBytes(12).toString('base64url')}-7Kq`;
}

export type PreparedDemoAccount = DemoAccount & { hashed: Hashed };

/** The demo's accounts with random passwords, hashed in parallel ahead of the transaction. */
export function prepareDemoAccounts(): Promise<PreparedDemoAccount[]> {
  return Promise.all(DEMO_ACCOUNTS.map(async (a) => {
    const password = randomPassword();
    return { ...a, password, hashed: await hashPasswordAsync(password) };
  }));
}

/** The demo's accounts (names already taken are skipped), each with its random password returned once. */
export function createDemoAccounts(db: Db, ctx: WriteContext, prepared: PreparedDemoAccount[]): DemoAccount[] {
  return prepared.filter((a) => !rowByName(db, a.name)).map(({ hashed, ...a }) => {
    createAccount(db, ctx, { ...a, demo: true }, hashed);
    return a;
  });
}

export function countAccounts(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n;
}

export function listAccounts(db: Db): AccountRow[] {
  return (db.prepare('SELECT * FROM accounts ORDER BY id').all() as Row[]).map(toAccount);
}

export function getAccount(db: Db, id: number): AccountRow {
  const r = db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的账号，可能已被删除。请刷新列表。`);
  return toAccount(r);
}

function rowByName(db: Db, name: string): Row | undefined {
  return db.prepare('SELECT * FROM accounts WHERE name = ?').get(name.trim()) as Row | undefined;
}

export function getPolicy(db: Db): SecurityPolicy {
  const v = (db.prepare("SELECT value FROM settings WHERE key = 'securityPolicy'").get() as { value: string } | undefined)?.value;
  return v ? { ...DEFAULT_POLICY, ...(JSON.parse(v) as Partial<SecurityPolicy>) } : DEFAULT_POLICY;
}

export function setPolicy(db: Db, ctx: WriteContext, next: SecurityPolicy): SecurityPolicy {
  const before = getPolicy(db);
  if (next.version !== before.version) throw new AppError('CONFLICT', '安全策略已被他人修改，请刷新后重试。');
  const after = { ...next, version: before.version + 1 };
  db.prepare("INSERT INTO settings (key, value) VALUES ('securityPolicy', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(after));
  writeAudit(db, ctx, 'policy', 'security', null, before, after);
  return after;
}

function checkPassword(db: Db, password: string, name: string): void {
  const problem = passwordProblem(password, getPolicy(db), name);
  if (problem) throw new AppError('INVALID_INPUT', problem);
}

export interface NewAccount {
  name: string;
  displayName: string;
  role: Role;
  password: string;
  /** Demo accounts skip the forced change (their random password is shown once). */
  demo?: boolean;
  /** false: the person chose this password themselves (set-up), so no forced change. Default true. */
  mustChange?: boolean;
}

export function createAccount(db: Db, ctx: WriteContext, a: NewAccount, prehashed?: Hashed): AccountRow {
  if (rowByName(db, a.name)) throw new AppError('CONFLICT', `账号名「${a.name}」已被使用，请换一个。`);
  checkPassword(db, a.password, a.name);
  const pw = prehashed ?? hashPassword(a.password);
  const now = ctx.now();
  const id = Number(
    db
      .prepare('INSERT INTO accounts (name, display_name, role, pw_hash, pw_salt, pw_params, pw_changed_at, must_change, demo, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(a.name.trim(), a.displayName.trim(), a.role, pw.hash, pw.salt, pw.params, now, a.demo || a.mustChange === false ? 0 : 1, a.demo ? 1 : 0, now).lastInsertRowid,
  );
  const row = getAccount(db, id);
  writeAudit(db, ctx, 'create', 'account', id, null, row);
  return row;
}

function bump(db: Db, id: number, version: number): AccountRow {
  const cur = getAccount(db, id);
  if (cur.version !== version) throw new AppError('CONFLICT', `账号「${cur.name}」已被他人修改，请刷新后重试。`);
  return cur;
}

export function updateAccount(db: Db, ctx: WriteContext, selfId: number, p: { id: number; version: number; displayName?: string; role?: Role; disabled?: boolean }): AccountRow {
  const before = bump(db, p.id, p.version);
  if (p.id === selfId && ((p.role && p.role !== before.role) || p.disabled)) throw new AppError('INVALID_INPUT', '不能修改自己的角色或停用自己，请由另一位系统管理员操作。');
  const role = p.role ?? before.role;
  // The last active 系统管理员 cannot be demoted or disabled: nobody could manage accounts after.
  if (before.role === '系统管理员' && (role !== '系统管理员' || p.disabled)) {
    const others = (db.prepare("SELECT COUNT(*) AS n FROM accounts WHERE role = '系统管理员' AND disabled = 0 AND id <> ?").get(p.id) as { n: number }).n;
    if (others === 0) throw new AppError('INVALID_INPUT', '这是唯一可用的系统管理员账号，不能改为其他角色或停用。请先新建另一个系统管理员。');
  }
  db.prepare('UPDATE accounts SET display_name = ?, role = ?, disabled = ?, version = version + 1 WHERE id = ?').run(p.displayName ?? before.displayName, role, (p.disabled ?? before.disabled) ? 1 : 0, p.id);
  const after = getAccount(db, p.id);
  writeAudit(db, ctx, before.role !== after.role ? 'role' : 'update', 'account', p.id, before, after);
  return after;
}

export function resetPassword(db: Db, ctx: WriteContext, p: { id: number; version: number; password: string }): AccountRow {
  const before = bump(db, p.id, p.version);
  checkPassword(db, p.password, before.name);
  const pw = hashPassword(p.password);
  db.prepare('UPDATE accounts SET pw_hash = ?, pw_salt = ?, pw_params = ?, pw_changed_at = ?, must_change = 1, failed_count = 0, locked_until = NULL, version = version + 1 WHERE id = ?').run(pw.hash, pw.salt, pw.params, ctx.now(), p.id);
  const after = getAccount(db, p.id);
  writeAudit(db, ctx, 'resetPassword', 'account', p.id, before, after);
  return after;
}

export function unlockAccount(db: Db, ctx: WriteContext, p: { id: number; version: number }): AccountRow {
  const before = bump(db, p.id, p.version);
  db.prepare('UPDATE accounts SET failed_count = 0, locked_until = NULL, version = version + 1 WHERE id = ?').run(p.id);
  const after = getAccount(db, p.id);
  writeAudit(db, ctx, 'unlock', 'account', p.id, before, after);
  return after;
}

/** The account's password typed again to confirm a step (not counted as a login). */
export function confirmOwnPassword(db: Db, id: number, password: string): void {
  const r = db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as Row | undefined;
  if (!r || !verify(r, password)) throw new AppError('FORBIDDEN', '密码不正确，没有执行这一步。');
}

/** The account's own change: the current password is checked again, the new one must differ. */
export function changeOwnPassword(db: Db, ctx: WriteContext, id: number, current: string, next: string): AccountRow {
  const r = db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND', '账号已不存在，请重新登录。');
  if (!verify(r, current)) throw new AppError('INVALID_INPUT', '原密码不正确，密码没有修改。');
  if (current === next) throw new AppError('INVALID_INPUT', '新密码不能与原密码相同。');
  checkPassword(db, next, r.name);
  const pw = hashPassword(next);
  db.prepare('UPDATE accounts SET pw_hash = ?, pw_salt = ?, pw_params = ?, pw_changed_at = ?, must_change = 0, version = version + 1 WHERE id = ?').run(pw.hash, pw.salt, pw.params, ctx.now(), id);
  writeAudit(db, ctx, 'changePassword', 'account', id, null, null);
  return getAccount(db, id);
}

/** An account's stored password hash, salt and parameters (no secret: the password cannot be read back from them). */
export interface PasswordVerifier {
  hash: string;
  salt: string;
  params: string;
}

const verifierOf = (r: Row): PasswordVerifier => ({ hash: r.pw_hash, salt: r.pw_salt, params: r.pw_params });

/** The account's password hash as stored now (db/slotBinding.ts ties a key slot to it). */
export function passwordVerifier(db: Db, id: number): PasswordVerifier | null {
  const r = db.prepare('SELECT pw_hash, pw_salt, pw_params FROM accounts WHERE id = ?').get(id) as Row | undefined;
  return r ? verifierOf(r) : null;
}

function verify(r: Row, password: string): boolean {
  const expected = Buffer.from(r.pw_hash, 'base64');
  const got = scrypt(password, Buffer.from(r.pw_salt, 'base64'), JSON.parse(r.pw_params) as ScryptParams);
  return got.length === expected.length && timingSafeEqual(got, expected);
}

// A hash for unknown names, so a wrong name costs as long as a wrong password.
let dummy: Row | null = null;

export type LoginOutcome = { ok: true; account: AccountRow } | { ok: false; message: string };

/**
 * Checks a login and keeps the count: the caller runs it in one transaction (its audit rows are
 * written either way). Unknown names and wrong passwords answer alike. The lock and the disabled
 * flag are checked before `proven` is asked.
 */
export function checkLogin(db: Db, ctx: WriteContext, name: string, password: string, record = true, proven?: (v: PasswordVerifier) => boolean): LoginOutcome {
  const audit: typeof writeAudit = (...a) => record && writeAudit(...a);
  const run = (sql: string, ...p: unknown[]) => record && db.prepare(sql).run(...p);
  const r = rowByName(db, name);
  const now = ctx.now();
  const wrong = { ok: false as const, message: '账号或密码不正确。' };
  if (!r) {
    if (!dummy) {
      const h = hashPassword(randomBytes(12).toString('base64'));
      dummy = { pw_hash: h.hash, pw_salt: h.salt, pw_params: h.params } as Row;
    }
    verify(dummy, password);
    audit(db, ctx, 'loginFailed', 'account', null, null, { name: name.slice(0, 64) });
    return wrong;
  }
  const account = toAccount(r);
  if (r.locked_until && r.locked_until > now) {
    audit(db, ctx, 'loginLocked', 'account', r.id, null, { name: r.name, lockedUntil: r.locked_until });
    return { ok: false, message: `密码连续错误 ${MAX_FAILURES} 次，账号已锁定至 ${shanghaiTime(r.locked_until)}。请稍后再试，或请系统管理员解锁。` };
  }
  if (r.disabled) {
    audit(db, ctx, 'loginFailed', 'account', r.id, null, { name: r.name, reason: 'disabled' });
    return { ok: false, message: '账号已停用，请联系系统管理员。' };
  }
  // `proven`: this very password was already shown to match this hash (db/slotBinding.ts), so
  // deriving it again would prove nothing new. Otherwise the hash is checked in full.
  if (!proven?.(verifierOf(r)) && !verify(r, password)) return countFailure(db, ctx, r, record);
  // Raised parameters apply at the next good login.
  if (r.pw_params !== JSON.stringify(SCRYPT_PARAMS)) {
    const pw = hashPassword(password);
    run('UPDATE accounts SET pw_hash = ?, pw_salt = ?, pw_params = ? WHERE id = ?', pw.hash, pw.salt, pw.params, r.id);
  }
  run('UPDATE accounts SET failed_count = 0, locked_until = NULL WHERE id = ?', r.id);
  audit(db, { ...ctx, actor: r.name }, 'login', 'account', r.id, null, { name: r.name, role: r.role });
  return { ok: true, account: { ...account, failedCount: 0, lockedUntil: null } };
}

/** One more wrong password for an existing account: counted, audited, and locked at MAX_FAILURES. */
function countFailure(db: Db, ctx: WriteContext, r: Row, record: boolean, detail: Record<string, unknown> = {}): LoginOutcome {
  const now = ctx.now();
  // An expired lock starts a new count.
  const failed = (r.locked_until && r.locked_until <= now ? 0 : r.failed_count) + 1;
  const lockedUntil = failed >= MAX_FAILURES ? new Date(Date.parse(now) + LOCK_MINUTES * 60_000).toISOString() : null;
  if (record) {
    db.prepare('UPDATE accounts SET failed_count = ?, locked_until = ? WHERE id = ?').run(lockedUntil ? 0 : failed, lockedUntil, r.id);
    writeAudit(db, ctx, 'loginFailed', 'account', r.id, null, { name: r.name, failures: failed, ...detail });
    if (lockedUntil) writeAudit(db, ctx, 'lockout', 'account', r.id, null, { name: r.name, lockedUntil, ...detail });
  }
  if (lockedUntil) return { ok: false, message: `密码连续错误 ${MAX_FAILURES} 次，账号已锁定 ${LOCK_MINUTES} 分钟（至 ${shanghaiTime(lockedUntil)}）。` };
  return { ok: false, message: `账号或密码不正确。再错 ${MAX_FAILURES - failed} 次账号将锁定 ${LOCK_MINUTES} 分钟。` };
}

/**
 * Wrong passwords typed while the encrypted register was still locked (electron/unlock.ts): once
 * it is open they are counted and audited as if typed at the login page, each at its own time.
 */
export function recordFailuresBeforeUnlock(db: Db, failures: Array<{ name: string; at: string }>): void {
  for (const f of failures) {
    const ctx = { actor: f.name.slice(0, 64), now: () => f.at };
    const r = rowByName(db, f.name);
    if (r && r.locked_until && r.locked_until > f.at) writeAudit(db, ctx, 'loginLocked', 'account', r.id, null, { name: r.name, lockedUntil: r.locked_until, beforeUnlock: true });
    else if (r) countFailure(db, ctx, r, true, { beforeUnlock: true });
    else writeAudit(db, ctx, 'loginFailed', 'account', null, null, { name: f.name.slice(0, 64), beforeUnlock: true });
  }
}

function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

