// Logging in, out and locking: the web host's /auth/* (cookie session + CSRF), or Electron's
// preload (window.yanpan.auth) — the same answers either way.
import { prefetch, setCsrf } from '../api';
import type { Role } from '../../shared/roles';
import type { RegisterPlace } from '../../shared/settings';

export interface SignedIn {
  name: string;
  displayName: string;
  role: Role;
}
/** `recoveryKey`: after set-up, the new register's recovery key, shown once. `message`: what a recovery did. */
export type AuthState = { state: 'in'; csrf?: string; account: SignedIn | null; recoveryKey?: string } | { state: 'out' | 'setup' | 'recovery'; message?: string; register?: RegisterPlace };


export class AuthError extends Error {}

export async function authCall(path: 'session' | 'login' | 'setup' | 'logout' | 'lock' | 'recover', body: unknown = {}): Promise<AuthState> {
  let status: number;
  let answer: { message?: string } & Partial<AuthState>;
  const desktop = (window.yanpan as { auth?: (p: string, b: unknown) => Promise<{ status: number; body: unknown }> } | undefined)?.auth;
  if (desktop) {
    const r = await desktop(path, body);
    status = r.status;
    answer = r.body as typeof answer;
  } else {
    const res = await fetch(`./auth/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Yanpan-Csrf': csrfNow }, body: JSON.stringify(body) }).catch(() => null);
    if (!res) throw new AuthError('无法连接到风险研判台后台，请确认程序仍在运行。');
    status = res.status;
    answer = (await res.json().catch(() => ({ message: `后台返回了无法识别的答复（HTTP ${res.status}）。` }))) as typeof answer;
  }
  if (status !== 200) throw new AuthError(answer.message ?? '操作没有完成，请重试。');
  const state = answer as AuthState;
  if (state.state === 'in') {
    csrfNow = state.csrf ?? '';
    setCsrf(csrfNow);
  } else {
    csrfNow = '';
    setCsrf(null);
  }
  return state;
}

/** The CSRF value logout and lock send (they end the session it belongs to). */
let csrfNow = '';

/**
 * The page's first session check, started as its script runs (main.tsx), not after React's first
 * render; with a session, who is in and the reads of the first page (`withSession`) start at once.
 * The login gate takes it once; every later check asks anew.
 */
let firstSession: Promise<AuthState> | null = null;
export function startFirstSession(withSession: (account: SignedIn | null) => void, withoutSession?: () => void): void {
  firstSession = authCall('session').then((s) => {
    if (s.state === 'in') {
      void prefetch('session.me', {});
      withSession(s.account);
    } else if (s.state === 'out') withoutSession?.();
    return s;
  });
}
export function takeFirstSession(): Promise<AuthState> {
  const s = firstSession ?? authCall('session');
  firstSession = null;
  return s;
}
