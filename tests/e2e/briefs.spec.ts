import { readFileSync } from 'node:fs';
import { test, expect, choose } from './fixtures.js';

test('简报: preview the weekly brief, produce a PDF through the web host, see the samples', async ({ page, server }) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  await page.goto(server.url);
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  await page.goto(server.url + '#/briefs');

  const preview = page.getByLabel('打印预览');
  await expect(preview.getByText('全市涉稳风险隐患研判情况')).toBeVisible();
  await expect(preview.getByText('内部资料 注意保存')).toBeVisible();
  await page.getByLabel('期号').fill('47');
  await expect(preview.getByText(/\d{4}年第47期/)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('briefs-preview.png') });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /生成 PDF/ }).click();
  const file = await (await download).path();
  expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByText(/已生成 PDF：\d+ 页/)).toBeVisible();

  await choose(page, page.getByRole('combobox', { name: '文档' }), '交办单（样张，每单位一页）');
  await expect(preview.getByText('签收人：').first()).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath('briefs-assignment.png') });

  // From a meeting's page: 打印纪要 opens the preview with that meeting chosen.
  await page.goto(server.url + '#/meetings/1');
  await page.getByRole('link', { name: /打印纪要/ }).click();
  await expect(page.getByRole('combobox', { name: '研判会' })).toBeVisible();
  await expect(page.locator('.ant-select', { has: page.getByRole('combobox', { name: '研判会' }) })).toContainText('第1次');
  await expect(preview.getByText('出席：')).toBeVisible();
  await expect(preview.getByText(/第1次风险研判会纪要/)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('briefs-minutes.png') });
  expect(foreign).toEqual([]);
});
