// The import wizard in the real app: messy sheet in, dry run with reasons, report download, commit, export.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect, chooseMenuItem } from './fixtures.js';
import { MESSY_ROWS, messyWorkbook } from '../unit/fixtures/messy.js';
import { backupsDirFor } from '../../db/backups.js';
import { backupFileName } from '../../shared/backups.js';
import { INLINE_FILE_LIMIT } from '../../shared/files.js';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');

test('import wizard: choose a messy .xlsx → mapping → dry run → download report → import → export', async ({ page, server }) => {
  const dir = mkdtempSync(join(tmpdir(), 'yanpan-e2e-import-'));
  const file = join(dir, '江城市风险台账.xlsx');
  writeFileSync(file, (await messyWorkbook()).bytes);
  const creates = MESSY_ROWS.filter((r) => r.expect.action === 'create').length;
  const rejects = MESSY_ROWS.filter((r) => r.expect.action === 'reject').length;

  await page.goto(server.url);
  await page.getByRole('button', { name: /新建空台账/ }).click();
  await page.getByRole('menuitem', { name: /导入导出/ }).click();
  await page.getByRole('button', { name: /选择文件导入/ }).click();
  await page.locator('.ant-modal input[type=file]').setInputFiles(file);

  // Step 2: the mapping proposal, found below the title rows in the second sheet.
  await expect(page.getByRole('columnheader', { name: '表中的列名' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '工作表' })).toBeVisible();
  await expect(page.locator('.ant-modal .ant-table-row').filter({ hasText: '包案领导' })).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'import-mapping.png') });
  await page.getByRole('button', { name: /下一步/ }).click();

  // Step 3: the dry run, with every rejected row's reason and cell.
  await expect(page.getByText('将新增')).toBeVisible();
  await page.locator('.ant-modal .ant-segmented').getByText('未导入', { exact: true }).click();
  await expect(page.locator('.ant-modal .ant-table-row')).toHaveCount(rejects);
  await expect(page.getByText(/第10行 D列「领域」：「劳动保障」不在领域列表中，您是否指「劳动社保」？/)).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'import-dryrun.png') });
  const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载预演报告/ }).click()]);
  expect(report.suggestedFilename()).toMatch(/预演报告.*\.xlsx$/);
  expect(readFileSync((await report.path())!).subarray(0, 2).toString()).toBe('PK');

  await page.getByRole('button', { name: new RegExp(`导入 ${creates} 条（未导入的 ${rejects} 条不写入）`) }).click();
  await expect(page.getByText(`导入完成：新增 ${creates} 条，更新 0 条`)).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'import-done.png') });
  await page.getByRole('button', { name: /^关\s*闭$/ }).last().click();

  // The pre-import backup is listed; the export downloads.
  await expect(page.getByText('导入前自动备份').first()).toBeVisible();
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^风险台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await page.screenshot({ path: join(SHOTS, 'data-page.png') });

  await page.getByRole('menuitem', { name: /风险台账/ }).click();
  await expect(page.getByText(`共 ${creates} 条`)).toBeVisible();
});

test('register toolbar: 导入导出 → import a sheet, the list shows it at once; export the register only', async ({ page, server }) => {
  const dir = mkdtempSync(join(tmpdir(), 'yanpan-e2e-import-'));
  const file = join(dir, '台账.xlsx');
  writeFileSync(file, (await messyWorkbook()).bytes);
  const creates = MESSY_ROWS.filter((r) => r.expect.action === 'create').length;

  await page.goto(server.url);
  await page.getByRole('button', { name: /新建空台账/ }).click();
  const menu = page.getByRole('button', { name: /导入导出/ });
  await chooseMenuItem(menu, page.getByRole('menuitem', { name: /导入 Excel\/CSV 台账/ }));
  await page.locator('.ant-modal input[type=file]').setInputFiles(file);
  await page.getByRole('button', { name: /下一步/ }).click();
  await page.getByRole('button', { name: new RegExp(`导入 ${creates} 条`) }).click();
  await expect(page.getByText(`导入完成：新增 ${creates} 条，更新 0 条`)).toBeVisible();
  await page.getByRole('button', { name: /^关\s*闭$/ }).last().click();
  await expect(page.getByText(`共 ${creates} 条`)).toBeVisible();

  const [xlsx] = await Promise.all([page.waitForEvent('download'), chooseMenuItem(menu, page.getByRole('menuitem', { name: '导出台账 Excel（.xlsx）' }))]);
  expect(xlsx.suggestedFilename()).toMatch(/^风险台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['风险台账']);
  expect(wb.worksheets[0].rowCount).toBe(creates + 1);
  await page.screenshot({ path: join(SHOTS, 'register-toolbar-import.png') });
});

test('a backup over 20 MB is saved through a streamed one-time link, byte for byte', async ({ page, server }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(server.url);
  await page.getByRole('button', { name: /新建空台账/ }).click();
  const name = backupFileName('2026-11-24T03:00:00.000Z', 'manual');
  const bytes = randomBytes(INLINE_FILE_LIMIT + 2 * 1024 * 1024);
  mkdirSync(backupsDirFor(server.dbPath), { recursive: true });
  writeFileSync(join(backupsDirFor(server.dbPath), name), bytes);
  await page.getByRole('menuitem', { name: /导入导出/ }).click();
  const row = page.locator('.ant-table-row').filter({ hasText: name });
  const answers: string[] = [];
  page.on('response', (r) => void (r.url().includes('/api/backups.download') && r.text().then((t) => answers.push(t))));
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: /下载/ }).click()]);
  expect(download.suggestedFilename()).toBe(name);
  const saved = readFileSync((await download.path())!);
  expect(saved.length).toBe(bytes.length);
  expect(saved.equals(bytes)).toBe(true);
  // The API answer was a small JSON with the link, not the file as base64.
  await expect.poll(() => answers.length).toBe(1);
  expect(answers[0].length).toBeLessThan(1024);
});
