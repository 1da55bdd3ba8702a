// Briefs bench: a 60-item register printed as 研判专报 and as the register table, through the
// dispatcher exactly as the web host does it (headless Chromium kept warm, as in a running app),
// and the same 专报 as .docx. No raw-SQL twin: the cost is layout and printing, not the query.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../core.js';
import { startWebHost } from '../webhost.js';
import { createChromiumPrinter } from '../print/chromium.js';
import { RENDERER_DIR } from '../renderer-dir.js';
import type { BenchSuite } from './types.js';
import { BENCH_CALLER } from './caller.js';

let cleanup: (() => Promise<void>) | null = null;

export const briefsSuite: BenchSuite = {
  name: 'briefs',
  quick: false,
  async setup({ asOf, core: big, risks }) {
    const dir = mkdtempSync(join(tmpdir(), 'yanpan-bench-briefs-'));
    const core = openCore({ caller: BENCH_CALLER, dbPath: join(dir, 'briefs.db'), host: 'cli' });
    const demo = await core.dispatch('demo.load', { risks: 60, seed: 60, asOf });
    if (!demo.ok) throw new Error(demo.error.message);
    const host = await startWebHost({ dispatch: core.dispatch, staticDir: RENDERER_DIR });
    core.printer.current = createChromiumPrinter(host.url, { session: host.printSession });
    // The big register gets its own host and warm browser: the 专报 PDF as a running app makes it.
    const bigHost = await startWebHost({ dispatch: big.dispatch, staticDir: RENDERER_DIR });
    const hadPrinter = big.printer.current;
    big.printer.current = createChromiumPrinter(bigHost.url, { session: bigHost.printSession });
    const bigMeeting = (big.db.prepare("SELECT id FROM meetings WHERE state IN ('已签发','已归档') ORDER BY date DESC, id DESC LIMIT 1").pluck().get() as number | undefined) ?? undefined;
    cleanup = async () => {
      await big.printer.current?.close();
      big.printer.current = hadPrinter;
      await bigHost.close();
      await core.printer.current?.close();
      await host.close();
      core.close();
      rmSync(dir, { recursive: true, force: true });
    };
    const run = (method: 'briefs.pdf' | 'briefs.docx', kind: 'weekly' | 'register') => async () => {
      const r = await core.dispatch(method, { request: { kind, asOf } });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    return [
      { name: '60-item 研判专报 → PDF', api: run('briefs.pdf', 'weekly'), targetMs: 3000 },
      { name: '60-item 研判专报 → .docx', api: run('briefs.docx', 'weekly'), targetMs: 1000 },
      { name: '60-row register (landscape) → PDF', api: run('briefs.pdf', 'register'), targetMs: 3000 },
      {
        // The 专报's counts are SQL aggregates and only its key risks are loaded, so it scales to the full register.
        name: `研判专报 model on the ${risks}-risk register`,
        api: async () => {
          const r = await big.dispatch('briefs.model', { kind: 'weekly', asOf });
          if (!r.ok) throw new Error(r.error.message);
          return r.value;
        },
        runs: 5,
        targetMs: 3000,
      },
      {
        // The leader's 专报 for the latest signed meeting, as PDF, with the browser kept open between documents.
        name: `研判专报 → PDF on the ${risks}-risk register (latest signed meeting, warm browser)`,
        api: async () => {
          const r = await big.dispatch('briefs.pdf', { request: { kind: 'weekly', asOf, meetingId: bigMeeting } });
          if (!r.ok) throw new Error(r.error.message);
          return r.value;
        },
        runs: 5,
        targetMs: 3000,
      },
    ];
  },
  async teardown() {
    await cleanup?.();
    cleanup = null;
  },
};
