import { openCore } from './electron/core.ts';
import { startWebHost } from './electron/webhost.ts';
import { createChromiumPrinter } from './electron/print/chromium.ts';
import { printRoute } from './shared/briefs/request.ts';
const core = openCore({ dbPath: '/tmp/i6/ph.db', host: 'cli' });
const host = await startWebHost({ dispatch: core.dispatch, staticDir: './dist/renderer' });
const p = createChromiumPrinter(host.url);
for (let i = 0; i < 6; i++) {
  const t = performance.now(); const marks: string[] = [];
  await p.pdf(printRoute({ kind: 'weekly', asOf: '2026-11-23' }), { onStage: (s) => marks.push(s + '@' + Math.round(performance.now() - t)) });
  console.log(i, marks.join(' '), 'done@' + Math.round(performance.now() - t));
}
await p.close(); await host.close(); core.close();
