/**
 * Pure adapters from the pack's catalog (rows + interleaved 2-D coordinates) to what the map
 * draws: per-point colour index, legend, grey mask, search matches, neighbour positions.
 */
import type { CatalogRow, LabelEntry, NeighbourItem } from '../../inference/inference-client';
import type { MapColorBy } from '../../state/map-slice';
import type { MarkerSeries } from '../../ui/dense-scatter';
import { categoryColor, MUTED_COLOR } from '../../ui/palette';

export interface LegendEntry {
  key: string;
  label: string;
  color: string;
  count: number;
}

export interface Colouring {
  /** Legend entry index of each point. */
  colorIndex: Uint16Array;
  /** Colour of each legend entry (palette[colorIndex[i]] colours point i). */
  palette: string[];
  legend: LegendEntry[];
}

const UNKNOWN = 'unknown';
/** Correct / incorrect must read at a glance: green and red, unknown grey. */
const CORRECT_COLOR = '#2a9d5c';
const WRONG_COLOR = '#d62728';

/** True when the pack's catalog carries the shipped model's predictions (p1). */
export function hasPredictions(rows: readonly CatalogRow[]): boolean {
  return rows.some((r) => typeof r.p1 === 'number');
}

/**
 * Colours and legend for a colouring. Level-1 and level-2 colours follow the label index, so a
 * category keeps its colour across projections, searches and packs with the same label table.
 */
export function colourPoints(
  rows: readonly CatalogRow[],
  colorBy: MapColorBy,
  level1: readonly LabelEntry[],
  level2: readonly LabelEntry[],
): Colouring {
  const entries: { key: string; label: string; color: string; order: number }[] = [];
  const keyOfRow: (r: CatalogRow) => string =
    colorBy === 'level1'
      ? (r) => (level1[r.l1] ? String(r.l1) : UNKNOWN)
      : colorBy === 'level2'
        ? (r) => (level2[r.l2] ? String(r.l2) : UNKNOWN)
        : colorBy === 'source'
          ? (r) => r.s || UNKNOWN
          : (r) => (typeof r.p1 !== 'number' || r.l1 < 0 ? UNKNOWN : r.p1 === r.l1 ? 'correct' : 'incorrect');
  const describe = (key: string): { label: string; color: string; order: number } => {
    if (key === UNKNOWN)
      return {
        label: colorBy === 'correct' ? 'No label or prediction' : 'Unknown',
        color: MUTED_COLOR,
        order: 1e9,
      };
    if (colorBy === 'level1') {
      const i = Number(key);
      return { label: level1[i]?.nameEn ?? key, color: categoryColor(i), order: i };
    }
    if (colorBy === 'level2') {
      const i = Number(key);
      return { label: level2[i]?.pathEn ?? key, color: categoryColor(i), order: i };
    }
    if (colorBy === 'correct')
      return key === 'correct'
        ? { label: 'Predicted correctly (level 1)', color: CORRECT_COLOR, order: 0 }
        : { label: 'Predicted wrongly (level 1)', color: WRONG_COLOR, order: 1 };
    return { label: key, color: '', order: 0 };
  };
  const index = new Map<string, number>();
  const counts: number[] = [];
  const raw = new Uint16Array(rows.length);
  rows.forEach((r, i) => {
    const key = keyOfRow(r);
    let e = index.get(key);
    if (e === undefined) {
      e = entries.length;
      index.set(key, e);
      entries.push({ key, ...describe(key) });
      counts.push(0);
    }
    counts[e]! += 1;
    raw[i] = e;
  });
  // Sources have no inherent order: alphabetical, coloured in that order.
  const order = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.order - b.e.order || a.e.label.localeCompare(b.e.label));
  const remap = new Uint16Array(entries.length);
  const legend: LegendEntry[] = order.map(({ e, i }, pos) => {
    remap[i] = pos;
    const color = e.color || categoryColor(pos);
    return { key: e.key, label: e.label, color, count: counts[i]! };
  });
  const colorIndex = raw.map((e) => remap[e]!);
  return { colorIndex, palette: legend.map((l) => l.color), legend };
}

/** 1 for points whose legend entry is hidden (drawn grey, not hoverable). */
export function mutedMask(c: Colouring, hidden: readonly string[]): Uint8Array {
  const hiddenEntry = c.legend.map((l) => hidden.includes(l.key));
  return Uint8Array.from(c.colorIndex, (e) => (hiddenEntry[e] ? 1 : 0));
}

/** Folds case, width and accents so "LEGO", "lego" and "ｌｅｇｏ" match alike. */
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** Indices of the rows whose text contains the query (folded); null for an empty query. */
export function searchMatches(rows: readonly CatalogRow[], query: string): Int32Array | null {
  const q = fold(query.trim());
  if (q === '') return null;
  const out: number[] = [];
  rows.forEach((r, i) => {
    if (fold(r.t).includes(q)) out.push(i);
  });
  return Int32Array.from(out);
}

export interface PlacedNeighbour extends NeighbourItem {
  /** Catalog row index, or -1 when the text is not in this catalog. */
  index: number;
}

/**
 * Finds each neighbour's catalog row (by text and level-1 id: the client sends the row's text,
 * not its index) so it can be marked on the map and its details shown.
 */
export function placeNeighbours(
  neighbours: readonly NeighbourItem[],
  rows: readonly CatalogRow[],
  level1: readonly LabelEntry[],
): PlacedNeighbour[] {
  const wanted = new Set(neighbours.map((n) => n.text));
  const byText = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (!wanted.has(r.t)) return;
    const list = byText.get(r.t);
    if (list) list.push(i);
    else byText.set(r.t, [i]);
  });
  const used = new Set<number>();
  return neighbours.map((n) => {
    const candidates = byText.get(n.text) ?? [];
    const index =
      candidates.find((i) => !used.has(i) && level1[rows[i]!.l1]?.id === n.level1) ??
      candidates.find((i) => !used.has(i)) ??
      -1;
    if (index >= 0) used.add(index);
    return { ...n, index };
  });
}

/** The point of catalog row i in interleaved coordinates. */
export function pointAt(coords: Float32Array, i: number): { x: number; y: number } {
  return { x: coords[2 * i] ?? NaN, y: coords[2 * i + 1] ?? NaN };
}

/**
 * The catalog repeated (with a small seeded jitter, 1% of each span) up to `target` points: a
 * load test for the renderer beyond the pack's own catalog size (diagnostics / bench only).
 */
export function repeatCatalog(
  rows: readonly CatalogRow[],
  coords: Float32Array,
  target: number,
): { rows: CatalogRow[]; coords: Float32Array } {
  const n = rows.length;
  if (n === 0 || target <= n)
    return { rows: rows.slice(0, Math.max(target, 0)), coords: coords.slice(0, 2 * Math.max(target, 0)) };
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, coords[2 * i]!);
    maxX = Math.max(maxX, coords[2 * i]!);
    minY = Math.min(minY, coords[2 * i + 1]!);
    maxY = Math.max(maxY, coords[2 * i + 1]!);
  }
  let seed = 12345;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32 - 0.5;
  const out = new Float32Array(2 * target);
  const outRows: CatalogRow[] = [];
  for (let i = 0; i < target; i++) {
    const src = i % n;
    const jitter = i >= n ? 0.02 : 0;
    out[2 * i] = coords[2 * src]! + rnd() * jitter * (maxX - minX);
    out[2 * i + 1] = coords[2 * src + 1]! + rnd() * jitter * (maxY - minY);
    outRows.push(rows[src]!);
  }
  return { rows: outRows, coords: out };
}

/**
 * The marker series over the dense points: the live listing's neighbours, the selected catalog
 * item and the live listing itself (drawn last, on top). Points outside the drawn catalog are left out.
 */
export function markerSeries(
  coords: Float32Array,
  count: number,
  neighbours: readonly PlacedNeighbour[],
  selected: number | null,
  live: readonly [number, number] | null,
): MarkerSeries[] {
  const m: MarkerSeries[] = [];
  const placed = neighbours.filter((n) => n.index >= 0 && n.index < count);
  if (placed.length)
    m.push({
      name: 'Nearest neighbours',
      points: placed.map((n) => pointAt(coords, n.index)),
      fill: '#ffffff',
      shape: 'diamond',
      size: 90,
    });
  if (selected !== null && selected >= 0 && selected < count)
    m.push({
      name: 'Selected',
      points: [pointAt(coords, selected)],
      fill: '#ff7f0e',
      shape: 'circle',
      size: 160,
    });
  if (live && Number.isFinite(live[0]) && Number.isFinite(live[1]))
    m.push({
      name: 'Your listing',
      points: [{ x: live[0], y: live[1] }],
      fill: '#111111',
      shape: 'star',
      size: 260,
    });
  return m;
}
