// `yanpan serve --today YYYY-MM-DD` (for tests): the app's today is that day for every rule (and,
// through app.info, for the pages), timestamps still advance, and --today is the demo's as-of when
// --as-of is absent. A loose or impossible date is a Chinese usage error (exit 2), register untouched.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, cliLogin } from './helpers.js';
import { clockOnDay } from '../../electron/clock.js';
import { shanghaiDate } from '../../shared/dates.js';
import type { ApiResult } from '../../shared/contract/index.js';

const BIN = join(import.meta.dirname, '..', '..', 'scripts', 'yanpan.mjs');

const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    const exited = new Promise((ok) => c.on('exit', ok));
    c.kill('SIGTERM');
    await exited;
  }
});

/** A renderer folder holding only the page the web host puts its token into. */
function tinyRenderer(): string {
  const dir = join(tempDir(), 'renderer');
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  return dir;
}

function run(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, 'serve', ...args], { env: { ...process.env, YANPAN_HOME: tempDir() } });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      if (out.includes('已启动')) child.kill('SIGTERM');
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('close', (code) => done({ code, out, err }));
  });
}

/** Starts `yanpan serve` and returns a caller for its API (token read from the page, as a page does). */
async function serve(...args: string[]): Promise<(method: string, input?: unknown) => Promise<ApiResult<unknown>>> {
  const creds = cliLogin(['call', ...args]);
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { env: { ...process.env, YANPAN_HOME: tempDir(), YANPAN_RENDERER_DIR: tinyRenderer() } });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  const url = await new Promise<string>((ok, no) => {
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const m = /已启动：(http:\/\/\S+?\/)\s/.exec(out);
      if (m) ok(m[1]);
    });
    child.on('exit', (code) => no(new Error(`serve exited ${code}: ${err}`)));
  });
  // Logged in as a page would be (session cookie + CSRF header).
  const login = await fetch(`${url}auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: creds.YANPAN_USER, password: creds.YANPAN_PASSWORD }) });
  const { csrf } = (await login.json()) as { csrf: string };
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  return async (method, input = {}) =>
    (await (await fetch(`${url}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-yanpan-csrf': csrf }, body: JSON.stringify(input) })).json()) as ApiResult<unknown>;
}

function value<T>(r: ApiResult<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.value as T;
}

describe('clockOnDay', () => {
  it('reads the given Shanghai day and runs at real speed', () => {
    let real = Date.parse('2031-07-04T23:59:59.000Z'); // another day, whatever the zone
    const clock = clockOnDay('2026-02-28', () => real);
    const a = clock();
    expect(shanghaiDate(a)).toBe('2026-02-28');
    real += 5_000;
    const b = clock();
    expect(Date.parse(b) - Date.parse(a)).toBe(5_000);
    real += 14 * 3600_000;
    expect(shanghaiDate(clock())).toBe('2026-02-28');
  });
});

describe('yanpan serve --today', () => {
  it('refuses anything but a real YYYY-MM-DD day in Chinese, exit 2, register untouched', async () => {
    const dir = tempDir();
    const bad = ['2026-02-30', '2026-2-3', '2026/02/03', '20260203', '2026-02-03T00:00', ' 2026-02-03', 'tomorrow', ''];
    const runs = await Promise.all(bad.map((d, i) => run('--db', join(dir, `${i}.db`), `--today=${d}`)));
    runs.forEach((r, i) => {
      expect({ today: bad[i], code: r.code }).toEqual({ today: bad[i], code: 2 });
      expect(r.err).toContain(`--today 应为 YYYY-MM-DD 格式的日期（例如 2026-11-25），且须是日历上存在的日子，收到「${bad[i]}」`);
      expect(r.out).not.toContain('已启动');
      expect(existsSync(join(dir, `${i}.db`))).toBe(false);
    });
  }, 60_000);

  it('fixes today for app.info and every rule, keeps timestamps advancing, and is the demo as-of', async () => {
    // A day that is not today for anyone running this test.
    const day = '2019-03-06';
    const api = await serve('--db', join(tempDir(), 'a.db'), '--demo', '--today', day);
    expect(value<{ today: string }>(await api('app.info')).today).toBe(day);
    // The demo was built as of that day: its weekly snapshot ends in that week.
    const grid = value<{ week: string; sourceWeek: string; carried: boolean }>(await api('heatmap.grid', {}));
    expect(grid).toMatchObject({ week: '2019-03-04', sourceWeek: '2019-03-04', carried: false });
    const monday = value<{ asOf: string }>(await api('dashboard.monday', {}));
    expect(monday.asOf).toBe(day);
    // A write made now is dated that day, and a later one later.
    const lists = value<{ regions: Array<{ id: number }>; domains: Array<{ id: number }> }>(await api('lists.get'));
    const first = value<{ id: number; createdAt: string }>(await api('risks.create', { regionId: lists.regions[0].id, domainId: lists.domains[0].id, title: '固定日期下新增' }));
    await new Promise((r) => setTimeout(r, 20));
    const second = value<{ id: number; createdAt: string; code: string }>(await api('risks.create', { regionId: lists.regions[0].id, domainId: lists.domains[0].id, title: '再新增一件' }));
    expect(shanghaiDate(first.createdAt)).toBe(day);
    expect(second.createdAt > first.createdAt).toBe(true);
    expect(second.code).toMatch(/^[A-Z]+-2019-\d+$/);
  }, 60_000);

  it('an explicit --as-of still sets the demo while --today sets today', async () => {
    const api = await serve('--db', join(tempDir(), 'a.db'), '--demo', '--today', '2019-03-06', '--as-of', '2018-12-12');
    expect(value<{ today: string }>(await api('app.info')).today).toBe('2019-03-06');
    // The demo's own last week is the as-of week; the heatmap for today carries it forward.
    const grid = value<{ week: string; sourceWeek: string }>(await api('heatmap.grid', { week: '2018-12-10' }));
    expect(grid.sourceWeek).toBe('2018-12-10');
    const later = value<{ week: string; carried: boolean; sourceWeek: string }>(await api('heatmap.grid', {}));
    expect(later.week).toBe('2019-03-04');
  }, 60_000);
});
