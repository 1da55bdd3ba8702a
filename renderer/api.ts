// The one API client, typed from the contract. Electron's preload exposes window.yanpan.invoke;
// in the web host the same calls go over HTTP in the login session (cookie) with its CSRF header.
import type { ApiError, ApiResult, MethodInput, MethodOutput, PublicMethodName } from '../shared/contract/index';

declare global {
  interface Window {
    yanpan?: { invoke: (method: string, input: unknown) => Promise<ApiResult<unknown>> };
  }
}

export class ApiCallError extends Error {
  constructor(public readonly error: ApiError) {
    super(error.message);
  }
}

/** The session's CSRF value: from the login answer, or asked for once (a reload, the print page). */
let csrf: string | null = null;
export function setCsrf(value: string | null): void {
  csrf = value;
}
/** Told when a call finds the session gone (idle lock on the host, logged out elsewhere). */
let onLoggedOut: () => void = () => {};
export function whenLoggedOut(fn: () => void): void {
  onLoggedOut = fn;
}

async function currentCsrf(): Promise<string> {
  if (csrf === null) {
    const r = await fetch('./auth/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).catch(() => null);
    const v = r?.ok ? ((await r.json()) as { csrf?: string }) : null;
    if (v?.csrf) csrf = v.csrf;
  }
  return csrf ?? '';
}

async function transport(method: string, input: unknown, retried = false): Promise<ApiResult<unknown>> {
  if (window.yanpan) return window.yanpan.invoke(method, input);
  let res: Response;
  try {
    res = await fetch(`./api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Yanpan-Csrf': await currentCsrf() },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '无法连接到风险研判台后台，请确认程序仍在运行。' } };
  }
  // The host answers JSON; anything else (a proxy, a refused request) becomes a Chinese error.
  const text = await res.text();
  if (res.status === 401) {
    // A kept CSRF value may belong to an ended session (the print page gets a new one per document): ask once more.
    const stale = csrf !== null;
    csrf = null;
    if (stale && !retried) return transport(method, input, true);
    onLoggedOut();
  }
  try {
    return JSON.parse(text) as ApiResult<unknown>;
  } catch {
    const message = /[\u4e00-\u9fff]/.test(text) ? text : `后台返回了无法识别的答复（HTTP ${res.status}），本次操作没有生效。`;
    return { ok: false, error: { code: 'INTERNAL', message } };
  }
}

/**
 * Reads started before anyone asks (the page's first round trips, while its scripts still run):
 * the next identical call within PREFETCH_MS takes the answer once; later calls ask again.
 */
interface Early {
  at: number;
  answer: Promise<ApiResult<unknown>>;
  /** The answer once it is here (a page's first render can then start with it, see useFirstRead). */
  settled?: ApiResult<unknown>;
}
const prefetched = new Map<string, Early>();
const PREFETCH_MS = 10_000;
const callKey = (method: string, input: unknown) => `${method} ${JSON.stringify(input ?? {})}`;
export function prefetch<M extends PublicMethodName>(method: M, input: MethodInput<M>): Promise<ApiResult<MethodOutput<M>>> {
  const early: Early = { at: performance.now(), answer: transport(method, input) };
  void early.answer.then((r) => (early.settled = r));
  prefetched.set(callKey(method, input), early);
  return early.answer as Promise<ApiResult<MethodOutput<M>>>;
}
/** The prefetched call, if one was started and is still fresh. */
function earlyCall(key: string): Early | undefined {
  const early = prefetched.get(key);
  return early && performance.now() - early.at < PREFETCH_MS ? early : undefined;
}

/** A prefetched read still on its way (a page's first render waits for it, see useFirstRead). */
export function prefetchWaiting<M extends PublicMethodName>(method: M, input: MethodInput<M>): Promise<unknown> | undefined {
  const early = earlyCall(callKey(method, input));
  return early && !early.settled ? early.answer : undefined;
}

/**
 * A prefetched read's value once it is here; undefined when nothing was prefetched or the answer is
 * an error (the page then loads as usual, and the error shows from that call). Not taken: a render
 * that React throws away (another read of the page still on its way) must find it again on the
 * retry; the page drops it once it has been shown (dropPrefetched), so later calls ask anew.
 */
export function prefetchedValue<M extends PublicMethodName>(method: M, input: MethodInput<M>): MethodOutput<M> | undefined {
  const settled = earlyCall(callKey(method, input))?.settled;
  return settled?.ok ? (settled.value as MethodOutput<M>) : undefined;
}
export function dropPrefetched<M extends PublicMethodName>(method: M, input: MethodInput<M>): void {
  prefetched.delete(callKey(method, input));
}
/**
 * Prefetched reads are for the first screen. When that is something else (first run, recovery, a
 * forced password change), they are dropped: after what is done there (载入示例数据, a restore) a
 * page must not start from answers given before it.
 */
export function dropAllPrefetched(): void {
  prefetched.clear();
}

/** Pages reach public methods only; local ones (file paths) are for the CLI and the host process. */
export async function api<M extends PublicMethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const key = callKey(method, input);
  const early = earlyCall(key);
  prefetched.delete(key);
  const r = await (early ? early.answer : transport(method, input));
  if (!r.ok) throw new ApiCallError(r.error);
  return r.value as MethodOutput<M>;
}
