// Each test gets its own data folder and its own web host process (the real `yanpan serve`).
// The register gets one account per role before the host starts and is encrypted like every
// register the app makes (each account can unlock it), and `page` comes logged in through the login
// page as the 研判员 (loginAs(page, server, role) switches to another role); that first login
// unlocks the register in the host. readRegister(server) reads it from the test.
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/open.js';
import { createAccount } from '../../db/accounts.js';
import { encryptPlainRegister } from '../../db/encryptRegister.js';
import { keysFileFor } from '../../db/cipher.js';
import { unlockKey } from '../../db/keyring.js';
import { connect, type Db } from '../../db/sqlite.js';
import type { Role } from '../../shared/roles.js';

export interface AppServer {
  url: string;
  dbPath: string;
  dir: string;
  proc: ChildProcess;
}

const BIN = join(import.meta.dirname, '..', '..', 'scripts', 'yanpan.mjs');

/**
 * The app's today in every browser test (`serve --today`): the demo is built as of it and every
 * rule and page reads it, so no test depends on the real date. A Wednesday in a week with a
 * Monday meeting ahead (the unit tests' fixed clock starts on the same day).
 */
export const E2E_TODAY = '2026-11-25';

/** The accounts every test's register has: one per role, passwords chosen by their holders (no forced change). */
export const E2E_ACCOUNTS: Record<Role, { name: string; displayName: string; password: string }> = {
  研判员: { name: 'analyst', displayName: '李研判', password: 'Mima-1-2026' },
  领导: { name: 'leader', displayName: '王局长', password: 'Mima-2-2026' },
  查看: { name: 'viewer', displayName: '赵查看', password: 'Mima-3-2026' },
  系统管理员: { name: 'sysadmin', displayName: '周系统', password: 'Mima-4-2026' },
  安全管理员: { name: 'secadmin', displayName: '吴安全', password: 'Mima-5-2026' },
  审计管理员: { name: 'auditor', displayName: '郑审计', password: 'Mima-6-2026' },
};

/** A register with the accounts, made once per worker: scrypt is slow on purpose, copying is not. */
let template: string | null = null;

/** Writes the accounts into a new register (before the host opens it). */
export function createE2eAccounts(dbPath: string): void {
  if (!existsSync(dbPath)) {
    if (!template) {
      template = join(mkdtempSync(join(tmpdir(), 'yanpan-e2e-template-')), 'template.db');
      writeAccounts(template);
      encryptPlainRegister(template, { accounts: Object.values(E2E_ACCOUNTS).map((a) => ({ account: a.name, password: a.password })) });
    }
    copyFileSync(template, dbPath);
    copyFileSync(keysFileFor(template), keysFileFor(dbPath));
    return;
  }
  writeAccounts(dbPath);
}

function writeAccounts(dbPath: string): void {
  const db = openDatabase(dbPath);
  try {
    if ((db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n > 0) return;
    const ctx = { actor: 'e2e', now: () => '2026-11-25T01:00:00.000Z' };
    db.transaction(() => {
      for (const [role, a] of Object.entries(E2E_ACCOUNTS)) createAccount(db, ctx, { ...a, role: role as Role, mustChange: false });
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** The test's own read-only look at the (encrypted) register, unlocked with the 研判员's password. */
export function readRegister(server: AppServer): Db {
  const a = E2E_ACCOUNTS.研判员;
  return connect(server.dbPath, { readonly: true, fileMustExist: true, key: unlockKey(server.dbPath, { account: a.name, password: a.password }) });
}

/** Logs in through the login page (leaving the page on the app's first screen). */
export async function loginAs(page: Page, server: AppServer, role: Role = '研判员'): Promise<void> {
  const a = E2E_ACCOUNTS[role];
  // Any earlier session is dropped with its cookie: the page then opens on the login form.
  await page.context().clearCookies();
  await page.goto(server.url);
  const form = page.getByTestId('login-page');
  await form.getByLabel('账号').fill(a.name);
  await form.getByLabel('密码').fill(a.password);
  await form.getByRole('button', { name: /^登\s*录$/ }).click();
  await expect(form).toBeHidden();
}

export async function startServer(dir: string, extra: string[] = [], opts: { accounts?: boolean } = {}): Promise<AppServer> {
  const dbPath = join(dir, 'yanpan.db');
  if (opts.accounts !== false) createE2eAccounts(dbPath);
  const proc = spawn(process.execPath, [BIN, 'serve', '--db', dbPath, '--today', E2E_TODAY, ...extra], { env: { ...process.env, YANPAN_HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('web host did not start: ' + out)), 30_000);
    proc.stdout!.on('data', (c) => {
      out += c;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    proc.stderr!.on('data', (c) => (out += c));
    proc.on('exit', (code) => fail(new Error(`web host exited (${code}): ${out}`)));
  });
  return { url, dbPath, dir, proc };
}

/** Stops a host and waits until it has exited (and so released the register's writer lock). */
export async function stopServer(server: AppServer): Promise<void> {
  if (server.proc.exitCode !== null || server.proc.signalCode !== null) return;
  const exited = new Promise<void>((ok) => server.proc.once('exit', () => ok()));
  server.proc.kill('SIGTERM');
  await exited;
}

export const test = base.extend<{ server: AppServer }>({
  server: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'yanpan-e2e-'));
    const server = await startServer(dir);
    await use(server);
    // Waited for: a host still finishing its start-up backup would write into the folder being removed.
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  },
  // Logged in as the 研判员 before the test's first action (the Monday job counts from there).
  page: async ({ page, server }, use) => {
    await loginAs(page, server);
    await use(page);
  },
});

export { expect };

/**
 * Choose an option of an antd Select by its text and wait until the select shows it. Under CI load
 * an option can be clicked while the dropdown still animates and the choice does not take, so the
 * open-click-check runs again until it does. `search` types into a searchable select first.
 */
export async function choose(page: Page, combobox: Locator, option: string, search?: string): Promise<void> {
  // The select around the combobox (a `has:` filter would re-run the combobox's own scope inside it).
  const select = combobox.locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const exact = new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const chosen = select.locator('.ant-select-selection-item').filter({ hasText: exact }).first();
  await expect(async () => {
    // A click that took late must not be clicked again: in a multiple select that would undo it.
    if (await chosen.isVisible()) return;
    const dropdown = page.locator('.ant-select-dropdown:visible');
    if (!(await dropdown.count())) {
      if (search !== undefined) await combobox.fill(search);
      else await combobox.click({ force: true });
    }
    await dropdown.locator('.ant-select-item-option').filter({ hasText: exact }).first().click({ timeout: 3000 });
    await expect(chosen).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

/** Opens a click-triggered menu and clicks one of its items, opening it again if a click under load did not. */
export async function chooseMenuItem(button: Locator, item: Locator): Promise<void> {
  await expect(async () => {
    if (!(await item.isVisible())) await button.click();
    await item.click({ timeout: 3000 });
  }).toPass({ timeout: 30_000 });
}

/** The demo register loaded, then 研判会 › 准备议程 for the upcoming meeting, and its ranked proposal generated. */
export async function demoAgendaProposal(page: Page, server: AppServer): Promise<void> {
  await page.goto(server.url);
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  await page.goto(server.url + '#/meetings');
  await page.getByRole('button', { name: '准备议程' }).click();
  await page.getByRole('button', { name: /生成议程建议/ }).click();
}
