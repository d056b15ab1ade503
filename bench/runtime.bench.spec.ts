/**
 * Runtime benchmark (issue 5), per backend, in headless Chromium against the production build:
 * cold start (navigation to the first suggestion shown; median of COLD_RUNS fresh contexts), warm
 * single-listing latency through the page's InferenceClient, batch throughput on 10,000 real
 * listings (levels only, as batch mode asks: on the main worker alone, then with the extra workers
 * batch mode starts; plus the full suggestion path on wasm), JS heap after the batch. On wasm, the
 * peer side by side: fastText compiled to WASM (npm fasttext.wasm.js) on the same listings in the
 * same browser, its batch alternated with ours SIDE_BY_SIDE_ROUNDS times.
 * Measures only: targets are printed by bench/report.mjs, never asserted.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { TokenizerConfig } from '../src/ml/tokenizer/tokenizer-config';
import { wordTokens } from '../src/ml/tokenizer/tokenize';
import { fastTextLine } from '../training/eval/fasttext';
import { BUILD_DIR, CORPUS_PATH, DEV_SET_PATH, MODELS_DIR, PROJECT_ROOT } from '../training/paths';
import { modelText } from '../training/train/dataset';

const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
/** The batch size: 10,000 listings. */
const BATCH_N = 10_000;
/** Warm single-listing calls per backend; the first WARM_SKIP are discarded (JIT, caches). */
const SINGLE_N = 300;
const WARM_SKIP = 20;
/** The full suggestion path (5 neighbours + 5 deep) on this many listings, wasm only. */
const FULL_N = 2_000;
/**
 * Cold starts per backend, each in a fresh context; the median is reported (all of them too). One
 * cold start on this 2-core machine moves by +-0.3 s from run to run, as much as the target is wide.
 */
const COLD_RUNS = 5;
/**
 * wasm only: the batch and the fastText peer, alternated this many times in the same browser, the
 * order flipped each round (ours then peer, peer then ours, ...); medians reported. Either one alone
 * moved 30-50% between runs minutes apart, and one batch to the next by +-25% (16 alternating
 * batches of two builds, 2026-11-29): 3 rounds gave a median that a single slow batch could move.
 * Before the rounds each side runs WARMUP_BATCHES batches not counted in the medians (the first is
 * reported as throughputWarmupPerS): on this machine the first heavy batch after a cold start ran
 * at about half the speed of the next ones for whichever side went first (both batch workers' JS
 * alike, traced: not one side's start-up), which made the first round a measure of position.
 */
const SIDE_BY_SIDE_ROUNDS = 7;
const WARMUP_BATCHES = 2;
const TMP = path.join(PROJECT_ROOT, 'bench', 'tmp');
/** The eval's level-1 fastText model, quantized by bench/fasttext-model.ts (the .bin is ~500 MB). */
const FT_MODEL = path.join(BUILD_DIR, 'fasttext', 'level1.ftz');
const FT_DIST = path.join(PROJECT_ROOT, 'node_modules', 'fasttext.wasm.js', 'dist');

interface BackendEntry {
  backend: string;
  /** Median of COLD_RUNS cold starts (coldStartRunsMs). */
  coldStartMs: number;
  coldStartRunsMs: number[];
  /** Model load inside the cold start: backend init, download, verify, warm-up (engine-timed). */
  loadMs: number;
  p50Ms: number;
  p95Ms: number;
  /**
   * Batch mode: the main worker plus the extra ones the batch panel starts (batchWorkers in all).
   * wasm: the median of the side-by-side rounds with the peer (throughputRunsPerS).
   */
  throughputPerS: number;
  throughputRunsPerS: number[];
  /** wasm: the batch run before the alternating rounds, not in the median. */
  throughputWarmupPerS?: number;
  /** The same batch on the main worker alone. */
  throughputOneWorkerPerS: number;
  batchWorkers: number;
  /** Batch with 5 neighbours + 5 deep suggestions per row (what the page asks per keystroke). */
  throughputFullPerS?: number;
  heapMB: number;
  heapPageMB: number;
  heapWorkerMB: number | null;
  host: string;
  batchN: number;
}

/**
 * 10,000 real listings, none trained on: the whole merchant dev set, the corpus test rows, then
 * validation rows, as the model reads them (title + bounded description).
 */
function loadListings(): string[] {
  const dev = readFileSync(DEV_SET_PATH, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t')[2] ?? '')
    .filter((t) => t.trim() !== '');
  if (!existsSync(CORPUS_PATH)) throw new Error('No corpus for the bench: run `npm run data` first.');
  const held = { test: [] as string[], val: [] as string[] };
  for (const l of readFileSync(CORPUS_PATH, 'utf8').split('\n')) {
    if (!l.includes('"split":"test"') && !l.includes('"split":"val"')) continue;
    const r = JSON.parse(l) as { text: string; extra?: string; split: string };
    if (r.split === 'test' || r.split === 'val') held[r.split].push(modelText(r.text, r.extra));
  }
  // Every test row, then validation rows (also never trained on) spread evenly to make up the rest.
  const need = Math.max(0, BATCH_N - dev.length - held.test.length);
  if (held.val.length < need)
    throw new Error(
      `Only ${dev.length + held.test.length + held.val.length} held-out rows; need ${BATCH_N}.`,
    );
  const step = held.val.length / Math.max(1, need);
  const picked = Array.from({ length: need }, (_, i) => held.val[Math.floor(i * step)]!);
  return [...dev, ...held.test, ...picked].slice(0, BATCH_N);
}

const listings = loadListings();
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function writeEntry(name: string, entry: Record<string, unknown>) {
  mkdirSync(TMP, { recursive: true });
  writeFileSync(path.join(TMP, `${name}.json`), JSON.stringify(entry, null, 2));
}

/** The page's client, as far as the bench needs it (black-box: nothing from src/ at run time). */
interface PageClient {
  classify(
    texts: string[],
    opts?: { topK?: number; neighbours?: number; deep?: number; batchSize?: number },
  ): Promise<{ level1: { id: string }[] }[]>;
  diagnostics(): Promise<{ backend: string; batchWorkers?: number }>;
  prepareBatch?(rows: number): Promise<void>;
}
/** window with the bench's view of `?diagnostics` (e2e specs declare their own; no global merge). */
interface BenchWindow {
  __inference?: PageClient;
  __firstSuggestionMs?: number;
}

/** Cold start in a fresh context (empty HTTP and Cache API caches): navigation -> first suggestion. */
async function coldStartOnce(browser: Browser, backend: string): Promise<{ page: Page; cold: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Timed in the page against navigation start (performance.now()'s origin): no polling error.
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('[data-testid="suggestions-level1"] li')) {
        (window as unknown as BenchWindow).__firstSuggestionMs = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`./?diagnostics&backend=${backend}`, { waitUntil: 'commit' });
  // A user pastes a listing as soon as the box is there; suggestions appear once the model is ready.
  await page.getByLabel('Product listing').fill(listings[0]!);
  // Waited for with a cheap check, not a role locator: Playwright evaluates those in the page, on
  // its main thread, over the whole DOM at each poll (~0.1 s tasks in traces), competing with the
  // start it measures on 2 cores. The heading is asserted once the time is taken.
  await page.waitForFunction(
    () => (window as unknown as BenchWindow).__firstSuggestionMs !== undefined,
    undefined,
    { polling: 50, timeout: 120_000 },
  );
  await expect(page.getByRole('heading', { name: 'Top-level category' })).toBeVisible();
  await expect(page.getByTestId('backend-in-use')).toHaveText(backend);
  expect(errors).toEqual([]);
  const cold = await page.evaluate(() => (window as unknown as BenchWindow).__firstSuggestionMs ?? NaN);
  // Warm figures are steady state: after the first suggestion the page mounts its deferred panels
  // and the service worker precaches the pack (both compete for the 2 cores); wait for both.
  await expect(page.getByLabel('File drop area')).toBeVisible();
  await page.evaluate(async () => {
    const sw = navigator.serviceWorker;
    if (!sw) return;
    const reg = await sw.ready;
    const w = reg.active;
    if (w && w.state !== 'activated')
      await new Promise<void>((done) =>
        w.addEventListener('statechange', () => w.state === 'activated' && done()),
      );
  });
  return { page, cold };
}

/** COLD_RUNS cold starts; the last one's page stays open for the warm measurements. */
async function coldStart(browser: Browser, backend: string): Promise<{ page: Page; colds: number[] }> {
  const colds: number[] = [];
  for (;;) {
    const { page, cold } = await coldStartOnce(browser, backend);
    colds.push(cold);
    if (colds.length === COLD_RUNS) return { page, colds };
    await page.context().close();
  }
}

async function heap(page: Page): Promise<{ page: number; worker: number | null }> {
  type Mem = { memory?: { usedJSHeapSize: number } };
  const pageBytes = await page.evaluate(() => (performance as unknown as Mem).memory?.usedJSHeapSize ?? 0);
  let worker: number | null = null;
  for (const w of page.workers()) {
    const b = await w.evaluate(() => (performance as unknown as Mem).memory?.usedJSHeapSize ?? null);
    if (b !== null) worker = (worker ?? 0) + b;
  }
  return { page: pageBytes / 1_048_576, worker: worker === null ? null : worker / 1_048_576 };
}

for (const backend of BACKENDS) {
  test(`runtime on ${backend}`, async ({ browser }) => {
    const { page, colds } = await coldStart(browser, backend);
    const host = (await page.getByTestId('model-status').textContent())?.includes('background worker')
      ? 'worker'
      : 'in-process';
    const single = await page.evaluate(
      async ({ texts, skip }) => {
        const c = (window as unknown as BenchWindow).__inference!;
        const times: number[] = [];
        for (const t of texts) {
          const t0 = performance.now();
          await c.classify([t], { topK: 5, neighbours: 5, deep: 5 });
          times.push(performance.now() - t0);
        }
        return times.slice(skip);
      },
      { texts: listings.slice(0, SINGLE_N + WARM_SKIP), skip: WARM_SKIP },
    );
    const batchMs = await page.evaluate(async (texts) => {
      const t0 = performance.now();
      const res = await (window as unknown as BenchWindow).__inference!.classify(texts, {
        topK: 5,
        neighbours: 0,
        deep: 0,
      });
      const ms = performance.now() - t0;
      if (res.length !== texts.length) throw new Error(`batch returned ${res.length} of ${texts.length}`);
      return ms;
    }, listings);
    // Batch mode as a merchant's CSV runs it: the batch panel starts extra workers when a table is
    // loaded (src/inference/batch-pool.ts, one per spare core); the same listings on them.
    const runPooled = () =>
      page.evaluate(async (texts) => {
        const c = (window as unknown as BenchWindow).__inference!;
        await c.prepareBatch?.(texts.length);
        const workers = (await c.diagnostics()).batchWorkers ?? 0;
        const t0 = performance.now();
        const res = await c.classify(texts, { topK: 5, neighbours: 0, deep: 0 });
        // Each row's top category read, as the peer's batch gives each listing's label: results
        // are decoded as they are read (result-chunk.ts), so an unread batch would time less.
        let labelled = 0;
        for (const r of res) if (r.level1[0]?.id) labelled++;
        const ms = performance.now() - t0;
        if (res.length !== texts.length) throw new Error(`batch returned ${res.length} of ${texts.length}`);
        if (labelled !== texts.length)
          throw new Error(`only ${labelled} of ${texts.length} rows have a category`);
        return { ms, workers };
      }, listings);
    // wasm: side by side with the peer, alternating, in this browser (the comparison).
    const peer = backend === 'wasm' ? await openPeer(browser) : null;
    const pooledRuns: number[] = [];
    const peerRuns: number[] = [];
    let workers = 0;
    const ours = async () => {
      const p = await runPooled();
      workers = p.workers;
      return (BATCH_N / p.ms) * 1000;
    };
    const theirs = async () => (BATCH_N / (await peer!.batch())) * 1000;
    const warmup = peer ? { ours: await ours(), peer: await theirs() } : null;
    for (let w = 1; peer && w < WARMUP_BATCHES; w++) {
      await theirs();
      await ours();
    }
    for (let r = 0; r < (peer ? SIDE_BY_SIDE_ROUNDS : 1); r++) {
      if (peer && r % 2 === 1) {
        peerRuns.push(await theirs());
        pooledRuns.push(await ours());
      } else {
        pooledRuns.push(await ours());
        if (peer) peerRuns.push(await theirs());
      }
    }
    if (peer) {
      const r = await peer.singles();
      // It really predicted: level-1 labels of our taxonomy, not empty strings.
      expect(r.labels.every((l) => /^__label__[a-z]{2}$/.test(l))).toBe(true);
      const entry = {
        name: 'fastText WASM (npm fasttext.wasm.js 1.0.0), the level-1 model npm run eval trains, quantized (.ftz)',
        throughputPerS: round(quantile(peerRuns, 0.5), 0),
        throughputRunsPerS: peerRuns.map((x) => round(x, 0)),
        throughputWarmupPerS: round(warmup?.peer ?? NaN, 0),
        p50Ms: round(quantile(r.times, 0.5), 3),
        p95Ms: round(quantile(r.times, 0.95), 3),
        loadMs: round(r.loadMs, 0),
        modelMB: round(readFileSync(FT_MODEL).byteLength / 1_048_576, 1),
        batchN: BATCH_N,
      };
      writeEntry('peer', { peer: entry });
      console.log(JSON.stringify(entry));
      await peer.close();
    }
    const h = await heap(page);
    let fullPerS: number | undefined;
    if (backend === 'wasm') {
      const fullMs = await page.evaluate(
        async (texts) => {
          const t0 = performance.now();
          await (window as unknown as BenchWindow).__inference!.classify(texts, {
            topK: 5,
            neighbours: 5,
            deep: 5,
          });
          return performance.now() - t0;
        },
        listings.slice(0, FULL_N),
      );
      fullPerS = round((FULL_N / fullMs) * 1000, 0);
    }
    const loadMs = Number(await page.getByTestId('model-status').getAttribute('data-load-ms'));
    const entry: BackendEntry = {
      backend,
      coldStartMs: round(quantile(colds, 0.5), 0),
      coldStartRunsMs: colds.map((x) => round(x, 0)),
      loadMs: Number.isFinite(loadMs) ? round(loadMs, 0) : NaN,
      p50Ms: round(quantile(single, 0.5)),
      p95Ms: round(quantile(single, 0.95)),
      throughputPerS: round(quantile(pooledRuns, 0.5), 0),
      throughputRunsPerS: pooledRuns.map((x) => round(x, 0)),
      ...(warmup ? { throughputWarmupPerS: round(warmup.ours, 0) } : {}),
      throughputOneWorkerPerS: round((BATCH_N / batchMs) * 1000, 0),
      batchWorkers: 1 + workers,
      ...(fullPerS !== undefined ? { throughputFullPerS: fullPerS } : {}),
      heapMB: round(h.page + (h.worker ?? 0), 1),
      heapPageMB: round(h.page, 1),
      heapWorkerMB: h.worker === null ? null : round(h.worker, 1),
      host,
      batchN: BATCH_N,
    };
    // One file per backend: a rerun of one backend (-g) keeps the others' last entries.
    writeEntry(`runtime-${backend}`, { backends: [entry] });
    console.log(JSON.stringify(entry));
    await page.context().close();
  });
}

/** The fastText peer in its own page of the same browser: model loaded, listings tokenized. */
interface Peer {
  /** One pass over the 10,000 listings, top-1 each: ms. */
  batch(): Promise<number>;
  /** The single-listing times, the load time and the first labels (a check that it predicted). */
  singles(): Promise<{ loadMs: number; times: number[]; labels: string[] }>;
  close(): Promise<void>;
}

async function openPeer(browser: Browser): Promise<Peer | null> {
  if (!existsSync(FT_MODEL)) {
    console.log(`No fastText model at ${FT_MODEL}: run \`npx tsx bench/fasttext-model.ts\`; no peer.`);
    return null;
  }
  const manifest = JSON.parse(readFileSync(path.join(MODELS_DIR, 'default', 'manifest.json'), 'utf8')) as {
    tokenizer: TokenizerConfig;
  };
  // fastText reads the word tokens our tokenizer makes, exactly as `npm run eval` feeds it; they
  // are made here in Node, so the peer's time leaves out tokenization (which ours includes).
  const lines = listings.map((t) => fastTextLine(wordTokens(t, manifest.tokenizer)));
  const context = await browser.newContext();
  const page = await context.newPage();
  const types: Record<string, string> = { '.mjs': 'text/javascript', '.js': 'text/javascript' };
  await page.route('**/__bench/fasttext/**', (route) => {
    const rel = new URL(route.request().url()).pathname.replace(/^.*\/__bench\/fasttext\//, '');
    const file = rel === 'model.bin' ? FT_MODEL : path.join(FT_DIST, rel);
    if (!file.startsWith(FT_DIST) && file !== FT_MODEL) return route.fulfill({ status: 404 });
    if (!existsSync(file)) return route.fulfill({ status: 404 });
    return route.fulfill({
      body: readFileSync(file),
      contentType:
        types[path.extname(file)] ??
        (file.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream'),
    });
  });
  await page.goto('./');
  type PeerWindow = {
    __peer?: { top1(line: string): string; lines: string[]; loadMs: number };
  };
  await page.evaluate(async (lines) => {
    const base = new URL('__bench/fasttext/', document.baseURI).href;
    type Vec = { size(): number; get(i: number): [number, string]; delete?: () => void };
    type Model = { predict(text: string, k: number, threshold: number): Vec };
    const mod = (await import(/* @vite-ignore */ `${base}main/common.mjs`)) as {
      getFastTextModule(o: { wasmPath: string }): Promise<unknown>;
      getFastTextClass(o: {
        getFastTextModule: () => Promise<unknown>;
      }): Promise<new () => { loadModel(url: string): Promise<Model> }>;
    };
    const FastText = await mod.getFastTextClass({
      getFastTextModule: () => mod.getFastTextModule({ wasmPath: `${base}core/fastText.common.wasm` }),
    });
    const t0 = performance.now();
    const model = await new FastText().loadModel(`${base}model.bin`);
    const loadMs = performance.now() - t0;
    const top1 = (line: string) => {
      const v = model.predict(line, 1, 0);
      const label = v.size() > 0 ? v.get(0)[1] : '';
      v.delete?.();
      return label;
    };
    (window as unknown as PeerWindow).__peer = { top1, lines, loadMs };
  }, lines);
  return {
    batch: () =>
      page.evaluate(() => {
        const p = (window as unknown as PeerWindow).__peer!;
        const labels: string[] = [];
        const b0 = performance.now();
        for (const l of p.lines) labels.push(p.top1(l));
        const ms = performance.now() - b0;
        if (labels.length !== p.lines.length) throw new Error('the peer skipped listings');
        return ms;
      }),
    singles: () =>
      page.evaluate(
        ({ single, skip }) => {
          const p = (window as unknown as PeerWindow).__peer!;
          const times: number[] = [];
          const labels: string[] = [];
          for (const l of p.lines.slice(0, single + skip)) {
            const s = performance.now();
            labels.push(p.top1(l));
            times.push(performance.now() - s);
          }
          return { loadMs: p.loadMs, times: times.slice(skip), labels: labels.slice(0, 50) };
        },
        { single: SINGLE_N, skip: WARM_SKIP },
      ),
    close: () => context.close(),
  };
}
