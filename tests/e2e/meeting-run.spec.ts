// A whole meeting: agenda → the runner records an assessment and an assignment for three items
// (keyboard: Ctrl+Enter, Alt+J, PageDown) → end → minutes carry the levels and assignments → 签发
// → the assignments are on the board.
import { test, expect, choose } from './fixtures.js';

test('run a meeting for three items, draft and sign the minutes, the actions reach the board', async ({ page, server }) => {
  test.setTimeout(180_000);
  await page.goto(server.url);
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  await page.goto(server.url + '#/meetings');
  await expect(page.getByTestId('monday-reviews')).toContainText('本周到期应研判');
  await page.getByRole('button', { name: '准备议程' }).click();
  await page.getByRole('button', { name: /生成议程建议/ }).click();
  await page.getByRole('button', { name: '按会议时长选取' }).click();
  await expect(page.getByTestId('agenda-item').nth(2)).toBeVisible();
  await page.getByRole('button', { name: '开始会议' }).click();
  const runner = page.getByTestId('runner');
  await expect(runner).toBeVisible();

  const headings: string[] = [];
  for (let i = 1; i <= 3; i++) {
    await expect(runner).toContainText(`第 ${i} /`);
    const panel = page.getByTestId('runner-assessment');
    await expect(panel.getByLabel('可能性')).toBeVisible();
    headings.push((await runner.locator('h1').innerText()).trim());
    await page.getByLabel('研判意见').fill(`第${i}项研判意见：情绪平稳，继续稳控`);
    await page.getByLabel('对策建议').fill(`第${i}项对策：属地包案`);
    await panel.getByLabel('可能性').fill('3');
    await panel.getByLabel('影响程度').fill(String(i + 1));
    await expect(page.getByTestId('runner-grade-preview')).toBeVisible();
    if (i === 1) await page.screenshot({ path: 'test-results/runner-assessment.png', fullPage: true });
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('runner-recorded')).toContainText('本次会议已研判');
    await page.keyboard.press('Alt+j');
    const form = page.getByRole('dialog', { name: '新建交办' });
    await form.getByLabel('交办内容及要求').fill(`第${i}项交办：一周内拿出化解方案`);
    await form.getByLabel('牵头单位').fill('端到端牵头单位');
    await form.getByRole('button', { name: /交\s*办/ }).click();
    await expect(form).toBeHidden();
    await expect(runner).toContainText('端到端牵头单位');
    if (i < 3) await page.keyboard.press('PageDown');
  }

  await runner.getByRole('button', { name: /退\s*出/ }).click();
  await page.getByRole('button', { name: '结束会议' }).click();
  await expect(page.getByTestId('meeting-state')).toHaveText('已召开');
  await page.getByRole('button', { name: '拟写纪要' }).click();
  await expect(page.getByTestId('meeting-state')).toHaveText('纪要拟稿');
  await page.getByRole('tab', { name: '纪要' }).click();
  const minutes = page.getByLabel('纪要正文');
  for (const [i, h] of headings.entries()) {
    await expect(minutes).toHaveValue(new RegExp(`${h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}。研判等级：(重大|较大|一般|低)。第${i + 1}项研判意见`));
    await expect(minutes).toHaveValue(new RegExp(`端到端牵头单位：第${i + 1}项交办`));
  }
  await page.getByRole('button', { name: '签发纪要' }).click();
  await expect(page.getByTestId('meeting-state')).toHaveText('已签发');

  await page.goto(server.url + '#/actions');
  await choose(page, page.getByRole('combobox', { name: '责任单位' }), '端到端牵头单位', '端到端');
  await expect(page.getByTestId('board-已交办').getByTestId('action-card')).toHaveCount(3);
});
