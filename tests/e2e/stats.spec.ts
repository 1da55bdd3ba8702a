import { test, expect } from './fixtures.js';

test('统计: change the period, then drill from a figure into exactly the records it counts', async ({ page, server }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();

  await page.goto(server.url + '#/stats');
  // The app's today is 2026-11-25: the year so far.
  await expect(page.getByText('2026-01-01 至 2026-11-25')).toBeVisible();
  await page.getByText('季', { exact: true }).click();
  await expect(page.getByText('2026-10-01 至 2026-11-25')).toBeVisible();
  const overview = page.locator('[data-table="overview"]');
  const figure = overview.getByRole('button', { name: /^新增·本期：\d+$/ });
  const n = Number(await figure.innerText());
  expect(n).toBeGreaterThan(0);
  await figure.click();
  const drawer = page.locator('.ant-drawer-content');
  await expect(drawer.getByText(`2026年第四季度 · 总体情况 · 新增：${n}`)).toBeVisible();
  await expect(drawer.getByText(`共 ${n} 项`)).toBeVisible();
  await expect(drawer.locator('.ant-table-row')).toHaveCount(Math.min(n, 50));

  // A breakdown: one domain's 期末在册 lists that many risks, all of that domain.
  await page.keyboard.press('Escape');
  const cell = page.locator('[data-table="domain"]').getByRole('button', { name: /^问题楼盘·期末在册：\d+$/ });
  const m = Number(await cell.innerText());
  await cell.click();
  await expect(drawer.getByText(`共 ${m} 项`)).toBeVisible();
  const domains = await drawer.locator('.ant-table-row td:nth-child(5)').allInnerTexts();
  expect(new Set(domains)).toEqual(new Set(['问题楼盘']));
  expect(errors).toEqual([]);
});
