// Issue 12 at 1366×768: generate the ranked proposal, choose by checkbox and by meeting length,
// move one item from the consent list to the main agenda, confirm the consent list. The page never
// renders more than one page of proposals.
import { test, expect, demoAgendaProposal } from './fixtures.js';
import type { Page } from '@playwright/test';

test.use({ viewport: { width: 1366, height: 768 } });

const PAGE_SIZE = 10; // the lists' first page size

/** Proposal rows in the DOM, both lists together: never more than one page. */
async function proposalRowsOnPage(page: Page): Promise<number> {
  const n = await page.locator('[data-testid="agenda-proposal"] tr.ant-table-row').count();
  expect(n).toBeLessThanOrEqual(PAGE_SIZE);
  return n;
}

const totalOf = async (page: Page) => Number((await page.getByTestId('agenda-total').innerText()).match(/合计 (\d+) 分钟/)![1]);
const codeIn = (text: string) => text.match(/JC-\d{4}-\d+/)![0];

test('ranked proposal: checkbox, 按会议时长选取, pull from the consent list, confirm it — one page at a time', async ({ page, server }) => {
  test.setTimeout(150_000);
  await demoAgendaProposal(page, server);

  const proposal = page.getByTestId('agenda-proposal');
  const main = page.getByTestId('proposal-main');
  await expect(main.locator('tr.ant-table-row').first()).toBeVisible();
  // More proposals than one page, and only one page of them on screen.
  const mainTotal = Number((await proposal.getByRole('tab', { name: /主议程建议/ }).innerText()).match(/（(\d+)/)![1]);
  expect(mainTotal).toBeGreaterThan(PAGE_SIZE);
  expect(await proposalRowsOnPage(page)).toBe(PAGE_SIZE);
  await page.screenshot({ path: 'test-results/agenda-proposal.png' });

  // By checkbox: the first and third proposals.
  const rows = main.locator('tr.ant-table-row');
  const first = codeIn(await rows.nth(0).innerText());
  const third = codeIn(await rows.nth(2).innerText());
  await rows.nth(0).getByRole('checkbox').check();
  await rows.nth(2).getByRole('checkbox').check();
  await main.page().getByRole('button', { name: '加入议程（2）' }).click();
  const items = page.getByTestId('agenda-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText(first);
  await expect(items.nth(1)).toContainText(third);
  // They keep their reasons (no 人工添加, no login).
  await expect(items.nth(0).locator('.yp-agenda-reasons')).not.toContainText('人工添加');
  await proposalRowsOnPage(page);

  // By meeting length: fills up to the meeting's 90 minutes, never over.
  await page.getByRole('button', { name: '按会议时长选取' }).click();
  await expect.poll(() => items.count()).toBeGreaterThan(2);
  const total = await totalOf(page);
  expect(total).toBeLessThanOrEqual(90);
  await proposalRowsOnPage(page);

  // The consent list: pull its first item onto the main agenda.
  await proposal.getByRole('tab', { name: /一揽子研判/ }).click();
  const consent = page.getByTestId('proposal-consent');
  await expect(consent.locator('tr.ant-table-row').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/agenda-consent.png' });
  const consentTab = proposal.getByRole('tab', { name: /一揽子研判/ });
  const consentBefore = Number((await consentTab.innerText()).match(/（(\d+)/)![1]);
  const pulled = codeIn(await consent.locator('tr.ant-table-row').first().innerText());
  const countBefore = await items.count();
  await consent.locator('tr.ant-table-row').first().getByRole('button', { name: '移入主议程' }).click();
  await expect(items).toHaveCount(countBefore + 1);
  await expect(items.last()).toContainText(pulled);
  await expect(items.last().locator('.yp-agenda-reasons')).toContainText('到期研判');
  await expect(consentTab).toContainText(`（${consentBefore - 1}）`);
  await expect(consent).not.toContainText(pulled);
  expect(await proposalRowsOnPage(page)).toBeLessThanOrEqual(PAGE_SIZE);

  // Confirm the whole list in one decision.
  await page.getByRole('button', { name: `确认一揽子研判（${consentBefore - 1} 项）` }).click();
  await page.getByRole('button', { name: /^确\s*认$/ }).click();
  await expect(page.getByRole('button', { name: '一揽子研判已确认' })).toBeVisible();
  await expect(consent.locator('tr.ant-table-row').first()).toContainText('已维持原等级');
  await proposalRowsOnPage(page);
  // The next page is fetched from the server, and it too is one page.
  await proposal.locator('.ant-pagination-next').click();
  await expect(proposal.locator('.ant-pagination-item-active')).toHaveText('2');
  await proposalRowsOnPage(page);
});
