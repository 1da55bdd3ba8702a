// A stand-in for the `electron` module (a third-party runtime that cannot be downloaded here), so
// electron/main.ts runs for real in vitest: it records every handler main registers (app events,
// ipcMain.handle, the app:// protocol, session hooks, windows and their webContents) and lets a test
// play Electron's part: emit events, send IPC as a given frame, act as the page in a window.
// Only the surface main.ts and electron/print/electron.ts use is modelled.
import { EventEmitter } from 'node:events';

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

/** What a window's page does when the main process runs script in it (executeJavaScript). */
export type PageScript = (contents: { id: number; url: string }, code: string) => Promise<unknown>;

type Handler = (...args: never[]) => unknown;

export function createFakeElectron(userData: string) {
  /** Everything main asked of Electron, in order ("app.setName 风险研判台", "window 1 load app://…"). */
  const calls: string[] = [];
  const ipcHandlers = new Map<string, Handler>();
  const protocolHandlers = new Map<string, (req: Request) => Promise<Response>>();
  const windows: FakeBrowserWindow[] = [];
  let nextId = 1;
  let readyResolve: () => void = () => {};
  const ready = new Promise<void>((r) => (readyResolve = r));
  const state = { page: undefined as PageScript | undefined, exitCode: undefined as number | undefined };

  class FakeApp extends EventEmitter {
    setName(name: string) { calls.push(`app.setName ${name}`); }
    enableSandbox() { calls.push('app.enableSandbox'); }
    requestSingleInstanceLock() { calls.push('app.requestSingleInstanceLock'); return true; }
    quit() { calls.push('app.quit'); }
    exit(code: number) { calls.push(`app.exit ${code}`); state.exitCode = code; }
    whenReady() { return ready; }
    getPath(name: string) {
      if (name !== 'userData') throw new Error(`fake getPath(${name})`);
      return userData;
    }
  }
  const app = new FakeApp();

  class FakeWebContents extends EventEmitter {
    url = '';
    destroyed = false;
    windowOpenHandler: Handler | undefined;
    /** The main frame, as an IPC event names it (senderFrame). */
    get mainFrame(): FakeFrame { return { url: this.url, parent: null }; }
    constructor(public readonly id: number) { super(); }
    setWindowOpenHandler(h: Handler) { this.windowOpenHandler = h; }
    async loadURL(url: string) { calls.push(`contents ${this.id} load ${url}`); this.url = url; }
    executeJavaScript(code: string): Promise<unknown> {
      if (!state.page) return Promise.reject(new Error('no page script set for this test'));
      return state.page(this, code);
    }
    async printToPDF(o: object) { calls.push(`contents ${this.id} printToPDF ${JSON.stringify(o)}`); return Buffer.from('%PDF-1.7 fake /Type /Page'); }
    print(o: object, cb: (ok: boolean, reason: string) => void) { calls.push(`contents ${this.id} print ${JSON.stringify(o)}`); cb(true, ''); }
    isDestroyed() { return this.destroyed; }
    destroy() {
      if (this.destroyed) return;
      this.destroyed = true;
      calls.push(`contents ${this.id} destroyed`);
      this.emit('destroyed');
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents: FakeWebContents;
    constructor(public readonly options: Record<string, unknown>) {
      super();
      this.webContents = new FakeWebContents(nextId++);
      windows.push(this);
      calls.push(`new BrowserWindow ${this.webContents.id}`);
      // Electron announces every webContents before anyone can use it.
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) { return this.webContents.loadURL(url); }
    show() { calls.push(`window ${this.webContents.id} show`); }
    isMinimized() { return false; }
    restore() {}
    focus() {}
    destroy() {
      this.webContents.destroy();
      this.emit('closed');
    }
  }

  const session = {
    defaultSession: {
      permissionRequestHandler: undefined as Handler | undefined,
      permissionCheckHandler: undefined as Handler | undefined,
      beforeRequest: undefined as Handler | undefined,
      setPermissionRequestHandler(h: Handler) { this.permissionRequestHandler = h; },
      setPermissionCheckHandler(h: Handler) { this.permissionCheckHandler = h; },
      webRequest: { onBeforeRequest: (h: Handler) => void (session.defaultSession.beforeRequest = h) },
      protocol: { handle: (scheme: string, h: (req: Request) => Promise<Response>) => void protocolHandlers.set(scheme, h) },
    },
  };

  /** The preload's side: what it exposed to the page, and what it sent to the main process. */
  const exposed = new Map<string, unknown>();
  const sent: unknown[][] = [];
  const module = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        sent.push(args);
        return Promise.resolve({ ok: true, value: 'from main' });
      },
    },
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle(channel: string, h: Handler) {
        calls.push(`ipcMain.handle ${channel}`);
        ipcHandlers.set(channel, h);
      },
    },
    protocol: {
      registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: object }>) {
        calls.push(`protocol.registerSchemesAsPrivileged ${JSON.stringify(schemes)}`);
      },
    },
    session,
  };

  return {
    module,
    calls,
    windows,
    ipcHandlers,
    protocolHandlers,
    exposed,
    sent,
    session: session.defaultSession,
    state,
    /** Electron is ready: main's start() runs. */
    ready: () => {
      calls.push('app ready');
      readyResolve();
    },
    /** ipcRenderer.invoke(channel, …) from `frame` (by default the top frame) of `contents`. */
    invoke(channel: string, contents: { id: number }, frame: FakeFrame | null, ...args: unknown[]): Promise<unknown> {
      const h = ipcHandlers.get(channel);
      if (!h) return Promise.reject(new Error(`nothing handles ${channel}`));
      return Promise.resolve((h as (...a: unknown[]) => unknown)({ sender: contents, senderFrame: frame }, ...args));
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
