// Accounts: wrong passwords, lockout and its expiry (injected clock), counted across the login page
// and the command line; the password policy; the forced change and expiry.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatcher.js';
import { login } from '../../electron/session.js';
import { createAccount, getAccount, hashPassword } from '../../db/accounts.js';
import { openDatabase } from '../../db/open.js';
import type { SessionInfo } from '../../shared/accounts.js';
import type { Caller } from '../../shared/roles.js';
import { ok, tempDatabase, tempDir, testCaller } from './helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'scripts', 'yanpan.mjs');

/** A clock the test moves by hand. */
function clock(start = '2026-11-25T02:00:00.000Z') {
  let t = Date.parse(start);
  const now = () => new Date(t).toISOString();
  return { now, advance: (minutes: number) => (t += minutes * 60_000) };
}

function setup() {
  const { db, file } = tempDatabase();
  const c = clock();
  const dispatch = createDispatcher({ db, dbPath: file, host: 'web', defaultOperator: 'x', now: c.now, log: () => {} });
  const admin = testCaller('admin', '系统管理员');
  return { db, file, c, dispatch, admin };
}

const callerOf = (a: { id: number; name: string; displayName: string; role: Caller['role'] }): Caller => ({ accountId: a.id, name: a.name, displayName: a.displayName, role: a.role });

describe('login and lockout', () => {
  it('a wrong password is refused; five in a row lock for 10 minutes, even the right one; then it opens again', async () => {
    const { db, c } = setup();
    createAccount(db, { actor: 'admin', now: c.now }, { name: 'li', displayName: '李', role: '研判员', password: 'Good-pass-1' });
    expect(() => login(db, 'li', 'wrong', c.now)).toThrow(/账号或密码不正确。再错 4 次/);
    expect(() => login(db, 'nobody', 'Good-pass-1', c.now)).toThrow(/^账号或密码不正确。$/);
    for (let i = 0; i < 3; i++) expect(() => login(db, 'li', 'wrong', c.now)).toThrow(/账号或密码不正确/);
    expect(() => login(db, 'li', 'wrong', c.now)).toThrow(/已锁定 10 分钟/);
    expect(() => login(db, 'li', 'Good-pass-1', c.now)).toThrow(/已锁定至/);
    c.advance(9);
    expect(() => login(db, 'li', 'Good-pass-1', c.now)).toThrow(/已锁定至/);
    c.advance(1);
    expect(login(db, 'li', 'Good-pass-1', c.now)).toMatchObject({ name: 'li', role: '研判员' });
    // The unknown name is recorded too (no account id).
    const actions = db.prepare("SELECT action FROM audit_log WHERE entity = 'account' ORDER BY id").pluck().all();
    expect(actions).toEqual(['create', 'loginFailed', 'loginFailed', 'loginFailed', 'loginFailed', 'loginFailed', 'loginFailed', 'lockout', 'loginLocked', 'loginLocked', 'login']);
  });

  it('failures on the command line and the login page count together', () => {
    const { db, file, c } = setup();
    createAccount(db, { actor: 'admin', now: c.now }, { name: 'li', displayName: '李', role: '研判员', password: 'Good-pass-1' });
    for (let i = 0; i < 3; i++) expect(() => login(db, 'li', 'wrong', () => new Date().toISOString())).toThrow();
    db.close();
    const cli = (password: string) =>
      spawnSync(process.execPath, [BIN, 'call', 'risks.list', '{}', '--db', file], { encoding: 'utf8', env: { ...process.env, YANPAN_HOME: tempDir(), YANPAN_USER: 'li', YANPAN_PASSWORD: password } });
    expect(cli('wrong').stderr).toMatch(/再错 1 次/);
    expect(cli('wrong').stderr).toMatch(/已锁定 10 分钟/);
    const right = cli('Good-pass-1');
    expect(right.status).not.toBe(0);
    expect(right.stderr).toMatch(/已锁定至/);
    const again = openDatabase(file);
    expect(again.prepare("SELECT actor FROM audit_log WHERE action = 'loginLocked'").pluck().all()).toEqual(['li']);
    again.close();
  }, 120_000);
});

describe('password policy, forced change and expiry', () => {
  it('the policy refuses weak passwords; the 安全管理员 raises it; nobody else may', async () => {
    const { dispatch, admin } = setup();
    const weak = await dispatch('accounts.create', { name: 'wang', displayName: '王', role: '领导', password: 'abcdefgh' }, admin);
    expect(weak.ok ? '' : weak.error.message).toMatch(/至少 3 类/);
    const short = await dispatch('accounts.create', { name: 'wang', displayName: '王', role: '领导', password: 'Ab1-x' }, admin);
    expect(short.ok ? '' : short.error.message).toMatch(/至少需要 8 个字符/);
    const p = await ok<{ version: number }>(dispatch, 'security.policy', {}, admin);
    const byAdmin = await dispatch('security.setPolicy', { version: p.version, minLength: 12, minClasses: 3, expiryDays: 90, idleMinutes: 10 }, admin);
    expect(byAdmin.ok ? '' : byAdmin.error.code).toBe('FORBIDDEN');
    await ok(dispatch, 'security.setPolicy', { version: p.version, minLength: 12, minClasses: 3, expiryDays: 90, idleMinutes: 10 }, testCaller('sec', '安全管理员'));
    const ten = await dispatch('accounts.create', { name: 'wang', displayName: '王', role: '领导', password: 'Abcdef-123' }, admin);
    expect(ten.ok ? '' : ten.error.message).toMatch(/至少需要 12 个字符/);
    await ok(dispatch, 'accounts.create', { name: 'wang', displayName: '王', role: '领导', password: 'Abcdef-12345' }, admin);
  });

  it('a new or reset account must change its password first; an expired password too (0 days: never)', async () => {
    const { db, c, dispatch, admin } = setup();
    const a = await ok<{ id: number; version: number; name: string; displayName: string; role: '研判员' }>(dispatch, 'accounts.create', { name: 'zhao', displayName: '赵', role: '研判员', password: 'First-pass-1' }, admin);
    const me = callerOf(a);
    expect((await ok<SessionInfo>(dispatch, 'session.me', {}, me)).mustChange).toBe(true);
    const same = await dispatch('session.changePassword', { current: 'First-pass-1', next: 'First-pass-1' }, me);
    expect(same.ok ? '' : same.error.message).toMatch(/不能与原密码相同/);
    const wrong = await dispatch('session.changePassword', { current: 'nope', next: 'Second-pass-2' }, me);
    expect(wrong.ok ? '' : wrong.error.message).toMatch(/原密码不正确/);
    expect((await ok<SessionInfo>(dispatch, 'session.changePassword', { current: 'First-pass-1', next: 'Second-pass-2' }, me)).mustChange).toBe(false);
    const row = getAccount(db, a.id);
    await ok(dispatch, 'accounts.resetPassword', { id: a.id, version: row.version, password: 'Third-pass-3' }, admin);
    expect((await ok<SessionInfo>(dispatch, 'session.me', {}, me)).mustChange).toBe(true);
    await ok(dispatch, 'session.changePassword', { current: 'Third-pass-3', next: 'Fourth-pass-4' }, me);
    c.advance(89 * 24 * 60);
    expect((await ok<SessionInfo>(dispatch, 'session.me', {}, me)).mustChange).toBe(false);
    c.advance(24 * 60);
    expect((await ok<SessionInfo>(dispatch, 'session.me', {}, me)).mustChange).toBe(true);
    const sec = testCaller('sec', '安全管理员');
    const p = await ok<{ version: number }>(dispatch, 'security.policy', {}, sec);
    await ok(dispatch, 'security.setPolicy', { version: p.version, minLength: 8, minClasses: 3, expiryDays: 0, idleMinutes: 15 }, sec);
    expect((await ok<SessionInfo>(dispatch, 'session.me', {}, me)).mustChange).toBe(false);
  });

  it('until the password is changed, a logged-in account reaches only its session', async () => {
    const { db, c, dispatch } = setup();
    createAccount(db, { actor: 'admin', now: c.now }, { name: 'qian', displayName: '钱', role: '研判员', password: 'First-pass-1' });
    const caller = login(db, 'qian', 'First-pass-1', c.now);
    const refused = await dispatch('risks.list', {}, caller);
    expect(refused.ok ? '' : refused.error.message).toMatch(/请先修改密码/);
    await ok(dispatch, 'session.changePassword', { current: 'First-pass-1', next: 'Second-pass-2' }, caller);
    expect((await dispatch('risks.list', {}, caller)).ok).toBe(true);
  });

  it('stores scrypt hashes with a salt per account and their parameters, never the password', () => {
    const { db, c } = setup();
    for (const name of ['a1', 'a2']) createAccount(db, { actor: 'admin', now: c.now }, { name, displayName: name, role: '查看', password: 'Same-pass-1' });
    const rows = db.prepare('SELECT pw_hash, pw_salt, pw_params FROM accounts').all() as Array<{ pw_hash: string; pw_salt: string; pw_params: string }>;
    expect(rows[0].pw_salt).not.toBe(rows[1].pw_salt);
    expect(rows[0].pw_hash).not.toBe(rows[1].pw_hash);
    expect(JSON.parse(rows[0].pw_params)).toMatchObject({ N: 32768, r: 8, p: 3 });
    expect(JSON.stringify(db.prepare('SELECT * FROM accounts').all())).not.toContain('Same-pass-1');
    expect(JSON.stringify(db.prepare('SELECT * FROM audit_log').all())).not.toContain('Same-pass-1');
  });

  it('a hash stored with the former, weaker parameters is re-hashed with the current ones at the next good login, not at a failed one', () => {
    const { db, c } = setup();
    const a = createAccount(db, { actor: 'admin', now: c.now }, { name: 'old1', displayName: '老账号', role: '查看', password: 'Old-pass-2024' });
    // As the accounts of an earlier version were stored: N = 2^16, r = 8, p = 1.
    const former = hashPassword('Old-pass-2024', { N: 65536, r: 8, p: 1, keylen: 32 });
    db.prepare('UPDATE accounts SET pw_hash = ?, pw_salt = ?, pw_params = ? WHERE id = ?').run(former.hash, former.salt, former.params, a.id);
    const params = () => JSON.parse(db.prepare('SELECT pw_params FROM accounts WHERE id = ?').pluck().get(a.id) as string) as object;
    expect(() => login(db, 'old1', 'Wrong-pass-2024', c.now)).toThrow();
    expect(params()).toEqual({ N: 65536, r: 8, p: 1, keylen: 32 });
    login(db, 'old1', 'Old-pass-2024', c.now);
    expect(params()).toEqual({ N: 32768, r: 8, p: 3, keylen: 32 });
    expect(login(db, 'old1', 'Old-pass-2024', c.now).name).toBe('old1');
  });

  it('the last 系统管理员 cannot be demoted, and nobody changes their own role', async () => {
    const { db, c, dispatch } = setup();
    const a = createAccount(db, { actor: 'x', now: c.now }, { name: 'root', displayName: '根', role: '系统管理员', password: 'Admin-pass-1' });
    const other = testCaller('other', '系统管理员');
    const r = await dispatch('accounts.update', { id: a.id, version: a.version, role: '研判员' }, other);
    expect(r.ok ? '' : r.error.message).toMatch(/唯一可用的系统管理员/);
    const self = await dispatch('accounts.update', { id: a.id, version: a.version, disabled: true }, callerOf(a));
    expect(self.ok ? '' : self.error.message).toMatch(/不能修改自己的角色或停用自己/);
  });
});
