/**
 * How classify results cross the worker boundary: one ResultChunk per model batch, in columns
 * (typed arrays, transferred, not copied), sent as soon as the batch is done; the page turns
 * each chunk into ListingResult objects while the worker computes the next one. Why: as objects,
 * 10,000 results were ~400,000 strings and 640,000 latent numbers to serialize in the worker and
 * rebuild on the page, one message at the very end (about a sixth of a batch's time).
 * Label names are not sent: the page has the pack's label tables (given once, at load).
 */
import type { CategorizeColumns } from '../ml/pack/categorizer';
import type { CatalogRow } from '../ml/pack/manifest';
import type { CategoryScore, DeepScore, LabelEntry, ListingResult, NeighbourItem } from './inference-client';

/**
 * A batch's columns (CategorizeColumns: class indexes, probabilities, latent and map positions as
 * typed arrays) with deep suggestions and neighbours as the page shows them.
 */
export type ResultChunk = Omit<CategorizeColumns, 'deep' | 'neighbours'> & {
  /** Position of the chunk's first row in the request. */
  start: number;
  /** Per row; [] when none were asked for. */
  deep: DeepScore[][];
  neighbours: NeighbourItem[][];
};

/** The pack's label tables, which turn class indexes back into categories. */
export interface ResultLabels {
  level1: readonly LabelEntry[];
  level2: readonly LabelEntry[];
}

/** A batch's columns as the chunk the worker sends (neighbours resolved to catalog rows). */
export function chunkOf(
  c: CategorizeColumns,
  start: number,
  catalog: readonly CatalogRow[],
  labels: ResultLabels,
): ResultChunk {
  return {
    ...c,
    start,
    // Fresh objects per call (rankDeep), plain data: sent as they are.
    deep: c.deep,
    neighbours: c.neighbours.map((row) =>
      row.map((n) => {
        const item = catalog[n.index];
        return {
          text: item?.t ?? '',
          level1: item ? (labels.level1[item.l1]?.id ?? '') : '',
          level2: item ? (labels.level2[item.l2]?.id ?? '') : '',
          similarity: n.similarity,
        };
      }),
    ),
  };
}

/** The chunk's buffers, for postMessage's transfer list. */
export function chunkTransfer(c: ResultChunk): ArrayBuffer[] {
  const views = [c.level1Index, c.level1Prob, c.level2Index, c.level2Prob, c.mu, c.pca, c.umap, c.empty];
  const buffers = new Set<ArrayBuffer>();
  for (const v of views) if (v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
  return [...buffers];
}

/** A row's suggestion: a small object pointing at the label table's strings (shared, not copied). */
function scorer(labels: readonly LabelEntry[]): (index: number, prob: number) => CategoryScore {
  return (index, prob) => {
    const l = labels[index];
    return {
      id: l?.id ?? '',
      nameEn: l?.nameEn ?? '',
      nameZh: l?.nameZh ?? '',
      pathEn: l?.pathEn ?? '',
      googleId: l?.googleId ?? null,
      prob,
    };
  };
}

/** The chunk's rows as ListingResult objects (mu is a view of the chunk's buffer). */
export function decodeChunk(c: ResultChunk, labels: ResultLabels): ListingResult[] {
  const s1 = scorer(labels.level1);
  const s2 = scorer(labels.level2);
  const out: ListingResult[] = new Array<ListingResult>(c.n);
  for (let i = 0; i < c.n; i++) {
    const level1: CategoryScore[] = [];
    for (let j = i * c.k1; j < (i + 1) * c.k1; j++) level1.push(s1(c.level1Index[j]!, c.level1Prob[j]!));
    const level2: CategoryScore[] = [];
    for (let j = i * c.k2; j < (i + 1) * c.k2; j++) level2.push(s2(c.level2Index[j]!, c.level2Prob[j]!));
    out[i] = {
      level1,
      level2,
      deep: c.deep[i] ?? [],
      mu: c.mu.subarray(i * c.latent, (i + 1) * c.latent),
      pca: [c.pca[i * 2]!, c.pca[i * 2 + 1]!],
      umap: [c.umap[i * 2]!, c.umap[i * 2 + 1]!],
      neighbours: c.neighbours[i] ?? [],
      empty: c.empty[i] === 1,
    };
  }
  return out;
}
