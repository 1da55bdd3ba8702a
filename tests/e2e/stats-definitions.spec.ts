// 统计口径 in the page: on the small constructed register of the unit tests (tests/unit/statsFixture.ts),
// the 研判员 widens 化解 to 转司法终结 and 在控 to 反弹, and 化解率 / 在控率 become the values worked
// out by hand; 恢复默认 brings the defaults back. A 领导 sees the definition but no way to change it.
import { test as base, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, loginAs, startServer, stopServer, type AppServer } from './fixtures.js';
import { openDatabase } from '../../db/open.js';
import { markInitialized } from '../../db/settings.js';
import { build } from '../unit/statsFixture.js';

const test = base.extend<{ server: AppServer }>({
  server: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'yanpan-e2e-'));
    const db = openDatabase(join(dir, 'yanpan.db'));
    build(db);
    markInitialized(db, { actor: 'e2e', now: () => '2026-11-25T01:00:00.000Z' }, 'blank');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const server = await startServer(dir);
    await use(server);
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  },
});

/** The 本期 cell of a row of the rates table, by the row's exact name. */
const current = (page: Page, name: string) =>
  page.locator('[data-table="rates"] .ant-table-row').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${name}$`) }) }).locator('td:nth-child(2)');

test('统计口径: changing which statuses count as 化解 and 在控 changes the rates, and 恢复默认 restores them', async ({ page, server }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await loginAs(page, server);
  await page.goto(server.url + '#/stats');
  await expect(page.getByText('2026-01-01 至 2026-11-25')).toBeVisible();
  // The year: A–E entered (5); 化解 C (已销号) → 20%. On 25 November A 在控, B 待研判, C 反弹, D 待研判 → 在控 A: 25%.
  await expect(current(page, '化解率')).toHaveText('20%');
  await expect(current(page, '在控率')).toHaveText('25%');
  const stated = page.getByTestId('stats-definitions');
  await expect(stated).toContainText('化解状态为已销号；在控状态为在控、化解中、申请销号、稳控');

  await stated.getByRole('button', { name: '修改口径' }).click();
  const dialog = page.getByRole('dialog', { name: '统计口径' });
  await expect(dialog.getByText('默认：已销号', { exact: true })).toBeVisible();
  const resolved = dialog.getByRole('group', { name: '化解状态' });
  const controlled = dialog.getByRole('group', { name: '在控状态' });
  await expect(controlled.getByRole('checkbox', { name: '已销号' })).toBeDisabled(); // never in the register at the period's end
  await resolved.getByText('转司法终结', { exact: true }).click();
  await controlled.getByText('反弹', { exact: true }).click();
  await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
  await expect(dialog).toBeHidden();
  // 化解 C and E (转司法终结 on 1 July) → 2/5 = 40%; 在控 now also 反弹: A and C (B, D 待研判) → 2/4 = 50%.
  await expect(current(page, '化解率')).toHaveText('40%');
  await expect(current(page, '在控率')).toHaveText('50%');
  await expect(stated).toContainText('化解状态为已销号、转司法终结；在控状态为在控、化解中、申请销号、稳控、反弹');

  await stated.getByRole('button', { name: '修改口径' }).click();
  await dialog.getByRole('button', { name: '恢复默认' }).click();
  await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
  await expect(current(page, '化解率')).toHaveText('20%');
  await expect(current(page, '在控率')).toHaveText('25%');

  // A 领导 reads the definition; changing it is the 研判员's (as the contract declares).
  await loginAs(page, server, '领导');
  await page.goto(server.url + '#/stats');
  await expect(page.getByTestId('stats-definitions')).toContainText('化解状态为已销号');
  await expect(page.getByRole('button', { name: '修改口径' })).toHaveCount(0);
  expect(errors).toEqual([]);
});
