// Encryption wired into login (issues 16 + 17), through the real web host on real files: set-up
// encrypts the new register and hands out its recovery key once; after a restart the register is
// locked until an account's password unlocks it; wrong passwords typed meanwhile are counted and
// audited once it opens; account changes keep the key file in step; the recovery key resets a
// 系统管理员; a plain register is encrypted from the accounts page; a backup downloads with its key
// file; a plain copy needs the password again and is audited.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unzipSync } from 'fflate';
import { fileKind, forgetKeys, keysFileFor } from '../../db/cipher.js';
import { listSlots, readKeyFile, unlockKey } from '../../db/keyring.js';
import { hashPassword } from '../../db/accounts.js';
import { connect } from '../../db/sqlite.js';
import { openRecoverableCore, type RecoverableCore } from '../../electron/recovery.js';
import { startWebHost, type WebHost } from '../../electron/webhost.js';
import { webAuthFor } from '../../electron/webAuth.js';
import { DownloadStore } from '../../electron/downloads.js';
import { RENDERER_DIR } from '../../electron/renderer-dir.js';
import { tempDir } from './helpers.js';

const SETUP = { cityName: '河城市', cityPrefix: 'HC', regions: ['河东区', '河西县'], name: 'root', displayName: '周系统', password: 'Hecheng-2026!' };
const ANALYST = { name: 'analyst', displayName: '李研判', role: '研判员', password: 'Yanpan-Li-001' };

interface Running {
  core: RecoverableCore;
  host: WebHost;
  stop: () => Promise<void>;
}

// Each test derives several scrypt keys (≈0.3–0.5 s each, far more on a loaded machine).
vi.setConfig({ testTimeout: 180_000 });

const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
  forgetKeys();
});

/** A web host on the register, as `yanpan serve` starts it. `fresh`: a new process (no key in memory). */
async function start(dbPath: string, fresh = true): Promise<Running> {
  if (fresh) forgetKeys();
  const now = () => new Date().toISOString();
  const core = openRecoverableCore({ dbPath, host: 'web', now, downloads: new DownloadStore({ inlineLimit: 1024 }) });
  const host = await startWebHost({ dispatch: core.dispatch, staticDir: RENDERER_DIR, downloads: core.downloads, auth: webAuthFor(core, now, dbPath) });
  const r = { core, host, stop: async () => (await host.close(), core.close()) };
  running.push(r);
  return r;
}

async function stop(r: Running): Promise<void> {
  running.splice(running.indexOf(r), 1);
  await r.stop();
}

async function post(r: Running, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${r.host.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '' };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the fields its method returns
type Answer = { ok: boolean; value?: any; error?: { code: string; message: string } };

/** Logs in; returns a function calling the API as that session. */
async function login(r: Running, name: string, password: string) {
  const a = await post(r, 'auth/login', { name, password });
  if (a.status !== 200) throw new Error(`login ${name}: ${a.status} ${String(a.body.message)}`);
  const headers = { cookie: a.cookie, 'x-yanpan-csrf': String(a.body.csrf) };
  return async (method: string, input: unknown = {}) => (await post(r, `api/${method}`, input, headers)).body as Answer;
}

async function setUp(dir: string) {
  const dbPath = join(dir, 'yanpan.db');
  const r = await start(dbPath);
  // Before set-up the page is told where the register lives (here: the file given with --db).
  expect((await post(r, 'auth/session', {})).body).toEqual({ state: 'setup', register: { dbPath, dbLocation: { scope: 'chosen', note: null } } });
  const s = await post(r, 'auth/setup', SETUP);
  expect(s.status, String(s.body.message)).toBe(200);
  return { dbPath, r, setup: s };
}

describe('set-up encrypts the new register', () => {
  it('hands out a recovery key once; the file is encrypted, its key file names the 系统管理员; the bureau is not readable on disk', async () => {
    const { dbPath, r, setup } = await setUp(tempDir());
    expect(String(setup.body.recoveryKey)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
    expect(fileKind(dbPath)).toBe('encrypted');
    expect(listSlots(dbPath)).toEqual([{ kind: 'account', account: 'root' }, { kind: 'recovery' }]);
    await stop(r);
    for (const f of [dbPath, `${dbPath}-wal`]) if (existsSync(f)) expect(readFileSync(f).includes(Buffer.from('河城市'))).toBe(false);
    // The session answer after set-up never repeats the key.
    const again = await start(dbPath);
    expect((await post(again, 'auth/session', {})).body).toEqual({ state: 'out' });
  });
});

describe('a restarted host: locked until a password unlocks it', () => {
  it('refuses the API, counts wrong passwords before the unlock, and writes them to the audit once open', async () => {
    const { dbPath, r } = await setUp(tempDir());
    const admin = await login(r, 'root', SETUP.password);
    expect((await admin('accounts.create', ANALYST)).ok).toBe(true);
    // The new account got its own copy of the key at once.
    expect(listSlots(dbPath).map((s) => s.account ?? s.kind)).toEqual(['root', 'recovery', 'analyst']);
    await stop(r);
    const before = readFileSync(dbPath);

    const r2 = await start(dbPath);
    expect(r2.core.locked()).toBe(true);
    expect((await post(r2, 'api/risks.list', {})).status).toBe(401);
    const wrong = await post(r2, 'auth/login', { name: 'root', password: 'Not-the-pass-1' });
    expect(wrong.status).toBe(403);
    expect(String(wrong.body.message)).toContain('台账未能解锁');
    expect(String(wrong.body.message)).toContain('再错 4 次');
    // Nothing was written while locked.
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    // The 研判员 unlocks it (forced change first: it was created with an initial password).
    const analyst = await login(r2, 'analyst', ANALYST.password);
    expect(r2.core.locked()).toBe(false);
    expect((await analyst('session.me')).value.mustChange).toBe(true);
    const db = r2.core.current()!.db;
    const failed = db.prepare("SELECT actor, after FROM audit_log WHERE action = 'loginFailed'").all() as Array<{ actor: string; after: string }>;
    expect(failed).toHaveLength(1);
    expect(failed[0].actor).toBe('root');
    expect(JSON.parse(failed[0].after)).toMatchObject({ name: 'root', failures: 1, beforeUnlock: true });
    expect((db.prepare("SELECT failed_count FROM accounts WHERE name = 'root'").get() as { failed_count: number }).failed_count).toBe(1);
  });

  it('locks an account after 5 wrong passwords before the unlock: even the right one is refused then', async () => {
    const { dbPath, r } = await setUp(tempDir());
    await stop(r);
    const r2 = await start(dbPath);
    for (let i = 1; i <= 4; i++) expect((await post(r2, 'auth/login', { name: 'root', password: `Wrong-pass-${i}` })).status).toBe(403);
    expect(String((await post(r2, 'auth/login', { name: 'root', password: 'Wrong-pass-5' })).body.message)).toContain('已锁定 10 分钟');
    const right = await post(r2, 'auth/login', { name: 'root', password: SETUP.password });
    expect(right.status).toBe(403);
    expect(r2.core.locked()).toBe(true);
  });

  it('a password change re-wraps the key: after a restart the old password no longer unlocks, the new one does', async () => {
    const { dbPath, r } = await setUp(tempDir());
    const admin = await login(r, 'root', SETUP.password);
    const changed = await admin('session.changePassword', { current: SETUP.password, next: 'Hecheng-2027!' });
    expect(changed.ok, changed.error?.message).toBe(true);
    await stop(r);
    const r2 = await start(dbPath);
    expect((await post(r2, 'auth/login', { name: 'root', password: SETUP.password })).status).toBe(403);
    // The old password did not even unlock the register.
    expect(r2.core.locked()).toBe(true);
    await login(r2, 'root', 'Hecheng-2027!');
    expect(r2.core.locked()).toBe(false);
  });

  it('an admin reset re-wraps the account’s copy; a disabled account loses its copy', async () => {
    const { dbPath, r } = await setUp(tempDir());
    const admin = await login(r, 'root', SETUP.password);
    const a = (await admin('accounts.create', ANALYST)).value as { id: number; version: number };
    const reset = await admin('accounts.resetPassword', { id: a.id, version: a.version, password: 'Chongzhi-2026' });
    expect(reset.ok, reset.error?.message).toBe(true);
    await stop(r);
    let r2 = await start(dbPath);
    expect((await post(r2, 'auth/login', { name: 'analyst', password: ANALYST.password })).status).toBe(403);
    expect(r2.core.locked()).toBe(true);
    const as2 = await login(r2, 'analyst', 'Chongzhi-2026');
    expect((await as2('session.me')).value.mustChange).toBe(true);
    const admin2 = await login(r2, 'root', SETUP.password);
    const row = ((await admin2('accounts.list')).value as Array<{ id: number; name: string; version: number }>).find((x) => x.name === 'analyst')!;
    expect((await admin2('accounts.update', { id: row.id, version: row.version, disabled: true })).ok).toBe(true);
    expect(listSlots(dbPath).some((s) => s.account === 'analyst')).toBe(false);
    await stop(r2);
    r2 = await start(dbPath);
    expect((await post(r2, 'auth/login', { name: 'analyst', password: 'Chongzhi-2026' })).status).toBe(403);
    expect(r2.core.locked()).toBe(true);
  });
});

describe('wrong passwords against a locked register: the command line and the login page count together', () => {
  it('three on the command line and two at the login page lock the account; the register audits all five once open', async () => {
    const { dbPath, r } = await setUp(tempDir());
    const admin = await login(r, 'root', SETUP.password);
    expect((await admin('accounts.create', ANALYST)).ok).toBe(true);
    await stop(r);
    forgetKeys();
    const bin = join(import.meta.dirname, '..', '..', 'scripts', 'yanpan.mjs');
    for (let i = 1; i <= 3; i++) {
      const cli = spawnSync(process.execPath, [bin, 'call', 'risks.list', '{}', '--db', dbPath], { encoding: 'utf8', env: { ...process.env, YANPAN_USER: 'root', YANPAN_PASSWORD: `Wrong-pass-${i}` } });
      expect(cli.status).toBe(1);
      expect(cli.stderr).toContain(`再错 ${5 - i} 次`);
    }
    const r2 = await start(dbPath);
    expect(String((await post(r2, 'auth/login', { name: 'root', password: 'Wrong-pass-4' })).body.message)).toContain('再错 1 次');
    expect(String((await post(r2, 'auth/login', { name: 'ROOT', password: 'Wrong-pass-5' })).body.message)).toContain('已锁定 10 分钟');
    // Locked: even the right password is refused, on the command line too.
    expect((await post(r2, 'auth/login', { name: 'root', password: SETUP.password })).status).toBe(403);
    const cli = spawnSync(process.execPath, [bin, 'call', 'risks.list', '{}', '--db', dbPath], { encoding: 'utf8', env: { ...process.env, YANPAN_USER: 'root', YANPAN_PASSWORD: SETUP.password } });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('已锁定');
    // spawnSync held this process's event loop (host and client alike) for seconds under load: let
    // the host's overdue keep-alive timeout close the idle connection before the next request,
    // rather than race it on that socket (ECONNRESET).
    await new Promise((settle) => setTimeout(settle, 100));
    // Another account opens the register: every failure is counted and audited there.
    await login(r2, 'analyst', ANALYST.password);
    const db = r2.core.current()!.db;
    const rows = db.prepare("SELECT after FROM audit_log WHERE action IN ('loginFailed', 'lockout', 'loginLocked') ORDER BY id").pluck().all() as string[];
    expect(rows.filter((x) => JSON.parse(x).beforeUnlock)).toHaveLength(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(7);
    expect((db.prepare("SELECT locked_until FROM accounts WHERE name = 'root'").pluck().get() as string | null) !== null).toBe(true);
  });
});

describe('the recovery key', () => {
  it('sets a 系统管理员’s new password when every password is lost; a wrong key changes nothing', async () => {
    const { dbPath, r, setup } = await setUp(tempDir());
    const key = String(setup.body.recoveryKey);
    await stop(r);
    const r2 = await start(dbPath);
    const bad = await post(r2, 'auth/recover', { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', name: 'root', password: 'Xinmima-2026!' });
    expect(bad.status).toBe(403);
    expect(String(bad.body.message)).toContain('恢复密钥不正确');
    expect(r2.core.locked()).toBe(true);
    // Typed in lower case with spaces, as read off the paper.
    const good = await post(r2, 'auth/recover', { recoveryKey: key.toLowerCase().replace(/-/g, ' '), name: 'root', password: 'Xinmima-2026!' });
    expect(good.status, String(good.body.message)).toBe(200);
    await stop(r2);
    const r3 = await start(dbPath);
    const admin = await login(r3, 'root', 'Xinmima-2026!');
    expect((await admin('session.me')).value.mustChange).toBe(true);
    const used = r3.core.current()!.db.prepare("SELECT actor FROM audit_log WHERE action = 'recoveryKeyUsed'").all();
    expect(used).toEqual([{ actor: '恢复密钥' }]);
  });
});

describe('the 系统管理员’s 台账加密 panel', () => {
  it('encrypts a plain register in place (other accounts join at their next login), then downloads a backup with its key file', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'yanpan.db');
    // A register set up before encryption existed: plain, with two accounts.
    const r = await start(dbPath);
    const { setup } = await import('../../electron/session.js');
    setup(r.core.current()!.db, SETUP, () => new Date().toISOString());
    const admin = await login(r, 'root', SETUP.password);
    expect((await admin('accounts.create', ANALYST)).ok).toBe(true);
    expect(fileKind(dbPath)).toBe('plain');
    expect((await admin('register.encryption')).value).toMatchObject({ encrypted: false });
    expect((await admin('register.encrypt', { password: 'Wrong-pass-77', deletePlainBackups: false })).ok).toBe(false);
    expect(fileKind(dbPath)).toBe('plain');
    const enc = await admin('register.encrypt', { password: SETUP.password, deletePlainBackups: false });
    expect(enc.ok, enc.error?.message).toBe(true);
    expect(String(enc.value.recoveryKey)).toHaveLength(29);
    expect(fileKind(dbPath)).toBe('encrypted');
    // The same session goes on working on the encrypted register.
    expect((await admin('register.encryption')).value).toMatchObject({ encrypted: true, unlockAccounts: ['root'], hasRecoveryKey: true });
    const analyst = await login(r, 'analyst', ANALYST.password);
    expect(listSlots(dbPath).map((s) => s.account ?? s.kind)).toEqual(['root', 'recovery', 'analyst']);
    expect((await analyst('session.me')).ok).toBe(true);

    // A backup of an encrypted register goes out as a .zip with its key file.
    const analystAfter = await login(r, 'analyst', ANALYST.password);
    await analystAfter('session.changePassword', { current: ANALYST.password, next: 'Yanpan-Li-002' });
    const b = await analystAfter('backups.create');
    expect(b.ok, b.error?.message).toBe(true);
    const dl = await analystAfter('backups.download', { name: b.value.name });
    expect(dl.ok, dl.error?.message).toBe(true);
    expect(dl.value.fileName).toBe(`${b.value.name}.zip`);
    const res = await fetch(`${r.host.url}download/${dl.value.downloadId}`, { headers: { cookie: (await post(r, 'auth/login', { name: 'analyst', password: 'Yanpan-Li-002' })).cookie } });
    expect(res.status).toBe(200);
    const zip = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(zip.length);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual([b.value.name, `${b.value.name}.keys`]);
    expect(Buffer.from(files[`${b.value.name}.keys`]).equals(readFileSync(keysFileFor(join(dir, 'backups', b.value.name))))).toBe(true);
    expect(Buffer.from(files[b.value.name]).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  it('a plain copy needs the password again, is plain SQLite with every risk, and is audited', async () => {
    const { r } = await setUp(tempDir());
    const admin = await login(r, 'root', SETUP.password);
    const refused = await admin('backups.exportPlain', { password: 'Wrong-pass-77' });
    expect(refused.error?.message).toContain('密码不正确');
    const copy = await admin('backups.exportPlain', { password: SETUP.password });
    expect(copy.ok, copy.error?.message).toBe(true);
    const bytes = copy.value.dataBase64 ? Buffer.from(copy.value.dataBase64, 'base64') : Buffer.from(await (await fetch(`${r.host.url}download/${copy.value.downloadId}`, { headers: { cookie: (await post(r, 'auth/login', { name: 'root', password: SETUP.password })).cookie } })).arrayBuffer());
    expect(bytes.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    const out = join(tempDir(), 'plain.db');
    (await import('node:fs')).writeFileSync(out, bytes);
    const plain = connect(out, { readonly: true });
    try {
      expect(plain.prepare("SELECT value FROM settings WHERE key = 'cityName'").pluck().get()).toBe(SETUP.cityName);
    } finally {
      plain.close();
    }
    const db = r.core.current()!.db;
    expect(db.prepare("SELECT actor FROM audit_log WHERE action = 'plainExport'").all()).toEqual([{ actor: 'root' }]);
  });
});

describe('a restore does not undo the encryption or the accounts', () => {
  it('a plain backup from before accounts: restored, encrypted again with the same key file, the accounts kept', async () => {
    const { dbPath, r } = await setUp(tempDir());
    const admin = await login(r, 'root', SETUP.password);
    const keysBefore = readFileSync(keysFileFor(dbPath));
    // A backup made before accounts and encryption existed: plain, no accounts, one risk.
    const { openDatabase } = await import('../../db/open.js');
    const { backupPath } = await import('../../db/backups.js');
    const old = join(tempDir(), 'old.db');
    const odb = openDatabase(old);
    odb.prepare("INSERT INTO settings (key, value) VALUES ('cityName', '旧城市') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
    odb.prepare('DELETE FROM accounts').run();
    odb.pragma('wal_checkpoint(TRUNCATE)');
    odb.close();
    const name = backupPath(dbPath, '2026-11-01T02:00:00.000Z', 'manual');
    const fs = await import('node:fs');
    fs.mkdirSync(join(dirname(name)), { recursive: true });
    fs.copyFileSync(old, name);
    const restored = await admin('backups.restore', { name: name.split('/').pop() });
    expect(restored.ok, restored.error?.message).toBe(true);
    expect(fileKind(dbPath)).toBe('encrypted');
    expect(readFileSync(keysFileFor(dbPath)).equals(keysBefore)).toBe(true);
    const db = r.core.current()!.db;
    expect(db.prepare("SELECT value FROM settings WHERE key = 'cityName'").pluck().get()).toBe('旧城市');
    expect(db.prepare('SELECT name FROM accounts').pluck().all()).toEqual(['root']);
    // A new process: locked, and root's password (in the kept key file) still unlocks it.
    await stop(r);
    const r2 = await start(dbPath);
    expect((await post(r2, 'auth/session', {})).body).toEqual({ state: 'out' });
    await login(r2, 'root', SETUP.password);
    expect(r2.core.locked()).toBe(false);
  });
});

describe('the login at a just-started host (issue 16: under 1 s)', () => {
  it('derives once when the key file binds the slot to the register’s hash; a hash changed behind the slot’s back is checked in full and refused', async () => {
    const { dbPath, r } = await setUp(tempDir());
    await stop(r);
    expect(readKeyFile(dbPath).bindings).toBeUndefined();
    // The first unlocking login checks both and binds them.
    const r2 = await start(dbPath);
    await login(r2, 'root', SETUP.password);
    expect(Object.keys(readKeyFile(dbPath).bindings ?? {})).toEqual(['root']);
    await stop(r2);
    // The next one logs in on the binding.
    const r3 = await start(dbPath);
    await login(r3, 'root', SETUP.password);
    await stop(r3);
    // The hash in the register replaced without the slot (as a mixed restore or a half-done write
    // could leave them): the slot still opens with the old password, the binding no longer holds,
    // the hash is checked and refuses it.
    forgetKeys();
    const db = connect(dbPath, { key: unlockKey(dbPath, { account: 'root', password: SETUP.password }) });
    const other = hashPassword('Qita-Mima-2026');
    db.prepare("UPDATE accounts SET pw_hash = ?, pw_salt = ?, pw_params = ? WHERE name = 'root'").run(other.hash, other.salt, other.params);
    db.close();
    const r4 = await start(dbPath);
    const refused = await post(r4, 'auth/login', { name: 'root', password: SETUP.password });
    expect(refused.status).toBe(403);
    expect(String(refused.body.message)).toContain('账号或密码不正确');
  });

  it('the command line derives once too: its first call binds the slot, later calls log in on the binding, a changed hash is still refused', async () => {
    const { dbPath, r } = await setUp(tempDir());
    await stop(r);
    forgetKeys();
    const bin = join(import.meta.dirname, '..', '..', 'scripts', 'yanpan.mjs');
    const call = () => spawnSync(process.execPath, [bin, 'call', 'accounts.list', '{}', '--db', dbPath], { encoding: 'utf8', env: { ...process.env, YANPAN_USER: 'root', YANPAN_PASSWORD: SETUP.password } });
    expect(readKeyFile(dbPath).bindings).toBeUndefined();
    expect(call().status).toBe(0);
    const bound = readKeyFile(dbPath).bindings;
    expect(Object.keys(bound ?? {})).toEqual(['root']);
    expect(call().status).toBe(0);
    expect(readKeyFile(dbPath).bindings).toEqual(bound);
    // The register's hash replaced behind the slot's back: the binding no longer holds, the command
    // checks the hash in full and refuses the old password.
    const db = connect(dbPath, { key: unlockKey(dbPath, { account: 'root', password: SETUP.password }) });
    const other = hashPassword('Qita-Mima-2026');
    db.prepare("UPDATE accounts SET pw_hash = ?, pw_salt = ?, pw_params = ? WHERE name = 'root'").run(other.hash, other.salt, other.params);
    db.close();
    forgetKeys();
    const refused = call();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('账号或密码不正确');
  });

  it('a large register’s check after start waits past the unlocking login for the first page and a quiet moment, then runs and reports', async () => {
    const { dbPath, r } = await setUp(tempDir());
    await stop(r);
    forgetKeys();
    // Every register counts as large here, so its contents are checked on a worker after start.
    const core = openRecoverableCore({ dbPath, host: 'web', checkBeforeOpenMaxBytes: 0, startWorkIdleMs: 300 });
    try {
      const caller = core.login('root', SETUP.password);
      const c = core.current()!;
      expect(c.checkStarted()).toBe(false);
      // The first page's call answered: the check still waits for the quiet time.
      expect((await core.dispatch('app.info', {}, caller)).ok).toBe(true);
      expect(c.checkStarted()).toBe(false);
      expect(await c.checked).toEqual([]);
      expect(c.checkStarted()).toBe(true);
      expect(core.current()).toBe(c);
    } finally {
      core.close();
    }
  });

  it('damage the check finds after that login puts the host in recovery mode', async () => {
    const { dbPath, r } = await setUp(tempDir());
    await stop(r);
    forgetKeys();
    // One page of the 领域 table (the login never reads it), found on a keyed connection, then
    // damaged in the file: its tag no longer matches.
    const db = connect(dbPath, { key: unlockKey(dbPath, { account: 'root', password: SETUP.password }) });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const page = db.prepare("SELECT pageno FROM dbstat WHERE name = 'domains' ORDER BY pageno DESC LIMIT 1").pluck().get() as number;
    db.close();
    forgetKeys();
    const bytes = readFileSync(dbPath);
    for (let i = (page - 1) * pageSize + 100; i < (page - 1) * pageSize + 200; i++) bytes[i] ^= 0x5a;
    writeFileSync(dbPath, bytes);
    const core = openRecoverableCore({ dbPath, host: 'web', checkBeforeOpenMaxBytes: 0, startWorkLatestMs: 0 });
    try {
      core.login('root', SETUP.password);
      expect((await core.current()!.checked)!.length).toBeGreaterThan(0);
      const info = await core.dispatch('app.info', {});
      expect(!info.ok && info.error.message).toMatch(/数据库文件已损坏/);
    } finally {
      core.close();
    }
  });
});
