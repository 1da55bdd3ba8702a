// The Electron entry (bundled by scripts/build.mjs to dist/electron/main.cjs). Thin glue only:
// every rule it applies is a plain export of ./security.ts, unit-tested without Electron.
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openRecoverableCore, type RecoverableCore } from './recovery.js';
import { electronPrinter } from './print/electron.js';
import { PRODUCT_NAME } from './paths.js';
import {
  APP_SCHEME, APP_START_URL, IPC_CHANNEL, SCHEME_PRIVILEGES, UNTRUSTED_SENDER_ERROR, appResponseHeaders, dbPathFromArgs,
  isTrustedSender, permissionCheckHandler, permissionRequestHandler, requestFilter, resolveAppFile, shouldBlockNavigation,
  webPreferences, windowOpenHandler,
} from './security.js';

// Bundled layout: dist/electron/{main.cjs, preload.cjs, migrations/}, dist/renderer/.
const HERE = __dirname;
process.env.YANPAN_MIGRATIONS ??= join(HERE, 'migrations');
const RENDERER_DIR = process.env.YANPAN_RENDERER_DIR ?? join(HERE, '..', 'renderer');

app.setName(PRODUCT_NAME);
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: SCHEME_PRIVILEGES }]);
app.enableSandbox();

let core: RecoverableCore | null = null;
let mainWindow: BrowserWindow | null = null;

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
  ses.protocol.handle(APP_SCHEME, async (req) => {
    const file = resolveAppFile(RENDERER_DIR, req.url);
    if (!file) return new Response('找不到', { status: 404 });
    try {
      return new Response(await readFile(file), { headers: appResponseHeaders(file) });
    } catch {
      // Hash routes never reach here; unknown deep links get the app.
      const index = join(RENDERER_DIR, 'index.html');
      return new Response(await readFile(index), { headers: appResponseHeaders(index) });
    }
  });

  const dbPath = dbPathFromArgs(process.argv, app.getPath('userData'));
  // Start-up check and backup; a damaged database opens in recovery mode instead of crashing.
  core = openRecoverableCore({ dbPath, host: 'electron', backupOnStart: true });
  // PDFs: a hidden window with the same hardened preferences loads the print route.
  core.printer.current = electronPrinter(() => new BrowserWindow({ show: false, webPreferences: webPreferences(join(HERE, 'preload.cjs')) }), APP_START_URL);
  ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event, mainWindow?.webContents.id ?? null)) return UNTRUSTED_SENDER_ERROR;
    if (typeof method !== 'string') return { ok: false, error: { code: 'INVALID_INPUT', message: '方法名应为文字。' } };
    return core!.dispatch(method, input);
  });

  mainWindow = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: PRODUCT_NAME,
    show: false,
    autoHideMenuBar: true,
    webPreferences: webPreferences(join(HERE, 'preload.cjs')),
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  await mainWindow.loadURL(APP_START_URL);
}

app.whenReady().then(start, (e) => {
  console.error(e);
  app.exit(1);
});
app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => core?.close());
