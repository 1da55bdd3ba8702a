import { test, expect, choose } from './fixtures.js';

test('more filters, column chooser, a saved view restored after reload, and the settings page', async ({ page, server }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.getByRole('button', { name: '载入示例数据' }).click();
  const total = page.getByText(/共 \d+ 条/);
  await expect(total).toBeVisible();
  const count = async () => Number((await total.textContent())!.match(/\d+/)![0]);
  const all = await count();

  // Source = 舆情 and at least 100 people: fewer rows, and every visible row has 舆情 as source.
  await page.getByRole('button', { name: '更多筛选' }).click();
  await choose(page, page.getByRole('combobox', { name: '来源' }), '舆情');
  await expect.poll(count).toBeLessThan(all);
  await page.getByRole('spinbutton', { name: '涉及人数下限' }).fill('100');
  await page.getByRole('spinbutton', { name: '涉及人数下限' }).press('Tab');
  const filtered = await expect.poll(count).toBeGreaterThan(0).then(count);

  // Show the 来源 column, hide 更新时间.
  await page.getByRole('button', { name: /列/ }).click();
  await page.getByRole('checkbox', { name: '来源' }).check();
  await page.getByRole('checkbox', { name: '更新时间' }).uncheck();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('columnheader', { name: '来源' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '更新时间' })).toHaveCount(0);
  for (const s of await page.locator('.ant-table-row td:nth-child(' + (await sourceColumnIndex()) + ')').allInnerTexts()) expect(s).toBe('舆情');

  // Save as 我的筛选, reload, clear, and restore it.
  await page.getByRole('button', { name: '保存筛选' }).click();
  await page.getByLabel('筛选名称').fill('舆情·百人以上');
  await page.getByRole('button', { name: /保\s*存/ }).last().click();
  await page.reload();
  await expect.poll(count).toBe(all);
  await choose(page, page.getByRole('combobox', { name: '我的筛选' }), '舆情·百人以上');
  await expect.poll(count).toBe(filtered);
  await expect(page.getByRole('columnheader', { name: '来源' })).toBeVisible();

  // Settings: add a region, rename it, and find it offered by the register's filter.
  await page.goto(server.url + '#/settings');
  await page.getByLabel('新增县区').fill('滨海新区');
  await page.getByLabel('新增县区').press('Enter');
  await expect(page.getByText('滨海新区')).toBeVisible();
  await expect(page.getByRole('button', { name: '删除滨海新区' })).toBeVisible();
  await expect(page.getByRole('button', { name: '删除城关区' })).toHaveCount(0);
  await page.getByLabel('城市名称').fill('江城市（测试）');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('设置已保存')).toBeVisible();
  await page.goto(server.url + '#/register');
  await page.getByRole('combobox', { name: '县区' }).click();
  await expect(page.locator('.ant-select-dropdown:visible').getByTitle('滨海新区')).toBeVisible();
  expect(errors).toEqual([]);

  async function sourceColumnIndex() {
    const headers = await page.locator('.ant-table-thead th').allInnerTexts();
    return headers.findIndex((h) => h.trim() === '来源') + 1;
  }
});
