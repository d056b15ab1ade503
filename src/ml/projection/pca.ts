/**
 * PCA to 2-D for the catalog map: the top eigenvectors of the covariance, by power iteration with
 * deflation. Latent sizes are small (16-64), so a d x d covariance is cheap and exact enough.
 */

export interface Pca2 {
  mean: number[];
  components: number[][];
}

/** rows: n x d (flattened). Deterministic: power iteration starts from a fixed vector. */
export function fitPca(data: Float32Array, n: number, d: number, k = 2, iterations = 200): Pca2 {
  const mean = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += data[i * d + j]! / n;
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const xa = data[i * d + a]! - mean[a]!;
      const row = cov[a]!;
      for (let b = a; b < d; b++) row[b]! += (xa * (data[i * d + b]! - mean[b]!)) / Math.max(1, n - 1);
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[a]![b] = cov[b]![a]!;
  const components: number[][] = [];
  for (let c = 0; c < k; c++) {
    let v = Array.from({ length: d }, (_, j) => 1 / Math.sqrt(d) + j * 1e-3);
    let lambda = 0;
    for (let it = 0; it < iterations; it++) {
      const w = cov.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0));
      const norm = Math.hypot(...w) || 1;
      lambda = norm;
      v = w.map((x) => x / norm);
    }
    // A fixed sign makes the map orientation reproducible.
    const s = v.reduce((acc, x) => acc + x, 0) < 0 ? -1 : 1;
    v = v.map((x) => x * s);
    components.push(v);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a]![b]! -= lambda * v[a]! * v[b]!;
  }
  return { mean, components };
}

export function projectPca(pca: Pca2, vec: ArrayLike<number>): [number, number] {
  const out = new Float64Array(2);
  projectPcaInto(pca, vec, out, 0);
  return [out[0]!, out[1]!];
}

/** projectPca of vec[from, from + d) written at out[at], out[at + 1]: a batch's positions, no arrays per row. */
export function projectPcaInto(
  pca: Pca2,
  vec: ArrayLike<number>,
  out: Float64Array,
  at: number,
  from = 0,
): void {
  for (let c = 0; c < 2; c++) {
    const comp = pca.components[c];
    let s = 0;
    if (comp)
      for (let j = 0; j < comp.length; j++) s += comp[j]! * ((vec[from + j] ?? 0) - (pca.mean[j] ?? 0));
    out[at + c] = s;
  }
}
