// The web host: the same dispatcher served over HTTP on loopback only, for tests, development
// and machines without the Electron runtime. Every API call needs a logged-in session (an HttpOnly
// SameSite=Strict cookie) and its CSRF header (electron/webAuth.ts); the page itself carries nothing.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from './api/dispatcher.js';
import { MAX_IMPORT_BYTES } from '../shared/imports/report.js';
import { base64Length } from '../shared/base64.js';
import { DOWNLOAD_PREFIX } from '../shared/files.js';
import { DOWNLOAD_GONE, downloadHeaders, type DownloadStore, type OfferedDownload } from './downloads.js';
import { authDoor, type WebAuth } from './webAuth.js';
import type { Caller } from '../shared/roles.js';

export const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'] as const;

/**
 * The largest request body read. The largest input of the contract is an import: a 30 MB file is
 * 40 MiB as base64, plus its mapping; 8 MiB more is room for that. Feedback attachments (10 MB
 * each) travel one per request (actions.attachmentUpload), so ten of them never meet this limit.
 */
export const MAX_BODY_BYTES = base64Length(MAX_IMPORT_BYTES) + 8 * 1024 * 1024;
const MAX_BODY_MB = Math.round(MAX_BODY_BYTES / 1024 / 1024);
const TOO_LARGE = `请求内容超过 ${MAX_BODY_MB} MB 的上限，没有处理，数据未受影响。导入的表格不能超过 30 MB；反馈附件请逐个上传，每个不超过 10 MB。`;
const BAD_URL = '请求地址格式不正确（含有无法识别的字符或编码），没有处理。请从风险研判台的页面操作。';

/**
 * How long a connection may sit idle. headersMs: from connecting to the end of the request
 * headers; requestMs: to the end of the body (a 40 MB import takes well under a second on
 * loopback). Neither counts the time a handler takes to answer — Node stops timing a request once
 * it is fully received — so a long PDF is never cut; for the same reason no socket inactivity
 * timeout is set (it would fire while a handler works). keepAliveMs: idle between requests.
 */
export interface HostTimeouts {
  headersMs: number;
  requestMs: number;
  keepAliveMs: number;
  /** How often Node checks the two request timeouts. */
  checkEveryMs: number;
  /** After a 413, how long the rest of an over-large body is read and dropped so the client can read the answer. */
  drainMs: number;
}

export const DEFAULT_TIMEOUTS: HostTimeouts = { headersMs: 30_000, requestMs: 120_000, keepAliveMs: 5_000, checkEveryMs: 5_000, drainMs: 15_000 };

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
  /** Login against the register; without it nobody can log in (every API call is refused). */
  auth?: WebAuth;
  /** The sessions' clock (tests). */
  clock?: () => number;
  /** Shorter timeouts for tests. */
  timeouts?: Partial<HostTimeouts>;
  /** Large files the API offered as one-time downloads, served at /download/<id>. */
  downloads?: DownloadStore;
  /**
   * Runs every request (the page's own files too) through it: the register's start-up work waits
   * while the first page's scripts still load, not only its API calls (Core.track).
   */
  activity?: <T>(serve: () => Promise<T>) => Promise<T>;
}

export interface WebHost {
  url: string;
  port: number;
  timeouts: HostTimeouts;
  /** A session opened from inside the host process (tests; the headers an API call then sends). */
  openSession: (caller: Caller, idleMs?: number) => { cookie: string; csrf: string };
  /** The print browser's cookie for one document's route (see webAuth.printSession). */
  printSession: (route: string) => { name: string; value: string };
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

/**
 * The path of an origin-form request target ("/api/risks.list?x"), still percent-encoded, or null
 * when it is malformed: not starting with exactly one "/" ("//[" would name a host), characters
 * outside printable ASCII, a "%" not followed by two hex digits, escapes that are not UTF-8, NUL.
 */
export function requestPath(target: string): string | null {
  if (!target.startsWith('/') || target.startsWith('//')) return null;
  const path = target.split(/[?#]/, 1)[0];
  if (!/^[\x21-\x7e]*$/.test(path)) return null;
  try {
    if (decodeURIComponent(path).includes('\0')) return null;
  } catch {
    return null;
  }
  return path;
}

export function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口应为 0 到 65535 之间的整数（0 表示任选一个空闲端口），收到「${port}」。`);
}

function listenError(e: NodeJS.ErrnoException, port: number, host: string): Error {
  if (e.code === 'EADDRINUSE') return new Error(`端口 ${port} 已被占用（可能已有一个风险研判台或其他程序在用）。请换一个端口，例如 --port ${port === 65535 ? port - 1 : port + 1}，或用 --port 0 任选空闲端口。`);
  if (e.code === 'EACCES') return new Error(`没有权限监听端口 ${port}（1024 以下的端口通常需要管理员权限）。请换一个 1024 以上的端口，或用 --port 0 任选空闲端口。`);
  if (e.code === 'EADDRNOTAVAIL') return new Error(`本机没有地址「${host}」，无法启动网页版。请改用 127.0.0.1。`);
  return new Error(`网页版无法在端口 ${port} 上启动：${e.code ?? e.message}。`);
}

export async function startWebHost(o: WebHostOptions): Promise<WebHost> {
  const host = o.host ?? '127.0.0.1';
  assertLoopback(host);
  const wantedPort = o.port ?? 0;
  checkPort(wantedPort);
  const t: HostTimeouts = { ...DEFAULT_TIMEOUTS, ...o.timeouts };
  let port = 0;
  const door = authDoor(() => port, o.auth, o.clock);

  const server = createServer(
    { headersTimeout: t.headersMs, requestTimeout: t.requestMs, keepAliveTimeout: t.keepAliveMs, connectionsCheckingInterval: t.checkEveryMs },
    (req, res) => {
      const serve = () => handle(req, res);
      (o.activity ? o.activity(serve) : serve()).catch((e) => {
        console.error('[webhost]', e);
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', '服务器内部错误，本次操作没有生效。错误已写入日志。');
        else res.destroy();
      });
    },
  );

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // DNS-rebinding guard: only our own loopback authority is served.
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
    if (!allowed.includes(hostHeader)) return send(res, 403, 'text/plain; charset=utf-8', '拒绝访问');
    const pathname = requestPath(req.url ?? '/');
    if (pathname === null) {
      return (req.url ?? '').startsWith('/api/')
        ? sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: BAD_URL } })
        : send(res, 400, 'text/plain; charset=utf-8', BAD_URL);
    }
    if (pathname.startsWith('/auth/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', '只接受 POST');
      // JSON only: a form on another site cannot post it without a preflight this host never answers.
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return sendJson(res, 415, { message: '请求格式不正确。' });
      const body = await readBody(req, 64 * 1024);
      if (body === 'too-large') return refuseTooLarge(req, res, t.drainMs);
      if (body === 'aborted') return;
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return sendJson(res, 400, { message: '请求内容不是有效的 JSON。' });
      }
      return door.handle(pathname, req, res, input, sendJson);
    }
    if (pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', '只接受 POST');
      const session = door.apiSession(req);
      // A damaged register has no readable accounts: its page may only see the damage and restore.
      const recovering = o.auth?.state() === 'recovery';
      if (!session && !recovering) {
        return sendJson(res, 401, { ok: false, error: { code: 'FORBIDDEN', message: '尚未登录或会话已结束（空闲锁定），请重新登录后再操作。' } });
      }
      const method = decodeURIComponent(pathname.slice('/api/'.length));
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === 'too-large') return refuseTooLarge(req, res, t.drainMs);
      if (body === 'aborted') return;
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON。' } });
      }
      const result = await o.dispatch(method, input, session?.caller);
      return sendJson(res, 200, result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', '不支持的请求');
    // A download is served to a GET only: a HEAD would use up its one-time id.
    if (pathname.startsWith(DOWNLOAD_PREFIX)) {
      if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', '不支持的请求');
      if (!door.session(req)) return send(res, 401, 'text/plain; charset=utf-8', '尚未登录或会话已结束，请重新登录后再下载。');
      return sendDownload(res, o.downloads?.take(pathname.slice(DOWNLOAD_PREFIX.length)) ?? null);
    }
    const file = pathname === '/' ? join(o.staticDir, 'index.html') : safeJoin(o.staticDir, pathname);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', '找不到');
    const found = await stat(file).catch(() => null);
    // Unknown paths fall back to the app (hash routes never reach here, but deep links might).
    const target = found?.isFile() ? file : join(o.staticDir, 'index.html');
    const ext = extname(target);
    const data: Buffer = await readFile(target).catch(() => Buffer.from('尚未构建界面：请先运行 npm run build'));
    const immutable = target.includes(`${sep}assets${sep}`);
    send(res, 200, MIME[ext] ?? 'application/octet-stream', data, immutable ? 'public, max-age=31536000, immutable' : 'no-store');
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', (e) => fail(listenError(e, wantedPort, host)));
    server.listen(wantedPort, host, () => ok());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host === '::1' ? '[::1]' : host === 'localhost' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    timeouts: t,
    openSession: (caller, idleMs) => {
      const { cookie, csrf } = door.open(caller, idleMs);
      return { cookie, csrf };
    },
    printSession: door.printSession,
    // A connection a browser keeps open kept server.close() waiting for ever: a host told to stop
    // (SIGTERM) while a browser that had used it was still running never exited (the bench's renderer
    // suite hung on it). A request cut here either had not reached the register yet (its body was
    // still arriving) or runs to its end there: replies are written only after the write commits.
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

/**
 * The whole body, or 'too-large' as soon as the declared length or the bytes read pass the limit
 * (nothing more is kept), or 'aborted' when the client went away.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.resolve('too-large');
  return new Promise((ok) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      chunks = [];
      req.off('data', onData);
      ok('too-large');
    };
    req.on('data', onData);
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', () => ok('aborted'));
    req.on('close', () => ok('aborted'));
  });
}

/**
 * 413 in a way the client can read: answering and closing at once, with the rest of the body
 * still arriving, makes the kernel reset the connection and most clients then report only the
 * reset. So the answer is written in full (with its length, so the client has all of it), the rest
 * of the body is read and dropped for at most drainMs, and only then is the connection closed.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, drainMs: number) {
  const body = JSON.stringify({ ok: false, error: { code: 'INVALID_INPUT', message: TOO_LARGE } });
  securityHeaders(res);
  res.writeHead(413, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', Connection: 'close' });
  res.write(body);
  // The last chunk may have ended the body before this runs (its 'end' is then already past).
  if (req.readableEnded) return void res.end();
  const finish = () => {
    clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(() => {
    finish();
    req.destroy();
  }, drainMs);
  timer.unref();
  req.on('data', () => {});
  req.on('end', finish);
  req.on('close', finish);
  req.resume();
}

/** Streams an offered download once (the id is its only key); a used or unknown id gets a Chinese 404. */
function sendDownload(res: ServerResponse, d: OfferedDownload | null) {
  if (!d) return send(res, 404, 'text/plain; charset=utf-8', DOWNLOAD_GONE);
  securityHeaders(res);
  res.writeHead(200, downloadHeaders(d));
  const body = d.open();
  body.on('error', () => res.destroy());
  body.pipe(res);
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
