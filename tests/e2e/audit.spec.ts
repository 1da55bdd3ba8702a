// The 审计管理员 reads the audit in words: Shanghai times (even in a browser set to UTC), actions
// in Chinese, the change as 字段：值, the stored JSON one click away; the filter by action works.
import { test, expect, loginAs, E2E_ACCOUNTS } from './fixtures.js';

// The page must not lean on the browser's zone: the host's day is 2026-11-25 09:00 in Shanghai,
// which is 01:00 UTC.
test.use({ timezoneId: 'UTC' });

test('the audit shows Shanghai times, Chinese actions and readable details; filters by action', async ({ page, server }) => {
  // A failed login by the 研判员 account, to find again.
  await page.context().clearCookies();
  await page.goto(server.url);
  const form = page.getByTestId('login-page');
  await form.getByLabel('账号').fill(E2E_ACCOUNTS.研判员.name);
  await form.getByLabel('密码').fill('Wrong-Password-1');
  await form.getByRole('button', { name: /^登\s*录$/ }).click();
  await expect(form.getByText(/账号或密码不正确/)).toBeVisible();

  await loginAs(page, server, '审计管理员');
  const table = page.locator('.ant-table-tbody');
  await expect(table.getByRole('cell', { name: '登录', exact: true }).first()).toBeVisible();
  const times = await table.locator('tr.ant-table-row td:nth-child(3)').allInnerTexts();
  expect(times.length).toBeGreaterThan(0);
  for (const t of times) expect(t).toMatch(/^2026-11-25 09:\d\d:\d\d$/);

  await page.getByTestId('audit-action').click();
  await page.keyboard.type('登录失败');
  await page.locator('.ant-select-item-option[title="登录失败"]').click();
  await page.getByRole('button', { name: /^筛\s*选$/ }).click();
  await expect(page.getByText('共 1 条')).toBeVisible();
  const row = table.locator('tr.ant-table-row').first();
  await expect(row).toContainText('登录失败');
  await expect(row.getByTestId('audit-detail')).toHaveText(`名称：${E2E_ACCOUNTS.研判员.name}连续失败次数：1`);
  // The stored JSON, for the auditor who checks the words against it.
  await row.locator('.ant-table-row-expand-icon').click();
  await expect(page.getByTestId('audit-raw')).toContainText(`"name": "${E2E_ACCOUNTS.研判员.name}"`);
});
