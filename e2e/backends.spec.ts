/**
 * The runtime in the real browser: each ?backend= is the one in use, every backend gives the same
 * answers (and the same as Node for the same pack), no tensors leak, and typing shows suggestions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';

const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

const FIXTURE = [
  '这是一款家庭用智能音箱',
  'Men’s Waterproof Hiking Boots',
  'Organic whole milk, 1 gallon',
  'LEGO Star Wars Millennium Falcon building set',
  'Stainless steel chef knife 8 inch',
  'Wireless Bluetooth over-ear headphones with noise cancelling',
  '婴儿纸尿裤 新生儿 超薄透气',
  'Yoga mat non-slip 6mm',
];

async function ready(page: Page, query: string) {
  await page.goto(`./?diagnostics&${query}`);
  const status = page.getByTestId('model-status');
  await expect(status).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  return status;
}

interface Row {
  top1: string;
  probs: Record<string, number>;
}

const classifyInPage = (page: Page, texts: string[]) =>
  page.evaluate(async (t) => {
    const client = window.__inference;
    if (!client) throw new Error('no __inference (needs ?diagnostics)');
    const res = await client.classify(t, { topK: 1000, neighbours: 0, deep: 0 });
    return res.map((r) => ({
      top1: r.level1[0]?.id ?? '',
      probs: Object.fromEntries(r.level1.map((s) => [s.id, s.prob])),
    }));
  }, texts) as Promise<Row[]>;

/** The page's client as far as these tests need it (black-box: nothing imported from src/). */
interface PageClient {
  classify(
    texts: string[],
    opts?: { topK?: number; neighbours?: number; deep?: number },
  ): Promise<{ level1: { id: string; prob: number }[] }[]>;
  diagnostics(): Promise<{ numTensors: number; batchWorkers?: number; nameScan?: string }>;
  prepareBatch?(rows: number): Promise<void>;
}
declare global {
  interface Window {
    __inference?: PageClient;
  }
}

const results = new Map<string, Row[]>();

for (const backend of BACKENDS) {
  test(`?backend=${backend} is the backend in use, and classifies the fixture`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const status = await ready(page, `backend=${backend}`);
    await expect(status).toHaveAttribute('data-backend', backend);
    await expect(page.getByTestId('backend-in-use')).toHaveText(backend);
    results.set(backend, await classifyInPage(page, FIXTURE));
    // The taxonomy-name scan runs as WebAssembly in the browser too (whatever the TF.js backend).
    expect((await page.evaluate(() => window.__inference!.diagnostics())).nameScan).toBe('wasm');
    expect(errors).toEqual([]);
  });
}

test('every backend gives the same top-1 and probabilities within 1e-3', () => {
  const ref = results.get('wasm');
  expect(ref, 'wasm results').toBeDefined();
  for (const backend of BACKENDS) {
    const rows = results.get(backend);
    expect(rows, `${backend} results`).toBeDefined();
    rows!.forEach((row, i) => {
      const want = ref![i]!;
      expect(row.top1, `${backend} top-1 of ${FIXTURE[i]}`).toBe(want.top1);
      for (const [id, p] of Object.entries(want.probs))
        expect(Math.abs((row.probs[id] ?? -1) - p), `${backend} p(${id}) for ${FIXTURE[i]}`).toBeLessThan(
          1e-3,
        );
    });
  }
});

test('the browser gives what Node computes for the same pack (classify CLI)', () => {
  const ref = results.get('wasm');
  expect(ref, 'wasm results').toBeDefined();
  const dir = mkdtempSync(path.join(tmpdir(), 'parity-'));
  const input = path.join(dir, 'in.csv');
  const out = path.join(dir, 'out.csv');
  writeFileSync(input, Papa.unparse([['text'], ...FIXTURE.map((t) => [t])]) + '\n');
  execFileSync('npx', ['tsx', 'training/cli/classify.ts', input, '--column', 'text', '--out', out], {
    stdio: 'pipe',
    timeout: 120_000,
  });
  const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
  expect(rows).toHaveLength(FIXTURE.length);
  rows.forEach((row, i) => {
    const mine = ref![i]!;
    expect(row.level1_id, `Node top-1 of ${FIXTURE[i]}`).toBe(mine.top1);
    // The CLI prints 4 decimals: a rounding error of at most 5e-5.
    expect(Math.abs(Number(row.confidence) - (mine.probs[mine.top1] ?? -1))).toBeLessThan(1e-3);
  });
});

test('a big batch spread over extra workers gives what one worker gives', async ({ page }) => {
  test.setTimeout(180_000);
  await ready(page, 'backend=wasm');
  const titles = Papa.parse<string[]>(readFileSync('e2e/fixtures/listings-2000.csv', 'utf8'), {
    skipEmptyLines: true,
  })
    .data.slice(1)
    .map((r) => r[1] ?? '');
  const rows = await page.evaluate(async (texts) => {
    const client = window.__inference;
    if (!client?.prepareBatch) throw new Error('no __inference.prepareBatch (needs ?diagnostics)');
    type R = Awaited<ReturnType<PageClient['classify']>>[number] & {
      level2: { id: string; prob: number }[];
      deep: { id: string }[];
      neighbours: { text: string; similarity: number }[];
    };
    const flat = (res: R[]) =>
      res.map((r) => [
        r.level1.map((s) => [s.id, s.prob]),
        r.level2.map((s) => [s.id, s.prob]),
        r.deep.map((d) => d.id),
        r.neighbours.map((n) => [n.text, n.similarity]),
      ]);
    const opts = { topK: 5, neighbours: 3, deep: 3 };
    const before = (await client.diagnostics()).batchWorkers;
    const one = flat((await client.classify(texts, opts)) as R[]);
    await client.prepareBatch(texts.length);
    const workers = (await client.diagnostics()).batchWorkers;
    const pooled = flat((await client.classify(texts, opts)) as R[]);
    return { before, workers, one, pooled, cores: navigator.hardwareConcurrency };
  }, titles);
  expect(rows.before).toBe(0);
  // One core for the page and one per worker, at most three extra (batch-pool.ts).
  expect(rows.workers).toBe(Math.max(0, Math.min(3, rows.cores - 1)));
  expect(rows.one).toHaveLength(titles.length);
  expect(rows.pooled).toEqual(rows.one);
});

test('default choice skips a software GPU and says why', async ({ page }) => {
  const status = await ready(page, '');
  // On these machines both GPUs are SwiftShader: WASM wins, with the reasons recorded.
  const backend = await status.getAttribute('data-backend');
  expect(['webgpu', 'webgl', 'wasm']).toContain(backend);
  await page.getByText('Why this backend').click();
  await expect(status.getByRole('listitem').first()).toBeVisible();
});

test('typing a listing shows suggestions; a Chinese smart speaker is Electronics', async ({ page }) => {
  await ready(page, 'backend=wasm');
  await page.getByLabel('Product listing').fill('这是一款家庭用智能音箱');
  const level1 = page.getByTestId('suggestions-level1');
  await expect(level1.getByRole('listitem').first()).toHaveAttribute('data-id', 'el');
  await expect(level1.getByRole('listitem').first()).toContainText('Electronics');
  await expect(page.getByTestId('suggestions-level2').getByRole('listitem').first()).toBeVisible();
});

test('no tensors leak over 1,000 classify calls', async ({ page }) => {
  await ready(page, 'backend=wasm');
  const { before, after } = await page.evaluate(async () => {
    const client = window.__inference!;
    const before = (await client.diagnostics()).numTensors;
    for (let i = 0; i < 1000; i++) await client.classify([`listing number ${i} blue cotton t-shirt`]);
    const after = (await client.diagnostics()).numTensors;
    return { before, after };
  });
  expect(after).toBe(before);
});

test('a second visit downloads nothing (the service worker caches the pack by version)', async ({ page }) => {
  await ready(page, 'backend=wasm');
  await expect(page.getByTestId('model-status')).toContainText('downloaded');
  // The pack's one cache is the service worker's, filled after the first load.
  await expect(page.getByTestId('offline-status')).toContainText('Offline-ready', { timeout: 120_000 });
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/models/') && !r.url().endsWith('manifest.json')) requests.push(r.url());
  });
  await ready(page, 'backend=wasm');
  await expect(page.getByTestId('model-status')).toContainText('from the offline cache');
  expect(requests).toEqual([]);
});

test('a missing pack file is a clear error that says what to do', async ({ page }) => {
  await page.route('**/models/default/model.json', (route) => route.fulfill({ status: 404, body: 'nope' }));
  await page.goto('./?backend=wasm');
  const status = page.getByTestId('model-status');
  await expect(status).toHaveAttribute('data-status', 'error', { timeout: 60_000 });
  await expect(status.getByRole('alert')).toContainText('model.json is missing');
  await expect(status.getByRole('alert')).toContainText('Reload');
});

test('a corrupted pack file is refused (SHA-256 mismatch)', async ({ page }) => {
  await page.route('**/models/default/catalog.json', async (route) => {
    const res = await route.fetch();
    const body = (await res.body()).toString('utf8').replace('"', "'");
    await route.fulfill({ response: res, body });
  });
  await page.goto('./?backend=wasm');
  const status = page.getByTestId('model-status');
  await expect(status).toHaveAttribute('data-status', 'error', { timeout: 60_000 });
  await expect(status.getByRole('alert')).toContainText('SHA-256');
  // The bad bytes were never cached: once the server is right again, a reload works.
  await page.unrouteAll();
  await ready(page, 'backend=wasm');
});
