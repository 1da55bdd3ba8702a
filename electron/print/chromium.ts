// PDF through headless Chromium (playwright-core with the system browser): the web host and the
// CLI open the renderer's print route over loopback and print it with the page's own @page rules.
// One browser and one warm print page are kept between documents: the next document is a hash
// change on that page (no reload of the bundle), so only layout and printing are paid per job.
// Jobs on the warm page run one at a time.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { CancelledError, printPageError, type PdfJob, type Printer } from './types.js';
import { AppError } from '../../shared/errors.js';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/microsoft-edge',
  '/opt/apps/cn.google.chrome/files/chrome',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/**
 * The browser that prints: YANPAN_CHROMIUM if set, else the first of the usual places. Both
 * failures are the user's to fix (install one, or correct the variable), so they are AppErrors
 * and reach the person as written instead of as "程序内部出错".
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, candidates: readonly string[] = CANDIDATES): string {
  const chosen = env.YANPAN_CHROMIUM;
  if (chosen) {
    if (!existsSync(chosen)) throw new AppError('NOT_FOUND', `环境变量 YANPAN_CHROMIUM 指定的浏览器不存在：${chosen}。请改为 Chromium、Chrome 或 Edge 的实际路径，或删去该变量由程序自动查找。`);
    return chosen;
  }
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new AppError('NOT_FOUND', '找不到可用于生成PDF的浏览器（Chromium、Chrome 或 Edge）。请安装其一，或用环境变量 YANPAN_CHROMIUM 指定其路径。');
  return found;
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface ChromiumPrinterOptions {
  /** Where to look for the browser when YANPAN_CHROMIUM is not set (default: the usual install paths). */
  candidates?: readonly string[];
  /** The browser's environment (default: this process's), e.g. FONTCONFIG_FILE for the fonts it may use. */
  env?: NodeJS.ProcessEnv;
  /** The host's one-document session for a route (a cookie the print page then carries). */
  session?: (route: string) => { name: string; value: string };
}

export function createChromiumPrinter(baseUrl: string, opts: ChromiumPrinterOptions = {}): Printer {
  const origin = new URL(baseUrl).origin;
  let browser: Promise<Browser> | null = null;
  let warm: Promise<Page> | null = null;
  let jobNo = 0;
  let queue: Promise<unknown> = Promise.resolve();

  // playwright-core loads on the first print only: importing it costs seconds at start-up.
  // A launch that failed (no browser yet) is not kept: the next document looks again.
  const get = () => {
    if (!browser) {
      const launching = import('playwright-core').then(({ chromium }) => chromium.launch({ executablePath: findBrowser(opts.env, opts.candidates), args: ARGS, env: opts.env as Record<string, string> | undefined }));
      browser = launching;
      launching.catch(() => browser === launching && (browser = null));
    }
    return browser;
  };
  const page = () =>
    (warm ??= get().then(async (b) => {
      const context = await b.newContext({ deviceScaleFactor: 3 });
      // Nothing but our own loopback host may be reached from the print page. The scale factor
      // only affects pictures (charts for Word, 3× for print resolution); PDFs stay vector.
      await context.route('**/*', (r) => (r.request().url().startsWith(origin) ? r.continue() : r.abort()));
      return context.newPage();
    }));
  /** A page left mid-job (cancel, error) is thrown away; the next job starts a fresh one. */
  const discard = () => {
    const old = warm;
    warm = null;
    void old?.then((p) => p.context().close()).catch(() => {});
  };

  async function run<T>(route: string, job: PdfJob, output: (p: Page) => Promise<T>): Promise<T> {
    if (job.signal?.aborted) throw new CancelledError();
    // Every step races the abort signal, so cancel answers at once.
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new CancelledError());
      job.signal?.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => {});
    const step = <T>(p: Promise<T>) => Promise.race([p, aborted]);
    const n = String(++jobNo);
    try {
      const p = await step(page());
      job.onStage?.('排版');
      const cookie = opts.session?.(route);
      if (cookie) await step(p.context().addCookies([{ name: cookie.name, value: cookie.value, url: origin }]));
      await step(p.goto(new URL(`${route}&n=${n}`, baseUrl).href));
      // Selectors, not page functions: the page's CSP forbids eval.
      await step(p.waitForSelector(`body[data-print-done="${n}"]`, { state: 'attached', timeout: 120_000 }));
      const err = await step(p.getAttribute('body', 'data-print-error'));
      if (err) throw printPageError(err, await step(p.getAttribute('body', 'data-print-error-code')));
      job.onStage?.('生成PDF');
      return await step(output(p));
    } catch (e) {
      discard();
      throw e;
    } finally {
      job.signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    pdf(route, job = {}) {
      const result = queue.then(() => run(route, job, (p) => p.pdf({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false })));
      queue = result.catch(() => {});
      return result;
    },
    images(route, selector) {
      const result = queue.then(() => run(route, {}, async (p) => Promise.all((await p.locator(selector).all()).map((l) => l.screenshot({ type: 'png' })))));
      queue = result.catch(() => {});
      return result;
    },
    async close() {
      warm = null;
      if (browser) await (await browser.catch(() => null))?.close();
      browser = null;
    },
  };
}
