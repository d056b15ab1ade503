/**
 * The catalog map as an analyst uses it, against the production build and the real model pack.
 * Expected figures (point count, texts, matches) come from the pack files the test fetches itself.
 */
import { expect, test, type Page } from '@playwright/test';

interface Row {
  t: string;
  l1: number;
  p1?: number;
}
interface Manifest {
  version: string;
  catalog: { count: number };
  labels: { level1: { id: string; nameEn: string }[] };
}

async function packFiles(page: Page) {
  const manifest = (await (await page.request.get('./models/default/manifest.json')).json()) as Manifest;
  const catalog = (await (await page.request.get('./models/default/catalog.json')).json()) as { rows: Row[] };
  return { manifest, rows: catalog.rows };
}

async function openMap(page: Page) {
  await page.goto('./');
  await page.getByRole('tab', { name: 'Catalog map' }).click();
  const map = page.getByRole('region', { name: 'Catalog map' });
  await expect(map.locator('canvas[data-drawn]')).toBeVisible({ timeout: 90_000 });
  // The map sits below the listing box: bring it into the viewport, as a user scrolls to it.
  await map.getByTestId('map-surface').scrollIntoViewIfNeeded();
  return map;
}

/** Pixels of the canvas whose colour is exactly rgb (dot interiors are drawn in the flat colour). */
async function countColour(page: Page, rgb: [number, number, number]): Promise<number> {
  return page.locator('canvas[data-drawn]').evaluate((c: HTMLCanvasElement, [r, g, b]) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4)
      if (d[i] === r && d[i + 1] === g && d[i + 2] === b && d[i + 3] === 255) n++;
    return n;
  }, rgb);
}

const parseRgb = (css: string): [number, number, number] => {
  const m = css.match(/\d+/g) ?? [];
  return [Number(m[0]), Number(m[1]), Number(m[2])];
};

test('the map shows every catalog point of the loaded pack', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const map = await openMap(page);
  const { manifest, rows } = await packFiles(page);
  expect(rows.length).toBe(manifest.catalog.count);
  const canvas = map.locator('canvas[data-drawn]');
  await expect(canvas).toHaveAttribute('data-drawn', String(manifest.catalog.count));
  await expect(
    map.getByRole('img', { name: `${manifest.catalog.count.toLocaleString('en')} points` }),
  ).toBeVisible();
  // Legend counts add up to the catalog.
  const counts = await map
    .getByRole('group', { name: 'Legend' })
    .getByRole('button')
    .evaluateAll((bs) =>
      bs.map((b) => Number(b.querySelector('.legend-count')!.textContent!.replace(/\D/g, ''))),
    );
  expect(counts.reduce((a, b) => a + b, 0)).toBe(manifest.catalog.count);
  // The other projection draws the same points elsewhere.
  const view = await canvas.getAttribute('data-view');
  await map.getByRole('radio', { name: 'PCA' }).check();
  await expect(canvas).not.toHaveAttribute('data-view', view!);
  await expect(canvas).toHaveAttribute('data-drawn', String(manifest.catalog.count));
  expect(errors).toEqual([]);
});

test('a legend toggle greys its category and brings it back', async ({ page }) => {
  const map = await openMap(page);
  const legend = map.getByRole('group', { name: 'Legend' });
  // The biggest category: its colour is certain to show on the canvas.
  const buttons = legend.getByRole('button');
  const counts = await buttons.evaluateAll((bs) =>
    bs.map((b) => Number(b.querySelector('.legend-count')!.textContent!.replace(/\D/g, ''))),
  );
  const big = counts.indexOf(Math.max(...counts));
  const button = buttons.nth(big);
  const colour = parseRgb(
    await button.locator('.legend-swatch').evaluate((s) => getComputedStyle(s).backgroundColor),
  );
  const grey: [number, number, number] = [0xd3, 0xd7, 0xde];
  const before = await countColour(page, colour);
  const greyBefore = await countColour(page, grey);
  expect(before).toBeGreaterThan(0);

  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => countColour(page, colour)).toBe(0);
  // Hidden points stay on the map, in grey.
  expect(await countColour(page, grey)).toBeGreaterThan(greyBefore);

  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => countColour(page, colour)).toBe(before);
});

test('hovering a point shows its text, category and source', async ({ page }) => {
  const map = await openMap(page);
  const { rows } = await packFiles(page);
  // Find a drawn dot's centre on the canvas (an opaque pixel), in page coordinates.
  const spot = await map.locator('canvas[data-drawn]').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const r = c.getBoundingClientRect();
    const k = c.width / r.width;
    // Scan from the middle row outwards so the spot is well inside the plot.
    for (let y = Math.floor(c.height / 2), step = 0; step < c.height; step++) {
      const yy = y + (step % 2 ? -1 : 1) * Math.ceil(step / 2);
      for (let x = 0; x < c.width; x++) {
        const i = (yy * c.width + x) * 4;
        if (d[i + 3] === 255) return { x: r.left + (x + 2) / k, y: r.top + yy / k };
      }
    }
    return null;
  });
  expect(spot).not.toBeNull();
  await page.mouse.move(spot!.x, spot!.y);
  const tip = map.getByRole('tooltip');
  await expect(tip).toBeVisible();
  const text = await tip.locator('strong').textContent();
  expect(rows.map((r) => r.t)).toContain(text);
  await expect(tip).toContainText('Source:');
  await page.mouse.move(1, 1);
  await expect(tip).toBeHidden();
});

test('typing a listing moves the live marker and lists its neighbours', async ({ page }) => {
  const map = await openMap(page);
  const { rows } = await packFiles(page);
  const box = page.getByLabel('Product listing');
  await expect(map.getByText(/Type a listing in the box above/)).toBeVisible();

  await box.fill('Wireless noise cancelling bluetooth headphones');
  const pos = map.getByTestId('live-position');
  await expect(pos).toBeVisible({ timeout: 60_000 });
  const first = [await pos.getAttribute('data-x'), await pos.getAttribute('data-y')];
  const list = map.getByRole('list', { name: 'Nearest catalog items' });
  await expect(list.getByRole('listitem').first()).toBeVisible();
  const texts = await list.locator('.neighbour-text').allTextContents();
  expect(texts.length).toBeGreaterThan(0);
  for (const t of texts) expect(rows.map((r) => r.t)).toContain(t);

  await box.fill('有机燕麦片 早餐谷物 1kg');
  await expect
    .poll(async () => [await pos.getAttribute('data-x'), await pos.getAttribute('data-y')])
    .not.toEqual(first);
  const after = await list.locator('.neighbour-text').allTextContents();
  expect(after).not.toEqual(texts);

  // Clicking a neighbour shows its details.
  await list.getByRole('button').first().click();
  const details = map.getByRole('definition').first();
  await expect(details).toHaveText(after[0]!);
  await expect(list.getByRole('button').first()).toHaveAttribute('aria-pressed', 'true');
});

test('search highlights the matching points; zoom and reset', async ({ page }) => {
  const map = await openMap(page);
  const { rows } = await packFiles(page);
  // A word that the catalog holds: the first word of the first row with a 4+ letter word.
  const word = rows.map((r) => r.t.match(/[A-Za-z]{4,}/)?.[0]).find(Boolean)!;
  const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const expected = rows.filter((r) => fold(r.t).includes(fold(word))).length;
  await map.getByLabel('Search the catalog').fill(word);
  await expect(map.getByTestId('map-matches')).toHaveText(expected.toLocaleString('en'));
  // Matches are drawn on top in the highlight colour.
  await expect.poll(() => countColour(page, [0xff, 0xd4, 0x00])).toBeGreaterThan(0);

  const canvas = map.locator('canvas[data-drawn]');
  const home = await canvas.getAttribute('data-view');
  await expect(map.getByRole('button', { name: 'Reset zoom' })).toBeDisabled();
  await map.getByRole('button', { name: 'Zoom in' }).click();
  await expect(canvas).not.toHaveAttribute('data-view', home!);
  // Wheel zoom and drag pan move the view too.
  const surface = map.getByTestId('map-surface');
  const b = (await surface.boundingBox())!;
  await page.mouse.move(b.x + b.width / 3, b.y + b.height / 3);
  const zoomed = await canvas.getAttribute('data-view');
  await page.mouse.wheel(0, -300);
  await expect(canvas).not.toHaveAttribute('data-view', zoomed!);
  const wheeled = await canvas.getAttribute('data-view');
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(canvas).not.toHaveAttribute('data-view', wheeled!);
  await map.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(canvas).toHaveAttribute('data-view', home!);
});

test('colour by prediction follows what the pack holds', async ({ page }) => {
  const map = await openMap(page);
  const { rows } = await packFiles(page);
  const select = map.getByLabel('Colour by');
  const option = select.getByRole('option', { name: 'Prediction correct / wrong' });
  const withPred = rows.filter((r) => typeof r.p1 === 'number' && r.l1 >= 0);
  if (withPred.length === 0) {
    await expect(option).toBeDisabled();
    await expect(map.getByText(/no model predictions/)).toBeVisible();
    return;
  }
  await select.selectOption({ label: 'Prediction correct / wrong' });
  const correct = withPred.filter((r) => r.p1 === r.l1).length;
  await expect(map.getByRole('button', { name: /Predicted correctly/ })).toContainText(
    `(${correct.toLocaleString('en')})`,
  );
});
