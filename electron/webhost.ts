// The web host: the same dispatcher served over HTTP on loopback only, for tests, development
// and machines without the Electron runtime. Every API call needs the per-run token, which is
// injected into the page it serves; other origins cannot read that page, so they cannot call.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from './api/dispatcher.js';

export const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'] as const;
const MAX_BODY = 50 * 1024 * 1024;

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

export interface WebHostOptions {
  dispatch: Dispatch;
  /** Folder with the built renderer (index.html + assets). */
  staticDir: string;
  host?: string;
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close: () => Promise<void>;
}

export function assertLoopback(host: string): void {
  if (!(LOOPBACK_HOSTS as readonly string[]).includes(host)) {
    throw new Error(`出于安全考虑，网页版只能监听本机地址（127.0.0.1），不能监听「${host}」。`);
  }
}

/** Resolves a URL path inside root, or null when it would escape it (../, encoded slashes, NUL). */
export function safeJoin(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const full = resolve(root, '.' + normalize('/' + decoded));
  const base = resolve(root);
  return full === base || full.startsWith(base + sep) ? full : null;
}

export async function startWebHost(o: WebHostOptions): Promise<WebHost> {
  const host = o.host ?? '127.0.0.1';
  assertLoopback(host);
  const token = o.token ?? randomBytes(24).toString('hex');
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      console.error('[webhost]', e);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', '服务器内部错误');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // DNS-rebinding guard: only our own loopback authority is served.
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
    if (!allowed.includes(hostHeader)) return send(res, 403, 'text/plain; charset=utf-8', '拒绝访问');
    const url = new URL(req.url ?? '/', `http://${hostHeader}`);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', '只接受 POST');
      if (req.headers['x-yanpan-token'] !== token) {
        return sendJson(res, 401, { ok: false, error: { code: 'FORBIDDEN', message: '缺少或错误的访问令牌，请从风险研判台打开的页面操作。' } });
      }
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON。' } });
      }
      const result = await o.dispatch(method, input);
      return sendJson(res, 200, result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', '不支持的请求');
    const file = url.pathname === '/' ? join(o.staticDir, 'index.html') : safeJoin(o.staticDir, url.pathname);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', '找不到');
    const found = await stat(file).catch(() => null);
    // Unknown paths fall back to the app (hash routes never reach here, but deep links might).
    const target = found?.isFile() ? file : join(o.staticDir, 'index.html');
    const ext = extname(target);
    let data: Buffer = await readFile(target).catch(() => Buffer.from('尚未构建界面：请先运行 npm run build'));
    if (ext === '.html') data = Buffer.from(data.toString('utf8').replace('__YANPAN_TOKEN__', token));
    const immutable = target.includes(`${sep}assets${sep}`);
    send(res, 200, MIME[ext] ?? 'application/octet-stream', data, immutable ? 'public, max-age=31536000, immutable' : 'no-store');
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port ?? 0, host, () => ok());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host === '::1' ? '[::1]' : host === 'localhost' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    token,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

function securityHeaders(res: ServerResponse) {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, cache = 'no-store') {
  securityHeaders(res);
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': cache });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}
