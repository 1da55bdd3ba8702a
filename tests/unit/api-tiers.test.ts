// Finding 1: a page could make the host write any file (briefs.pdf/docx took an `out` path; the
// web host forwarded every method), the live register included. Pages now reach public methods
// only; the ones that name a path are local (CLI, host process). Walked through the real web host.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract/index.js';
import { openCore, type Core } from '../../electron/core.js';
import { startWebHost, type WebHost } from '../../electron/webhost.js';
import { tempDir, testCaller, authHeaders } from './helpers.js';

let host: WebHost | null = null;
let core: Core | null = null;
afterEach(async () => {
  await host?.close();
  core?.close();
  host = null;
  core = null;
});

/** Every file under dir with its content hash. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[p] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** The same input with every string (at any depth) replaced by `path`, plus path-like keys. */
function withPaths(input: unknown, path: string): unknown {
  if (typeof input === 'string') return path;
  if (Array.isArray(input)) return input.map((x) => withPaths(x, path));
  if (input && typeof input === 'object') {
    const o = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, withPaths(v, path)]));
    return { ...o, out: path, path, file: path, dir: path };
  }
  return input;
}

describe('two tiers of API', () => {
  it('no public method called through the web host writes a file outside the register folder, the live register included', async () => {
    const root = tempDir();
    const registerDir = join(root, 'register');
    const outside = join(root, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'existing.txt'), '原有文件');
    const dbPath = join(registerDir, 'yanpan.db');
    core = openCore({ caller: testCaller(), dbPath, host: 'web', now: () => '2026-11-30T02:00:00.000Z' });
    const demo = await core.dispatch('demo.load', { risks: 10, asOf: '2026-11-23' });
    expect(demo.ok).toBe(true);
    const staticDir = tempDir();
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    host = await startWebHost({ dispatch: core.dispatch, staticDir });
    const call = async (method: string, input: unknown) => {
      const r = await fetch(`${host!.url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...authHeaders(host!) }, body: JSON.stringify(input) });
      return (await r.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } };
    };
    const before = snapshot(outside);
    const risksBefore = (core.db.prepare('SELECT COUNT(*) AS n FROM risks').get() as { n: number }).n;

    // Valid inputs for the methods that make files, aimed at the register itself and outside.
    const targets = [dbPath, `${dbPath}-wal`, join(outside, 'existing.txt'), join(outside, 'new.pdf'), '../../outside/x.db'];
    const weekly = { kind: 'weekly', asOf: '2026-11-23' };
    for (const target of targets) {
      for (const [method, input] of [
        ['briefs.docx', { request: weekly }],
        ['briefs.pdf', { request: weekly }],
        ['briefs.model', weekly],
        ['exports.register', { format: 'csv' }],
        ['backups.create', {}],
        ['briefs.savePdf', { request: weekly, out: target }],
        ['briefs.saveDocx', { request: weekly, out: target }],
      ] as const) {
        const r = await call(method, { ...input, out: target, path: target, file: target, dir: target });
        expect(r.error?.code ?? 'OK', `${method} → ${target}`).not.toBe('INTERNAL');
        if (r.ok) expect(r.value?.path, `${method} answered with a path`).toBeUndefined();
      }
    }
    // Every public method with every string set to a path outside.
    const publicMethods = Object.entries(contract).filter(([, spec]) => spec.tier === 'public').map(([name]) => name);
    for (const method of publicMethods) {
      if (method === 'demo.load' || method === 'app.initEmpty') continue; // replace the register's content by design
      for (const target of targets) await call(method, withPaths({ request: weekly, name: 'x', fileName: 'x', query: 'x' }, target));
    }

    expect(snapshot(outside)).toEqual(before);
    expect(readdirSync(registerDir).filter((f) => !['yanpan.db', 'yanpan.db-wal', 'yanpan.db-shm', 'yanpan.db.lock', 'yanpan.db.lock.json', 'backups'].includes(f))).toEqual([]);
    expect(readFileSync(dbPath).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect((core.db.prepare('SELECT COUNT(*) AS n FROM risks').get() as { n: number }).n).toBe(risksBefore);
    expect((core.db.pragma('integrity_check') as Array<{ integrity_check: string }>)[0].integrity_check).toBe('ok');
  }, 120_000);

  it('local methods are refused to pages in Chinese and work for the CLI; a local caller cannot write over the register', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'yanpan.db');
    core = openCore({ caller: testCaller(), dbPath, host: 'cli' });
    for (const m of ['briefs.savePdf', 'briefs.saveDocx']) expect(contract[m as keyof typeof contract].tier).toBe('local');
    const page = await core.dispatch('briefs.saveDocx', { request: { kind: 'register' }, out: join(dir, 'a.docx') });
    expect(page.ok).toBe(false);
    expect(!page.ok && page.error.code).toBe('FORBIDDEN');
    expect(!page.ok && page.error.message).toMatch(/只能在命令行中使用/);
    const local = await core.dispatchLocal('briefs.saveDocx', { request: { kind: 'register' }, out: join(dir, 'a.docx') });
    expect(local.ok).toBe(true);
    expect(readFileSync(join(dir, 'a.docx')).subarray(0, 2).toString()).toBe('PK');
    const before = readFileSync(dbPath);
    for (const out of [dbPath, `${dbPath}-wal`]) {
      const r = await core.dispatchLocal('briefs.saveDocx', { request: { kind: 'register' }, out });
      expect(!r.ok && r.error.message).toMatch(/不能把文档写到数据库文件上/);
    }
    const relative = await core.dispatchLocal('briefs.saveDocx', { request: { kind: 'register' }, out: 'a.docx' });
    expect(!relative.ok && relative.error.message).toMatch(/绝对路径/);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
  }, 60_000);
});
