// electron/main.ts run for real against a fake `electron` module (tests/unit/fake-electron.ts):
// the real entry registers its handlers on the fake, the real core opens a real database, and the
// test plays Electron's part — app ready, IPC from a given frame, the page inside each window.
// What this cannot show: that real Electron calls these hooks as its documentation says.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_START_URL, AUTH_CHANNEL, CSP, IPC_CHANNEL, dbPathFromArgs, webPreferences } from '../../electron/security.js';
import { backupsDirFor } from '../../db/backups.js';
import { backupFileName } from '../../shared/backups.js';
import { INLINE_FILE_LIMIT } from '../../shared/files.js';
import { decodeRequest } from '../../shared/briefs/request.js';
import type { ApiResult } from '../../shared/contract/index.js';
import type { FakeElectron, FakeFrame } from './fake-electron.js';

const root = join(import.meta.dirname, '..', '..');
const box = vi.hoisted(() => ({ fake: undefined as unknown as FakeElectron, userData: '' }));

vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./fake-electron.js');
  box.fake = createFakeElectron(box.userData);
  return box.fake.module;
});

let dir: string;
let fake: FakeElectron;
let callsBeforeReady: string[];
const savedEnv = { YANPAN_RENDERER_DIR: process.env.YANPAN_RENDERER_DIR, YANPAN_MIGRATIONS: process.env.YANPAN_MIGRATIONS, YANPAN_HOME: process.env.YANPAN_HOME };
/** What the print route's own API calls answered, per print window (the page's side of printing). */
const pageAnswers: Array<{ contents: number; method: string; code: string }> = [];

type Answer = ApiResult<unknown>;
const top = (contents: { url: string }): FakeFrame => ({ url: contents.url, parent: null });
const ask = (contents: { id: number }, frame: FakeFrame | null, method: unknown, input: unknown = {}) => fake.invoke(IPC_CHANNEL, contents, frame, method, input) as Promise<Answer>;
const codeOf = (a: Answer) => (a.ok ? 'ok' : a.error.code);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yanpan-electron-'));
  box.userData = join(dir, 'userData');
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>风险研判台</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not for the page');
  process.env.YANPAN_RENDERER_DIR = renderer;
  process.env.YANPAN_MIGRATIONS = join(root, 'db', 'migrations');
  // The register's folder (never the machine-wide default from a test).
  process.env.YANPAN_HOME = box.userData;

  const main = await import('../../electron/main.js');
  fake = box.fake;
  callsBeforeReady = [...fake.calls];

  // The pages. The print route (renderer/briefs/PrintRoute.tsx) asks for its document over IPC as
  // its own top frame and reports {error, code} when the printer waits for it; while it is open it
  // also tries what a hostile frame in it would: a subframe and a navigated-away frame.
  fake.state.page = async (contents) => {
    const m = /#\/print\/[a-z]+\?q=([\w-]+)/.exec(contents.url);
    if (!m) throw new Error(`not a print page: ${contents.url}`);
    const sub = await ask(contents, { url: contents.url, parent: top(contents) }, 'app.info');
    pageAnswers.push({ contents: contents.id, method: 'app.info from a subframe', code: codeOf(sub) });
    const away = await ask(contents, { url: 'https://evil.example/', parent: null }, 'app.info');
    pageAnswers.push({ contents: contents.id, method: 'app.info after navigating away', code: codeOf(away) });
    const r = await ask(contents, top(contents), 'briefs.model', decodeRequest(m[1]));
    pageAnswers.push({ contents: contents.id, method: 'briefs.model', code: codeOf(r) });
    return r.ok ? { error: '', code: '' } : { error: r.error.message, code: r.error.code };
  };
  fake.ready();
  await main.desktop.started;
  // Logged in through the auth channel as the page would: set-up (the first 系统管理员), who adds a
  // 研判员, then the 研判员 logs in; every call below is theirs.
  const w = fake.windows[0].webContents;
  const auth = (path: string, body: unknown) => fake.invoke(AUTH_CHANNEL, w, top(w), path, body) as Promise<{ status: number; body: { state?: string; message?: string } }>;
  const set = await auth('setup', { cityName: '江城市', cityPrefix: 'JC', regions: ['城关区'], name: 'root', displayName: '管理员', password: 'Admin-pass-1' });
  expect(set.body.state, JSON.stringify(set)).toBe('in');
  expect(codeOf(await ask(w, top(w), 'accounts.create', { name: 'li', displayName: '李研判', role: '研判员', password: 'Yanpan-pass-2' }))).toBe('ok');
  expect((await auth('login', { name: 'li', password: 'Yanpan-pass-2' })).body.state).toBe('in');
  // A new account changes its password before anything else.
  expect(codeOf(await ask(w, top(w), 'risks.list', {}))).toBe('FORBIDDEN');
  expect(codeOf(await ask(w, top(w), 'session.changePassword', { current: 'Yanpan-pass-2', next: 'Yanpan-pass-3' }))).toBe('ok');
}, 60_000);

afterAll(async () => {
  // Quitting waits for a start-up backup still due, then asks again (app.quit), and the core closes.
  let prevented = false;
  fake?.module.app.emit('will-quit', { preventDefault: () => (prevented = true) });
  if (prevented) {
    await vi.waitFor(() => expect(fake.calls.at(-1)).toBe('app.quit'), { timeout: 30_000 });
    fake.module.app.emit('will-quit', { preventDefault: () => {} });
  }
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  // Retried: the start-up backup runs after the first page and may still be closing its file at quit.
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

const mainWindow = () => fake.windows[0];

describe('electron/main.ts against a fake electron', () => {
  it('before ready: names the app, registers app:// as a privileged scheme, turns the sandbox on; no window, no IPC yet', () => {
    expect(callsBeforeReady).toEqual([
      'app.setName 风险研判台',
      `protocol.registerSchemesAsPrivileged [{"scheme":"app","privileges":{"standard":true,"secure":true,"supportFetchAPI":true,"corsEnabled":false,"stream":false}}]`,
      'app.enableSandbox',
      'app.requestSingleInstanceLock',
    ]);
  });

  it('opens one hardened main window on app://yanpan/index.html and shows it when ready', () => {
    const w = mainWindow();
    expect(fake.windows).toHaveLength(1);
    expect(w.options).toMatchObject({ show: false, title: '风险研判台', webPreferences: webPreferences(join(root, 'electron', 'preload.cjs')) });
    expect(w.webContents.url).toBe(APP_START_URL);
    expect(fake.calls.filter((c) => / load /.test(c))).toEqual([`contents ${w.webContents.id} load ${APP_START_URL}`]);
    w.emit('ready-to-show');
    expect(fake.calls).toContain(`window ${w.webContents.id} show`);
  });

  it('every webContents, even one main never asked for, stays on app:// pages and opens no window or webview', () => {
    const stranger = new fake.module.BrowserWindow({}).webContents;
    for (const contents of [mainWindow().webContents, stranger]) {
      const prevented = (event: string, url?: string) => {
        let blocked = false;
        contents.emit(event, { preventDefault: () => (blocked = true) }, url);
        return blocked;
      };
      expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
      expect(prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
      expect(prevented('will-navigate', 'app://yanpan/index.html#/register')).toBe(false);
      expect(prevented('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
      expect(prevented('will-attach-webview')).toBe(true);
      expect(contents.windowOpenHandler?.()).toEqual({ action: 'deny' });
    }
    stranger.destroy();
  });

  it('the session refuses permissions and outside requests, and serves app:// with the CSP and no way out of the folder', async () => {
    const ses = fake.session;
    let granted: boolean | undefined;
    (ses.permissionRequestHandler as (w: unknown, p: string, cb: (g: boolean) => void) => void)({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect((ses.permissionCheckHandler as () => boolean)()).toBe(false);
    const cancel = (url: string) => {
      let c: boolean | undefined;
      (ses.beforeRequest as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)({ url }, (r) => (c = r.cancel));
      return c;
    };
    expect(cancel('https://cdn.example.com/x.js')).toBe(true);
    expect(cancel('app://yanpan/assets/app.js')).toBe(false);

    const serve = fake.protocolHandlers.get('app')!;
    const page = await serve(new Request('app://yanpan/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toBe(CSP);
    expect(await page.text()).toContain('风险研判台');
    expect(await (await serve(new Request('app://yanpan/assets/app.js'))).text()).toBe('console.log(1)');
    expect((await serve(new Request('app://yanpan/assets/..%2f..%2fsecret.txt'))).status).toBe(404);
    expect((await serve(new Request('app://other/index.html'))).status).toBe(404);
  });

  it('IPC: the main window top frame on app:// is answered; a subframe, a navigated frame, an unknown or foreign webContents are FORBIDDEN', async () => {
    const w = mainWindow().webContents;
    const info = await ask(w, top(w), 'app.info');
    expect(info.ok).toBe(true);
    expect(await ask(w, top(w), 42)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: '拒绝访问：请求不是来自风险研判台自己的窗口。' } };
    expect(await ask(w, { url: APP_START_URL, parent: top(w) }, 'app.info')).toEqual(forbidden);
    expect(await ask(w, { url: 'https://evil.example/', parent: null }, 'app.info')).toEqual(forbidden);
    expect(await ask(w, { url: 'file:///index.html', parent: null }, 'app.info')).toEqual(forbidden);
    expect(await ask(w, null, 'app.info')).toEqual(forbidden);
    expect(await ask({ id: 999 }, { url: APP_START_URL, parent: null }, 'app.info')).toEqual(forbidden);
    // A window main did not make (devtools, an extension, a test) is not trusted even on our page.
    const foreign = new fake.module.BrowserWindow({}).webContents;
    await foreign.loadURL(APP_START_URL);
    expect(await ask(foreign, top(foreign), 'app.info')).toEqual(forbidden);
    foreign.destroy();
  });

  it('desktop printing: briefs.pdf from the main window prints in a hidden print window whose own IPC call is trusted; after, that window is not', async () => {
    const w = mainWindow().webContents;
    expect(codeOf(await ask(w, top(w), 'demo.load', { risks: 20, seed: 3, asOf: '2026-11-25' }))).toBe('ok');
    const before = fake.windows.length;
    const r = await ask(w, top(w), 'briefs.pdf', { request: { kind: 'register', asOf: '2026-11-25' } });
    expect(r.ok ? '' : `${r.error.code} ${r.error.message}`).toBe('');
    const file = (r as { value: { base64: string; pages: number } }).value;
    expect(Buffer.from(file.base64, 'base64').toString('latin1')).toContain('%PDF-1.7 fake');
    expect(file.pages).toBe(1);

    const print = fake.windows[before];
    expect(fake.windows).toHaveLength(before + 1);
    expect(print.options).toEqual({ show: false, webPreferences: webPreferences(join(root, 'electron', 'preload.cjs')) });
    expect(print.webContents.url).toMatch(/^app:\/\/yanpan\/index\.html#\/print\/register\?q=/);
    const id = print.webContents.id;
    expect(pageAnswers.filter((a) => a.contents === id)).toEqual([
      { contents: id, method: 'app.info from a subframe', code: 'FORBIDDEN' },
      { contents: id, method: 'app.info after navigating away', code: 'FORBIDDEN' },
      { contents: id, method: 'briefs.model', code: 'ok' },
    ]);
    expect(fake.calls.slice(-2)).toEqual([`contents ${id} printToPDF {"preferCSSPageSize":true,"printBackground":true,"displayHeaderFooter":false}`, `contents ${id} destroyed`]);
    // Destroyed: its id is no longer one of ours.
    expect(codeOf(await ask(print.webContents, top(print.webContents), 'app.info'))).toBe('FORBIDDEN');
  });

  it('打印… on the desktop: briefs.printPaper prints the route in a print window whose call is trusted, with the copies asked for', async () => {
    const w = mainWindow().webContents;
    const r = await ask(w, top(w), 'briefs.printPaper', { request: { kind: 'register', asOf: '2026-11-25' }, copies: 2 });
    expect(r).toEqual({ ok: true, value: { printed: true } });
    const print = fake.windows.at(-1)!;
    expect(pageAnswers.filter((a) => a.contents === print.webContents.id).map((a) => a.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'ok']);
    expect(fake.calls.slice(-2)).toEqual([`contents ${print.webContents.id} print {"silent":false,"printBackground":true,"copies":2}`, `contents ${print.webContents.id} destroyed`]);
  });

  it('a large file on the desktop: backups.download over IPC gives an id, app://yanpan/download/<id> streams it once', async () => {
    const w = mainWindow().webContents;
    const backups = backupsDirFor(dbPathFromArgs([], box.userData));
    const name = backupFileName('2026-11-24T03:00:00.000Z', 'manual');
    const bytes = Buffer.alloc(INLINE_FILE_LIMIT + 1024, 7);
    mkdirSync(backups, { recursive: true });
    writeFileSync(join(backups, name), bytes);
    const r = await ask(w, top(w), 'backups.download', { name });
    const file = (r as { value: { downloadId?: string; dataBase64?: string } }).value;
    expect(file.dataBase64).toBeUndefined();
    const serve = fake.protocolHandlers.get('app')!;
    const got = await serve(new Request(`app://yanpan/download/${file.downloadId}`));
    expect(got.status).toBe(200);
    expect(got.headers.get('Content-Disposition')).toContain(encodeURIComponent(name));
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    const again = await serve(new Request(`app://yanpan/download/${file.downloadId}`));
    expect(again.status).toBe(404);
    expect(await again.text()).toMatch(/下载链接已失效/);
  });
});

describe('electron/preload.cts against the same fake', () => {
  it('as bundled (CommonJS, sandboxed: it may require electron only) exposes exactly window.yanpan.invoke and .auth on their channels', async () => {
    // Bundled as scripts/build-electron.mjs does, then run with a require that knows only 'electron'.
    const { build } = await import('esbuild');
    const out = await build({ entryPoints: [join(root, 'electron', 'preload.cts')], bundle: true, write: false, platform: 'node', format: 'cjs', target: 'chrome130', external: ['electron'], logLevel: 'silent' });
    const required: string[] = [];
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
      return fake.module;
    };
    const mod = { exports: {} };
    new Function('require', 'module', 'exports', out.outputFiles[0].text)(sandboxRequire, mod, mod.exports);
    expect(required).toEqual(['electron']);

    expect([...fake.exposed.keys()]).toEqual(['yanpan']);
    const api = fake.exposed.get('yanpan') as { invoke: (m: unknown, i: unknown) => Promise<unknown> };
    expect(Object.keys(api)).toEqual(['invoke', 'auth']);
    expect(await api.invoke('risks.list', { page: 1 })).toEqual({ ok: true, value: 'from main' });
    expect(fake.sent).toEqual([[IPC_CHANNEL, 'risks.list', { page: 1 }]]);
    expect(await api.invoke(42, {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(fake.sent).toHaveLength(1);
  });
});
