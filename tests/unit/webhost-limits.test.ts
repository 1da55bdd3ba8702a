// The web host under hostile or careless clients: bodies past the limit get a Chinese 413 the
// client can read (not a reset), malformed URLs a Chinese 400, idle connections are closed while
// a slow handler is not cut, and a port in use is named. Real host, real dispatcher, real sockets.
import { request } from 'node:http';
import { connect } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, startWebHost, type WebHost, type WebHostOptions } from '../../electron/webhost.js';
import { MAX_IMPORT_BYTES } from '../../shared/imports/report.js';
import type { Dispatch } from '../../electron/api/dispatcher.js';
import { tempCore, tempDir, authHeaders } from './helpers.js';

const hosts: WebHost[] = [];
afterEach(async () => {
  while (hosts.length) await hosts.pop()!.close();
});

async function start(o: Partial<WebHostOptions> = {}) {
  const staticDir = tempDir();
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  const core = tempCore();
  const h = await startWebHost({ dispatch: core.dispatch, staticDir, ...o });
  hosts.push(h);
  return { ...h, db: core.db };
}

interface Answer {
  status: number;
  body: string;
  /** Any error the client saw while sending or reading (ECONNRESET, EPIPE…). */
  error: string | null;
}

/**
 * One request with node:http; resolves when the client is done with it (response read and request
 * closed), reporting any socket error instead of hiding it.
 */
function send(port: number, path: string, o: { method?: string; token?: Record<string, string>; body?: Buffer; chunks?: Buffer[]; headers?: Record<string, string | number> } = {}): Promise<Answer> {
  return new Promise((done) => {
    let status = 0;
    let body = '';
    let error: string | null = null;
    const headers: Record<string, string | number> = { ...o.headers };
    if (o.token) Object.assign(headers, o.token);
    if (o.body) headers['content-length'] = o.body.length;
    const req = request({ host: '127.0.0.1', port, path, method: o.method ?? 'POST', headers }, (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('error', (e: NodeJS.ErrnoException) => (error ??= e.code ?? e.message));
    });
    req.on('error', (e: NodeJS.ErrnoException) => (error ??= e.code ?? e.message));
    req.on('close', () => done({ status, body, error }));
    if (o.body) req.end(o.body);
    else if (o.chunks) {
      // No Content-Length: the host can only find out the size by reading.
      const write = (i: number) => {
        if (i === o.chunks!.length) return req.end();
        if (req.write(o.chunks![i])) write(i + 1);
        else req.once('drain', () => write(i + 1));
      };
      write(0);
    } else req.end();
  });
}

const MB = 1024 * 1024;

describe('web host: request body limit', () => {
  it('answers a 60 MB body with a Chinese 413 the client can read, and keeps serving', async () => {
    const h = await start();
    const r = await send(h.port, '/api/risks.list', { token: authHeaders(h), body: Buffer.alloc(60 * MB, 0x20) });
    expect(r.error).toBeNull();
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/请求内容超过 48 MB/) } });
    const next = await send(h.port, '/api/risks.list', { token: authHeaders(h), body: Buffer.from('{}') });
    expect(next).toMatchObject({ status: 200, error: null });
  });

  it('stops reading a body without Content-Length once it passes the limit', async () => {
    const h = await start();
    const chunks = Array.from({ length: 60 }, () => Buffer.alloc(MB, 0x20));
    const r = await send(h.port, '/api/risks.list', { token: authHeaders(h), chunks });
    expect(r.error).toBeNull();
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.message).toMatch(/请求内容超过 48 MB/);
  });

  it('refuses a declared size over the limit before the body arrives', async () => {
    const h = await start();
    const t0 = Date.now();
    const r = await new Promise<{ status: number; body: string }>((done, fail) => {
      // Declares 10 GB, sends 3 bytes and waits: only the Content-Length can be judged.
      const req = request({ host: '127.0.0.1', port: h.port, path: '/api/risks.list', method: 'POST', headers: { ...authHeaders(h), 'content-length': 10 * 1024 * MB } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          done({ status: res.statusCode ?? 0, body });
          req.destroy();
        });
      });
      req.on('error', (e) => (e.message.includes('aborted') || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : fail(e)));
      req.write('{} ');
    });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.message).toMatch(/请求内容超过 48 MB/);
  });

  it('the 413 reaches fetch too', async () => {
    const h = await start();
    const res = await fetch(`http://127.0.0.1:${h.port}/api/risks.list`, { method: 'POST', headers: { ...authHeaders(h) }, body: Buffer.alloc(60 * MB, 0x20) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/请求内容超过 48 MB/);
  });

  it('lets the largest input of the contract through: a 30 MB import file as base64', async () => {
    expect(MAX_BODY_BYTES).toBeGreaterThan(Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 64 * 1024);
    const h = await start();
    const body = Buffer.from(JSON.stringify({ fileName: '台账.xlsx', dataBase64: Buffer.alloc(MAX_IMPORT_BYTES, 0).toString('base64'), mapping: { 事项名称: 'title' } }));
    const r = await send(h.port, '/api/imports.preview', { token: authHeaders(h), body });
    expect(r).toMatchObject({ status: 200, error: null });
    // It reached the reader, which refuses zeros as a workbook in Chinese.
    expect(JSON.parse(r.body).error.message).toMatch(/无法作为 \.xlsx 打开/);
  });
});

describe('web host: malformed URLs', () => {
  it('answers a Chinese 400, never a 500, and keeps serving', async () => {
    const h = await start();
    const cases: Array<[string, string]> = [
      ['POST', '/api/%E0%A4%A'],
      ['POST', '/api/%ZZ'],
      ['POST', '/api/%C0%AF'],
      ['GET', '//['],
      ['GET', '/%'],
      ['GET', '/assets/%E0%A4%A.js'],
      ['GET', '//evil.example/x'],
      ['GET', '/a%00b'],
    ];
    for (const [method, path] of cases) {
      const r = await send(h.port, path, { method, token: authHeaders(h), body: method === 'POST' ? Buffer.from('{}') : undefined });
      expect({ path, status: r.status, error: r.error }).toEqual({ path, status: 400, error: null });
      expect(r.body).toMatch(/请求地址格式不正确/);
      if (path.startsWith('/api/')) expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect((await send(h.port, '/api/risks.list', { token: authHeaders(h), body: Buffer.from('{}') })).status).toBe(200);
    // Unknown methods and GET on /api are answered as before.
    expect(JSON.parse((await send(h.port, '/api/nope', { token: authHeaders(h), body: Buffer.from('{}') })).body).error.code).toBe('UNKNOWN_METHOD');
    expect((await send(h.port, '/api/risks.list', { method: 'GET', token: authHeaders(h) })).status).toBe(405);
  });
});

describe('web host: idle connections', () => {
  const timeouts = { headersMs: 600, requestMs: 1200, keepAliveMs: 300, checkEveryMs: 100 };

  it('closes a connection that never sends a request', async () => {
    const h = await start({ timeouts });
    const t0 = Date.now();
    // resume(): read what the host says (its 408) and the end, so 'close' can come.
    await new Promise<void>((done) => connect(h.port, '127.0.0.1').on('close', () => done()).on('error', () => {}).resume());
    expect(Date.now() - t0).toBeLessThan(2500);
  });

  it('closes a connection that stalls in the middle of a body', async () => {
    const h = await start({ timeouts });
    const t0 = Date.now();
    await new Promise<void>((done) => {
      const s = connect(h.port, '127.0.0.1', () => s.write(`POST /api/risks.list HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\n${Object.entries(authHeaders(h)).map(([k, v]) => `${k}: ${v}\r\n`).join('')}Content-Length: 100\r\n\r\n{"pa`));
      s.on('close', () => done()).on('error', () => {}).resume();
    });
    expect(Date.now() - t0).toBeLessThan(3500);
  });

  it('does not cut a handler that runs longer than the request timeout (PDF generation)', async () => {
    const core = tempCore();
    // The real dispatcher, reached after a delay as long as a big PDF takes.
    const slow: Dispatch = (m, i) => new Promise((ok) => setTimeout(() => ok(core.dispatch(m, i)), 3000));
    const staticDir = tempDir();
    const h = await startWebHost({ dispatch: slow, staticDir, timeouts });
    hosts.push(h);
    const r = await send(h.port, '/api/risks.list', { token: authHeaders(h), body: Buffer.from('{}') });
    expect(r).toMatchObject({ status: 200, error: null });
    expect(JSON.parse(r.body).ok).toBe(true);
  });

  it('sets production timeouts that close idle sockets but leave long answers alone', async () => {
    const h = await start();
    expect(h.timeouts.headersMs).toBeGreaterThan(0);
    expect(h.timeouts.headersMs).toBeLessThanOrEqual(60_000);
    expect(h.timeouts.requestMs).toBeGreaterThanOrEqual(h.timeouts.headersMs);
    expect(h.timeouts.keepAliveMs).toBeGreaterThan(0);
  });
});

describe('web host: port', () => {
  it('names a port that is already in use, in Chinese', async () => {
    const a = await start();
    await expect(start({ port: a.port })).rejects.toThrow(new RegExp(`端口 ${a.port} 已被占用`));
  });

  it('refuses a port outside 0–65535 in Chinese', async () => {
    await expect(start({ port: 70000 })).rejects.toThrow(/端口.*0 到 65535/);
    await expect(start({ port: 1.5 })).rejects.toThrow(/端口.*0 到 65535/);
  });
});
