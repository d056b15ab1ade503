/**
 * The in-page backend setting: picking a backend reloads the model on it (shown as the backend in
 * use, kept in the URL, suggestions still work), and going back to automatic lists every backend
 * with why it was chosen, skipped or not tried.
 */
import { expect, test } from '@playwright/test';

test('the backend setting reloads the model on the chosen backend and back to automatic', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  const status = page.getByTestId('model-status');
  await expect(status).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  const setting = page.getByRole('combobox', { name: 'Backend' });
  await expect(setting).toHaveValue('auto');
  const autoBackend = await page.getByTestId('backend-in-use').textContent();

  // Force a backend that automatic did not pick, so the reload is visible.
  const forced = autoBackend === 'cpu' ? 'wasm' : 'cpu';
  await setting.selectOption(forced);
  await expect(status).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(page.getByTestId('backend-in-use')).toHaveText(forced);
  await expect(setting).toHaveValue(forced);
  expect(new URL(page.url()).searchParams.get('backend')).toBe(forced);
  await page.getByText('Why this backend').click();
  await expect(page.getByRole('listitem').filter({ hasText: `${forced}: forced` })).toBeVisible();

  // The reloaded model answers the listing box.
  await page.getByLabel('Product listing').fill('Stainless steel chef knife 8 inch');
  await expect(page.getByRole('heading', { name: 'Top-level category' })).toBeVisible();

  await setting.selectOption('auto');
  await expect(status).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(page.getByTestId('backend-in-use')).toHaveText(autoBackend ?? '');
  expect(new URL(page.url()).searchParams.has('backend')).toBe(false);
  await page.getByText('Why this backend').click();
  for (const b of ['webgpu', 'webgl', 'wasm', 'cpu'])
    await expect(page.getByRole('listitem').filter({ hasText: new RegExp(`^${b}: `) })).toHaveCount(1);
  expect(errors).toEqual([]);
});
