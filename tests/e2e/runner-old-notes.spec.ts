// Issue 13: assignment notes typed as free text before assignments were records (runner drafts of the
// field "assignment", which an older runner wrote and registers still hold) get a 转为交办 action in
// the runner: the 新建交办 dialog opens with the note as its content and the risk's 主办单位 as 牵头单位;
// once saved the note is a 交办 record with a unit id, and the note is no longer shown.
import { test, expect, readRegister } from './fixtures.js';

test.use({ actionTimeout: 20_000 });

test('an older free-text assignment note becomes a 交办 record with 转为交办', async ({ page, server }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible({ timeout: 90_000 }); // the demo takes a while on a loaded machine
  let db = readRegister(server);
  const upcoming = db.prepare("SELECT id FROM meetings WHERE state = '筹备' ORDER BY date DESC LIMIT 1").pluck().get() as number;
  db.close();
  await page.goto(server.url + `#/meetings/${upcoming}`);
  await page.getByRole('button', { name: /生成议程建议/ }).click();
  await page.getByRole('button', { name: '按会议时长选取' }).click();
  await expect(page.getByTestId('agenda-item').first()).toBeVisible();
  await page.getByRole('button', { name: '开始会议' }).click();
  await page.getByRole('dialog').filter({ hasText: '会议日期还没到' }).getByRole('button', { name: '改为今天并开始' }).click();
  const runner = page.getByTestId('runner');
  await expect(runner).toContainText('第 1 /');

  // The note as the older runner stored it (its autosave call, which the API still accepts).
  db = readRegister(server);
  const item = db.prepare("SELECT a.risk_id AS riskId, r.lead_unit AS lead FROM agenda_items a JOIN risks r ON r.id = a.risk_id WHERE a.meeting_id = ? ORDER BY a.position LIMIT 1").get(upcoming) as { riskId: number; lead: string };
  db.close();
  const note = '请住建部门一周内约谈开发商，拿出复工方案';
  const saved = await page.evaluate(async ({ meetingId, riskId, text }) => {
    const s = (await (await fetch('./auth/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json()) as { csrf: string };
    const r = await fetch('./api/meetings.draftSave', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Yanpan-Csrf': s.csrf }, body: JSON.stringify({ meetingId, riskId, field: 'assignment', text }) });
    return ((await r.json()) as { ok: boolean }).ok;
  }, { meetingId: upcoming, riskId: item.riskId, text: note });
  expect(saved).toBe(true);
  await page.reload();
  const old = page.getByTestId('old-assignment');
  await expect(old).toContainText(note);

  await old.getByRole('button', { name: '转为交办' }).click();
  const dialog = page.getByRole('dialog', { name: '新建交办' });
  await expect(dialog.getByLabel('交办内容及要求')).toHaveValue(note);
  await expect(dialog.locator('.ant-select-selection-item').filter({ hasText: new RegExp(`^${item.lead}$`) })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('runner-convert-note.png') });
  await dialog.getByRole('button', { name: /交办（Ctrl\+Enter）/ }).click();
  await expect(dialog).toBeHidden();
  await expect(old).toHaveCount(0);
  await expect(page.getByTestId('runner-actions')).toContainText(note);

  db = readRegister(server);
  try {
    const a = db.prepare('SELECT a.content, a.lead_unit AS lead, u.name AS unit FROM actions a JOIN units u ON u.id = a.lead_unit_id WHERE a.meeting_id = ?').all(upcoming);
    expect(a).toEqual([{ content: note, lead: item.lead, unit: item.lead }]);
    expect(db.prepare("SELECT text FROM runner_drafts WHERE meeting_id = ? AND field = 'assignment'").pluck().all(upcoming)).toEqual(['']);
  } finally {
    db.close();
  }
  // After a reload the note stays a record, not a note.
  await page.reload();
  await expect(runner).toContainText('第 1 /');
  await expect(page.getByTestId('old-assignment')).toHaveCount(0);
});
