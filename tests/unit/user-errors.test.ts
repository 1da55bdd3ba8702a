// Errors a person can act on keep their Chinese message through the dispatcher (they are AppErrors),
// instead of turning into the generic "程序内部出错". Here: printing with no browser to print with.
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatcher.js';
import { createChromiumPrinter } from '../../electron/print/chromium.js';
import { ok, tempDatabase, testCaller } from './helpers.js';

function desktopWith(printer: ReturnType<typeof createChromiumPrinter>) {
  const { db, file } = tempDatabase();
  const logged: string[] = [];
  const dispatch = createDispatcher({ caller: testCaller(), db, dbPath: file, host: 'web', defaultOperator: '测试员', now: () => '2026-11-25T02:00:00.000Z', log: (m) => void logged.push(m), printer: { current: printer } });
  return { dispatch, logged };
}

describe('user-facing errors survive the dispatcher', () => {
  it('briefs.pdf without any browser installed answers 找不到可用于生成PDF的浏览器…, not INTERNAL', async () => {
    const printer = createChromiumPrinter('http://127.0.0.1:9/', { env: {}, candidates: ['/nonexistent/chromium', '/nonexistent/msedge.exe'] });
    const { dispatch, logged } = desktopWith(printer);
    await ok(dispatch, 'demo.load', { risks: 10, seed: 1, asOf: '2026-11-25' });
    const r = await dispatch('briefs.pdf', { request: { kind: 'register' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('NOT_FOUND');
    expect(r.error.message).toBe('找不到可用于生成PDF的浏览器（Chromium、Chrome 或 Edge）。请安装其一，或用环境变量 YANPAN_CHROMIUM 指定其路径。');
    expect(logged.filter((m) => m.includes('internal'))).toEqual([]);
    await printer.close();
  });

  it('YANPAN_CHROMIUM naming a file that is not there is named in the answer; once corrected, the next document looks again', async () => {
    const env: NodeJS.ProcessEnv = { YANPAN_CHROMIUM: '/nonexistent/chromium-a' };
    const printer = createChromiumPrinter('http://127.0.0.1:9/', { env });
    const { dispatch } = desktopWith(printer);
    await ok(dispatch, 'demo.load', { risks: 10, seed: 1, asOf: '2026-11-25' });
    const first = await dispatch('briefs.pdf', { request: { kind: 'register' } });
    expect(first).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('YANPAN_CHROMIUM 指定的浏览器不存在：/nonexistent/chromium-a') } });
    env.YANPAN_CHROMIUM = '/nonexistent/chromium-b';
    const second = await dispatch('briefs.pdf', { request: { kind: 'register' } });
    expect(second).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('/nonexistent/chromium-b') } });
    await printer.close();
  });
});
