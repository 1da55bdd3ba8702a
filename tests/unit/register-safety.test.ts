// The data-loss paths found under attack (issue 11, findings 2, 3, 7, 8), each walked with real
// processes on a real register: a running web host, the command line beside it, SIGKILL.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { tempDir, testCaller, cliLogin } from './helpers.js';
import { openCore } from '../../electron/core.js';
import { RegisterBusyError } from '../../db/writerLock.js';
import { restoreDatabase } from '../../db/backups.js';

const BIN = join(import.meta.dirname, '..', '..', 'scripts', 'yanpan.mjs');

function yanpan(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...cliLogin(args), YANPAN_HOME: tempDir() } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const sha = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent');

function riskCount(file: string): number {
  const d = new Database(file, { readonly: true });
  try {
    return (d.prepare('SELECT COUNT(*) AS n FROM risks WHERE deleted_at IS NULL').get() as { n: number }).n;
  } finally {
    d.close();
  }
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

/** `yanpan serve` on the register; resolves with its URL and page token once it listens. */
async function serve(db: string, ...extra: string[]): Promise<{ child: ChildProcess; url: string; token: string }> {
  const creds = cliLogin(['call', '--db', db]);
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, ...extra], { env: { ...process.env, YANPAN_HOME: tempDir() } });
  children.push(child);
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    const t = setTimeout(() => fail(new Error(`serve did not start: ${out}`)), 60_000);
    const on = (b: Buffer) => {
      out += b.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(t);
        ok(m[1]);
      }
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
    child.on('exit', () => fail(new Error(`serve exited: ${out}`)));
  });
  // Logged in as a page would be: the session cookie and the CSRF value (kept together in `token`).
  const login = await fetch(`${url}auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: creds.YANPAN_USER, password: creds.YANPAN_PASSWORD }) });
  const { csrf } = (await login.json()) as { csrf: string };
  const token = `${login.headers.get('set-cookie')!.split(';')[0]}\n${csrf}`;
  return { child, url, token };
}

async function call(url: string, token: string, method: string, input: unknown) {
  // Node's fetch keeps connections alive; one the host closed as idle (after 5 s, while the CLI
  // ran) can fail before the request is sent: send again then, on a new connection.
  const r = await send(url, token, method, input).catch(() => send(url, token, method, input));
  return (await r.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

function send(url: string, token: string, method: string, input: unknown) {
  return fetch(`${url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: token.split('\n')[0], 'X-Yanpan-Csrf': token.split('\n')[1] }, body: JSON.stringify(input) });
}

const newRisk = (i: number) => ({ title: `并发写入测试事项${i}`, domainId: 1, regionId: 1, likelihood: 2, impact: 2 });

describe('one writer per register', () => {
  it('a running host keeps every acknowledged write: restore and writing commands are refused naming the holder; check, backup, export and reads work beside it', async () => {
    const dir = tempDir();
    const db = join(dir, 'yanpan.db');
    expect(yanpan('demo', '--db', db, '--risks', '20', '--as-of', '2026-11-23').code).toBe(0);
    const backup = join(dir, 'before.db');
    expect(yanpan('backup', '--db', db, '--out', backup).code).toBe(0);

    const { url, token } = await serve(db);
    for (let i = 0; i < 20; i++) {
      const r = await call(url, token, 'risks.create', newRisk(i));
      expect(r.ok, JSON.stringify(r.error)).toBe(true);
    }
    // The restore that used to swap the file under the host (20 of 20 writes lost) is refused.
    const restore = yanpan('restore', '--db', db, '--from', backup);
    expect(restore.code).toBe(1);
    expect(restore.err).toMatch(/正被风险研判台网页版.*打开写入/);
    expect(restore.err).toMatch(/进程 \d+/);
    // So is any other writer, with the same message and no stack.
    const write = yanpan('call', 'risks.create', JSON.stringify(newRisk(99)), '--db', db);
    expect(write.code).toBe(1);
    expect(write.err).toMatch(/正被风险研判台网页版/);
    expect(write.err).not.toMatch(/SqliteError|at .*\.ts:/);
    // Readers are welcome.
    const list = yanpan('call', 'risks.list', '{"pageSize":1}', '--db', db);
    expect(list.code, list.err).toBe(0);
    expect(JSON.parse(list.out).total).toBe(40);
    expect(yanpan('check', '--db', db).code).toBe(0);
    expect(yanpan('backup', '--db', db, '--out', join(dir, 'while-running.db')).code).toBe(0);
    expect(riskCount(join(dir, 'while-running.db'))).toBe(40);
    const exp = yanpan('export', '--db', db, '--out', join(dir, 'x.csv'));
    expect(exp.code, exp.err).toBe(0);
    expect(JSON.parse(exp.out).rows).toBe(40);

    // The host goes on writing into the same file, and every acknowledged write is there.
    expect((await call(url, token, 'risks.create', newRisk(20))).ok).toBe(true);
    expect(riskCount(db)).toBe(41);
  }, 120_000);

  it('a killed host leaves no stale lock; a second host in the same process shares it', async () => {
    const dir = tempDir();
    const db = join(dir, 'yanpan.db');
    const { child } = await serve(db);
    expect(() => openCore({ caller: testCaller(), dbPath: db, host: 'cli' })).toThrow(RegisterBusyError);
    child.kill('SIGKILL');
    await new Promise((ok) => child.once('exit', ok));
    const a = openCore({ caller: testCaller(), dbPath: db, host: 'cli' });
    const b = openCore({ caller: testCaller(), dbPath: db, host: 'web' });
    b.close();
    // The first core still holds the lock after the second closed.
    const other = spawnSync(process.execPath, [BIN, 'call', 'risks.create', JSON.stringify(newRisk(1)), '--db', db], { encoding: 'utf8' });
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/正被风险研判台命令行/);
    a.close();
    expect(yanpan('call', 'risks.create', JSON.stringify(newRisk(1)), '--db', db).code).toBe(0);
  }, 120_000);

  it('a restore from inside the host keeps the lock across its close and reopen', async () => {
    const dir = tempDir();
    const db = join(dir, 'yanpan.db');
    expect(yanpan('demo', '--db', db, '--risks', '5', '--as-of', '2026-11-23').code).toBe(0);
    const { url, token } = await serve(db);
    const made = await call(url, token, 'backups.create', {});
    expect(made.ok).toBe(true);
    const name = (made.value as { name: string }).name;
    expect((await call(url, token, 'risks.create', newRisk(1))).ok).toBe(true);
    const r = await call(url, token, 'backups.restore', { name });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    expect(riskCount(db)).toBe(5);
    expect(yanpan('call', 'risks.create', JSON.stringify(newRisk(2)), '--db', db).code).toBe(1);
    expect((await call(url, token, 'risks.create', newRisk(3))).ok).toBe(true);
    expect(riskCount(db)).toBe(6);
  }, 120_000);
});

describe('restore checks the candidate first', () => {
  function foreign(file: string, sql: string) {
    const d = new Database(file);
    d.exec(sql);
    d.close();
  }

  it.each([
    ['a 0-byte file', (f: string) => writeFileSync(f, ''), /0 字节/],
    ['a text file', (f: string) => writeFileSync(f, '编号,事项名称\n'), /不是 SQLite 数据库文件/],
    ['an empty SQLite file', (f: string) => foreign(f, 'PRAGMA user_version = 0; CREATE TABLE t (x); DROP TABLE t;'), /空的 SQLite 数据库/],
    ['a foreign SQLite file', (f: string) => foreign(f, 'PRAGMA user_version = 3; CREATE TABLE contacts (name TEXT);'), /缺少数据表/],
    ['a register from a newer version', (f: string) => foreign(f, 'PRAGMA user_version = 999; CREATE TABLE risks (id);'), /比本程序认识的 \d+ 新/],
  ])('%s is refused and the register is unchanged', async (_name, make, message) => {
    const dir = tempDir();
    const db = join(dir, 'yanpan.db');
    expect(yanpan('demo', '--db', db, '--risks', '3', '--as-of', '2026-11-23').code).toBe(0);
    const candidate = join(dir, 'candidate.db');
    make(candidate);
    const before = sha(db);
    await expect(restoreDatabase(db, candidate, '2026-11-30T02:00:00.000Z')).rejects.toThrow(message);
    const cli = yanpan('restore', '--db', db, '--from', candidate);
    expect(cli.code).toBe(1);
    expect(cli.err).toMatch(/未通过检查，不能用来恢复，台账没有改动/);
    expect(sha(db)).toBe(before);
    expect(riskCount(db)).toBe(3);
  }, 60_000);
});

describe('opening changes nothing it need not', () => {
  it('a database from a newer version with a leftover WAL is refused byte for byte untouched', () => {
    const dir = tempDir();
    const db = join(dir, 'future.db');
    expect(yanpan('demo', '--db', db, '--risks', '3', '--as-of', '2026-11-23').code).toBe(0);
    // A newer program wrote into the WAL and was killed before any checkpoint.
    const script = `const D = require(${JSON.stringify(require.resolve('better-sqlite3-multiple-ciphers'))}); const d = new D(${JSON.stringify(db)});
      d.pragma('wal_autocheckpoint = 0'); d.exec("UPDATE risks SET title = title || '（新版）'"); d.pragma('user_version = 999'); process.kill(process.pid, 'SIGKILL');`;
    spawnSync(process.execPath, ['-e', script]);
    expect(existsSync(`${db}-wal`)).toBe(true);
    const before = [sha(db), sha(`${db}-wal`)];
    expect(() => openCore({ caller: testCaller(), dbPath: db, host: 'cli' })).toThrow(/更新版本的风险研判台创建（结构版本 999/);
    for (const cmd of [['call', 'risks.list', '{}'], ['call', 'risks.create', JSON.stringify(newRisk(1))], ['demo', '--risks', '2']]) {
      const r = yanpan(...cmd, '--db', db);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/更新版本的风险研判台/);
    }
    expect([sha(db), sha(`${db}-wal`)]).toEqual(before);
  }, 60_000);

  it('a register another program is writing to still opens for reading, and a write says so in Chinese', () => {
    const dir = tempDir();
    const db = join(dir, 'yanpan.db');
    expect(yanpan('demo', '--db', db, '--risks', '4', '--as-of', '2026-11-23').code).toBe(0);
    // Another program (not yanpan) holds a write transaction on the register itself.
    const holder = spawn(process.execPath, ['-e', `const D = require(${JSON.stringify(require.resolve('better-sqlite3-multiple-ciphers'))}); const d = new D(${JSON.stringify(db)});
      d.exec('BEGIN IMMEDIATE'); d.exec("UPDATE settings SET value = value WHERE key = 'cityName'"); console.log('held'); setTimeout(() => {}, 60000);`]);
    children.push(holder);
    return new Promise<void>((done, failed) => {
      holder.stdout.once('data', () => {
        try {
          const list = yanpan('call', 'risks.list', '{"pageSize":1}', '--db', db);
          expect(list.code, list.err).toBe(0);
          expect(JSON.parse(list.out).total).toBe(4);
          const write = yanpan('call', 'risks.create', JSON.stringify(newRisk(1)), '--db', db);
          expect(write.code).toBe(1);
          expect(write.err).toMatch(/数据库正被其他程序使用/);
          expect(write.err).not.toMatch(/SqliteError|database is locked/);
          done();
        } catch (e) {
          failed(e);
        }
      });
    });
  }, 60_000);
});
