/**
 * The listing box takes anything a merchant can paste: the page keeps working, keeps the text
 * (cut only past the stated limit, with a notice) and shows markup as text, never as markup.
 * The batch file input takes any file: read (every row kept, failures marked with why) or refused
 * with a message.
 */
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';

declare global {
  interface Window {
    __pwned?: number;
  }
}

const box = (page: Page) => page.getByLabel('Product listing');
const firstLevel1 = (page: Page) => page.getByTestId('suggestions-level1').getByRole('listitem').first();

let errors: string[] = [];
test.beforeEach(async ({ page }) => {
  errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./?backend=wasm');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
});
test.afterEach(async ({ page }) => {
  // Whatever was pasted, the page is still there and says nothing went wrong.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Something went wrong')).toHaveCount(0);
  await expect(page.getByText('Suggestions failed')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('empty and whitespace-only listings show no suggestions and no error', async ({ page }) => {
  await box(page).fill('Dog chew toy for large breeds');
  await expect(firstLevel1(page)).toBeVisible();
  await box(page).fill('');
  await expect(page.getByTestId('suggestions')).toHaveCount(0);
  await box(page).fill(' \n\t  \u00a0\u3000 \n');
  await expect(page.getByTestId('suggestions')).toHaveCount(0);
  await expect(box(page)).toHaveValue(' \n\t  \u00a0\u3000 \n');
  // And typing again brings suggestions back.
  await box(page).fill('Dog chew toy for large breeds');
  await expect(firstLevel1(page)).toBeVisible();
});

test('a 1 MB paste is cut to the stated limit with a notice, and still classified', async ({ page }) => {
  const unit = 'Organic green tea, 100 tea bags, loose leaf sencha from Shizuoka. ';
  const huge = unit.repeat(Math.ceil(1_048_576 / unit.length)).slice(0, 1_048_576);
  await box(page).fill(huge);
  const notice = page.getByText(/The listing was cut to its first [\d,]+ characters/);
  await expect(notice).toBeVisible();
  const limit = Number((await notice.textContent())!.match(/first ([\d,]+)/)![1]!.replace(/,/g, ''));
  expect(limit).toBeGreaterThan(0);
  expect(limit).toBeLessThan(huge.length);
  // The start of the paste is kept exactly; only the part past the limit is gone.
  await expect(box(page)).toHaveValue(huge.slice(0, limit));
  await expect(firstLevel1(page)).toBeVisible();
  // A listing under the limit clears the notice.
  await box(page).fill(unit);
  await expect(notice).toHaveCount(0);
});

test('control characters and binary bytes are kept and do not break classification', async ({ page }) => {
  const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i))
    .filter((c) => c !== '\r') // a textarea normalizes CR and CRLF to LF by specification
    .join('');
  const binary = Array.from({ length: 256 }, (_, i) => String.fromCharCode((i * 151 + 7) % 256)).join('');
  const text = `Wireless mouse${controls}\u007f\u200b\ufeff\ufffd ${binary} USB receiver`.replace(/\r/g, '');
  await box(page).fill(text);
  await expect(box(page)).toHaveValue(text);
  await expect(firstLevel1(page)).toBeVisible();
  // A lone surrogate (half an emoji from a cut paste) is not an error either.
  await box(page).fill('Bluetooth speaker \ud83c portable');
  await expect(firstLevel1(page)).toBeVisible();
});

test('emoji and right-to-left text are kept and classified', async ({ page }) => {
  for (const text of [
    '🎧 Wireless headphones 🎶🔥 noise cancelling 👍🏽 👨‍👩‍👧',
    'سماعات رأس لاسلكية بلوتوث مع ميكروفون',
    'כיסוי לטלפון נייד סיליקון Samsung Galaxy',
  ]) {
    await box(page).fill(text);
    await expect(box(page)).toHaveValue(text);
    await expect(page.getByTestId('suggestions')).toHaveAttribute('data-for', text);
    await expect(firstLevel1(page)).toBeVisible();
  }
});

test('HTML and script tags are shown as text: nothing runs, nothing is injected', async ({ page }) => {
  const text =
    '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>' +
    '<b id="injected">Leather</b> wallet <iframe src="javascript:window.__pwned=3"></iframe>';
  const before = await page.locator('img, script, iframe, b').count();
  await box(page).fill(text);
  await expect(box(page)).toHaveValue(text);
  await expect(page.getByTestId('suggestions')).toHaveAttribute('data-for', text);
  // The explanation echoes the listing: as characters, tags and all.
  await expect(page.getByTestId('explained-text')).toContainText('<script>window.__pwned=2</script>', {
    timeout: 60_000,
  });
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  await expect(page.locator('#injected')).toHaveCount(0);
  expect(await page.locator('img, script, iframe, b').count()).toBe(before);
});

/**
 * Files: whatever a merchant uploads is read, or refused with a message that says why; a read
 * file keeps every row, and a row that cannot be classified is marked with the reason.
 */
const fileInput = (page: Page) => page.getByLabel('CSV or TSV file');
const upload = (page: Page, name: string, content: string | Buffer) =>
  fileInput(page).setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
  });

async function classifyAndDownload(page: Page): Promise<string[][]> {
  await page.getByRole('button', { name: 'Classify all rows' }).click();
  await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-phase', 'done', {
    timeout: 120_000,
  });
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const text = readFileSync(await file.path(), 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

test('a messy CSV (BOM, semicolons, quotes and line breaks in cells, ragged rows) keeps every row', async ({
  page,
}) => {
  const csv =
    '\uFEFFsku;title;price\r\n' +
    'A1;"Poster ""Blue Note"", 50 x 70 cm";12,50\r\n' +
    'A2;"Wool scarf\r\nhand knitted, grey";20\r\n' +
    'A3\r\n' +
    '\r\n' +
    'A4;Yoga mat non-slip 6mm;30;spare cell\r\n' +
    'A5;;5\r\n';
  await upload(page, 'export.csv', csv);
  const source = page.getByTestId('batch-source');
  await expect(source).toContainText('export.csv: 5 rows, 4 columns');
  await expect(source).toContainText('UTF-8 (with BOM)');
  await expect(source).toContainText('separated by semicolons');
  await expect(
    page.getByText(/1 row with fewer cells and 1 row with more cells than the header's 3/),
  ).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'title' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'sku' })).not.toBeChecked();

  const rows = await classifyAndDownload(page);
  expect(rows).toHaveLength(6);
  const head = rows[0] ?? [];
  expect(head.slice(0, 4)).toEqual(['sku', 'title', 'price', 'column_4']);
  const col = (name: string) => head.indexOf(name);
  const bySku = (sku: string) => rows.find((r) => r[0] === sku) ?? [];
  expect(rows.slice(1).map((r) => r[0])).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
  expect(bySku('A1').slice(0, 3)).toEqual(['A1', 'Poster "Blue Note", 50 x 70 cm', '12,50']);
  expect(bySku('A2')[1]).toBe('Wool scarf\r\nhand knitted, grey');
  expect(bySku('A4')[3]).toBe('spare cell');
  for (const sku of ['A1', 'A2', 'A4']) expect(bySku(sku)[col('level1_id')]).toMatch(/^[a-z]{2}$/);
  expect(bySku('A3')[col('routing')]).toBe('failed');
  expect(bySku('A3')[col('reason')]).toBe('no text column in this row (it has 1 cell)');
  expect(bySku('A5')[col('routing')]).toBe('failed');
  expect(bySku('A5')[col('reason')]).toBe('empty text');
});

test('a TSV named .csv with no title-like header: tabs detected, the text column guessed and said so', async ({
  page,
}) => {
  await upload(
    page,
    'artikel.csv',
    'Artikel\tBezeichnung\tPreis\nX-1\tWasserdichte Wanderschuhe für Herren\t89\nX-2\tBio Vollmilch 1 Liter\t1\n',
  );
  await expect(page.getByTestId('batch-source')).toContainText('2 rows, 3 columns');
  await expect(page.getByTestId('batch-source')).toContainText('separated by tabs');
  await expect(page.getByText('No column is named like a title or description')).toContainText('Bezeichnung');
  await expect(page.getByRole('checkbox', { name: 'Bezeichnung' })).toBeChecked();
  const rows = await classifyAndDownload(page);
  expect(rows).toHaveLength(3);
  expect(rows[1]?.[1]).toBe('Wasserdichte Wanderschuhe für Herren');
});

test('an empty file, a blank one and a header-only one each get a message; the table before stays', async ({
  page,
}) => {
  await upload(page, 'good.csv', 'title\nCeramic coffee mug 350 ml\n');
  await expect(page.getByTestId('batch-source')).toContainText('good.csv: 1 row');
  await upload(page, 'empty.csv', '');
  await expect(page.getByRole('alert')).toContainText('empty.csv is empty (0 bytes)');
  await upload(page, 'blank.csv', '\r\n  \n\n');
  await expect(page.getByRole('alert')).toContainText('blank.csv has no rows');
  await expect(page.getByTestId('batch-source')).toContainText('good.csv: 1 row');
  await upload(page, 'header.csv', 'id,title\n');
  await expect(page.getByTestId('batch-source')).toContainText('header.csv: 0 rows');
  await expect(page.getByText('Only a header row: no listings to classify')).toBeVisible();
  // The merchant says the first row is a listing: it becomes one.
  await page.getByRole('checkbox', { name: 'First row is a header' }).uncheck();
  await expect(page.getByTestId('batch-source')).toContainText('header.csv: 1 row');
});

test('a file over the row cap is refused whole, with the cap and what to do', async ({ page }) => {
  const cap = 250_000;
  const lines = ['title'];
  for (let i = 0; i <= cap; i++) lines.push(`Listing ${i}`);
  await upload(page, 'huge.csv', lines.join('\n'));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('huge.csv has more than 250,000 rows', { timeout: 60_000 });
  await expect(alert).toContainText('Split it into files of at most 250,000 rows');
  await expect(page.getByTestId('batch-source')).toHaveCount(0);
});

test('a file over the size cap is refused before it is read, with the cap and what to do', async ({
  page,
}) => {
  // 65 MB of (sparse) zeros: only its size matters, the page must not read it.
  const big = path.join(mkdtempSync(path.join(tmpdir(), 'csv-cap-')), 'catalog.csv');
  writeFileSync(big, '');
  truncateSync(big, 65 * 1024 * 1024);
  await fileInput(page).setInputFiles(big);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('catalog.csv is 65.0 MB; files up to 64.0 MB are read in the browser');
  await expect(alert).toContainText('Split it into smaller files');
});
