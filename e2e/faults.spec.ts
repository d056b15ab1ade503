/**
 * Faults the page must survive with a clear message, never a blank page: a model pack of an
 * unsupported format version, no WebGPU adapter (the next backend is used and the reason shown),
 * the GPU device lost mid-session (the next backend takes over), and an inference worker that
 * fails to start or crashes (the model runs on the page thread, and the console says why). A
 * missing and a corrupted pack file are covered in backends.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';

const status = (page: Page) => page.getByTestId('model-status');
const WORKER_SCRIPT = '**/assets/inference-worker-*.js';

test('a manifest of an unsupported format version is refused with a message; the page stays usable', async ({
  page,
}) => {
  let served: number | null = null;
  await page.route('**/models/default/manifest.json', async (route) => {
    const res = await route.fetch();
    const manifest = (await res.json()) as { formatVersion: number };
    served = manifest.formatVersion + 1000;
    await route.fulfill({ response: res, json: { ...manifest, formatVersion: served } });
  });
  await page.goto('./?backend=wasm');
  await expect(status(page)).toHaveAttribute('data-status', 'error', { timeout: 60_000 });
  const alert = status(page).getByRole('alert');
  await expect(alert).toContainText(`format version ${served}`);
  await expect(alert).toContainText('Update the app');
  // Not a blank page: the listing box still takes text and keeps it.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByLabel('Product listing').fill('Ceramic coffee mug 350 ml');
  await expect(page.getByLabel('Product listing')).toHaveValue('Ceramic coffee mug 350 ml');
});

/** Makes navigator.gpu.requestAdapter() resolve to null, as on a machine without a usable GPU. */
const NO_ADAPTER = `if (self.navigator.gpu) self.navigator.gpu.requestAdapter = async () => null;`;

async function expectWebGpuSkipped(page: Page) {
  await expect(status(page)).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  const backend = await status(page).getAttribute('data-backend');
  expect(backend).not.toBe('webgpu');
  await page.getByText('Why this backend').click();
  await expect(
    status(page)
      .getByRole('listitem')
      .filter({ hasText: /^webgpu:/ }),
  ).toContainText('no WebGPU adapter');
  await expect(
    status(page)
      .getByRole('listitem')
      .filter({ hasText: new RegExp(`^${backend}:`) }),
  ).toContainText(/selected/);
  await page.getByLabel('Product listing').fill('Stainless steel chef knife 8 inch');
  await expect(page.getByTestId('suggestions-level1').getByRole('listitem').first()).toBeVisible();
}

test('WebGPU without an adapter (in the worker): the next backend runs and the reason is shown', async ({
  page,
}) => {
  // The worker is its own global: patch its script, as an init script only reaches pages.
  await page.route(WORKER_SCRIPT, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, body: `${NO_ADAPTER}\n${await res.text()}` });
  });
  await page.goto('./');
  await expectWebGpuSkipped(page);
  await expect(status(page)).toContainText('in a background worker');
});

test('WebGPU without an adapter (on the page thread): the next backend runs and the reason is shown', async ({
  page,
}) => {
  await page.addInitScript(NO_ADAPTER);
  await page.goto('./?inprocess');
  await expectWebGpuSkipped(page);
  await expect(status(page)).toContainText('on the page thread');
});

test('a worker that fails to start: the model runs on the page thread and the console says why', async ({
  page,
}) => {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.route(WORKER_SCRIPT, (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: "throw new Error('inference worker crashed on start (e2e)');",
    }),
  );
  await page.goto('./?backend=wasm');
  await expect(status(page)).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(status(page)).toContainText('on the page thread');
  expect(
    warnings.some((w) => w.startsWith('Inference runs on the page thread: the worker failed to start')),
  ).toBe(true);
  await page.getByLabel('Product listing').fill('Organic whole milk, 1 gallon');
  await expect(page.getByTestId('suggestions-level1').getByRole('listitem').first()).toBeVisible();
});

test('a worker that crashes mid-session: the model moves to the page thread and the listing is still classified', async ({
  page,
}) => {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  // A worker that throws, uncaught, on any request that mentions the marker (as a crash would).
  await page.route(WORKER_SCRIPT, async (route) => {
    const res = await route.fetch();
    const crash = `self.addEventListener('message', (e) => {
      if (JSON.stringify(e.data).includes('crash-the-worker')) {
        e.stopImmediatePropagation();
        throw new Error('inference worker crashed (e2e)');
      }
    });`;
    await route.fulfill({ response: res, body: `${crash}\n${await res.text()}` });
  });
  await page.goto('./?backend=wasm');
  await expect(status(page)).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(status(page)).toContainText('in a background worker');
  const box = page.getByLabel('Product listing');
  await box.fill('Yoga mat non-slip 6mm crash-the-worker');
  await expect(status(page)).toContainText('on the page thread', { timeout: 60_000 });
  await expect(page.getByTestId('suggestions')).toHaveAttribute(
    'data-for',
    'Yoga mat non-slip 6mm crash-the-worker',
  );
  await expect(page.getByTestId('suggestions-level1').getByRole('listitem').first()).toBeVisible();
  await expect(page.getByText('Suggestions failed')).toHaveCount(0);
  expect(warnings.some((w) => w.includes('inference worker crashed (e2e)'))).toBe(true);
  // And it keeps working there.
  await box.fill('Organic whole milk, 1 gallon');
  await expect(page.getByTestId('suggestions')).toHaveAttribute('data-for', 'Organic whole milk, 1 gallon');
  await expect(box).toHaveValue('Organic whole milk, 1 gallon');
});

/**
 * Loses the worker's GPU for real when a request mentions the marker: every WebGL context TF.js
 * made gets WEBGL_lose_context.loseContext(), every WebGPU device gets destroy(). Test-only code,
 * prepended to the worker script; the app has no hook for it.
 */
const LOSE_GPU = `(() => {
  const contexts = [];
  const devices = [];
  if (self.OffscreenCanvas) {
    const get = OffscreenCanvas.prototype.getContext;
    OffscreenCanvas.prototype.getContext = function (type, ...rest) {
      const c = get.call(this, type, ...rest);
      if (c && String(type).startsWith('webgl')) contexts.push(c);
      return c;
    };
  }
  if (self.GPUAdapter) {
    const request = GPUAdapter.prototype.requestDevice;
    GPUAdapter.prototype.requestDevice = async function (...args) {
      const d = await request.apply(this, args);
      devices.push(d);
      return d;
    };
  }
  self.addEventListener('message', (e) => {
    if (!JSON.stringify(e.data).includes('lose-the-gpu')) return;
    for (const c of contexts) c.getExtension('WEBGL_lose_context')?.loseContext();
    for (const d of devices) d.destroy();
  });
})();`;

const topLevel1 = async (page: Page, text: string) => {
  await expect(page.getByTestId('suggestions')).toHaveAttribute('data-for', text, { timeout: 60_000 });
  const li = page.getByTestId('suggestions-level1').getByRole('listitem').first();
  return { id: await li.getAttribute('data-id'), prob: Number(await li.getAttribute('data-prob')) };
};

for (const gpu of ['webgl', 'webgpu'] as const)
  test(`the GPU device lost mid-session (${gpu}): the model moves to the next backend and suggestions keep coming`, async ({
    page,
  }) => {
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.route(WORKER_SCRIPT, async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: `${LOSE_GPU}\n${await res.text()}` });
    });
    await page.goto(`./?backend=${gpu}`);
    await expect(status(page)).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
    await expect(status(page)).toHaveAttribute('data-backend', gpu);
    const box = page.getByLabel('Product listing');
    const milk = 'Organic whole milk, 1 gallon';
    await box.fill(milk);
    const onGpu = await topLevel1(page, milk);
    expect(onGpu.prob).toBeGreaterThan(0);

    // The device goes away under this request: it is answered on the next backend.
    const marked = 'Yoga mat non-slip 6mm lose-the-gpu';
    await box.fill(marked);
    await expect(status(page)).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
    await expect(status(page)).toContainText(`The GPU (${gpu}) stopped working`);
    await expect(status(page)).toContainText('Running on wasm');
    const answered = await topLevel1(page, marked);
    await expect(page.getByText('Suggestions failed')).toHaveCount(0);
    expect(warnings.some((w) => w.startsWith(`GPU device lost on ${gpu}`))).toBe(true);
    // The listing the device was lost under got a real answer: the one wasm gives it (a trailing
    // space changes the text, not the words).
    await box.fill(`${marked} `);
    const again = await topLevel1(page, `${marked} `);
    expect(answered.id).toBe(again.id);
    expect(answered.prob).toBeCloseTo(again.prob, 5);

    // And it keeps working there, with the same answer as on the GPU (not a lost device's zeros).
    await box.fill(milk);
    const onWasm = await topLevel1(page, milk);
    expect(onWasm.id).toBe(onGpu.id);
    expect(onWasm.prob).toBeCloseTo(onGpu.prob, 3);
    await expect(box).toHaveValue(milk);
  });

for (const gpu of ['webgl', 'webgpu'] as const)
  test(`the GPU device lost in the middle of a batch (${gpu}): the rest runs on the next backend, no row lost`, async ({
    page,
  }) => {
    await page.route(WORKER_SCRIPT, async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: `${LOSE_GPU}\n${await res.text()}` });
    });
    await page.goto(`./?backend=${gpu}`);
    await expect(status(page)).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
    await expect(status(page)).toHaveAttribute('data-backend', gpu);
    // 700 rows go as two requests (512 + 188): the second one carries the marker, so the device is
    // lost after the first half ran on it.
    const lines = Array.from({ length: 700 }, (_, i) =>
      i === 600 ? `Ceramic coffee mug ${i} lose-the-gpu` : `Ceramic coffee mug ${i} ml`,
    );
    await page.getByLabel('Or paste listings, one per line').fill(lines.join('\n'));
    await page.getByRole('button', { name: 'Use pasted lines' }).click();
    await page.getByRole('button', { name: 'Classify all rows' }).click();
    const progress = page.getByTestId('batch-progress');
    await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
    await expect(progress).toContainText('700 / 700 rows');
    await expect(status(page)).toHaveAttribute('data-backend', 'wasm');
    await expect(status(page)).toContainText(`The GPU (${gpu}) stopped working`);
    const download = async () => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      return Papa.parse<string[]>(readFileSync(await file.path(), 'utf8').slice(1), { skipEmptyLines: true })
        .data;
    };
    const mixed = await download();
    expect(mixed).toHaveLength(701);
    // The same rows again, now all on wasm: the run the loss interrupted gave the same answers.
    await page.getByRole('button', { name: 'Classify all rows' }).click();
    await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
    const wasm = await download();
    const head = mixed[0] ?? [];
    const l1 = head.indexOf('level1_id');
    const conf = head.indexOf('confidence');
    for (let i = 1; i <= 700; i++) {
      const [a, b] = [mixed[i] ?? [], wasm[i] ?? []];
      expect(a[l1], `row ${i}`).toMatch(/^[a-z]{2}$/);
      expect(a[l1], `row ${i}`).toBe(b[l1]);
      expect(Math.abs(Number(a[conf]) - Number(b[conf])), `row ${i}`).toBeLessThan(1e-3);
    }
  });
