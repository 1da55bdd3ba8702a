// The Electron entry (bundled by scripts/build.mjs to dist/electron/main.cjs). Thin glue only:
// every rule it applies is a plain export of ./security.ts, unit-tested without Electron, and the
// wiring itself is startMain(electron), run in tests against a fake `electron` module that records
// every handler (tests/unit/electron-main.test.ts).
import * as electron from 'electron';
import type { BrowserWindow as BrowserWindowType, WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRecoverableCore, type RecoverableCore } from './recovery.js';
import { electronPrinter } from './print/electron.js';
import { defaultDbLocation, PRODUCT_NAME } from './paths.js';
import { downloadResponse } from './downloads.js';
import { DOWNLOAD_PREFIX } from '../shared/files.js';
import { desktopAuth, webAuthFor } from './webAuth.js';
import {
  APP_SCHEME, APP_START_URL, AUTH_CHANNEL, IPC_CHANNEL, SCHEME_PRIVILEGES, UNTRUSTED_SENDER_ERROR, appResponseHeaders, dbPathFromArgs,
  isTrustedSender, permissionCheckHandler, permissionRequestHandler, requestFilter, resolveAppFile, shouldBlockNavigation,
  webPreferences, windowOpenHandler,
} from './security.js';

/** The parts of Electron the main process uses. */
export type ElectronMain = Pick<typeof electron, 'app' | 'BrowserWindow' | 'ipcMain' | 'protocol' | 'session'>;

export interface MainOptions {
  /** The folder of the bundle: dist/electron/{main.cjs, preload.cjs, migrations/}, next to dist/renderer/. */
  here: string;
  argv: readonly string[];
}

export interface MainHandle {
  /** Settles when the main window has loaded (rejects when start-up failed; the app then exits). */
  started: Promise<void>;
}

export function startMain({ app, BrowserWindow, ipcMain, protocol, session }: ElectronMain, { here, argv }: MainOptions): MainHandle {
  process.env.YANPAN_MIGRATIONS ??= join(here, 'migrations');
  const rendererDir = process.env.YANPAN_RENDERER_DIR ?? join(here, '..', 'renderer');
  const preload = join(here, 'preload.cjs');

  app.setName(PRODUCT_NAME);
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: SCHEME_PRIVILEGES }]);
  app.enableSandbox();

  let core: RecoverableCore | null = null;
  let mainWindow: BrowserWindowType | null = null;
  /**
   * The webContents this process made and may answer on IPC: the main window and each hidden print
   * window while it lives (the print route calls briefs.model from there). Ids are removed when
   * their webContents is destroyed, so a later webContents reusing nothing of ours is never trusted.
   */
  const ownContents = new Set<number>();
  const own = (contents: WebContents) => {
    const id = contents.id;
    ownContents.add(id);
    contents.once('destroyed', () => ownContents.delete(id));
  };

  if (!app.requestSingleInstanceLock()) app.quit();
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  // Applies to every webContents ever created, including ones we never asked for.
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (e, url) => shouldBlockNavigation(url) && e.preventDefault());
    contents.on('will-redirect', (e, url) => shouldBlockNavigation(url) && e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(windowOpenHandler);
  });

  async function start() {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler(permissionRequestHandler);
    ses.setPermissionCheckHandler(permissionCheckHandler);
    ses.webRequest.onBeforeRequest(requestFilter);
    // The page's files count as activity for the start-up work, as in the web host (Core.track).
    ses.protocol.handle(APP_SCHEME, (req) => {
      const serve = () => appResponse(req);
      return core ? core.track(serve) : serve();
    });
    async function appResponse(req: Request): Promise<Response> {
      const path = new URL(req.url).pathname;
      if (path.startsWith(DOWNLOAD_PREFIX)) return downloadResponse(core?.downloads?.take(path.slice(DOWNLOAD_PREFIX.length)) ?? null);
      const file = resolveAppFile(rendererDir, req.url);
      if (!file) return new Response('找不到', { status: 404 });
      try {
        return new Response(await readFile(file), { headers: appResponseHeaders(file) });
      } catch {
        // Hash routes never reach here; unknown deep links get the app.
        const index = join(rendererDir, 'index.html');
        return new Response(await readFile(index), { headers: appResponseHeaders(index) });
      }
    }

    // Default: the machine-wide folder (or YANPAN_HOME); this user's userData only when it cannot be written.
    const location = defaultDbLocation(app.getPath('userData'));
    if (location.note) console.error(location.note);
    const dbPath = dbPathFromArgs(argv, dirname(location.path));
    // Start-up check and backup; a damaged database opens in recovery mode instead of crashing.
    core = openRecoverableCore({ dbPath, host: 'electron', backupOnStart: true });
    // PDFs: a hidden window with the same hardened preferences loads the print route; it is ours
    // (trusted on IPC) until the printer destroys it.
    core.printer.current = electronPrinter(() => {
      const win = new BrowserWindow({ show: false, webPreferences: webPreferences(preload) });
      own(win.webContents);
      return win;
    }, APP_START_URL);
    // One account at a time in the one window; its print windows act for it (they only read the document).
    const auth = desktopAuth(webAuthFor(core, () => new Date().toISOString(), dbPath));
    ipcMain.handle(AUTH_CHANNEL, async (event, path: unknown, body: unknown) => {
      if (!isTrustedSender(event, ownContents)) return { status: 403, body: { message: UNTRUSTED_SENDER_ERROR.error.message } };
      return auth.handle(String(path), body);
    });
    ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown) => {
      if (!isTrustedSender(event, ownContents)) return UNTRUSTED_SENDER_ERROR;
      if (typeof method !== 'string') return { ok: false, error: { code: 'INVALID_INPUT', message: '方法名应为文字。' } };
      return core!.dispatch(method, input, auth.caller());
    });

    mainWindow = new BrowserWindow({
      width: 1440,
      height: 900,
      minWidth: 1024,
      minHeight: 640,
      title: PRODUCT_NAME,
      show: false,
      autoHideMenuBar: true,
      webPreferences: webPreferences(preload),
    });
    own(mainWindow.webContents);
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('closed', () => (mainWindow = null));
    await mainWindow.loadURL(APP_START_URL);
  }

  const started = app.whenReady().then(start);
  started.catch((e) => {
    console.error(e);
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
  // A start-up backup still due (it waits for a quiet moment after the first page) is taken before
  // the app quits: quitting is put off until it is written, then asked for again.
  let backupSettled = false;
  app.on('will-quit', (e) => {
    const open = core?.current();
    if (open && !backupSettled) {
      backupSettled = true;
      e.preventDefault();
      void open.finishStartWork().finally(() => app.quit());
      return;
    }
    core?.close();
  });
  return { started };
}

// The one top-level statement: the bundle runs the app. (esbuild defines import.meta.url for the
// CommonJS bundle, so this is dist/electron there.)
export const desktop = startMain(electron, { here: dirname(fileURLToPath(import.meta.url)), argv: process.argv });
