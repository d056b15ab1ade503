/**
 * Privacy: no request leaves the page's origin during the main flows, the page carries a
 * Content-Security-Policy that allows only the origin (plus 'wasm-unsafe-eval'), and every TF.js
 * backend still runs under it with no violation reported.
 */
import { expect, test, type Page } from '@playwright/test';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Records CSP violations from the first script on, before the app's own code runs. */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations!.push(`${e.effectiveDirective} blocked ${e.blockedURI}`),
    );
  });
}
const violations = (page: Page) => page.evaluate(() => window.__cspViolations ?? []);

async function ready(page: Page, query: string) {
  await page.goto(`./${query}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
}

test('the page declares a CSP that allows only its origin and WASM compilation', async ({ page }) => {
  await page.goto('./');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toMatch(/https?:/);
  // No external stylesheet or font anywhere in the document.
  const external = await page.evaluate(() =>
    [...document.querySelectorAll('link[href], script[src], img[src]')]
      .map((e) => (e as HTMLLinkElement).href || (e as HTMLScriptElement).src)
      .filter((u) => !u.startsWith(location.origin) && !u.startsWith('data:')),
  );
  expect(external).toEqual([]);
});

test('the CSP bites: a script-made request to another origin is blocked and reported', async ({ page }) => {
  await watchViolations(page);
  const outside: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith('https://example.com')) outside.push(r.url());
  });
  await page.goto('./');
  const fetched = await page.evaluate(() =>
    fetch('https://example.com/track').then(
      () => 'sent',
      () => 'blocked',
    ),
  );
  expect(fetched).toBe('blocked');
  await expect.poll(() => violations(page)).toContainEqual(expect.stringContaining('connect-src'));
  expect(outside).toEqual([]);
});

test('every request during the main flows goes to the page origin only', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.context().on('serviceworker', (w) => requests.push(w.url()));
  await watchViolations(page);
  await ready(page, '');
  // Typing a listing, the examples, the category language, the explanation, the analyst view, a batch.
  await page
    .getByLabel('Product listing')
    .fill('Wireless Bluetooth over-ear headphones with noise cancelling');
  await expect(page.getByTestId('suggestions-level1').getByRole('listitem').first()).toBeVisible();
  await page.getByRole('group', { name: 'Examples' }).getByRole('button').first().click();
  await expect(page.getByTestId('suggestions-level1').getByRole('listitem').first()).toBeVisible();
  await page.getByLabel('中文').check();
  await expect(page.getByTestId('suggestions-level1')).toBeVisible();
  // The analyst view: the catalog map and the model report.
  await page.getByRole('tab', { name: 'Catalog map' }).click();
  await expect(page.getByRole('region', { name: 'Catalog map' }).locator('canvas[data-drawn]')).toBeVisible();
  await page.getByRole('tab', { name: 'Model report' }).click();
  // A batch of pasted lines.
  await page
    .getByLabel('Or paste listings, one per line')
    .fill('Yoga mat non-slip 6mm\nOrganic whole milk, 1 gallon');
  await page.getByRole('button', { name: 'Use pasted lines' }).click();
  await page.getByRole('button', { name: 'Classify all rows' }).click();
  await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  // Let the service worker precache (its fetches are requests of this page's origin too).
  await expect(page.getByTestId('offline-status')).toContainText('Offline-ready', { timeout: 120_000 });
  await page.reload();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });

  const checked = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'));
  expect(checked.length).toBeGreaterThan(5);
  expect(checked.filter((u) => new URL(u).origin !== origin)).toEqual([]);
  expect(await violations(page)).toEqual([]);
});

// In the page (not the worker) so that the page's CSP governs TF.js: each backend starts and classifies.
for (const backend of ['wasm', 'webgl', 'webgpu', 'cpu'] as const) {
  test(`under the CSP, ?backend=${backend} runs in the page with no violation`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await watchViolations(page);
    await ready(page, `?inprocess&backend=${backend}`);
    await expect(page.getByTestId('backend-in-use')).toHaveText(backend);
    await page.getByLabel('Product listing').fill('Stainless steel chef knife 8 inch');
    await expect(page.getByTestId('suggestions-level1').getByRole('listitem').first()).toBeVisible();
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
}
