// The Electron printer is plain code over a window factory; here a stand-in window records what
// Electron would be asked to do (the real BrowserWindow cannot run on this machine). The whole
// desktop path — main.ts making the print window, the print page's own IPC call passing the trust
// check — runs in tests/unit/electron-main.test.ts.
import { describe, expect, it } from 'vitest';
import { electronPrinter, type HiddenWindow } from '../../electron/print/electron.js';
import { testCaller } from './helpers.js';

function fakeWindow(result: string, log: string[], code = ''): HiddenWindow {
  return {
    loadURL: async (url) => void log.push(`load ${url}`),
    destroy: () => void log.push('destroy'),
    webContents: {
      executeJavaScript: async () => ({ error: result, code }),
      printToPDF: async (o) => {
        log.push(`pdf ${JSON.stringify(o)}`);
        return Buffer.from('%PDF-1.7');
      },
      print: (_o, cb) => cb(true, ''),
    },
  };
}

describe('electronPrinter', () => {
  it('loads the print route in a hidden window, prints with the page CSS, then destroys the window', async () => {
    const log: string[] = [];
    const stages: string[] = [];
    const p = electronPrinter(() => fakeWindow('', log), 'app://yanpan/index.html');
    const pdf = await p.pdf('#/print/weekly?q=abc', { onStage: (s) => stages.push(s) });
    expect(pdf.toString()).toBe('%PDF-1.7');
    expect(log).toEqual(['load app://yanpan/index.html#/print/weekly?q=abc', 'pdf {"preferCSSPageSize":true,"printBackground":true,"displayHeaderFooter":false}', 'destroy']);
    expect(stages).toEqual(['排版', '生成PDF']);
  });

  it('passes the print page’s Chinese error on and still destroys the window', async () => {
    const log: string[] = [];
    const p = electronPrinter(() => fakeWindow('会议纪要需要研判会数据', log), 'app://yanpan/index.html');
    await expect(p.pdf('#/print/minutes?q=x')).rejects.toThrow('会议纪要需要研判会数据');
    expect(log.at(-1)).toBe('destroy');
    expect(log.some((l) => l.startsWith('pdf'))).toBe(false);
  });
});

describe('the print page’s error through the dispatcher', () => {
  it('keeps its Chinese message and its code (here FORBIDDEN), not 程序内部出错', async () => {
    const { tempDatabase } = await import('./helpers.js');
    const { createDispatcher } = await import('../../electron/api/dispatcher.js');
    const { db, file } = tempDatabase();
    const log: string[] = [];
    const printer = { current: electronPrinter(() => fakeWindow('拒绝访问：请求不是来自风险研判台自己的窗口。', log, 'FORBIDDEN'), 'app://yanpan/index.html') };
    const desktop = createDispatcher({ caller: testCaller(), db, dbPath: file, host: 'electron', defaultOperator: '测试员', now: () => '2026-11-25T02:00:00.000Z', log: () => {}, printer });
    const r = await desktop('briefs.pdf', { request: { kind: 'register' } });
    expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝访问：请求不是来自风险研判台自己的窗口。' } });
    expect(log.at(-1)).toBe('destroy');
  });
});

describe('briefs.printPaper (the desktop 打印… button)', () => {
  it('prints the route through the window with the copies asked for, then records the print; the web host says to use its print window', async () => {
    const { tempDatabase, ok } = await import('./helpers.js');
    const { createDispatcher } = await import('../../electron/api/dispatcher.js');
    const { db, file } = tempDatabase();
    const asked: unknown[] = [];
    const log: string[] = [];
    const window = (): HiddenWindow => ({
      ...fakeWindow('', log),
      webContents: { ...fakeWindow('', log).webContents, print: (o, cb) => (asked.push(o), cb(true, '')) },
    });
    const printer = { current: electronPrinter(window, 'app://yanpan/index.html') };
    const desktop = createDispatcher({ caller: testCaller(), db, dbPath: file, host: 'electron', defaultOperator: '测试员', now: () => '2026-11-25T02:00:00.000Z', log: () => {}, printer });
    await ok(desktop, 'demo.load', { risks: 20, seed: 3, asOf: '2026-11-25' });
    const prints = () => (db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'print' AND entity = 'brief'").get() as { n: number }).n;
    expect(await ok(desktop, 'briefs.printPaper', { request: { kind: 'register' }, copies: 3 })).toEqual({ printed: true });
    expect(asked).toEqual([{ silent: false, printBackground: true, copies: 3 }]);
    expect(log[0]).toMatch(/^load app:\/\/yanpan\/index\.html#\/print\/register/);
    expect(log.at(-1)).toBe('destroy');
    expect(prints()).toBe(1);

    // Cancelled in the dialog: a Chinese message, nothing recorded.
    printer.current = electronPrinter(() => ({ ...fakeWindow('', log), webContents: { ...fakeWindow('', log).webContents, print: (_o, cb) => cb(false, 'cancelled') } }), 'app://yanpan/index.html');
    const cancelled = await desktop('briefs.printPaper', { request: { kind: 'register' }, copies: 1 });
    expect(cancelled.ok ? '' : cancelled.error.message).toMatch('已取消打印');
    expect(prints()).toBe(1);

    const web = createDispatcher({ caller: testCaller(), db, dbPath: file, host: 'web', defaultOperator: '测试员', now: () => '2026-11-25T02:00:00.000Z', log: () => {}, printer: {} });
    const refused = await web('briefs.printPaper', { request: { kind: 'register' }, copies: 1 });
    expect(refused.ok ? '' : refused.error.message).toMatch(/网页版请用「打印…」/);
    expect(prints()).toBe(1);
  });
});
