// The Electron host's security checklist as plain data and functions, so vitest checks every rule
// on a machine without the Electron runtime; electron/main.ts only wires them to Electron's hooks.
// Types come from 'electron' (type-only import: nothing of Electron is loaded here).
import type { WebPreferences } from 'electron';
import { extname, join } from 'node:path';
import { CSP, MIME, safeJoin } from './webhost.js';

export { CSP };

/** Pages come from app://yanpan/… (a standard, secure scheme registered by main.ts); never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'yanpan';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;
/** The one IPC channel; electron/preload.cts spells the same string (a test checks it). */
export const IPC_CHANNEL = 'yanpan:invoke';
/** Login, logout and lock (electron/webAuth.ts desktopAuth). */
export const AUTH_CHANNEL = 'yanpan:auth';

export const SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false } as const;

export function webPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: true,
  };
}

/** True only for our own pages: app://yanpan/… */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** 'will-navigate' / 'will-redirect' / 'will-frame-navigate': anything but our own pages is stopped. */
export function shouldBlockNavigation(url: string): boolean {
  return !isAppUrl(url);
}

/** setWindowOpenHandler: no new windows, ever (printing and exports run in the main process). */
export function windowOpenHandler(): { action: 'deny' } {
  return { action: 'deny' };
}

/** setPermissionRequestHandler: camera, notifications, geolocation, clipboard-read… all refused. */
export function permissionRequestHandler(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** setPermissionCheckHandler */
export function permissionCheckHandler(): boolean {
  return false;
}

const ALLOWED_REQUEST_SCHEMES = new Set([`${APP_SCHEME}:`, 'data:', 'blob:', 'devtools:', 'chrome-extension:']);

/** session.webRequest.onBeforeRequest: http(s), ws(s), ftp, file and anything unknown are cancelled. */
export function shouldBlockRequest(url: string): boolean {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return true;
  }
  if (protocol === `${APP_SCHEME}:`) return !isAppUrl(url);
  return !ALLOWED_REQUEST_SCHEMES.has(protocol);
}

export function requestFilter(details: { url: string }, callback: (response: { cancel: boolean }) => void): void {
  callback({ cancel: shouldBlockRequest(details.url) });
}

/**
 * app:// request → file inside the renderer folder, or null (404) when the URL is not ours or its
 * path would leave the folder (../, %2e%2e, encoded slashes, NUL) — the same safeJoin as the web host.
 */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  const { pathname } = new URL(url);
  if (pathname === '/' || pathname === '') return join(rendererDir, 'index.html');
  // Stricter than clamping: a request that even tries to climb (.. after decoding) is refused.
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.split(/[/\\]/).includes('..')) return null;
  return safeJoin(rendererDir, pathname);
}

/** Headers for every app:// response: the CSP default-src 'self' and no sniffing. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

/** What an IPC event tells us about its sender (structural subset of IpcMainInvokeEvent). */
export interface IpcSenderInfo {
  sender: { id: number };
  senderFrame: { url: string; parent?: unknown } | null;
}

/**
 * Every IPC call is checked: it must come from the top frame of a webContents the main process
 * made and still owns (the main window, or a hidden print window while it prints), showing an
 * app:// page. A frame that navigated elsewhere, a subframe, or any other webContents is refused.
 */
export function isTrustedSender(event: IpcSenderInfo, ownWebContents: ReadonlySet<number>): boolean {
  if (!ownWebContents.has(event.sender.id)) return false;
  const frame = event.senderFrame;
  if (!frame || (frame.parent !== null && frame.parent !== undefined)) return false;
  return isAppUrl(frame.url);
}

export const UNTRUSTED_SENDER_ERROR = { ok: false as const, error: { code: 'FORBIDDEN' as const, message: '拒绝访问：请求不是来自风险研判台自己的窗口。' } };

/** --db FILE overrides the database in the user-data folder. */
export function dbPathFromArgs(argv: readonly string[], userDataDir: string, fileName = 'yanpan.db'): string {
  const i = argv.indexOf('--db');
  if (i >= 0 && argv[i + 1] && !argv[i + 1].startsWith('--')) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith('--db='));
  if (eq) return eq.slice('--db='.length);
  return join(userDataDir, fileName);
}
