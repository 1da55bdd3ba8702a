// `yanpan serve --port`: decimal 0–65535 only, anything else a Chinese usage error (exit 2) before
// the register is touched; a port in use is named. The real command, as a user runs it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'scripts', 'yanpan.mjs');

/** Runs `yanpan serve …`; resolves on exit, or once it says it started (then stops it with SIGTERM). */
function serve(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
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

let blocker: Server | null = null;
afterEach(async () => {
  await new Promise((ok) => (blocker ? blocker.close(ok) : ok(null)));
  blocker = null;
});

describe('yanpan serve --port', () => {
  it('refuses anything but a decimal integer 0–65535 in Chinese, exit 2, register untouched', async () => {
    const dir = tempDir();
    const bad = ['0x10', '1e3', '8080.0', '+80', '-1', '65536', '99999999', 'abc', '', ' 80'];
    // --port=… so that "-1" reaches the port check instead of looking like an option.
    const runs = await Promise.all(bad.map((p, i) => serve('--db', join(dir, `${i}.db`), `--port=${p}`)));
    runs.forEach((r, i) => {
      expect({ port: bad[i], code: r.code }).toEqual({ port: bad[i], code: 2 });
      expect(r.err).toContain(`--port 应为 0 到 65535 之间的十进制整数（0 表示任选一个空闲端口），收到「${bad[i]}」`);
      expect(r.out).not.toContain('已启动');
      expect(existsSync(join(dir, `${i}.db`))).toBe(false);
    });
  }, 60_000);

  it('a missing value, or one that looks like an option, is said in Chinese', async () => {
    const db = join(tempDir(), 'a.db');
    const [missing, dashed] = await Promise.all([serve('--db', db, '--port'), serve('--db', db, '--port', '-1')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('选项 --port 后面缺少取值');
    expect(dashed.code).toBe(2);
    expect(dashed.err).toContain('选项 --port 后面的取值以“-”开头');
    expect(missing.err + dashed.err).not.toMatch(/argument|Option/);
    expect(existsSync(db)).toBe(false);
  }, 30_000);

  it('listens on the decimal port given', async () => {
    blocker = createServer();
    await new Promise<void>((ok) => blocker!.listen(0, '127.0.0.1', ok));
    const free = (blocker.address() as AddressInfo).port;
    await new Promise((ok) => blocker!.close(ok));
    blocker = null;
    const r = await serve('--db', join(tempDir(), 'a.db'), '--port', String(free));
    expect(r.out).toContain(`风险研判台网页版已启动：http://127.0.0.1:${free}/`);
  }, 30_000);

  it('names a port in use, in Chinese', async () => {
    blocker = createServer();
    await new Promise<void>((ok) => blocker!.listen(0, '127.0.0.1', ok));
    const taken = (blocker.address() as AddressInfo).port;
    const r = await serve('--db', join(tempDir(), 'a.db'), '--port', String(taken));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`端口 ${taken} 已被占用`);
    expect(r.err).not.toMatch(/EADDRINUSE|Error:/);
  }, 30_000);
});
