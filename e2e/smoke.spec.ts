/** The production build loads, shows the app and an empty listing box, with no console errors. */
import { expect, test } from '@playwright/test';

test('page loads with the app name and an empty listing box', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));

  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'Product Categorizer' })).toBeVisible();
  const box = page.getByLabel('Product listing');
  await expect(box).toBeVisible();
  await expect(box).toHaveValue('');
  await box.fill('Men’s Waterproof Hiking Boots');
  await expect(box).toHaveValue('Men’s Waterproof Hiking Boots');
  expect(errors).toEqual([]);
});
