// Issue 13: the risk form's 主办单位 and 协办单位 are picked from the 责任单位 list (search by name or a
// former name), a unit not on it added in place; the risk then references the unit by id and shows its
// current name. Walked at 1366×768.
import type { Locator, Page } from '@playwright/test';
import { test, expect, choose, readRegister } from './fixtures.js';

test.use({ viewport: { width: 1366, height: 768 }, actionTimeout: 20_000 });

/** Types into a unit picker and clicks the option with this text (the list's unit, or 添加新单位“…”). */
async function pick(page: Page, field: Locator, typed: string, option: string): Promise<void> {
  await field.click();
  await field.fill(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${option}$`) }).first().click();
}

test('risk form: 主办单位 picked from the list or added in place; the risk references the unit by id', async ({ page, server }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.getByRole('button', { name: '新建空台账' }).click();

  // First risk: both units are new, added in place.
  await page.getByRole('button', { name: /新增事项/ }).click();
  let dialog = page.getByRole('dialog', { name: '新增风险事项' });
  await dialog.getByLabel('事项名称').fill('“锦绣华庭”逾期交房');
  await choose(page, dialog.getByRole('combobox', { name: '所属县区' }), '城关区');
  await choose(page, dialog.getByRole('combobox', { name: '领域' }), '问题楼盘');
  const lead = dialog.getByRole('combobox', { name: '主办单位' });
  await pick(page, lead, '城关区住建局', '添加新单位“城关区住建局”');
  await expect(dialog.locator('.ant-select-selection-item').filter({ hasText: /^城关区住建局$/ })).toBeVisible();
  const co = dialog.getByRole('combobox', { name: '协办单位' });
  await pick(page, co, '市人社局', '添加新单位“市人社局”');
  await expect(dialog.locator('.ant-select-selection-item').filter({ hasText: /^市人社局$/ })).toBeVisible();
  await page.keyboard.press('Escape'); // closes the dropdown, not the dialog
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('risk-form-units.png') });
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText(/已新增/)).toBeVisible();
  // The new risk opens in its drawer: its 主办单位 is the unit's name.
  const drawer = page.locator('.ant-drawer-content');
  await expect(drawer).toContainText('城关区住建局');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Renamed in the 责任单位 list (研判会 › 责任单位): the register shows the new name.
  await page.getByRole('menuitem', { name: /研判会/ }).click();
  await page.getByRole('tab', { name: '责任单位' }).click();
  await page.locator('.ant-table-row').filter({ hasText: '城关区住建局' }).getByText('修改').click();
  const rename = page.getByRole('dialog', { name: '修改单位' });
  await rename.getByLabel('单位名称').fill('城关区住房和城乡建设局');
  await rename.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.locator('.ant-table-row').filter({ hasText: '城关区住房和城乡建设局' })).toContainText('城关区住建局');
  await page.getByRole('menuitem', { name: /风险台账/ }).click();
  await expect(page.locator('.ant-table-row').first()).toContainText('城关区住房和城乡建设局');

  // A second risk: typing the former name finds the unit (no 添加 option for a name on the list).
  await page.getByRole('button', { name: /新增事项/ }).click();
  dialog = page.getByRole('dialog', { name: '新增风险事项' });
  await dialog.getByLabel('事项名称').fill('某小区物业纠纷');
  await choose(page, dialog.getByRole('combobox', { name: '所属县区' }), '城关区');
  await choose(page, dialog.getByRole('combobox', { name: '领域' }), '问题楼盘');
  await dialog.getByRole('combobox', { name: '主办单位' }).fill('城关区住建局');
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option')).toHaveText(['城关区住房和城乡建设局']);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  // 协办单位 never offers the 主办单位; choosing a 协办单位 as 主办单位 takes it out of 协办单位.
  const co2 = dialog.getByRole('combobox', { name: '协办单位' });
  const coChosen = dialog.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '协办单位' }) }).locator('.ant-select-selection-item');
  await co2.click();
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option')).toHaveText(['市人社局']);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await expect(coChosen).toHaveText(['市人社局']);
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  const option = (text: string) => page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${text}$`) });
  await dialog.getByRole('combobox', { name: '主办单位' }).fill('市人社局');
  await option('市人社局').click();
  await expect(coChosen).toHaveCount(0);
  await dialog.getByRole('combobox', { name: '主办单位' }).fill('城关区住房');
  await option('城关区住房和城乡建设局').click();
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.locator('.ant-table-row')).toHaveCount(2);

  const db = readRegister(server);
  try {
    const units = db.prepare('SELECT id, name FROM units ORDER BY id').all() as Array<{ id: number; name: string }>;
    expect(units.map((u) => u.name)).toEqual(['城关区住房和城乡建设局', '市人社局']);
    const risks = db.prepare('SELECT title, lead_unit AS lead, lead_unit_id AS leadId, co_units AS co FROM risks ORDER BY id').all();
    expect(risks).toEqual([
      { title: '“锦绣华庭”逾期交房', lead: '城关区住房和城乡建设局', leadId: units[0].id, co: '["市人社局"]' },
      { title: '某小区物业纠纷', lead: '城关区住房和城乡建设局', leadId: units[0].id, co: '[]' },
    ]);
    expect(db.prepare('SELECT unit_id FROM risk_co_units').pluck().all()).toEqual([units[1].id]);
  } finally {
    db.close();
  }
  expect(errors).toEqual([]);
});
