// The pages take today from the app (app.info, fixed by `serve --today` in these tests), never from
// the browser clock: the browser here is set to another year, and every date rule still shows the
// app's day.
import { test, expect, E2E_TODAY } from './fixtures.js';

test('today in the pages is the app\'s, whatever the browser clock says', async ({ page, server }) => {
  await page.clock.setFixedTime(new Date('2031-06-15T10:00:00+08:00'));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  await expect(page.locator('.yp-header')).toContainText(`今天 ${E2E_TODAY}`);

  // A new assessment is dated today by default, and a later day cannot be picked.
  await page.locator('.ant-table-row').first().locator('td').nth(1).getByRole('link').click();
  await page.getByRole('tab', { name: '研判记录' }).click();
  await page.getByRole('button', { name: /新增研判/ }).click();
  const dialog = page.getByRole('dialog', { name: /新增研判/ });
  const assessedOn = dialog.getByLabel('研判日期');
  await expect(assessedOn).toHaveValue(E2E_TODAY);
  await assessedOn.click();
  await expect(page.locator(`.ant-picker-dropdown:visible td[title="${E2E_TODAY}"]`)).not.toHaveClass(/ant-picker-cell-disabled/);
  await expect(page.locator('.ant-picker-dropdown:visible td[title="2026-11-26"]')).toHaveClass(/ant-picker-cell-disabled/);

  // The heat map opens on the app's week; the holiday calendar on the app's year.
  await page.goto(server.url + '#/heatmap/matrix');
  await page.reload();
  await expect(page.getByText('2026-11-23 至 11-29 当周').first()).toBeVisible();
  await page.goto(server.url + '#/meetings');
  await page.getByRole('tab', { name: '节假日' }).click();
  await expect(page.getByText(/节假日与调休上班日决定会议默认日期/)).toContainText('2026年');
  expect(errors).toEqual([]);
});
