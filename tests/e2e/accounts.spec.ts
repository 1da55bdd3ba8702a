// Issue 16 in the browser: the lock screen (Ctrl+L) shows nothing of the register; the same
// account returns to its unsaved text, another account starts fresh; each administrator sees only
// their own area; a register without accounts opens on the set-up page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, E2E_ACCOUNTS, startServer, stopServer } from './fixtures.js';
import type { Page } from '@playwright/test';
import { unlockKey } from '../../db/keyring.js';
import { connect } from '../../db/sqlite.js';
import { ROLE_DUTIES } from '../../shared/roles.js';

async function unlock(page: Page, role: keyof typeof E2E_ACCOUNTS) {
  const lock = page.getByTestId('lock-screen');
  await lock.getByLabel('账号').fill(E2E_ACCOUNTS[role].name);
  await lock.getByLabel('密码').fill(E2E_ACCOUNTS[role].password);
  await lock.getByRole('button', { name: /^解\s*锁$/ }).click();
  await expect(lock).toBeHidden();
}

test('Ctrl+L locks; nothing of the register shows; the same account keeps its typed text, another starts fresh', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  const search = page.getByPlaceholder(/搜索/).first();
  await search.fill('尚未保存的文字');
  await page.keyboard.press('Control+l');
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  // What a projector shows: the lock form and nothing else.
  const visible = await page.locator('body').innerText();
  expect(visible).not.toMatch(/JC-\d{4}|风险台账|共 \d+ 条|尚未保存/);
  await unlock(page, '研判员');
  await expect(search).toHaveValue('尚未保存的文字');
  await page.getByTestId('lock-button').click();
  await unlock(page, '领导');
  await expect(page.getByTestId('account-tag')).toContainText('王局长（领导）');
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  await expect(page.getByPlaceholder(/搜索/).first()).toHaveValue('');
});

test('the 审计管理员 sees only the audit, with its chain head, and the chain checks out', async ({ page, server }) => {
  const { loginAs } = await import('./fixtures.js');
  await loginAs(page, server, '审计管理员');
  await expect(page.locator('.ant-menu-item')).toHaveText(['审计']);
  await expect(page.getByTestId('audit-head')).toContainText(/[0-9a-f]{64}/);
  await page.getByRole('button', { name: '校验审计链' }).click();
  await expect(page.getByTestId('audit-check')).toContainText('审计链完好');
  await expect(page.getByRole('cell', { name: 'auditor' }).first()).toBeVisible();
});

test('a register without accounts opens on the set-up page; no default password anywhere', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'yanpan-e2e-setup-'));
  const server = await startServer(dir, [], { accounts: false });
  try {
    await page.context().clearCookies();
    await page.goto(server.url);
    const setup = page.getByTestId('setup-page');
    await expect(setup).toBeVisible();
    await expect(setup.getByTestId('setup-place')).toContainText(`台账文件：${server.dbPath}（启动时指定的文件）`);
    await setup.getByLabel('城市（单位为“××信访局”）').fill('河阳市');
    await setup.getByLabel('编号前缀').fill('HY');
    await setup.getByLabel('下辖区县（每行一个，也可用顿号分隔）').fill('河东区、河西县\n阳山县');
    await setup.getByLabel('系统管理员账号').fill('root');
    await setup.getByLabel('姓名').fill('孙管理');
    await setup.getByLabel('密码', { exact: true }).fill('short');
    await setup.getByLabel('再输一次').fill('short');
    await setup.getByRole('button', { name: '完成设置并登录' }).click();
    await expect(setup.getByRole('alert')).toContainText('密码至少需要 8 个字符');
    await setup.getByLabel('密码', { exact: true }).fill('Sun-Guanli-2026');
    await setup.getByLabel('再输一次').fill('Sun-Guanli-2026');
    await setup.getByRole('button', { name: '完成设置并登录' }).click();
    // The register is encrypted at once: its recovery key is shown this once, to be sealed.
    const notice = page.getByTestId('recovery-key');
    await expect(notice.getByTestId('recovery-key-text')).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    await expect(notice.getByRole('button', { name: /^继\s*续$/ })).toBeDisabled();
    await notice.getByText('我已抄写或打印恢复密钥，并将密封保管').click();
    await notice.getByRole('button', { name: /^继\s*续$/ }).click();
    await expect(page.getByRole('button', { name: '新建空台账' })).toBeVisible();
    await page.getByRole('button', { name: '新建空台账' }).click();
    await expect(page.getByText('河阳市信访局')).toBeVisible();
    await expect(page.getByTestId('account-tag')).toContainText('孙管理（系统管理员）');
    await page.locator('.ant-menu-item', { hasText: '账号' }).click();
    await expect(page.getByTestId('encryption-panel')).toContainText('已加密');
    await expect(page.getByTestId('encryption-panel')).toContainText('root');
  } finally {
    // Waited for: the next host needs the register's writer lock this one holds.
    await stopServer(server);
  }
  // Started again, the host has no key: the first login unlocks the register.
  const again = await startServer(dir, [], { accounts: false });
  try {
    await page.context().clearCookies();
    await page.goto(again.url);
    const form = page.getByTestId('login-page');
    await form.getByLabel('账号').fill('root');
    await form.getByLabel('密码').fill('Wrong-Guanli-1');
    await form.getByRole('button', { name: /^登\s*录$/ }).click();
    await expect(form.getByRole('alert')).toContainText('台账未能解锁');
    await form.getByLabel('密码').fill('Sun-Guanli-2026');
    await form.getByRole('button', { name: /^登\s*录$/ }).click();
    await expect(page.getByTestId('account-tag')).toContainText('孙管理（系统管理员）');
    // The bureau's own counties, none of the demo's.
    const db = connect(again.dbPath, { readonly: true, fileMustExist: true, key: unlockKey(again.dbPath, { account: 'root', password: 'Sun-Guanli-2026' }) });
    try {
      expect(db.prepare('SELECT name FROM regions ORDER BY sort, id').pluck().all()).toEqual(['河东区', '河西县', '阳山县']);
    } finally {
      db.close();
    }
  } finally {
    await stopServer(again);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a new account sets its own password before anything else; logging out returns to the login page', async ({ page, server }) => {
  const { loginAs, choose, chooseMenuItem } = await import('./fixtures.js');
  await loginAs(page, server, '系统管理员');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await page.getByRole('menuitem', { name: '账号' }).click();
  await page.getByRole('button', { name: '新建账号' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('账号名').fill('xinren');
  await dialog.getByLabel('姓名').fill('新人');
  await choose(page, dialog.getByLabel('角色'), `研判员 — ${ROLE_DUTIES['研判员']}`);
  await dialog.getByLabel('初始密码').fill('Chushi-Mima-2026!');
  await dialog.getByRole('button', { name: /^建\s*立$/ }).click();
  await expect(page.getByRole('cell', { name: 'xinren' })).toBeVisible();
  // Logging out (the login screen is its own chunk, loaded while the app was idle).
  await chooseMenuItem(page.getByTestId('account-tag'), page.getByText('退出登录'));
  const form = page.getByTestId('login-page');
  await expect(form).toBeVisible();
  await form.getByLabel('账号').fill('xinren');
  await form.getByLabel('密码').fill('Chushi-Mima-2026!');
  await form.getByRole('button', { name: /^登\s*录$/ }).click();
  // The forced change comes first: nothing of the register until it is done.
  await expect(page.getByText('首次登录、密码被重置或已过期：请先设置新密码。')).toBeVisible();
  expect(await page.locator('body').innerText()).not.toMatch(/风险台账|共 \d+ 条/);
  await page.getByLabel('原密码').fill('Chushi-Mima-2026!');
  await page.getByLabel('新密码').fill('Qiuyue-Mima-2026!');
  await page.getByLabel('再输一次').fill('Qiuyue-Mima-2026!');
  await page.getByRole('button', { name: '保存新密码' }).click();
  await expect(page.getByTestId('account-tag')).toContainText('新人（研判员）');
  await chooseMenuItem(page.getByTestId('account-tag'), page.getByText('退出登录'));
  await expect(form).toBeVisible();
});
