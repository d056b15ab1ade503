/**
 * A uniform grid over 2-D points, so "which point is under the cursor" looks at a few cells
 * instead of every point (hover must answer within a frame for thousands of points).
 * Pure; imports nothing from the app.
 */

export interface SpatialGrid {
  x0: number;
  y0: number;
  cell: number;
  cols: number;
  rows: number;
  /** Point indices sorted by cell; cell c holds order[start[c] .. start[c + 1]). */
  start: Int32Array;
  order: Int32Array;
  coords: ArrayLike<number>;
}

/** About this many points per cell on average: small scans, few empty cells. */
const POINTS_PER_CELL = 4;

/** Builds the grid over interleaved [x0, y0, x1, y1, ...] coordinates (non-finite points left out). */
export function buildGrid(coords: ArrayLike<number>): SpatialGrid {
  const n = Math.floor(coords.length / 2);
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = coords[2 * i] as number;
    const y = coords[2 * i + 1] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  if (x0 > x1) {
    x0 = y0 = 0;
    x1 = y1 = 1;
  }
  const area = Math.max(x1 - x0, 1e-9) * Math.max(y1 - y0, 1e-9);
  const cell = Math.sqrt((area * POINTS_PER_CELL) / Math.max(1, n)) || 1;
  const cols = Math.max(1, Math.ceil((x1 - x0) / cell) + 1);
  const rows = Math.max(1, Math.ceil((y1 - y0) / cell) + 1);
  const cellOf = new Int32Array(n).fill(-1);
  const counts = new Int32Array(cols * rows + 1);
  for (let i = 0; i < n; i++) {
    const x = coords[2 * i] as number;
    const y = coords[2 * i + 1] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const c = Math.floor((y - y0) / cell) * cols + Math.floor((x - x0) / cell);
    cellOf[i] = c;
    counts[c + 1]! += 1;
  }
  for (let c = 1; c < counts.length; c++) counts[c]! += counts[c - 1]!;
  const start = counts.slice();
  const fill = counts.slice(0, cols * rows);
  const order = new Int32Array(counts[cols * rows]!);
  for (let i = 0; i < n; i++) {
    const c = cellOf[i]!;
    if (c >= 0) order[fill[c]!++] = i;
  }
  return { x0, y0, cell, cols, rows, start, order, coords };
}

/**
 * The point nearest to (x, y) within an ellipse of radii (rx, ry) in data units (the same
 * pixel radius on both axes of a non-square plot), among those `accept` lets through; -1 if none.
 */
export function nearestInGrid(
  g: SpatialGrid,
  x: number,
  y: number,
  rx: number,
  ry: number,
  accept?: (index: number) => boolean,
): number {
  const c0 = Math.max(0, Math.floor((x - rx - g.x0) / g.cell));
  const c1 = Math.min(g.cols - 1, Math.floor((x + rx - g.x0) / g.cell));
  const r0 = Math.max(0, Math.floor((y - ry - g.y0) / g.cell));
  const r1 = Math.min(g.rows - 1, Math.floor((y + ry - g.y0) / g.cell));
  let best = -1;
  let bestD = 1;
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cell = r * g.cols + c;
      for (let k = g.start[cell]!; k < g.start[cell + 1]!; k++) {
        const i = g.order[k]!;
        const dx = ((g.coords[2 * i] as number) - x) / rx;
        const dy = ((g.coords[2 * i + 1] as number) - y) / ry;
        const d = dx * dx + dy * dy;
        if (d <= bestD && (!accept || accept(i))) {
          best = i;
          bestD = d;
        }
      }
    }
  }
  return best;
}
