// A fresh tab's first screen (issue 15: a fresh tab shows the register, the heat map or 我的周一 within
// 1.5 s on the 100,000-risk register). The session check and the first reads of the shell and of the
// page in the address start together as the app's first script runs (renderer/boot.ts), not one round
// trip after another as the shell and then the page render; each is asked for once, and the page's
// first render already has its data (the register never shows an empty table first). Request order
// and counts are asserted, no time.
import { test, expect } from './fixtures.js';
import type { Locator, Page } from '@playwright/test';

const PAGES: Array<{ hash: string; read: string; ready: (p: Page) => Locator }> = [
  { hash: 'register', read: 'risks.list', ready: (p) => p.getByText(/共 \d+ 条/) },
  { hash: 'heatmap/matrix', read: 'heatmap.grid', ready: (p) => p.getByTestId('cell-5-5') },
  { hash: 'meetings', read: 'dashboard.monday', ready: (p) => p.getByTestId('monday-meeting') },
];
/** The reads every first screen makes: who is logged in, and the shell's app.info. */
const SHELL = ['session.me', 'app.info'];

/** Notes, in order, each API request ("ask x") and each answer ("answer x") the tab sees. */
function network(page: Page): string[] {
  const seen: string[] = [];
  const name = (url: string) => /\/api\/([^?]+)/.exec(url)?.[1];
  page.on('request', (r) => name(r.url()) && seen.push(`ask ${decodeURIComponent(name(r.url())!)}`));
  page.on('response', (r) => name(r.url()) && seen.push(`answer ${decodeURIComponent(name(r.url())!)}`));
  return seen;
}

test('a fresh tab asks for its first screen with the session, each read once, and the register shows no empty table first', async ({ page, server }) => {
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  for (const p of PAGES) {
    const tab = await page.context().newPage();
    const seen = network(tab);
    // Whether the register's table was ever shown without rows (its "暂无数据" placeholder) before it had rows.
    await tab.addInitScript(`new MutationObserver(() => {
      if (document.querySelector('.ant-table-placeholder') && !document.querySelector('.ant-table-row')) window.__emptyFirst = true;
    }).observe(document, { subtree: true, childList: true })`);
    await tab.goto(`${server.url}#/${p.hash}`);
    await expect(p.ready(tab)).toBeVisible();
    await tab.waitForTimeout(1000);
    const asks = seen.filter((s) => s.startsWith('ask '));
    for (const read of [...SHELL, p.read]) expect(asks.filter((a) => a === `ask ${read}`), `${p.hash}: ${read} asked once (${asks.join(', ')})`).toHaveLength(1);
    // Asked together with session.me, before its answer could have let the shell and the page render.
    expect(seen.indexOf(`ask ${p.read}`), `${p.hash}: ${seen.join(', ')}`).toBeLessThan(seen.indexOf('answer session.me'));
    if (p.hash === 'register') expect(await tab.evaluate('window.__emptyFirst ?? false')).toBe(false);
    await tab.close();
  }
});
