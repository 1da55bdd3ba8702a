import { test, expect, choose } from './fixtures.js';

test('first run → demo → Chinese search → filter → edit → the change shows in history', async ({ page, server }) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(server.url);
  await expect(page.getByText('欢迎使用风险研判台')).toBeVisible();
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  const totalAll = Number((await page.getByText(/共 \d+ 条/).textContent())!.match(/\d+/)![0]);
  expect(totalAll).toBeGreaterThan(50);

  // Search a Chinese substring of a real title (4 characters → full-text index).
  const firstTitle = (await page.locator('.ant-table-row').first().locator('td').nth(1).innerText()).replace(/[“”"]/g, '');
  const term = firstTitle.slice(0, 4);
  await page.getByPlaceholder(/搜索事项名称/).fill(term);
  await page.getByPlaceholder(/搜索事项名称/).press('Enter');
  await expect(page.getByText(/共 \d+ 条/)).not.toHaveText(`共 ${totalAll} 条`);
  const rows = page.locator('.ant-table-row');
  expect(await rows.count()).toBeGreaterThan(0);

  // Filter by the domain of the first hit: every row shown has that domain.
  const domain = await rows.first().locator('td').nth(3).innerText();
  await choose(page, page.getByRole('combobox', { name: '领域' }), domain);
  await expect(rows.first()).toBeVisible();
  for (const d of await rows.locator('td:nth-child(4)').allInnerTexts()) expect(d).toBe(domain);

  // Edit the progress of the first row and find the change in its history.
  await rows.first().locator('td').nth(1).getByRole('link').click();
  await page.getByRole('button', { name: /编\s*辑/ }).click();
  const dialog = page.getByRole('dialog', { name: /编辑/ });
  await dialog.getByLabel('进展情况').fill('已召开业主沟通会，约定下周复工');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('已保存修改')).toBeVisible();
  await page.getByRole('tab', { name: /变更历史/ }).click();
  const entry = page.getByTestId('history-entry').first();
  await expect(entry).toContainText('修改');
  await expect(entry).toContainText('进展情况');
  await expect(entry).toContainText('已召开业主沟通会，约定下周复工');

  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});

test('the form shows Chinese validation messages and saves nothing', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByRole('button', { name: '新建空台账' }).click();
  await page.getByRole('button', { name: /新增事项/ }).click();
  const dialog = page.getByRole('dialog', { name: '新增风险事项' });
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog.getByText('请填写事项名称')).toBeVisible();
  await expect(dialog.getByText('请选择所属县区')).toBeVisible();
  await expect(dialog.getByText('请选择领域')).toBeVisible();
  await dialog.getByLabel('可能性（1–5）').fill('7');
  await expect(dialog.getByText('可能性应为 1–5 的整数')).toBeVisible();
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await expect(page.locator('.ant-table-row')).toHaveCount(0);
  await expect(page.locator('.ant-table-placeholder')).toContainText('暂无数据');
});

test('delete with a reason, then restore from 已删除', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByRole('button', { name: '载入示例数据' }).click();
  const rows = page.locator('.ant-table-row');
  await expect(rows.first()).toBeVisible();
  const code = await rows.first().locator('td').first().innerText();
  await rows.first().locator('td').nth(1).getByRole('link').click();
  await page.getByRole('button', { name: /删\s*除/ }).click();
  const confirm = page.getByRole('dialog', { name: '删除风险事项' });
  await expect(confirm.getByRole('button', { name: /确认删除/ })).toBeDisabled();
  await confirm.getByLabel('删除原因').fill('与另一事项重复登记');
  await confirm.getByRole('button', { name: /确认删除/ }).click();
  await expect(page.getByText(/原因：与另一事项重复登记/)).toBeVisible();
  await page.getByRole('button', { name: /恢\s*复/ }).click();
  await expect(page.getByText('已恢复')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-table-row').filter({ hasText: code })).toHaveCount(1);
});

test('the API refuses a request without a login session', async ({ request, server }) => {
  const r = await request.post(server.url + 'api/risks.list', { data: {} });
  expect(r.status()).toBe(401);
  expect((await r.json()).error.message).toMatch(/尚未登录/);
  // The page holds nothing a plain GET could use to call.
  expect(await (await request.get(server.url)).text()).not.toMatch(/yanpan-token|csrf/i);
});
