/**
 * The model report shows the card of the pack that is loaded: every figure checked here is read
 * from the manifest and card.json the test fetches from the server, never written down.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';

interface Metrics {
  n: number;
  accuracy: number;
  macroF1: number;
}
interface Card {
  data?: { sources?: { source: string; name: string; license: string; rows: number }[] };
  metrics?: Record<
    string,
    {
      level1?: Metrics;
      level2?: Metrics;
      details?: {
        level1?: {
          perClass?: unknown[];
          confusion?: { labels: number[] };
          reliability?: unknown[];
          coverage?: unknown[];
        };
      };
    }
  >;
  baselines?: { fasttext?: Record<string, { level1?: Metrics; level2?: Metrics }> };
  training?: { curves?: { epoch: number }[] };
  quantization?: { dtype: string };
  sizes?: { table?: unknown[] };
  projection?: { knnAgreement?: { k: number; latent: number; pca: number; umap: number } };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function openReport(page: Page): Promise<{ report: Locator; card: Card; version: string }> {
  await page.goto('./');
  const manifest = (await (await page.request.get('./models/default/manifest.json')).json()) as {
    version: string;
    card: string;
  };
  const card = (await (await page.request.get(`./models/default/${manifest.card}`)).json()) as Card;
  await page.getByRole('tab', { name: 'Model report' }).click();
  const report = page.getByRole('region', { name: 'Model report' });
  await expect(report.getByTestId('report-pack')).toBeVisible({ timeout: 90_000 });
  return { report, card, version: manifest.version };
}

test('the report is the card of the loaded pack', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const { report, card, version } = await openReport(page);
  await expect(report.getByTestId('report-pack')).toHaveAttribute('data-version', version);

  // Headline metrics, both sets and levels.
  const headline = report.getByRole('table', { name: 'Headline metrics' });
  for (const set of ['test', 'devMerchant'])
    for (const level of ['level1', 'level2'] as const) {
      const m = card.metrics?.[set]?.[level];
      if (!m) continue;
      const row = headline.locator(`tr[data-set="${set}"][data-level="${level}"]`);
      await expect(row.locator('[data-metric="accuracy"]')).toHaveText(pct(m.accuracy));
      await expect(row.locator('[data-metric="macroF1"]')).toHaveText(pct(m.macroF1));
      await expect(row).toContainText(m.n.toLocaleString('en'));
    }

  // Data sources with counts and licenses.
  const sources = card.data?.sources ?? [];
  const table = report.getByRole('table', { name: 'Data sources' });
  await expect(table.locator('tbody tr')).toHaveCount(sources.length);
  for (const s of sources) {
    const row = table.locator(`tr[data-source="${s.source}"]`);
    await expect(row).toContainText(s.license);
    await expect(row).toContainText(s.rows.toLocaleString('en'));
  }

  // fastText side by side.
  const ft = report.getByRole('table', { name: 'Beside fastText' });
  const ours = card.metrics?.test?.level1;
  const theirs = card.baselines?.fasttext?.test?.level1;
  if (ours && theirs) {
    const row = ft.locator('tr[data-set="test"][data-level="level1"][data-metric="accuracy"]');
    await expect(row).toContainText(pct(ours.accuracy));
    await expect(row).toContainText(pct(theirs.accuracy));
  }

  // Charts and tables sized by the card.
  const d = card.metrics?.test?.details?.level1;
  await expect(report.getByTestId('per-class-chart')).toHaveAttribute(
    'data-classes',
    String(d?.perClass?.length),
  );
  await expect(
    report.getByTestId('per-class-chart').locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();
  const heat = report.getByRole('table', { name: 'Confusion matrix' });
  await expect(heat.locator('tbody tr')).toHaveCount(d?.confusion?.labels.length ?? 0);
  await expect(report.getByTestId('reliability-chart')).toHaveAttribute(
    'data-bins',
    String(d?.reliability?.length),
  );
  await expect(report.getByTestId('coverage-chart')).toHaveAttribute(
    'data-points',
    String(d?.coverage?.length),
  );
  await expect(report.getByTestId('training-curves')).toHaveAttribute(
    'data-epochs',
    String(card.training?.curves?.length),
  );
  await expect(report.getByTestId('training-curves').locator('.recharts-line').first()).toBeVisible();
  await expect(report.getByTestId('quantization')).toContainText(card.quantization?.dtype ?? '');
  await expect(report.getByRole('table', { name: 'Model sizes' }).locator('tbody tr')).toHaveCount(
    card.sizes?.table?.length ?? 0,
  );

  // Map quality: shown when the card has it, and said to be missing when not.
  const knn = card.projection?.knnAgreement;
  if (knn) {
    const q = report.getByRole('table', { name: 'Map quality' });
    await expect(q).toContainText(pct(knn.latent));
    await expect(q).toContainText(pct(knn.umap));
    await expect(q).toContainText(pct(knn.pca));
  } else await expect(report.getByText(/no map-quality measure/)).toBeVisible();
  expect(errors).toEqual([]);
});

test('switching set and level redraws the per-class chart from the card', async ({ page }) => {
  const { report, card } = await openReport(page);
  const n = (card.metrics?.devMerchant?.details as Record<string, { perClass?: unknown[] }> | undefined)
    ?.level2?.perClass?.length;
  await report.getByLabel('Evaluation set').selectOption({ label: 'Merchant dev set' });
  await report.getByLabel('Level', { exact: true }).selectOption({ label: 'Level 2' });
  if (n) await expect(report.getByTestId('per-class-chart')).toHaveAttribute('data-classes', String(n));
  else await expect(report.getByText(/has no details for Merchant dev set, Level 2/)).toBeVisible();
});
