// The Electron host's printer: a hidden window loads the print route and printToPDF prints it with
// the page's own CSS page size and margin boxes (page numbers come from print.css, not a footer
// template). Plain function over a BrowserWindow factory, so the main process wires it in one line:
//   core.printer.current = electronPrinter(() => new BrowserWindow({ show: false, webPreferences }), appUrl)
import { CancelledError, printPageError, type PdfJob, type Printer } from './types.js';
import { AppError } from '../../shared/errors.js';

/** The part of Electron's BrowserWindow this needs (kept structural so this file has no Electron import). */
export interface HiddenWindow {
  loadURL: (url: string) => Promise<void>;
  destroy: () => void;
  webContents: {
    executeJavaScript: (code: string) => Promise<unknown>;
    printToPDF: (o: { preferCSSPageSize: boolean; printBackground: boolean; displayHeaderFooter: boolean }) => Promise<Buffer>;
    print: (o: { silent: boolean; printBackground: boolean; copies: number; deviceName?: string }, cb: (ok: boolean, reason: string) => void) => void;
  };
}

/** Resolves when the print route is laid out: { error, code } as the page set them ('' when it printed). */
const READY = `new Promise((ok) => { const t = setInterval(() => { const b = document.body.dataset; if (b.printDone !== undefined) { clearInterval(t); ok({ error: b.printError ?? '', code: b.printErrorCode ?? '' }); } }, 50); })`;

async function load(win: HiddenWindow, url: string, job: PdfJob): Promise<void> {
  job.onStage?.('排版');
  await win.loadURL(url);
  const { error, code } = (await win.webContents.executeJavaScript(READY)) as { error: string; code: string };
  if (error) throw printPageError(error, code);
  if (job.signal?.aborted) throw new CancelledError();
}

export function electronPrinter(makeWindow: () => HiddenWindow, appUrl: string): Printer {
  return {
    async pdf(route, job = {}) {
      const win = makeWindow();
      try {
        await load(win, new URL(route, appUrl).href, job);
        job.onStage?.('生成PDF');
        return await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false });
      } finally {
        win.destroy();
      }
    },
    // window.open is denied in the desktop window (electron/security.ts), so paper goes through here.
    paper: (route, copies) => electronPrint(makeWindow, appUrl, route, copies),
    close: async () => {},
  };
}

/** Direct printing to paper from Electron (the system print dialog unless silent). */
export async function electronPrint(makeWindow: () => HiddenWindow, appUrl: string, route: string, copies: number, silent = false): Promise<void> {
  const win = makeWindow();
  try {
    await load(win, new URL(route, appUrl).href, {});
    await new Promise<void>((ok, fail) =>
      win.webContents.print({ silent, printBackground: true, copies }, (done, reason) =>
        done ? ok() : fail(reason === 'cancelled' ? new AppError('CANCELLED', '已取消打印，没有记录打印份数。') : new AppError('INVALID_INPUT', `打印失败：${reason}。请检查打印机是否连接、是否有纸，然后重试。`)),
      ),
    );
  } finally {
    win.destroy();
  }
}
