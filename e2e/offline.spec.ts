/**
 * Offline use: after one visit the service worker holds the app shell, the WASM binaries and the
 * model pack, so a reload with the server gone and the network off still loads the model and
 * classifies. A new pack version on the server is announced, cached, and the old one removed.
 * The build is served by the spec's own static server, so "offline" is real: the server is closed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { serveBuild, type StaticSite } from './support/static-server';

const DIST = process.env.E2E_DIST ?? 'dist';
const MANIFEST = 'models/default/manifest.json';

let site: StaticSite | null = null;
test.afterEach(async () => {
  await site?.close();
  site = null;
});

async function modelReady(page: Page) {
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
}

async function offlineReady(page: Page) {
  // The precache starts once the model is loaded: shell (~6 MB) plus pack (~5 MB) on a busy machine.
  await expect(page.getByTestId('offline-status')).toContainText('Offline-ready', { timeout: 120_000 });
}

const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

/** How many cached copies of pack files (manifest aside) the origin holds, over every cache. */
const cachedPackFiles = (page: Page) =>
  page.evaluate(async () => {
    let n = 0;
    for (const name of await caches.keys())
      for (const req of await (await caches.open(name)).keys())
        if (req.url.includes('/models/default/') && !req.url.endsWith('/manifest.json')) n++;
    return n;
  });

test('after one visit, a reload with the network off loads the model, classifies, maps and runs a batch', async ({
  page,
  context,
}) => {
  site = await serveBuild('/offline-demo/');
  const { version, files } = JSON.parse(readFileSync(path.join(DIST, MANIFEST), 'utf8')) as {
    version: string;
    files: unknown[];
  };
  await page.goto(`${site.url}?backend=wasm`);
  await modelReady(page);
  await offlineReady(page);
  await expect(page.getByTestId('offline-status')).toContainText(version);
  const names = await cacheNames(page);
  expect(names.filter((n) => n.startsWith('categorizer-shell-'))).toHaveLength(1);
  expect(names).toContain(`categorizer-pack-${version}`);
  // The pack is stored once: the service worker's cache is the only one (the loader reads it).
  expect(await cachedPackFiles(page)).toBe(files.length);

  // Really offline: the host is gone and the browser has no network.
  await site.close();
  site = null;
  await context.setOffline(true);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.reload();
  // The page itself came from the service worker (nothing else could serve it now).
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await modelReady(page);
  await expect(page.getByTestId('pack-version')).toContainText(version);
  await expect(page.getByTestId('model-status')).toContainText('from the offline cache');
  await page.getByLabel('Product listing').fill('儿童益智拼图玩具 100片');
  await expect(page.getByTestId('suggestions-level1').getByRole('listitem').first()).toBeVisible();
  await expect(page.getByTestId('suggestions-level2').getByRole('listitem').first()).toBeVisible();
  // The analyst's catalog map draws, and places the listing, offline too.
  await page.getByRole('tab', { name: 'Catalog map' }).click();
  const map = page.getByRole('region', { name: 'Catalog map' });
  await expect(map.locator('canvas[data-drawn]')).toBeVisible({ timeout: 60_000 });
  await expect(map.getByTestId('live-position')).toBeVisible();
  // Batch classification works offline too (pasted lines, all rows classified).
  await page
    .getByLabel('Or paste listings, one per line')
    .fill('Yoga mat non-slip 6mm\n婴儿纸尿裤 新生儿 超薄透气');
  await page.getByRole('button', { name: 'Use pasted lines' }).click();
  await page.getByRole('button', { name: 'Classify all rows' }).click();
  await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  await offlineReady(page);
  expect(await cachedPackFiles(page)).toBe(files.length);
  expect(errors).toEqual([]);
});

test('a new model version on the server is announced, cached, and the old version removed', async ({
  page,
}) => {
  site = await serveBuild('/update-demo/');
  const manifest = JSON.parse(readFileSync(path.join(DIST, MANIFEST), 'utf8')) as {
    version: string;
    files: unknown[];
  };
  const oldVersion = manifest.version;
  const newVersion = `${oldVersion}-next`;
  await page.goto(`${site.url}?backend=wasm`);
  await modelReady(page);
  await offlineReady(page);
  await expect(page.getByTestId('model-update')).toHaveCount(0);

  // The server now has another version of the pack (same files, new content version).
  site.override(MANIFEST, JSON.stringify({ ...manifest, version: newVersion }));
  // The page checks again whenever the connection comes back.
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  const update = page.getByTestId('model-update');
  await expect(update).toContainText(newVersion, { timeout: 60_000 });
  await expect(page.getByTestId('pack-version')).toContainText(oldVersion);
  const names = await cacheNames(page);
  expect(names).toContain(`categorizer-pack-${newVersion}`);
  expect(names).not.toContain(`categorizer-pack-${oldVersion}`);

  expect(await cachedPackFiles(page)).toBe(manifest.files.length);

  await update.getByRole('button', { name: 'Reload to use it' }).click();
  await modelReady(page);
  await expect(page.getByTestId('pack-version')).toContainText(newVersion);
  // The new version's files come from the service worker's cache: nothing downloaded twice.
  await expect(page.getByTestId('model-status')).toContainText('from the offline cache');
  await offlineReady(page);
  await expect(page.getByTestId('model-update')).toHaveCount(0);
});
