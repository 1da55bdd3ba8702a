// antd's styles come from the stylesheet built with the app (vite.config.ts, scripts/antd-style.mjs),
// not from JavaScript at run time: a fresh page of the register builds and injects only a handful
// of <style> tags (about 50 without the sheet), and what the sheet styles is styled in the app's
// theme (a sheet built with the wrong class prefix would leave the primary button unstyled).
import { test, expect } from './fixtures.js';

test('register page: antd styles come from the built sheet, in the app theme', async ({ page, server }) => {
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  await page.goto(server.url + '#/register');
  await page.reload();
  const add = page.getByRole('button', { name: /新增事项/ });
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  // Built at run time: non-empty antd <style> tags (keyframes a dialog brings excepted).
  const styles = await page.locator('style[data-css-hash]').evaluateAll((tags) => tags.map((t) => t.innerHTML));
  const built = styles.filter((css) => css.length > 0 && !css.startsWith('@keyframes')).length;
  expect(built).toBeLessThanOrEqual(6);
  await expect(add).toHaveCSS('background-color', 'rgb(183, 28, 28)');
  await expect(page.locator('.ant-table-thead th').first()).toHaveCSS('font-weight', '600');
  await expect(page.locator('.ant-layout-sider')).toHaveCSS('background-color', 'rgb(127, 29, 29)');
});
