/**
 * The production build works from a plain static host under a sub-path (relative base): the page,
 * its scripts, the worker, the WASM binaries and the model pack all resolve under /demo/categorizer/.
 */
import { expect, test } from '@playwright/test';
import { serveBuild, type StaticSite } from './support/static-server';

let site: StaticSite;
test.beforeAll(async () => {
  site = await serveBuild('/demo/categorizer/');
});
test.afterAll(async () => {
  await site.close();
});

test('served under /demo/categorizer/, the app loads the model and classifies', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(site.url)) outside.push(r.url());
  });
  await page.goto(site.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const status = page.getByTestId('model-status');
  await expect(status).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await page.getByLabel('Product listing').fill('Organic green tea, 100 tea bags');
  await expect(page.getByTestId('suggestions-level1').getByRole('listitem').first()).toBeVisible();
  // Every file came from under the sub-path: nothing was asked of the host's root.
  expect(outside).toEqual([]);
  expect(site.requests).toContain('models/default/manifest.json');
  expect(errors).toEqual([]);
});
