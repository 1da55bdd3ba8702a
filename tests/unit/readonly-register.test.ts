// A register this user may not write (a read-only folder and file: a shared drive, a copy handed
// over, a locked-down PC) is still read, checked and exported, writes are refused in Chinese as
// read-only (never as damage), and no byte on disk changes (issue 11, finding 7). Run as another
// user when the tests run as root, since root ignores permissions.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'scripts', 'yanpan.mjs');
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

/** The demo's 研判员, as `yanpan demo` printed it (its password is random). */
let login: Record<string, string> = {};

function yanpanAsReader(home: string, ...args: string[]) {
  const env = { ...process.env, ...login, YANPAN_HOME: home, HOME: home };
  const r = asRoot
    ? spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, BIN, ...args], { encoding: 'utf8', env })
    : spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const digest = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));

describe('a register that cannot be written here', () => {
  const root = tempDir();
  const dir = join(root, 'register');
  const db = join(dir, 'yanpan.db');
  afterAll(() => existsSync(dir) && chmodSync(dir, 0o755));

  it('is read, checked and exported; a write is refused as read-only; nothing on disk changes', () => {
    chmodSync(root, 0o755);
    mkdirSync(dir);
    const build = spawnSync(process.execPath, [BIN, 'demo', '--db', db, '--risks', '40', '--seed', '3', '--as-of', '2026-11-25'], { encoding: 'utf8', env: { ...process.env, YANPAN_HOME: root } });
    expect(build.status, build.stderr).toBe(0);
    const analyst = (JSON.parse(build.stdout) as { accounts: Array<{ name: string; role: string; password: string }> }).accounts.find((a) => a.role === '研判员')!;
    login = { YANPAN_USER: analyst.name, YANPAN_PASSWORD: analyst.password };
    expect(existsSync(`${db}-wal`)).toBe(false);
    // The reader's own home and output folder.
    const home = join(root, 'home');
    mkdirSync(home);
    if (asRoot) chownSync(home, NOBODY, NOBODY);
    chmodSync(db, 0o444);
    chmodSync(dir, 0o555);
    const before = digest(dir);

    const check = yanpanAsReader(home, 'check', '--db', db);
    expect(check.code, check.out + check.err).toBe(0);
    expect(JSON.parse(check.out)).toMatchObject({ ok: true, readOnly: true, problems: [] });

    const list = yanpanAsReader(home, 'call', 'risks.list', '{"pageSize":100}', '--db', db);
    expect(list.code, list.err).toBe(0);
    expect(JSON.parse(list.out).total).toBe(40);

    const out = join(home, '台账.xlsx');
    const exported = yanpanAsReader(home, 'export', '--db', db, '--out', out);
    expect(exported.code, exported.err).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');

    const write = yanpanAsReader(home, 'call', 'risks.create', '{"title":"某小区业主维权","domainId":1,"regionId":1}', '--db', db);
    expect(write.code).not.toBe(0);
    expect(write.err).toMatch(/只读/);
    expect(write.err).not.toMatch(/损坏|SqliteError|readonly database/);

    expect(digest(dir)).toEqual(before);
    // Six subprocesses, each deriving scrypt keys (a read-only key file cannot hold a binding): 18–36 s
    // on this shared 2-core machine, past vitest's default 30 s at load 15.
  }, 120_000);
});
