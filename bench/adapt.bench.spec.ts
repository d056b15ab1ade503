/**
 * On-device learning benchmark (issue 9), WASM backend, headless Chromium, production build:
 * 1. 200 corrections: the merchant dev listings the shipped model gets wrong (top level-2 not
 *    their label), corrected to their label, adapted through the page's InferenceClient (in the
 *    worker): seconds, share then predicted as corrected, reference-catalog accuracy drop.
 * 2. A 10,000-row labelled catalog file (held-out validation rows, then training rows, of the
 *    corpus; none in the reference test split), uploaded and trained through the adapt panel:
 *    seconds from the click to the adapted model in use.
 * Writes bench/tmp/adapt.json (merged by bench/report.mjs). Measures only, asserts no target.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { CORPUS_PATH, DEV_SET_PATH, PROJECT_ROOT } from '../training/paths';

const CORRECTIONS_N = 200;
const CATALOG_N = 10_000;
const TMP = path.join(PROJECT_ROOT, 'bench', 'tmp');

interface Labelled {
  text: string;
  categoryId: string;
}
interface Level2Top {
  level2: { id: string }[];
}
interface Report {
  examples: number;
  replay: number;
  steps: number;
  seconds: number;
  reference: {
    rows: number;
    before: Record<'level1' | 'level2', number>;
    after: Record<'level1' | 'level2', number>;
  };
  labelled: { before: number; after: number };
}
interface PageClient {
  classify(texts: string[], opts: object): Promise<Level2Top[]>;
  adapt(examples: Labelled[]): Promise<{ report: Report }>;
  setHeads(heads: null): Promise<void>;
}
interface AdaptBenchWindow {
  __inference?: PageClient;
}

function devListings(): Labelled[] {
  return readFileSync(DEV_SET_PATH, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => (c[2] ?? '').trim() !== '' && (c[3] ?? '').trim() !== '')
    .map((c) => ({ text: c[2]!, categoryId: c[3]! }));
}

/** Validation rows first (never trained on), then training rows, labelled to their deepest id. */
function catalogRows(): Labelled[] {
  if (!existsSync(CORPUS_PATH)) throw new Error('No corpus for the bench: run `npm run data` first.');
  const by = { val: [] as Labelled[], train: [] as Labelled[] };
  for (const l of readFileSync(CORPUS_PATH, 'utf8').split('\n')) {
    if (!l.includes('"kind":"listing"')) continue;
    const r = JSON.parse(l) as { text: string; split: string; l1?: string; l2?: string; deep?: string };
    const id = r.deep ?? r.l2 ?? r.l1;
    if (!id || (r.split !== 'val' && r.split !== 'train')) continue;
    by[r.split].push({ text: r.text, categoryId: id });
  }
  return [...by.val, ...by.train].slice(0, CATALOG_N);
}

const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;

async function open(page: Page) {
  await page.goto('./?diagnostics&backend=wasm');
  await expect(page.getByTestId('model-status')).toContainText('ready in', { timeout: 120_000 });
}

test('adapt: 200 corrections + replay, and a 10,000-row catalog file (wasm)', async ({ page }) => {
  test.setTimeout(15 * 60_000);
  await open(page);
  const dev = devListings();
  // Results are read in the page (its rows decode fields when read; only plain data crosses back).
  const topLevel2 = (texts: string[]) =>
    page.evaluate(
      async (t) =>
        (
          await (window as unknown as AdaptBenchWindow).__inference!.classify(t, {
            topK: 1,
            neighbours: 0,
            deep: 0,
          })
        ).map((r) => r.level2[0]?.id ?? ''),
      texts,
    );
  const tops = await topLevel2(dev.map((d) => d.text));
  const l2Of = (id: string) => id.split('-').slice(0, 2).join('-');
  const corrections = dev
    .filter((d, i) => d.categoryId.includes('-') && tops[i] !== l2Of(d.categoryId))
    .slice(0, CORRECTIONS_N);

  const t0 = Date.now();
  const { report } = await page.evaluate(
    (ex) => (window as unknown as AdaptBenchWindow).__inference!.adapt(ex),
    corrections,
  );
  const seconds = (Date.now() - t0) / 1000;
  // Count again through the page's client: the adapted heads are in use now.
  const after = await topLevel2(corrections.map((c) => c.text));
  const correctedAccuracy =
    after.filter((id, i) => id === l2Of(corrections[i]!.categoryId)).length / corrections.length;
  await page.evaluate(() => (window as unknown as AdaptBenchWindow).__inference!.setHeads(null));

  // The catalog file, through the panel as a merchant would use it.
  mkdirSync(TMP, { recursive: true });
  const rows = catalogRows();
  const file = path.join(TMP, `catalog-${rows.length}.csv`);
  writeFileSync(
    file,
    ['title,category', ...rows.map((r) => `${csvCell(r.text)},${r.categoryId}`)].join('\n'),
  );
  const panel = page.getByRole('region', { name: 'On-device learning' });
  await panel.getByLabel('Labelled catalog file (CSV)').setInputFiles(file);
  const train = panel.getByRole('button', { name: 'Train from the catalog file' });
  await expect(train).toBeEnabled();
  const t1 = Date.now();
  await train.click();
  await expect(panel.getByTestId('model-in-use')).toContainText('adapted on', { timeout: 10 * 60_000 });
  const catalogSeconds = (Date.now() - t1) / 1000;
  const catalogStatus = await panel.getByRole('status').first().textContent();

  const pts = (a: number, b: number) => Math.round((a - b) * 10000) / 100;
  const entry = {
    adapt: {
      backend: 'wasm',
      corrections: corrections.length,
      replay: report.replay,
      steps: report.steps,
      seconds,
      correctedAccuracy,
      /** Level-1 points lost on the reference catalog's test split (level 2 beside it). */
      referenceAccuracyDrop: pts(report.reference.before.level1, report.reference.after.level1),
      referenceAccuracyDropLevel2: pts(report.reference.before.level2, report.reference.after.level2),
      referenceRows: report.reference.rows,
      referenceBefore: report.reference.before,
      referenceAfter: report.reference.after,
      catalogRows: rows.length,
      catalogSeconds,
      catalogStatus,
    },
  };
  writeFileSync(path.join(TMP, 'adapt.json'), JSON.stringify(entry, null, 2) + '\n');
  console.log(JSON.stringify(entry));
});
