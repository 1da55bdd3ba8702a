// Preload (CommonJS, sandboxed): exposes exactly one function to the page, window.yanpan.invoke,
// which carries (method, input) to the main process; renderer/api.ts builds the typed client on it.
// Nothing else of Electron or Node reaches the page. The channel name matches IPC_CHANNEL in
// electron/security.ts (kept literal: a sandboxed preload may only require 'electron').
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('yanpan', {
  invoke: (method: string, input: unknown): Promise<unknown> => {
    if (typeof method !== 'string') return Promise.resolve({ ok: false, error: { code: 'INVALID_INPUT', message: '方法名应为文字。' } });
    return ipcRenderer.invoke('yanpan:invoke', method, input);
  },
  // Login, logout, lock (channel AUTH_CHANNEL): the main process keeps who is logged in.
  auth: (path: string, body: unknown): Promise<unknown> => ipcRenderer.invoke('yanpan:auth', String(path), body),
});
