// Issue 13, item 3: the runner's keys act only where they should. A meeting dated ahead is moved to
// today when started; then, on the demo register: ←/→ typed in the 新建交办 dialog's 牵头单位 field
// neither switch the item behind nor wipe the typed text; → in a number field stays in the field;
// Ctrl+Enter in the dialog saves the dialog (not the item behind); Esc closes it; the timer never
// shows a negative time; outside a field → moves on and marks the item 已议.
import { test, expect, readRegister } from './fixtures.js';

test.use({ actionTimeout: 20_000 });

test('runner keys: never behind a dialog or inside a field; Ctrl+Enter and Esc act on the dialog', async ({ page, server }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(server.url);
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  const db = readRegister(server);
  const upcoming = db.prepare("SELECT id, date FROM meetings WHERE state = '筹备' ORDER BY date DESC LIMIT 1").get() as { id: number; date: string };
  db.close();
  expect(upcoming.date > '2026-11-25').toBe(true);
  await page.goto(server.url + `#/meetings/${upcoming.id}`);
  await page.getByRole('button', { name: /生成议程建议/ }).click();
  await page.getByRole('button', { name: '按会议时长选取' }).click();
  await expect(page.getByTestId('agenda-item').nth(2)).toBeVisible();
  // Started before its date: offered to move to today.
  await page.getByRole('button', { name: '开始会议' }).click();
  const move = page.getByRole('dialog').filter({ hasText: '会议日期还没到' });
  await expect(move).toContainText('今天是2026年11月25日');
  await move.getByRole('button', { name: '改为今天并开始' }).click();
  const runner = page.getByTestId('runner');
  await expect(runner).toContainText('第 1 /');
  await expect(page.getByTestId('runner-timer')).toHaveText(/^\d+:\d{2} \/ \d+:00$/);
  const status = runner.locator('.ant-tag').filter({ hasText: /^已议$/ });
  await expect(status).toHaveCount(0);

  // → and ← inside the 可能性 number field: the field's, not the runner's.
  const likelihood = page.getByTestId('runner-assessment').getByLabel('可能性');
  await likelihood.click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('PageDown');
  await expect(runner).toContainText('第 1 /');
  await expect(status).toHaveCount(0);

  // The 新建交办 dialog: ←/→ in 牵头单位 keep the item and the typed text.
  await page.getByLabel('研判意见').click();
  await page.keyboard.press('Alt+j');
  const dialog = page.getByRole('dialog', { name: '新建交办' });
  const unit = dialog.getByRole('combobox', { name: '牵头单位' });
  await unit.focus();
  await unit.fill('键盘测试单位');
  for (const k of ['ArrowLeft', 'ArrowRight', 'ArrowLeft', 'PageDown']) await page.keyboard.press(k);
  await expect(unit).toHaveValue('键盘测试单位');
  await expect(runner).toContainText('第 1 /');
  // Added in place to the list, then Ctrl+Enter saves the dialog, not the item behind.
  const addOption = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '添加新单位“键盘测试单位”' });
  if (!(await addOption.isVisible())) await unit.press('ArrowDown');
  await addOption.click();
  await expect(dialog.locator('.ant-select-selection-item').filter({ hasText: /^键盘测试单位$/ })).toBeVisible();
  await dialog.getByLabel('交办内容及要求').fill('键盘测试：三日内报送情况');
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('runner-actions')).toContainText('键盘测试单位：键盘测试：三日内报送情况');
  await expect(page.getByTestId('runner-recorded')).toHaveCount(0);
  await expect(runner).toContainText('第 1 /');

  // Esc closes the dialog and does nothing else.
  await page.keyboard.press('Alt+j');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('交办内容及要求').fill('不要保存');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('runner-actions')).not.toContainText('不要保存');
  await expect(runner).toContainText('第 1 /');

  // Outside a field, → moves on and marks the item 已议; ← comes back.
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  await expect(runner).toContainText('第 2 /');
  await page.keyboard.press('ArrowLeft');
  await expect(runner).toContainText('第 1 /');
  await expect(status).toHaveCount(1);
  await expect(page.getByTestId('runner-timer')).toHaveText(/^\d+:\d{2} \/ \d+:00$/);

  // The unit picked in the dialog is a list entry the action references by id.
  const check = readRegister(server);
  const row = check.prepare("SELECT a.lead_unit_id AS id, u.name FROM actions a JOIN units u ON u.id = a.lead_unit_id WHERE a.content = '键盘测试：三日内报送情况'").get() as { id: number; name: string };
  check.close();
  expect(row.name).toBe('键盘测试单位');
});
