/**
 * Synthetic classification set for this folder's tests and bench: the class picks a subset of ids
 * and of bag-of-words columns, so a working model separates it within a few dozen steps.
 */
export interface SyntheticSet {
  ids: Int32Array;
  seqLen: number;
  rows: number;
  bow: Float32Array;
  vocab: number;
  level1: Int32Array;
  level2: Int32Array;
}

export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function syntheticSet(opts: {
  rows: number;
  seqLen: number;
  buckets: number;
  vocab: number;
  classes: number;
  seed: number;
}): SyntheticSet {
  const { rows, seqLen, buckets, vocab, classes } = opts;
  const rnd = lcg(opts.seed);
  const ids = new Int32Array(rows * seqLen);
  const bow = new Float32Array(rows * vocab);
  const level1 = new Int32Array(rows);
  const level2 = new Int32Array(rows);
  const idsPerClass = Math.floor((buckets - 1) / classes);
  const wordsPerClass = Math.max(1, Math.floor(vocab / classes));
  for (let r = 0; r < rows; r++) {
    const c = r % classes;
    level1[r] = c;
    const sub = Math.floor(rnd() * 2);
    level2[r] = c * 2 + sub;
    // Variable length, padded with 0; 3/4 of tokens from the class's range, the rest noise.
    const len = 1 + Math.floor(rnd() * seqLen);
    for (let t = 0; t < len; t++) {
      const fromClass = rnd() < 0.75;
      const id = fromClass
        ? 1 + c * idsPerClass + Math.floor(rnd() * Math.min(idsPerClass, 40)) + sub * 40
        : 1 + Math.floor(rnd() * (buckets - 1));
      ids[r * seqLen + t] = Math.min(buckets - 1, id);
      const w = fromClass ? c * wordsPerClass + Math.floor(rnd() * wordsPerClass) : Math.floor(rnd() * vocab);
      bow[r * vocab + w] = (bow[r * vocab + w] ?? 0) + 1 / len;
    }
  }
  return { ids, seqLen, rows, bow, vocab, level1, level2 };
}
