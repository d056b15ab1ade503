/**
 * Catalog map figures (issue 7): draw time for 5,000 points, hover answer time and the longest
 * frame while zooming, in the production build. The catalog is repeated up to 5,000 points with
 * ?diagnostics&mapPoints=5000 (the pack ships about 4,000). The same draw and zoom are measured
 * with every point as a recharts SVG symbol (?mapRenderer=svg), the reason the map uses a canvas.
 * Writes bench/tmp/map.json (entry key "map"). Measures only: no speed assertion.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';

const POINTS = 5000;
const TARGETS = { drawMs: 500, hoverMs: 50, zoomMaxFrameMs: 100 };
const DRAW_RUNS = 3;
const HOVERS = 20;
const ZOOM_FRAMES = 30;
const SVG_ZOOM_FRAMES = 4;

const here = path.dirname(fileURLToPath(import.meta.url));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (x: number) => Math.round(x * 10) / 10;

/** Opens the page, waits for the pack, and returns a function that times tab-click -> drawn -> next frame. */
async function open(page: Page, renderer: 'canvas' | 'svg') {
  await page.goto(`./?diagnostics&mapPoints=${POINTS}&mapRenderer=${renderer}`);
  const tab = page.getByRole('tab', { name: 'Catalog map' });
  await tab.click();
  await expect(page.locator(`[data-drawn="${POINTS}"]`)).toBeAttached({ timeout: 180_000 });
  await page.getByTestId('map-surface').scrollIntoViewIfNeeded();
}

/** Mount-to-painted time: switch to the report tab and back, from the click to the frame after the draw. */
async function drawOnce(page: Page): Promise<number> {
  await page.getByRole('tab', { name: 'Model report' }).click();
  await expect(page.locator('[data-drawn]')).toHaveCount(0);
  return page.evaluate(async (n) => {
    const tab = [...document.querySelectorAll('[role=tab]')].find(
      (t) => t.textContent === 'Catalog map',
    ) as HTMLElement;
    const t0 = performance.now();
    tab.click();
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      if (document.querySelector(`[data-drawn="${n}"]`)) break;
    }
    // The frame after the one that drew: the points are on screen.
    await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - t0;
  }, POINTS);
}

/** Frame lengths while the wheel zooms in then out, one wheel event per frame. */
async function zoomFrames(page: Page, frames = ZOOM_FRAMES): Promise<number[]> {
  return page.evaluate(async (frames) => {
    const surface = document.querySelector('[data-testid=map-surface]') as HTMLElement;
    const r = surface.getBoundingClientRect();
    const stamps: number[] = [];
    for (let f = 0; f < frames; f++) {
      const deltaY = f < frames / 2 ? -120 : 120;
      surface.dispatchEvent(
        new WheelEvent('wheel', {
          deltaY,
          clientX: r.left + r.width * 0.45,
          clientY: r.top + r.height * 0.4,
          bubbles: true,
          cancelable: true,
        }),
      );
      stamps.push(await new Promise<number>((res) => requestAnimationFrame(res)));
    }
    stamps.push(await new Promise<number>((res) => requestAnimationFrame(res)));
    return stamps.slice(1).map((s, i) => s - stamps[i]!);
  }, frames);
}

/** Pointer moves onto drawn dots; time from the event to the tooltip showing that dot. */
async function hovers(page: Page): Promise<number[]> {
  return page.evaluate(async (count) => {
    const canvas = document.querySelector('canvas[data-drawn]') as HTMLCanvasElement;
    const surface = document.querySelector('[data-testid=map-surface]') as HTMLElement;
    const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const r = canvas.getBoundingClientRect();
    const k = canvas.width / r.width;
    // Opaque pixels spread over the canvas, one per horizontal band.
    const spots: { x: number; y: number }[] = [];
    for (let band = 0; band < count * 3 && spots.length < count; band++) {
      const y = Math.floor(((band + 0.5) / (count * 3)) * canvas.height);
      for (let x = Math.floor((band * 37) % canvas.width); x < canvas.width; x++)
        if (d[(y * canvas.width + x) * 4 + 3] === 255) {
          spots.push({ x: r.left + (x + 1.5) / k, y: r.top + y / k });
          break;
        }
    }
    const times: number[] = [];
    for (const s of spots) {
      // The answer is the tooltip naming another point than before (React may reuse the node).
      const before = surface.querySelector<HTMLElement>('[role=tooltip]')?.dataset.index ?? null;
      const done = new Promise<number>((res) => {
        const mo = new MutationObserver(() => {
          const tip = surface.querySelector<HTMLElement>('[role=tooltip]');
          if (tip && tip.dataset.index !== before) {
            mo.disconnect();
            res(performance.now());
          }
        });
        mo.observe(surface, { childList: true, subtree: true, attributes: true, characterData: true });
        setTimeout(() => {
          mo.disconnect();
          res(NaN);
        }, 2000);
      });
      const t0 = performance.now();
      surface.dispatchEvent(
        new PointerEvent('pointermove', { clientX: s.x, clientY: s.y, bubbles: true, pointerId: 1 }),
      );
      const t1 = await done;
      if (Number.isFinite(t1)) times.push(t1 - t0);
    }
    return times;
  }, HOVERS);
}

test('catalog map: draw, hover, zoom', async ({ page }) => {
  test.setTimeout(15 * 60_000);
  await open(page, 'canvas');
  const draws: number[] = [];
  for (let i = 0; i < DRAW_RUNS; i++) draws.push(await drawOnce(page));
  await page.getByTestId('map-surface').scrollIntoViewIfNeeded();
  const hoverTimes = await hovers(page);
  expect(hoverTimes.length, 'hovers that reached a point').toBeGreaterThan(0);
  const zoom = await zoomFrames(page);

  await open(page, 'svg');
  // One draw and a few zoom frames: each takes seconds with 5,000 SVG symbols.
  const svgDraws = [await drawOnce(page)];
  await page.getByTestId('map-surface').scrollIntoViewIfNeeded();
  const svgZoom = await zoomFrames(page, SVG_ZOOM_FRAMES);

  const map = {
    renderer: 'canvas points under recharts axes',
    points: POINTS,
    drawMs: round(median(draws)),
    drawRunsMs: draws.map(round),
    hoverMs: round(median(hoverTimes)),
    hoverMaxMs: round(Math.max(...hoverTimes)),
    hoverRunsMs: hoverTimes.map(round),
    hovers: hoverTimes.length,
    zoomMaxFrameMs: round(Math.max(...zoom)),
    zoomFramesMs: zoom.map(round),
    svgAllPoints: {
      drawMs: round(median(svgDraws)),
      drawRunsMs: svgDraws.map(round),
      zoomMaxFrameMs: round(Math.max(...svgZoom)),
    },
    targets: TARGETS,
    how: `median of ${DRAW_RUNS} tab opens (click to the frame after the draw); hover: pointermove to tooltip in the DOM over ${HOVERS} dots; zoom: longest frame over ${ZOOM_FRAMES} wheel steps, one per frame`,
  };
  mkdirSync(path.join(here, 'tmp'), { recursive: true });
  writeFileSync(path.join(here, 'tmp', 'map.json'), JSON.stringify({ map }, null, 2) + '\n');
  const row = (name: string, target: number, measured: number) =>
    `  ${name.padEnd(22)} target <= ${String(target).padEnd(4)} measured ${measured.toFixed(1).padStart(7)}  ${measured <= target ? 'pass' : 'MISS'}`;
  console.log(
    [
      `map (${POINTS} points, canvas):`,
      row('draw ms', TARGETS.drawMs, map.drawMs),
      row('hover ms (median)', TARGETS.hoverMs, map.hoverMs),
      row('hover ms (max)', TARGETS.hoverMs, map.hoverMaxMs),
      row('zoom max frame ms', TARGETS.zoomMaxFrameMs, map.zoomMaxFrameMs),
      `  recharts SVG, all points: draw ${map.svgAllPoints.drawMs} ms, zoom max frame ${map.svgAllPoints.zoomMaxFrameMs} ms`,
    ].join('\n'),
  );
});
