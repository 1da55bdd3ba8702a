// Two writes in a row on the agenda each reload the proposal's counts; when the first reload's answer
// comes back last (a slow host), it must not put back the count from before the second write. (It did:
// agenda.spec then saw 一揽子研判 go from 41 back to 42 and its confirmation refused.) The test holds the
// first answer back, standing in for a slow host; the request itself reaches the real host.
import { test, expect, demoAgendaProposal } from './fixtures.js';

test.use({ viewport: { width: 1366, height: 768 } });

test('agenda: a slow answer from before the last write never overwrites the newer counts', async ({ page, server }) => {
  test.setTimeout(150_000);
  await demoAgendaProposal(page, server);
  const proposal = page.getByTestId('agenda-proposal');
  const consentTab = proposal.getByRole('tab', { name: /一揽子研判/ });
  await consentTab.click();
  const consent = page.getByTestId('proposal-consent');
  await expect(consent.locator('tr.ant-table-row').first()).toBeVisible();
  const before = Number((await consentTab.innerText()).match(/（(\d+)/)![1]);
  expect(before).toBeGreaterThan(2);

  // The first counts reload after arming: answered by the host, delivered only when released.
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  let delivered!: () => void;
  const stale = new Promise<void>((ok) => (delivered = ok));
  let armed = true;
  await page.route('**/api/agenda.proposal', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as { pageSize?: number };
    if (!armed || body.pageSize !== 1) return route.continue();
    armed = false;
    const answer = await route.fetch();
    await held;
    await route.fulfill({ response: answer });
    delivered();
  });

  const items = page.getByTestId('agenda-item');
  const count = await items.count();
  await consent.locator('tr.ant-table-row').first().getByRole('button', { name: '移入主议程' }).click();
  await expect(items).toHaveCount(count + 1);
  // The list has not reloaded (its reload follows the held counts): the first row is the one just moved.
  await consent.locator('tr.ant-table-row').nth(1).getByRole('button', { name: '移入主议程' }).click();
  await expect(items).toHaveCount(count + 2);
  await expect(consentTab).toContainText(`（${before - 2}）`);

  release();
  await stale;
  // Give the page every chance to apply the stale answer: another round trip through the host.
  await page.evaluate(() => fetch('./auth/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then(() => undefined));
  await page.waitForTimeout(300); // no condition to wait for: the stale count must never appear
  expect(await consentTab.innerText()).toContain(`（${before - 2}）`);
  await expect(page.getByRole('button', { name: `确认一揽子研判（${before - 2} 项）` })).toBeVisible();
});
