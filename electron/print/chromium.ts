// PDF through headless Chromium (playwright-core with the system browser): the web host and the
// CLI open the renderer's print route over loopback and print it with the page's own @page rules.
// One browser is kept warm between documents (launching costs ~1 s); each job gets a fresh context.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CancelledError, type PdfJob, type Printer } from './types.js';

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

export function findBrowser(): string {
  const env = process.env.YANPAN_CHROMIUM;
  if (env) return env;
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error('找不到可用于生成PDF的浏览器（Chromium、Chrome 或 Edge）。请安装其一，或用环境变量 YANPAN_CHROMIUM 指定其路径。');
  return found;
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function createChromiumPrinter(baseUrl: string): Printer {
  let browser: Promise<Browser> | null = null;
  const get = () => (browser ??= chromium.launch({ executablePath: findBrowser(), args: ARGS }));
  return {
    async pdf(route: string, job: PdfJob = {}) {
      if (job.signal?.aborted) throw new CancelledError();
      // Every step races the abort signal, so cancel answers at once; the context is closed in finally.
      let onAbort = () => {};
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(new CancelledError());
        job.signal?.addEventListener('abort', onAbort, { once: true });
      });
      aborted.catch(() => {});
      const step = <T>(p: Promise<T>) => Promise.race([p, aborted]);
      const contextP = get().then((b) => b.newContext());
      try {
        const context = await step(contextP);
        const page = await step(context.newPage());
        // Nothing but our own loopback host may be reached from the print page.
        const origin = new URL(baseUrl).origin;
        await step(page.route('**/*', (r) => (r.request().url().startsWith(origin) ? r.continue() : r.abort())));
        job.onStage?.('排版');
        await step(page.goto(new URL(route, baseUrl).href));
        // Selectors, not page functions: the page's CSP forbids eval.
        await step(page.waitForSelector('body[data-print-ready], body[data-print-error]', { state: 'attached', timeout: 120_000 }));
        const err = await step(page.getAttribute('body', 'data-print-error'));
        if (err) throw new Error(err);
        job.onStage?.('生成PDF');
        return await step(page.pdf({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false }));
      } finally {
        job.signal?.removeEventListener('abort', onAbort);
        void contextP.then((c) => c.close()).catch(() => {});
      }
    },
    async close() {
      if (browser) await (await browser.catch(() => null))?.close();
      browser = null;
    },
  };
}
