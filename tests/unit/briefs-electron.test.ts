// The Electron printer is plain code over a window factory; here a stand-in window records what
// Electron would be asked to do (the real BrowserWindow cannot run on this machine).
import { describe, expect, it } from 'vitest';
import { electronPrinter, type HiddenWindow } from '../../electron/print/electron.js';

function fakeWindow(result: string, log: string[]): HiddenWindow {
  return {
    loadURL: async (url) => void log.push(`load ${url}`),
    destroy: () => void log.push('destroy'),
    webContents: {
      executeJavaScript: async () => result,
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
