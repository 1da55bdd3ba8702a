// Each test gets its own data folder and its own web host process (the real `yanpan serve`).
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AppServer {
  url: string;
  dbPath: string;
  dir: string;
  proc: ChildProcess;
}

const BIN = join(import.meta.dirname, '..', '..', 'scripts', 'yanpan.mjs');

export async function startServer(dir: string, extra: string[] = []): Promise<AppServer> {
  const dbPath = join(dir, 'yanpan.db');
  const proc = spawn(process.execPath, [BIN, 'serve', '--db', dbPath, ...extra], { env: { ...process.env, YANPAN_HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('web host did not start: ' + out)), 30_000);
    proc.stdout!.on('data', (c) => {
      out += c;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    proc.stderr!.on('data', (c) => (out += c));
    proc.on('exit', (code) => fail(new Error(`web host exited (${code}): ${out}`)));
  });
  return { url, dbPath, dir, proc };
}

export const test = base.extend<{ server: AppServer }>({
  server: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'yanpan-e2e-'));
    const server = await startServer(dir);
    await use(server);
    server.proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };
