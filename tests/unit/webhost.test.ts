import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertLoopback, safeJoin, startWebHost, type WebHost } from '../../electron/webhost.js';
import { tempCore, tempDir, authHeaders, testCaller } from './helpers.js';

let host: WebHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

function raw(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', fail);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

async function start() {
  const staticDir = tempDir();
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'a.js'), 'console.log(1)');
  writeFileSync(join(tempDir(), 'secret.txt'), 'secret');
  const { dispatch } = tempCore();
  host = await startWebHost({ dispatch, staticDir });
  return host;
}

describe('web host', () => {
  it('binds to loopback only', async () => {
    expect(() => assertLoopback('0.0.0.0')).toThrow(/只能监听本机地址/);
    expect(() => assertLoopback('192.168.1.5')).toThrow(/只能监听本机地址/);
    await expect(startWebHost({ dispatch: async () => ({ ok: true, value: 1 }), staticDir: tempDir(), host: '0.0.0.0' })).rejects.toThrow(/只能监听本机地址/);
  });

  it('serves the page with no secret in it and a strict CSP', async () => {
    const h = await start();
    const page = await raw(h.port, '/');
    expect(page.status).toBe(200);
    const s = h.openSession(testCaller());
    expect(page.body).not.toContain(s.csrf);
    expect(page.body).not.toContain(s.cookie.split('=')[1]);
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('refuses API calls without a session, with a wrong CSRF header, or by GET', async () => {
    const h = await start();
    const none = await raw(h.port, '/api/risks.list', { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.message).toMatch(/尚未登录/);
    const wrong = await raw(h.port, '/api/risks.list', { method: 'POST', body: '{}', headers: { ...authHeaders(h), 'x-yanpan-csrf': 'nope' } });
    expect(wrong.status).toBe(401);
    const get = await raw(h.port, '/api/risks.list', { headers: authHeaders(h) });
    expect(get.status).toBe(405);
  });

  it('answers API calls in a session through the dispatcher', async () => {
    const h = await start();
    const r = await raw(h.port, '/api/risks.list', { method: 'POST', body: '{"pageSize":5}', headers: { ...authHeaders(h), 'content-type': 'application/json' } });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { total: 0, pageSize: 5 } });
    const bad = await raw(h.port, '/api/risks.list', { method: 'POST', body: '{not json', headers: authHeaders(h) });
    expect(JSON.parse(bad.body).error.message).toMatch(/不是有效的 JSON/);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const h = await start();
    const r = await raw(h.port, '/', { headers: { host: `evil.example:${h.port}` } });
    expect(r.status).toBe(403);
  });

  it('never serves files outside the renderer folder', async () => {
    const root = tempDir();
    expect(safeJoin(root, '/assets/a.js')).toBe(join(root, 'assets', 'a.js'));
    // '..' above the root is clamped to the root, as a browser would do.
    expect(safeJoin(root, '/../secret.txt')).toBe(join(root, 'secret.txt'));
    for (const evil of ['/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd', '/a%00.js', '/..\\..\\x', '/%E0%A4%A']) {
      const p = safeJoin(root, evil);
      expect(p === null || p.startsWith(root)).toBe(true);
    }
    const h = await start();
    const r = await raw(h.port, '/../../../../etc/passwd');
    expect(r.body).not.toContain('root:');
  });

  it('stops while a browser still holds a connection open (a request begun, its body not sent)', async () => {
    const h = await start();
    const socket = connect(h.port, '127.0.0.1');
    await new Promise((ok) => socket.once('connect', ok));
    socket.on('error', () => {});
    socket.write(`POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n`);
    await new Promise((r) => setTimeout(r, 100));
    host = null;
    const closed = await Promise.race([h.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open after 5 s'), 5000))]);
    socket.destroy();
    expect(closed).toBe('closed');
  });
});
