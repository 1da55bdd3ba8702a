// The Electron host's security checklist, checked without the Electron runtime: the settings and
// handlers electron/main.ts wires up are plain exports of electron/security.ts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_START_URL, CSP, appResponseHeaders, dbPathFromArgs, isAppUrl, isTrustedSender, permissionCheckHandler,
  permissionRequestHandler, requestFilter, resolveAppFile, shouldBlockNavigation, shouldBlockRequest, webPreferences, windowOpenHandler,
} from '../../electron/security.js';
import { tempDir } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');

describe('Electron security settings', () => {
  it('webPreferences: isolated, sandboxed, no Node, no webview, web security on', () => {
    const p = webPreferences('/app/preload.cjs');
    expect(p).toMatchObject({
      preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false, webviewTag: false, webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false,
    });
  });

  it('navigation is allowed only to our own app:// pages', () => {
    expect(shouldBlockNavigation(APP_START_URL)).toBe(false);
    expect(shouldBlockNavigation('app://yanpan/index.html#/register')).toBe(false);
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://evil/index.html', 'app://user:pw@yanpan/', 'javascript:alert(1)', 'data:text/html,<b>x</b>', 'not a url']) {
      expect(shouldBlockNavigation(url), url).toBe(true);
    }
  });

  it('window.open is always denied', () => {
    expect(windowOpenHandler()).toEqual({ action: 'deny' });
  });

  it('permission requests and checks are denied', () => {
    for (const perm of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      permissionRequestHandler({}, perm, (g) => (granted = g));
      expect(granted, perm).toBe(false);
    }
    expect(permissionCheckHandler()).toBe(false);
  });

  it('http(s), ws(s), ftp and file requests are blocked; app://yanpan, data: and blob: pass', () => {
    for (const url of ['http://example.com/x.js', 'https://cdn.example.com/font.woff2', 'ws://127.0.0.1:1/', 'wss://x.org/', 'ftp://x.org/', 'file:///C:/Windows/win.ini', 'app://other/x', 'garbage']) {
      expect(shouldBlockRequest(url), url).toBe(true);
      let cancel: boolean | undefined;
      requestFilter({ url }, (r) => (cancel = r.cancel));
      expect(cancel, url).toBe(true);
    }
    for (const url of ['app://yanpan/assets/index.js', 'data:image/png;base64,AAAA', 'blob:app://yanpan/1234', 'devtools://devtools/bundled/x.html']) {
      expect(shouldBlockRequest(url), url).toBe(false);
    }
  });

  it('app:// resolves inside the renderer folder and refuses path traversal', () => {
    const dir = join(tempDir(), 'renderer');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<html></html>');
    expect(resolveAppFile(dir, 'app://yanpan/')).toBe(join(dir, 'index.html'));
    expect(resolveAppFile(dir, 'app://yanpan/assets/a.js')).toBe(join(dir, 'assets', 'a.js'));
    expect(resolveAppFile(dir, 'app://yanpan/assets/%E5%AD%97.woff2')).toBe(join(dir, 'assets', '字.woff2'));
    for (const url of ['app://yanpan/%2e%2e/secret.txt', 'app://yanpan/assets/..%2f..%2fsecret', 'app://yanpan/..%5c..%5csecret', 'app://yanpan/a%00.js', 'app://yanpan/%E0%A4%A', 'app://other/index.html', 'file:///etc/passwd']) {
      const got = resolveAppFile(dir, url);
      expect(got === null || got.startsWith(dir + sep), url).toBe(true);
    }
    // The URL parser already folds a literal or %2e%2e segment at the root back into the root…
    expect(resolveAppFile(dir, 'app://yanpan/%2e%2e/secret.txt')).toBe(join(dir, 'secret.txt'));
    // …and a climb hidden behind encoded slashes is refused outright.
    expect(resolveAppFile(dir, 'app://yanpan/assets/..%2f..%2fsecret')).toBeNull();
    expect(resolveAppFile(dir, 'app://yanpan/..%5c..%5csecret')).toBeNull();
    expect(resolveAppFile(dir, 'app://yanpan/a%00.js')).toBeNull();
    expect(resolveAppFile(dir, 'app://other/index.html')).toBeNull();
  });

  it('every app:// response carries the CSP default-src self', () => {
    const h = appResponseHeaders('/x/index.html');
    expect(h['Content-Security-Policy']).toBe(CSP);
    expect(CSP).toMatch(/default-src 'self'/);
    expect(CSP).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(h['Content-Type']).toMatch(/text\/html/);
    expect(h['X-Content-Type-Options']).toBe('nosniff');
  });

  it('IPC: only the top frame of a webContents the main process owns, on an app:// page, is trusted', () => {
    const top = (url: string, id = 7) => ({ sender: { id }, senderFrame: { url, parent: null } });
    const own = new Set([7, 12]);
    expect(isTrustedSender(top('app://yanpan/index.html#/register'), own)).toBe(true);
    expect(isTrustedSender(top('app://yanpan/index.html#/print/register?q=x', 12), own)).toBe(true);
    expect(isTrustedSender(top('app://yanpan/index.html', 8), own)).toBe(false);
    expect(isTrustedSender(top('https://evil.example/'), own)).toBe(false);
    expect(isTrustedSender(top('file:///index.html'), own)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: { url: 'app://yanpan/x', parent: {} } }, own)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: null }, own)).toBe(false);
    expect(isTrustedSender(top('app://yanpan/'), new Set())).toBe(false);
  });

  it('the database lives in the user-data folder unless --db overrides it', () => {
    expect(dbPathFromArgs(['electron', '.'], '/home/u/.config/风险研判台')).toBe(join('/home/u/.config/风险研判台', 'yanpan.db'));
    expect(dbPathFromArgs(['electron', '.', '--db', '/data/x.db'], '/u')).toBe('/data/x.db');
    expect(dbPathFromArgs(['electron', '.', '--db=/data/y.db'], '/u')).toBe('/data/y.db');
  });

  it('isAppUrl is exact about scheme and host', () => {
    expect(isAppUrl('app://yanpan/')).toBe(true);
    expect(isAppUrl('app://yanpan.evil/')).toBe(false);
    expect(isAppUrl('apps://yanpan/')).toBe(false);
  });
});

// How main.ts and preload.cts wire these rules is run, not read: tests/unit/electron-main.test.ts.

describe('packaging config', () => {
  it('electron-builder.yml is valid for electron-builder and has the required targets and fuses', async () => {
    const require = createRequire(import.meta.url);
    const yaml = require('js-yaml') as { load: (s: string) => Record<string, unknown> };
    type Targets = { target: Array<{ target: string; arch: string[] }> };
    const cfg = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { publish: unknown; electronFuses: object; asarUnpack: string[]; nsis: object; win: Targets; linux: Targets };
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration: (c: unknown, l: unknown) => Promise<void> };
    await validateConfiguration(cfg, { add() {}, isEnabled: false });
    expect(cfg.publish).toBeNull();
    expect(cfg.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, onlyLoadAppFromAsar: true });
    expect(cfg.asarUnpack).toContain('**/*.node');
    expect(cfg.nsis).toMatchObject({ oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true });
    const targets = (os: 'win' | 'linux') => cfg[os].target.map((t) => `${t.target}:${t.arch.join('+')}`);
    expect(targets('win')).toEqual(['nsis:x64+arm64', 'portable:x64+arm64']);
    expect(targets('linux')).toEqual(['AppImage:x64+arm64', 'deb:x64+arm64']);
  });
});
