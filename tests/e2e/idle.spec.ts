// An idle page costs nothing (issue 15): every area, left alone after its first load, sends no API
// request. The count over a 5 s window is the assertion (a loop that refetches on every render sent
// 150 requests in 5 s from the 热力图 page); no time is asserted.
import { test, expect } from './fixtures.js';
import type { Page } from '@playwright/test';

const IDLE_MS = 5_000;

/** Counts the API requests the page sends from now on. */
function counter(page: Page) {
  const seen: string[] = [];
  page.on('request', (r) => {
    const m = /\/api\/([^?]+)/.exec(r.url());
    if (m) seen.push(decodeURIComponent(m[1]));
  });
  return seen;
}

/** Waits until a whole second passes without an API request (the first load is over), at most 15 s. */
async function settle(page: Page, seen: string[]): Promise<void> {
  let last = seen.length;
  for (let quiet = 0, waited = 0; quiet < 1000 && waited < 15_000; waited += 250) {
    await page.waitForTimeout(250);
    quiet = seen.length === last ? quiet + 250 : 0;
    last = seen.length;
  }
}

async function idleRequests(page: Page, seen: string[]): Promise<string[]> {
  await settle(page, seen);
  const from = seen.length;
  await page.waitForTimeout(IDLE_MS);
  return seen.slice(from);
}

const GROUPS: Array<{ name: string; routes: Array<{ hash: string; tab?: string }> }> = [
  { name: '风险台账、导入导出、设置', routes: [{ hash: 'register' }, { hash: 'data' }, { hash: 'settings' }] },
  { name: '热力图', routes: ['matrix', 'domains', 'movement', 'trend', 'periods', 'rules'].map((t) => ({ hash: `heatmap/${t}` })) },
  { name: '研判会', routes: [{ hash: 'meetings' }, { hash: 'meetings', tab: '全部会议' }, { hash: 'meetings', tab: '节假日' }, { hash: 'meetings/1' }, { hash: 'meetings/1/run' }] },
  { name: '交办督办、简报', routes: [{ hash: 'actions' }, { hash: 'actions', tab: '责任单位' }, { hash: 'actions', tab: '督办设置' }, { hash: 'briefs' }] },
];

for (const g of GROUPS) {
  test(`idle pages send no requests: ${g.name}`, async ({ page, server }) => {
    test.setTimeout(30_000 + g.routes.length * 25_000);
    const seen = counter(page);
    await page.goto(server.url);
    await page.getByRole('button', { name: '载入示例数据' }).click();
    await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
    const busy: Record<string, string[]> = {};
    for (const r of g.routes) {
      await page.goto(`${server.url}#/${r.hash}`);
      if (r.tab) await page.getByRole('tab', { name: r.tab }).click();
      const sent = await idleRequests(page, seen);
      if (sent.length) busy[`#/${r.hash}${r.tab ? ' › ' + r.tab : ''}`] = sent;
    }
    expect(busy).toEqual({});
  });
}
