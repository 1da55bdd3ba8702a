import { test, expect, choose } from './fixtures.js';

test('recording an assessment moves the risk on the heat map and the movement list names it', async ({ page, server }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();

  await page.goto(server.url + '#/heatmap/matrix');
  const cell = (l: number, i: number) => page.getByTestId(`cell-${l}-${i}`);
  await expect(cell(5, 5)).toBeVisible();
  const countOf = async (l: number, i: number) => Number(await cell(l, i).getAttribute('data-count'));

  // Find a 低 (blue) risk in one of the low cells.
  let from: [number, number] | null = null;
  for (const [l, i] of [[1, 1], [1, 2], [2, 1], [1, 3], [3, 1], [2, 2], [1, 4], [4, 1]] as Array<[number, number]>) {
    const n = await countOf(l, i);
    if (n === 0) continue;
    await cell(l, i).click();
    await expect(page.getByText(`可能性 ${l} × 影响程度 ${i} 的事项（${n} 件）`)).toBeVisible();
    const row = page.getByTestId('cell-risks').locator('.ant-table-row').filter({ hasText: '低（蓝）' }).first();
    if (await row.count()) {
      from = [l, i];
      break;
    }
  }
  expect(from).not.toBeNull();
  const [fl, fi] = from!;
  const before = { from: await countOf(fl, fi), top: await countOf(5, 5) };
  const row = page.getByTestId('cell-risks').locator('.ant-table-row').filter({ hasText: '低（蓝）' }).first();
  const code = (await row.locator('td').first().innerText()).trim();
  await row.locator('a').first().click();

  await page.getByRole('tab', { name: '研判记录' }).click();
  await page.getByRole('button', { name: /新增研判/ }).click();
  const dialog = page.getByRole('dialog', { name: /新增研判/ });
  await dialog.getByLabel(/可能性/).fill('5');
  await dialog.getByLabel(/影响程度/).fill('5');
  await expect(dialog.getByTestId('grade-preview')).toContainText('可能性 5 × 影响程度 5 = 25 ≥ 15 → 重大');
  await dialog.getByLabel('研判意见').fill('业主多次到市集访，已出现串联迹象');
  await dialog.getByRole('button', { name: /保存研判/ }).click();
  await expect(page.getByText('研判已记录')).toBeVisible();
  await expect(page.getByTestId('assessment-entry').first()).toContainText('重大');
  await page.locator('.ant-drawer-close').click();

  await expect.poll(() => countOf(5, 5)).toBe(before.top + 1);
  expect(await countOf(fl, fi)).toBe(before.from - 1);

  await page.getByRole('tab', { name: '周变化' }).click();
  const list = page.getByTestId('movement-list');
  await expect(list.locator('.ant-table-row').filter({ hasText: code })).toContainText(/升级|新增/);
  expect(errors).toEqual([]);
});

test('an override without a reason is refused in Chinese and nothing is saved', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await page.locator('.ant-table-row').first().locator('td').nth(1).getByRole('link').click();
  await page.getByRole('tab', { name: '研判记录' }).click();
  const entries = page.getByTestId('assessment-entry');
  await expect(entries.first()).toBeVisible();
  const n = await entries.count();
  await page.getByRole('button', { name: /新增研判/ }).click();
  const dialog = page.getByRole('dialog', { name: /新增研判/ });
  await dialog.getByLabel(/可能性/).fill('5');
  await dialog.getByLabel(/影响程度/).fill('5');
  await expect(dialog.getByTestId('grade-preview')).toBeVisible();
  await choose(page, dialog.getByLabel(/研判等级/), '低（蓝）');
  await dialog.getByRole('button', { name: /保存研判/ }).click();
  await expect(dialog.getByText('研判等级与计算等级不同，请填写调级理由（至少 2 个字）')).toBeVisible();
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await expect(entries).toHaveCount(n);
});
