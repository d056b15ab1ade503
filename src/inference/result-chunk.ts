/**
 * How classify results cross the worker boundary: one ResultChunk per model batch, in columns
 * (typed arrays, transferred, not copied), sent as soon as the batch is done; the page turns each
 * chunk into ListingResult rows (decoded as they are read) while the worker computes the next one.
 * Why: as objects, 10,000 results were ~400,000 strings and 640,000 latent numbers to serialize in
 * the worker and rebuild on the page, one message at the very end (about a sixth of a batch's time).
 * Label names are not sent: the page has the pack's label tables (given once, at load).
 */
import type { CategorizeColumns } from '../ml/pack/categorizer';
import type { CatalogRow } from '../ml/pack/manifest';
import type { CategoryScore, DeepScore, LabelEntry, ListingResult, NeighbourItem } from './inference-client';

/**
 * A batch's columns (CategorizeColumns: class indexes, probabilities, latent and map positions as
 * typed arrays) with deep suggestions and neighbours as the page shows them (no entry for a row:
 * none were asked for).
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
function score(labels: readonly LabelEntry[], index: number, prob: number): CategoryScore {
  const l = labels[index];
  return {
    id: l?.id ?? '',
    nameEn: l?.nameEn ?? '',
    nameZh: l?.nameZh ?? '',
    pathEn: l?.pathEn ?? '',
    googleId: l?.googleId ?? null,
    prob,
  };
}

/** A chunk and the label tables its class indexes point into, shared by the chunk's rows. */
interface ChunkSource {
  c: ResultChunk;
  labels: ResultLabels;
}

/**
 * One row of a chunk, read from the chunk's columns when a field is first asked for, then kept.
 * Why: built eagerly, a 10,000-row batch was ~150,000 objects (ten suggestions, their two arrays,
 * two map points and a latent view per row) made on the page thread while both cores ran the
 * workers, and most are never read: the batch table keeps each row's top suggestions, the map
 * reads positions. The values are the same as eager decoding gave (result-chunk.test.ts).
 * A row is not plain data: to send one elsewhere (postMessage, IndexedDB, a test's page.evaluate),
 * read what is needed, or take plainResult(row).
 */
class ChunkRow implements ListingResult {
  // Private (#) fields: not enumerable, so structured clone or Playwright's serializer see none of
  // the chunk behind a row (only JSON.stringify, through toJSON, sees the fields).
  readonly #src: ChunkSource;
  readonly #i: number;
  #l1: CategoryScore[] | null = null;
  #l2: CategoryScore[] | null = null;
  #mu: Float32Array | null = null;
  #pca: [number, number] | null = null;
  #umap: [number, number] | null = null;
  #deep: DeepScore[] | null = null;
  #neighbours: NeighbourItem[] | null = null;

  constructor(src: ChunkSource, i: number) {
    this.#src = src;
    this.#i = i;
  }

  #scores(index: Uint16Array, prob: Float32Array, k: number, labels: readonly LabelEntry[]) {
    const out: CategoryScore[] = [];
    for (let j = this.#i * k; j < (this.#i + 1) * k; j++) out.push(score(labels, index[j]!, prob[j]!));
    return out;
  }

  get level1(): CategoryScore[] {
    const { c, labels } = this.#src;
    return (this.#l1 ??= this.#scores(c.level1Index, c.level1Prob, c.k1, labels.level1));
  }

  get level2(): CategoryScore[] {
    const { c, labels } = this.#src;
    return (this.#l2 ??= this.#scores(c.level2Index, c.level2Prob, c.k2, labels.level2));
  }

  get deep(): DeepScore[] {
    return (this.#deep ??= this.#src.c.deep[this.#i] ?? []);
  }

  get neighbours(): NeighbourItem[] {
    return (this.#neighbours ??= this.#src.c.neighbours[this.#i] ?? []);
  }

  get mu(): Float32Array {
    const { c } = this.#src;
    return (this.#mu ??= c.mu.subarray(this.#i * c.latent, (this.#i + 1) * c.latent));
  }

  get pca(): [number, number] {
    const p = this.#src.c.pca;
    return (this.#pca ??= [p[this.#i * 2]!, p[this.#i * 2 + 1]!]);
  }

  get umap(): [number, number] {
    const p = this.#src.c.umap;
    return (this.#umap ??= [p[this.#i * 2]!, p[this.#i * 2 + 1]!]);
  }

  get empty(): boolean {
    return this.#src.c.empty[this.#i] === 1;
  }

  /** The row as a plain object (what JSON.stringify writes). */
  toJSON(): ListingResult {
    return plainResult(this);
  }
}

/** A ListingResult as a plain data object: every field read (and so decoded) once. */
export function plainResult(r: ListingResult): ListingResult {
  return {
    level1: r.level1,
    level2: r.level2,
    deep: r.deep,
    mu: r.mu,
    pca: r.pca,
    umap: r.umap,
    neighbours: r.neighbours,
    empty: r.empty,
  };
}

/** The chunk's rows as ListingResult objects, each decoded as it is read (mu: a view of the chunk). */
export function decodeChunk(c: ResultChunk, labels: ResultLabels): ListingResult[] {
  const src: ChunkSource = { c, labels };
  const out: ListingResult[] = new Array<ListingResult>(c.n);
  for (let i = 0; i < c.n; i++) out[i] = new ChunkRow(src, i);
  return out;
}
