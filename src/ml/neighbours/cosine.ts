/** Nearest catalog items by cosine similarity of latent means (brute force: catalogs are <= 5k). */

/** Returns a copy of the rows, each scaled to unit length (zero rows stay zero). */
export function normalizeRows(data: Float32Array, d: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length / d; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += data[i * d + j]! ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < d; j++) out[i * d + j] = data[i * d + j]! * inv;
  }
  return out;
}

export interface Neighbour {
  index: number;
  similarity: number;
}

/** k nearest rows of a unit-normalized matrix to the query (normalized here). */
export function nearest(unitRows: Float32Array, d: number, query: ArrayLike<number>, k: number): Neighbour[] {
  let qn = 0;
  for (let j = 0; j < d; j++) qn += (query[j] ?? 0) ** 2;
  const inv = qn > 0 ? 1 / Math.sqrt(qn) : 0;
  const n = unitRows.length / d;
  const best: Neighbour[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += unitRows[i * d + j]! * (query[j] ?? 0);
    s *= inv;
    if (best.length < k || s > best[best.length - 1]!.similarity) {
      best.push({ index: i, similarity: s });
      best.sort((a, b) => b.similarity - a.similarity);
      if (best.length > k) best.pop();
    }
  }
  return best;
}

/** Places a new point in a 2-D map at the similarity-weighted mean of its neighbours' coordinates. */
export function placeByNeighbours(coords: Float32Array, neighbours: readonly Neighbour[]): [number, number] {
  let wx = 0;
  let wy = 0;
  let w = 0;
  for (const nb of neighbours) {
    const weight = Math.max(1e-6, nb.similarity) ** 4; // sharpen: the closest items dominate
    wx += coords[nb.index * 2]! * weight;
    wy += coords[nb.index * 2 + 1]! * weight;
    w += weight;
  }
  return w > 0 ? [wx / w, wy / w] : [0, 0];
}
