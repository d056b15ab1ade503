/**
 * Typing benchmark (issue 6: "no main-thread task over 50 ms while typing"), in headless Chromium
 * against the production build on the WASM backend: with the model ready and suggestions shown, a
 * user types four bursts into the listing box, each followed by a pause in which the suggestions
 * for it arrive and render. A PerformanceObserver('longtask') on the page records every main-thread
 * task over 50 ms from the first key to the last result rendered. Measures only: the target is
 * printed by bench/report.mjs, never asserted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { PROJECT_ROOT } from '../training/paths';

const TMP = path.join(PROJECT_ROOT, 'bench', 'tmp');
/** What the user starts from (suggestions already shown) and then types, burst by burst. */
const SEED = 'Stainless steel';
const BURSTS = [' water bottle', ' with straw lid', ' 750ml for kids', ' 保温杯 户外'];
/** A brisk typist: one key every 60 ms; then a pause long enough for the suggestions to land. */
const KEY_DELAY_MS = 60;
const PAUSE_MS = 800;
/** Runs of the whole session; the figures are over all of them. */
const RUNS = 3;

interface LongTaskWindow {
  __longTasks?: { start: number; ms: number }[];
}

test('typing in the listing box: main-thread long tasks', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./?backend=wasm');
  const box = page.getByLabel('Product listing');
  const longTasks: number[] = [];
  const perRun: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await box.fill(SEED);
    await expect(page.getByTestId('suggestions')).toHaveAttribute('data-for', SEED, { timeout: 120_000 });
    await page.waitForTimeout(PAUSE_MS);
    await page.evaluate(() => {
      const w = window as unknown as LongTaskWindow;
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks?.push({ start: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask' });
    });
    let text = SEED;
    for (const burst of BURSTS) {
      await box.pressSequentially(burst, { delay: KEY_DELAY_MS });
      text += burst;
      await expect(page.getByTestId('suggestions')).toHaveAttribute('data-for', text);
      await page.waitForTimeout(PAUSE_MS);
    }
    const tasks = await page.evaluate(() => (window as unknown as LongTaskWindow).__longTasks ?? []);
    longTasks.push(...tasks.map((t) => Math.round(t.ms)));
    perRun.push(tasks.length);
  }
  expect(errors).toEqual([]);
  const keys = BURSTS.join('').length;
  const typing = {
    how: `${RUNS} runs of ${BURSTS.length} bursts (${keys} keys, one per ${KEY_DELAY_MS} ms, ${PAUSE_MS} ms pause for the suggestions to render), wasm backend; PerformanceObserver('longtask') on the page`,
    keys: keys * RUNS,
    longTasks: longTasks.length,
    longTasksPerRun: perRun,
    longTaskMaxMs: longTasks.length ? Math.max(...longTasks) : 0,
    longTasksMs: longTasks,
    target: { longTaskMaxMs: 50 },
  };
  mkdirSync(TMP, { recursive: true });
  writeFileSync(path.join(TMP, 'typing.json'), JSON.stringify({ typing }, null, 2));
  console.log(JSON.stringify(typing));
});
