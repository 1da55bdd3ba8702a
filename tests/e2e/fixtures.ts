// Each test gets its own data folder and its own web host process (the real `yanpan serve`).
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

export async function startServer(dir: string, extra: string[] = []): Promise<AppServer> {
  const dbPath = join(dir, 'yanpan.db');
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

export const test = base.extend<{ server: AppServer }>({
  server: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'yanpan-e2e-'));
    const server = await startServer(dir);
    await use(server);
    server.proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
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
