/** Pure 2-D viewport arithmetic for zoomable charts (data-space rectangles). Imports nothing. */

export interface Viewport {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Margin added around the data so edge points are not cut in half: 4% of each span. */
const FIT_PAD = 0.04;

/** The smallest viewport holding every point of interleaved [x0, y0, x1, y1, ...] coordinates. */
export function fitViewport(coords: ArrayLike<number>): Viewport {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i + 1 < coords.length; i += 2) {
    const x = coords[i] as number;
    const y = coords[i + 1] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x0 > x1) return { x0: -1, x1: 1, y0: -1, y1: 1 };
  // A degenerate span (all points on a line) still gets a unit-wide box.
  const px = (x1 - x0 || 1) * FIT_PAD;
  const py = (y1 - y0 || 1) * FIT_PAD;
  return { x0: x0 - px, x1: x1 + px, y0: y0 - py, y1: y1 + py };
}

/** Zoom by `factor` (> 1 zooms in) keeping the data point (cx, cy) under the cursor fixed. */
export function zoomAt(v: Viewport, factor: number, cx: number, cy: number): Viewport {
  const k = 1 / factor;
  return {
    x0: cx - (cx - v.x0) * k,
    x1: cx + (v.x1 - cx) * k,
    y0: cy - (cy - v.y0) * k,
    y1: cy + (v.y1 - cy) * k,
  };
}

/** Move the viewport by a data-space offset. */
export function panBy(v: Viewport, dx: number, dy: number): Viewport {
  return { x0: v.x0 + dx, x1: v.x1 + dx, y0: v.y0 + dy, y1: v.y1 + dy };
}

/** About `count` round tick values (1, 2 or 5 times a power of ten) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return [lo];
  const raw = span / Math.max(1, count);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Pixel <-> data mapping for a plot area of width x height pixels (y grows upwards in data). */
export function scales(v: Viewport, width: number, height: number) {
  const sx = width / (v.x1 - v.x0);
  const sy = height / (v.y1 - v.y0);
  return {
    sx,
    sy,
    toPx: (x: number) => (x - v.x0) * sx,
    toPy: (y: number) => (v.y1 - y) * sy,
    fromPx: (px: number) => v.x0 + px / sx,
    fromPy: (py: number) => v.y1 - py / sy,
  };
}
