/**
 * The tokenizer's golden file, checked in headless Chromium against the production build: the
 * browser must produce exactly the ids that Vitest checks in Node.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const golden = JSON.parse(readFileSync('src/ml/tokenizer/golden.json', 'utf8')) as {
  cases: { name: string; ids: number[] }[];
};

test('tokenizer golden ids are identical in the browser', async ({ page }) => {
  await page.goto('./?diagnostics');
  await expect(page.locator('html')).toHaveAttribute('data-diagnostics', 'ready');
  const res = await page.evaluate((g) => window.__diagnostics!.tokenizerGolden(g), golden as unknown);
  expect(res.mismatches).toEqual([]);
  expect(res.ok).toBe(true);
  expect(res.ids).toEqual(golden.cases.map((c) => c.ids));
  expect(golden.cases.length).toBeGreaterThanOrEqual(10);
});

declare global {
  interface Window {
    __diagnostics?: {
      tokenizerGolden(g: unknown): Promise<{ ok: boolean; mismatches: string[]; ids: number[][] }>;
    };
  }
}
