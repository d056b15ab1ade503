/**
 * The listing box takes anything a merchant can paste: the page keeps working, keeps the text
 * (cut only past the stated limit, with a notice) and shows markup as text, never as markup.
 */
import { expect, test, type Page } from '@playwright/test';

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
