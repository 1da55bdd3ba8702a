// The web host's login: an HttpOnly, SameSite=Strict session cookie whose name carries the port
// (two hosts on one machine never share one), plus a CSRF header on every API call. The page no
// longer carries a token: a local process that GETs "/" learns nothing it could call with.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordSessionEnd, setup, SessionStore, type Session } from './session.js';
import type { Db } from '../db/open.js';
import { countAccounts, getPolicy } from '../db/accounts.js';
import { AppError } from '../shared/errors.js';
import type { Caller } from '../shared/roles.js';
import { decodeRequest } from '../shared/briefs/request.js';
import type { EncryptOutcome, SetupInput } from '../shared/accounts.js';
import type { RegisterPlace } from '../shared/settings.js';
import { describeDbPath } from './paths.js';

/** What the host's register offers the login: a closed door when absent (nobody can log in). */
export interface WebAuth {
  /** 'setup': no account yet (first run); 'recovery': the register is damaged, nobody can log in. */
  state: () => 'ready' | 'setup' | 'recovery';
  login: (name: string, password: string) => Caller;
  /**
   * First run only: creates the first 系统管理员 (and the bureau's identity) and logs in as it; the
   * register is then encrypted and its recovery key comes back, to be shown once.
   */
  setup?: (input: SetupInput) => Promise<{ caller: Caller } & Partial<EncryptOutcome>>;
  /** Every password lost: the recovery key sets a 系统管理员's new password (nobody is logged in by it). */
  recover?: (recoveryKey: string, account: string, password: string) => void;
  /** The idle lock, in milliseconds (the 安全管理员's policy). */
  idleMs: () => number;
  /** Writes logout / lock to the audit. */
  ended?: (caller: Caller, why: 'logout' | 'lock') => void;
  /** Where the register lives: told to set-up only (before any account exists). */
  register?: () => RegisterPlace;
}

/** A one-document session (the host's print browser) lives this long at most without a request. */
export const PRINT_SESSION_MS = 3 * 60_000;
export const CSRF_HEADER = 'x-yanpan-csrf';

export const cookieName = (port: number) => `yanpan_sid_${port}`;

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export interface AuthDoor {
  sessions: SessionStore;
  /** The session of a request (cookie), or null. */
  session: (req: IncomingMessage) => Session | null;
  /** The session of an API call: cookie and matching CSRF header. */
  apiSession: (req: IncomingMessage) => Session | null;
  /** Answers /auth/*; the body is read by the caller. */
  handle: (path: string, req: IncomingMessage, res: ServerResponse, body: unknown, send: (res: ServerResponse, status: number, v: unknown) => void) => Promise<void>;
  /** A session for the print browser, allowed only briefs.model for the document of this route. */
  printSession: (route: string) => { name: string; value: string };
  /** A session opened by code inside the host process (tests, the print browser). */
  open: (caller: Caller, idleMs?: number) => { cookie: string; csrf: string };
}

export function authDoor(port: () => number, auth: WebAuth | undefined, clock: () => number = Date.now): AuthDoor {
  const sessions = new SessionStore(clock);
  const name = () => cookieName(port());
  const setCookie = (res: ServerResponse, value: string, maxAge?: number) =>
    res.setHeader('Set-Cookie', `${name()}=${value}; HttpOnly; SameSite=Strict; Path=/${maxAge === 0 ? '; Max-Age=0' : ''}`);
  const session = (req: IncomingMessage) => sessions.get(cookieOf(req, name()));
  const open = (caller: Caller, idleMs?: number) => {
    const s = sessions.open(caller, idleMs ?? auth?.idleMs() ?? 15 * 60_000);
    return { cookie: `${name()}=${s.id}`, csrf: s.csrf, id: s.id };
  };
  const opened = (res: ServerResponse, caller: Caller) => {
    const s = open(caller);
    setCookie(res, s.id);
    return { state: 'in', csrf: s.csrf, account: { name: caller.name, displayName: caller.displayName, role: caller.role } };
  };
  return {
    sessions,
    session,
    apiSession: (req) => {
      const s = sessions.get(cookieOf(req, name()), false);
      if (!s || req.headers[CSRF_HEADER] !== s.csrf) return null;
      return session(req);
    },
    open,
    printSession: (route) => {
      const q = /\?q=([\w-]+)/.exec(route)?.[1];
      const input = q ? JSON.stringify(decodeRequest(q)) : '';
      const s = open({ accountId: 0, name: '打印', displayName: '打印', role: '查看', only: { method: 'briefs.model', input } }, PRINT_SESSION_MS);
      return { name: name(), value: s.cookie.slice(name().length + 1) };
    },
    handle: async (path, req, res, body, send) => {
      const b = (body ?? {}) as Record<string, unknown>;
      const state = auth?.state() ?? 'recovery';
      try {
        if (path === '/auth/session') {
          const s = session(req);
          if (s && !s.caller.only) return send(res, 200, { state: 'in', csrf: s.csrf, account: { name: s.caller.name, displayName: s.caller.displayName, role: s.caller.role } });
          if (s) return send(res, 200, { state: 'in', csrf: s.csrf, account: null });
          return send(res, 200, signedOut(auth, state));
        }
        if (path === '/auth/login') {
          if (!auth || state !== 'ready') return send(res, 409, { state, message: state === 'setup' ? '还没有账号，请先完成首次设置。' : '数据库需要恢复，暂不能登录。' });
          const caller = auth.login(String(b.name ?? ''), String(b.password ?? ''));
          return send(res, 200, opened(res, caller));
        }
        if (path === '/auth/setup') {
          if (!auth?.setup || state !== 'setup') return send(res, 409, { state, message: '首次设置已经完成，请登录。' });
          const { caller, ...encrypted } = await auth.setup(b as unknown as SetupInput);
          return send(res, 200, { ...opened(res, caller), ...encrypted });
        }
        if (path === '/auth/recover') {
          if (!auth?.recover || state !== 'ready') return send(res, 409, { state, message: '现在不能使用恢复密钥。' });
          auth.recover(String(b.recoveryKey ?? ''), String(b.name ?? ''), String(b.password ?? ''));
          return send(res, 200, { state: 'out', message: '密码已重设。请用新密码登录，登录后须再改一次密码。' });
        }
        if (path === '/auth/logout' || path === '/auth/lock') {
          const s = sessions.get(cookieOf(req, name()), false);
          if (s && req.headers[CSRF_HEADER] === s.csrf) {
            sessions.close(s.id);
            auth?.ended?.(s.caller, path === '/auth/lock' ? 'lock' : 'logout');
          }
          setCookie(res, '', 0);
          return send(res, 200, { state: 'out' });
        }
        return send(res, 404, { message: '找不到' });
      } catch (e) {
        const message = e instanceof AppError ? e.message : '登录时出错，请重试。';
        if (!(e instanceof AppError)) console.error('[auth]', e);
        return send(res, e instanceof AppError && e.code === 'INVALID_INPUT' ? 400 : 403, { message });
      }
    },
  };
}

/** The answer to a session check without a session: log in, set up (told where the register lives) or recover. */
function signedOut(auth: WebAuth | undefined, state: ReturnType<WebAuth['state']>) {
  if (state === 'setup') return { state, register: auth?.register?.() };
  return { state: state === 'ready' ? 'out' : state };
}

/** The web host's login against a host's register (recovery mode: nobody can log in). */
export function webAuthFor(
  core: { current: () => { db: Db } | null; login: (name: string, password: string) => Caller; locked?: () => boolean; setup?: WebAuth['setup']; recover?: WebAuth['recover'] },
  now: () => string,
  dbPath?: string,
): WebAuth {
  return {
    register: dbPath === undefined ? undefined : () => ({ dbPath, dbLocation: describeDbPath(dbPath) }),
    state: () => {
      // An encrypted register not yet unlocked has accounts (its key file names them): log in.
      if (core.locked?.()) return 'ready';
      const c = core.current();
      if (!c) return 'recovery';
      return countAccounts(c.db) === 0 ? 'setup' : 'ready';
    },
    login: core.login,
    recover: core.recover,
    setup: core.setup ?? (async (input) => ({ caller: setup(core.current()!.db, input, now) })),
    idleMs: () => {
      const c = core.current();
      return (c ? getPolicy(c.db).idleMinutes : 15) * 60_000;
    },
    ended: (caller, why) => {
      const c = core.current();
      if (c) recordSessionEnd(c.db, caller, why, now);
    },
  };
}

/**
 * The desktop's login over IPC: one window, one account at a time, the same answers as the web
 * host's /auth/* (the page's renderer/login/auth.ts reads either). The session ends with the
 * idle lock like the web host's.
 */
export function desktopAuth(auth: WebAuth, clock: () => number = Date.now) {
  let session: { caller: Caller; lastSeen: number } | null = null;
  const live = () => {
    if (session && clock() - session.lastSeen > auth.idleMs()) session = null;
    if (session) session.lastSeen = clock();
    return session;
  };
  const signedIn = (caller: Caller) => {
    session = { caller, lastSeen: clock() };
    return { status: 200, body: { state: 'in', account: { name: caller.name, displayName: caller.displayName, role: caller.role } } };
  };
  return {
    caller: () => live()?.caller,
    handle: async (path: string, raw: unknown): Promise<{ status: number; body: unknown }> => {
      const b = (raw ?? {}) as Record<string, unknown>;
      const state = auth.state();
      try {
        if (path === 'session') {
          const s = live();
          return { status: 200, body: s ? { state: 'in', account: { name: s.caller.name, displayName: s.caller.displayName, role: s.caller.role } } : signedOut(auth, state) };
        }
        if (path === 'login') return state === 'ready' ? signedIn(auth.login(String(b.name ?? ''), String(b.password ?? ''))) : { status: 409, body: { message: '现在不能登录。' } };
        if (path === 'setup') {
          if (state !== 'setup' || !auth.setup) return { status: 409, body: { message: '首次设置已经完成，请登录。' } };
          const { caller, ...encrypted } = await auth.setup(b as unknown as SetupInput);
          const answer = signedIn(caller);
          return { ...answer, body: { ...(answer.body as object), ...encrypted } };
        }
        if (path === 'recover') {
          if (state !== 'ready' || !auth.recover) return { status: 409, body: { message: '现在不能使用恢复密钥。' } };
          auth.recover(String(b.recoveryKey ?? ''), String(b.name ?? ''), String(b.password ?? ''));
          return { status: 200, body: { state: 'out', message: '密码已重设。请用新密码登录，登录后须再改一次密码。' } };
        }
        if (path === 'logout' || path === 'lock') {
          if (session) auth.ended?.(session.caller, path);
          session = null;
          return { status: 200, body: { state: 'out' } };
        }
        return { status: 404, body: { message: '找不到' } };
      } catch (e) {
        if (!(e instanceof AppError)) console.error('[auth]', e);
        return { status: 403, body: { message: e instanceof AppError ? e.message : '登录时出错，请重试。' } };
      }
    },
  };
}
