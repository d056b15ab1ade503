/**
 * How well a 2-D map keeps the latent structure: for each labelled catalog point, the share of its
 * k nearest neighbours with the same level-1 label, in the latent (cosine) and in each 2-D map
 * (Euclidean). A map that scores near the latent shows the neighbourhoods the model really has.
 */

/** Neighbours per point: the k the app lists for a listing, and large enough to be stable. */
export const MAP_QUALITY_K = 10;

export interface KnnAgreement {
  k: number;
  /** Labelled points the figure is averaged over. */
  points: number;
  latent: number;
  pca: number;
  umap: number;
}

/** Mean same-label share among each point's k nearest others, under `dist` (smaller is nearer). */
export function knnLabelAgreement(
  n: number,
  labels: ArrayLike<number>,
  k: number,
  dist: (i: number, j: number) => number,
): { agreement: number; points: number } {
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if ((labels[i] ?? -1) >= 0) idx.push(i);
  if (idx.length <= k) return { agreement: 0, points: idx.length };
  let sum = 0;
  const d = new Float64Array(idx.length);
  const order = idx.map((_, a) => a);
  for (let a = 0; a < idx.length; a++) {
    const i = idx[a]!;
    for (let b = 0; b < idx.length; b++) d[b] = b === a ? Infinity : dist(i, idx[b]!);
    // Partial selection is enough: k is tiny next to n.
    order.sort((x, y) => d[x]! - d[y]!);
    let same = 0;
    for (let r = 0; r < k; r++) if (labels[idx[order[r]!]!] === labels[i]) same++;
    sum += same / k;
  }
  return { agreement: sum / idx.length, points: idx.length };
}

/** The figure for a pack's catalog: mu [n x d], coords = [n x 2 PCA, then n x 2 UMAP]. */
export function mapQuality(
  mu: Float32Array,
  d: number,
  coords: Float32Array,
  labels: ArrayLike<number>,
  k = MAP_QUALITY_K,
): KnnAgreement {
  const n = labels.length;
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += mu[i * d + j]! ** 2;
    norms[i] = Math.sqrt(s) || 1;
  }
  const cosine = (i: number, j: number) => {
    let s = 0;
    for (let t = 0; t < d; t++) s += mu[i * d + t]! * mu[j * d + t]!;
    return 1 - s / (norms[i]! * norms[j]!);
  };
  const planar = (offset: number) => (i: number, j: number) =>
    (coords[offset + i * 2]! - coords[offset + j * 2]!) ** 2 +
    (coords[offset + i * 2 + 1]! - coords[offset + j * 2 + 1]!) ** 2;
  const latent = knnLabelAgreement(n, labels, k, cosine);
  return {
    k,
    points: latent.points,
    latent: latent.agreement,
    pca: knnLabelAgreement(n, labels, k, planar(0)).agreement,
    umap: knnLabelAgreement(n, labels, k, planar(n * 2)).agreement,
  };
}
