/**
 * The runtime over a loaded model pack: text -> tokenizer -> encoder -> level-1 / level-2
 * suggestions, deep suggestions, 2-D map position and nearest catalog items. The same code runs
 * in the browser worker, the Node classify CLI and the evaluation, so their numbers agree.
 */
import type * as tf from '@tensorflow/tfjs';
import { loadEncoderForInference, type LayersModelJson } from '../model/layers-io';
import {
  predictRows,
  readHostBagWeights,
  readHostBagWeightsAsync,
  type BatchOutputs,
  type HostBagWeights,
} from '../model/predict';
import { dequantizeUint8 } from '../model/quantize';
import { normalizeRows, placeByNeighbours, type Neighbour } from '../neighbours/cosine';
import { projectPcaInto } from '../projection/pca';
import { featureIds, featureRow, featureRows, type FeatureRow } from '../tokenizer/tokenize';
import type { CatalogRow, DeepNode, LabelEntry, PackManifest } from './manifest';

import { computeNameFeatures, countNames, decodeNameFeatures, type NameFeatures } from './name-features';
import { createCatalogDots, type CatalogDots } from './catalog-dots';
import { createNameScanner, MAX_NARROW_NAMES, type NameScanner } from './name-scan';
import { readManifest, readVerified, type PackSource } from './pack-source';
import { predictRowsAsync, type OutputScratch } from './predict-async';

export interface Suggestion {
  index: number;
  id: string;
  prob: number;
}

export interface DeepSuggestion {
  id: string;
  nameEn: string;
  nameZh: string;
  pathEn: string;
  pathZh: string;
  googleId: number | null;
  score: number;
}

export interface CategorizeResult {
  level1: Suggestion[];
  level2: Suggestion[];
  deep: DeepSuggestion[];
  mu: Float32Array;
  pca: [number, number];
  umap: [number, number];
  neighbours: Neighbour[];
  /** True when the text had no features at all (empty, symbols only): suggestions are priors. */
  empty: boolean;
}

/**
 * A batch's answers in columns, one typed array per field (row r's k suggestions at [r * k, r * k + k)):
 * what the worker sends to the page (its buffers are transferred, not copied) and what a batch is
 * built as, with no objects per row. classify() turns it into CategorizeResult objects.
 */
export interface CategorizeColumns {
  n: number;
  /** Suggestions per row: min(topK, classes) of each level. */
  k1: number;
  k2: number;
  /** [n x k1] class indexes, best first, and their probabilities. */
  level1Index: Uint16Array;
  level1Prob: Float32Array;
  level2Index: Uint16Array;
  level2Prob: Float32Array;
  latent: number;
  /** [n x latent] */
  mu: Float32Array;
  /** [n x 2] map positions. */
  pca: Float64Array;
  umap: Float64Array;
  /** 1 where the text had no features at all. */
  empty: Uint8Array;
  /**
   * Per row; no entries at all (length 0) when none were asked for, so a batch of 10,000 rows does
   * not carry 20,000 empty arrays across the worker boundary: read them as `deep[i] ?? []`.
   */
  deep: DeepSuggestion[][];
  neighbours: Neighbour[][];
}

export interface ClassifyOptions {
  topK?: number;
  neighbours?: number;
  deep?: number;
  /** Work in batches of this many rows (bounded memory for huge inputs). */
  batchSize?: number;
  /** Reweight by matches with taxonomy names (default true; false = the VAE heads alone). */
  nameEvidence?: boolean;
}

/**
 * Deep ranking = how much of a node's name the listing contains + a level-2 log-prior from the
 * classifier. Names carry the fine distinctions (hiking boots vs rain boots) that a 2-level
 * classifier's latent never had to learn. Measured on the merchant dev set (first model): adding
 * latent similarity to per-node prototypes lowered hit@5 (0.25 weight: 0.49, 0.5: 0.42, 0: 0.52).
 */
const DEEP_WEIGHTS = { lexical: 1, prior: 0.05 };
/**
 * Taxonomy-name evidence for levels 1 and 2: the heads' probabilities are multiplied by
 * exp(w * best name match under the class). The match is name containment (below), not cosine:
 * a long listing that says "holster" once matches "Weapon Holsters" as well as a short one does.
 * Measured on the merchant dev set with the shipped heads (L1 / L2 / deep hit@5, test split L1):
 * cosine w8 67.6 / 53.7 / 55.4, 86.4; containment w3 67.5 / 54.7 / 62.8, 86.5; w5 69.4 / 57.4 / 62.6,
 * 86.0; w8 69.7 / 59.9 / 62.3, 84.7. Level 1 keeps the test split flat; level 2 gains more from names.
 * With the merchant lexicon (names + aliases, heads trained with lexicon listings), L1 / L2 dev,
 * L1 test: w3/5 81.7 / 77.3, 86.6; w4/6 83.1 / 79.2, 86.5; w5/8 83.8 / 81.0, 86.3; w8/8 86.6 / 81.0,
 * 85.5. 4/6: beyond it each dev point costs test-split accuracy (real listings of other shops).
 */
const NAME_EVIDENCE_WEIGHT = { level1: 4, level2: 6 };
/**
 * The match enters as match^NAME_EVIDENCE_POWER: a listing that contains a whole distinctive name
 * ("rifle sling") is strong evidence, one that shares half of a name's n-grams ("sling" of "baby
 * sling") is weak. Same pack and weights 4/6, dev L1 (en) / L2, test split L1: power 1 83.3 (77.5) /
 * 79.0, 86.4; 2: 84.8 (79.0) / 82.0, 86.4; 3: 85.7 (80.6) / 83.1, 86.3; 4: 86.0 (81.0) / 83.2, 86.3.
 * 3: past it the gains are small and it is a steeper curve than the evidence supports.
 */
const NAME_EVIDENCE_POWER = 3;
/** match^NAME_EVIDENCE_POWER by multiplications: `**` (Math.pow) cost ~145 ns a call, ~200 a row. */
function evidencePower(b: number): number {
  let r = b;
  for (let i = 1; i < NAME_EVIDENCE_POWER; i++) r *= b;
  return r;
}
/**
 * A name's idf mass (sum of squared idf of its indexed features) below which a full match counts
 * for less: one short word ("Cases") is weaker evidence than a whole name ("Weapon Holsters").
 * About two distinctive words' worth; 20/40/80 measured, 80 best for deep hit@5.
 */
const NAME_MIN_MASS = 80;
/**
 * Logit adjustment: p'(c) ~ p(c) / prior(c)^strength, with the training priors from the manifest.
 * Merchant listings come from every root, so level 1 divides the sampler's prior out fully
 * (strength 1, the Bayes correction to a uniform prior). Level 2 keeps half: level-2 classes do
 * differ in how often shops list them. Measured on the merchant dev set with the shipped heads and
 * name evidence: level 1 67.5 -> 68.9%, level 2 54.7 -> 55.5% (at 1: 54.5%); the test split stays at 86.5%.
 */
const PRIOR_CORRECTION = { level1: 1, level2: 0.5 };
/** Deep candidates come from the subtrees of this many top level-2 classes. */
const DEEP_SUBTREES = 3;
/**
 * Share of the indexed names above which a feature is too common to index (see buildLexicalIndex).
 * With the lexicon's terms the index holds ~57,000 names (21,000 before): at 0.02 the posting lists
 * grew 4-5x and a levels-only row cost 1.7 ms in Node; 0.008 (about the old absolute cut, ~450
 * names) costs 0.9 ms with dev L1 / L2 / deep hit@5 83.3 / 79.0 / 90.1% (0.02: 83.1 / 79.2 / 90.6;
 * 0.004: 0.8 ms, 82.8 / 78.0 / 89.6), test split 86.4%.
 */
const DEEP_MAX_DF = 0.008;
/** Plus this many best lexical matches from anywhere in the taxonomy. */
const DEEP_LEXICAL_CANDIDATES = 50;

/**
 * out[c] ~ p[from + c] * correction[c] * exp(weight * best[c + 1]^NAME_EVIDENCE_POWER), normalized
 * to sum 1, for the `count` classes; clears best (slot 0 collects names outside the label space).
 */
function applyNameEvidence(
  p: Float32Array,
  from: number,
  count: number,
  best: Float32Array,
  weight: number,
  correction: Float64Array,
  out: Float32Array,
): void {
  let sum = 0;
  best[0] = 0;
  for (let c = 0; c < count; c++) {
    const b = best[c + 1]!;
    // exp(0) is exactly 1: classes without a name match skip the exp (most of them, per row).
    out[c] = p[from + c]! * correction[c]! * (b === 0 ? 1 : Math.exp(weight * evidencePower(b)));
    sum += out[c]!;
    best[c + 1] = 0;
  }
  for (let c = 0; c < count; c++) out[c] = out[c]! / (sum || 1);
}

/**
 * The k most probable of the `count` classes at probs[from, from + count), best first, ties by
 * lower index (what a stable sort gave): one insertion pass instead of sorting every class per row
 * (k is 5 in the app, the classes 196). Written at [at, at + k) of `index` / `prob`; returns how
 * many (min(k, count)).
 */
function topKInto(
  probs: Float32Array,
  from: number,
  count: number,
  k: number,
  index: Uint16Array,
  prob: Float32Array,
  at: number,
): number {
  const m = Math.min(k, count);
  let filled = 0;
  for (let i = 0; i < count; i++) {
    const v = probs[from + i]!;
    if (filled === m && !(v > prob[at + m - 1]!)) continue;
    let j = filled < m ? filled++ : m - 1;
    while (j > 0 && v > prob[at + j - 1]!) {
      index[at + j] = index[at + j - 1]!;
      prob[at + j] = prob[at + j - 1]!;
      j--;
    }
    index[at + j] = i;
    prob[at + j] = v;
  }
  return m;
}

/** topKInto as objects (deep ranking's level-2 subtrees). */
const topK = (probs: Float32Array, k: number): Suggestion[] => {
  const m = Math.min(k, probs.length);
  const index = new Uint16Array(m);
  const prob = new Float32Array(m);
  topKInto(probs, 0, probs.length, m, index, prob, 0);
  return Array.from(index, (i, j) => ({ index: i, id: '', prob: prob[j]! }));
};

/** Columns as one CategorizeResult object per row (ids left '', as the caller maps labels). */
export function resultRows(
  c: CategorizeColumns,
  level1: readonly LabelEntry[] = [],
  level2: readonly LabelEntry[] = [],
): CategorizeResult[] {
  const out: CategorizeResult[] = [];
  const pick = (
    index: Uint16Array,
    prob: Float32Array,
    k: number,
    i: number,
    labels: readonly LabelEntry[],
  ) => {
    const s: Suggestion[] = [];
    for (let j = i * k; j < i * k + k; j++)
      s.push({ index: index[j]!, id: labels[index[j]!]?.id ?? '', prob: prob[j]! });
    return s;
  };
  for (let i = 0; i < c.n; i++)
    out.push({
      level1: pick(c.level1Index, c.level1Prob, c.k1, i, level1),
      level2: pick(c.level2Index, c.level2Prob, c.k2, i, level2),
      deep: c.deep[i] ?? [],
      mu: c.mu.slice(i * c.latent, (i + 1) * c.latent),
      pca: [c.pca[i * 2]!, c.pca[i * 2 + 1]!],
      umap: [c.umap[i * 2]!, c.umap[i * 2 + 1]!],
      neighbours: c.neighbours[i] ?? [],
      empty: c.empty[i] === 1,
    });
  return out;
}

/** Keys of the k largest values (one pass; k is small). */
function topEntries(m: Map<number, number>, k: number): number[] {
  const best: [number, number][] = [];
  for (const [key, v] of m) {
    if (best.length < k) {
      best.push([key, v]);
      if (best.length === k) best.sort((a, b) => b[1] - a[1]);
    } else if (v > best[k - 1]![1]) {
      let j = k - 1;
      while (j > 0 && best[j - 1]![1] < v) {
        best[j] = best[j - 1]!;
        j--;
      }
      best[j] = [key, v];
    }
  }
  return best.map(([key]) => key);
}

/**
 * neighbours/cosine.ts's nearest with the same arithmetic and tie order (a new row goes after
 * equal similarities), for a Float32Array query: no per-element `?? 0`, no sort per insertion, and
 * four catalog rows per pass (four independent sums, each added in its own j order, so the same
 * numbers). It runs over the whole catalog (4,000 x 64) on every keystroke: it was most of a
 * single listing's time.
 */
function nearestUnit(
  unitRows: Float32Array,
  d: number,
  query: Float32Array,
  k: number,
  kernel: CatalogDots | null = null,
): Neighbour[] {
  let qn = 0;
  for (let j = 0; j < d; j++) qn += query[j]! ** 2;
  const inv = qn > 0 ? 1 / Math.sqrt(qn) : 0;
  const n = unitRows.length / d;
  const q = Float64Array.from(query.subarray(0, d));
  const best: Neighbour[] = [];
  const offer = (i: number, sum: number) => {
    const s = sum * inv;
    if (best.length < k || s > best[best.length - 1]!.similarity) {
      let at = best.length;
      while (at > 0 && best[at - 1]!.similarity < s) at--;
      best.splice(at, 0, { index: i, similarity: s });
      if (best.length > k) best.pop();
    }
  };
  if (kernel) {
    // The same sums, computed in WebAssembly, offered in the same order.
    const sums = kernel.dots(q);
    for (let r = 0; r < n; r++) offer(r, sums[r]!);
    return best;
  }
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const b0 = i * d;
    const b1 = b0 + d;
    const b2 = b1 + d;
    const b3 = b2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < d; j++) {
      const qj = q[j]!;
      s0 += unitRows[b0 + j]! * qj;
      s1 += unitRows[b1 + j]! * qj;
      s2 += unitRows[b2 + j]! * qj;
      s3 += unitRows[b3 + j]! * qj;
    }
    offer(i, s0);
    offer(i + 1, s1);
    offer(i + 2, s2);
    offer(i + 3, s3);
  }
  for (; i < n; i++) {
    const base = i * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += unitRows[base + j]! * q[j]!;
    offer(i, s);
  }
  return best;
}

export class Categorizer {
  private readonly catalogUnit: Float32Array;
  /** The dot products of nearest-catalog search in WebAssembly, where it runs (catalog-dots.ts). */
  private readonly catalogDots: CatalogDots | null;
  private readonly deepByL2 = new Map<string, number[]>();
  /** pathOf's cache, by node index. */
  private readonly deepPaths: ({ en: string; zh: string } | undefined)[] = [];
  private nodeById: Map<string, DeepNode> | null = null;
  /** The name index and its scan (name-scan.ts: WebAssembly, or JS where that is missing). */
  private scanner!: NameScanner;
  private seenStamp = 0;
  private corrections: { level1: Float64Array; level2: Float64Array } | null = null;
  /** withNameEvidence's outputs, reused row after row (a row's are read before the next). */
  private evidence1 = new Float32Array(0);
  private evidence2 = new Float32Array(0);
  /** Level-1 / level-2 label index of each deep node (-1 when outside the label space). */
  private readonly nodeLevel1: Int32Array;
  private readonly nodeLevel2: Int32Array;
  /** The bag's table and idf read back once: the bag is summed in JS (model/predict.ts says why). */
  private hostBag: HostBagWeights | null = null;
  /** columnsAsync's feature ids and level outputs, reused call after call (null while a call has them). */
  private batchScratch: (OutputScratch & { flat: Int32Array }) | null = {
    flat: new Int32Array(0),
    level1: new Float32Array(0),
    level2: new Float32Array(0),
  };
  /** rankDeep's "already a candidate" marks, one per node (a value no slot holds yet per call). */
  private readonly rankSeen: Int32Array;
  private rankStamp = 0;
  /** Set by load once built: the tables and the name index are built while it still loads. */
  private encoder: tf.LayersModel | null = null;

  private constructor(
    readonly manifest: PackManifest,
    readonly catalog: CatalogRow[],
    readonly catalogMu: Float32Array,
    readonly catalogCoords: Float32Array,
    readonly deepNodes: DeepNode[],
    nameFeatures: NameFeatures | null,
  ) {
    const d = manifest.model.latent;
    this.catalogUnit = normalizeRows(catalogMu, d);
    this.catalogDots = createCatalogDots(this.catalogUnit, d);
    const i1 = new Map(manifest.labels.level1.map((e, i) => [e.id, i]));
    const i2 = new Map(manifest.labels.level2.map((e, i) => [e.id, i]));
    this.rankSeen = new Int32Array(deepNodes.length);
    this.nodeLevel1 = new Int32Array(deepNodes.length);
    this.nodeLevel2 = new Int32Array(deepNodes.length);
    // Ids are paths ('ap-2-1-1'): level 1 is the part before the first '-', level 2 before the second.
    deepNodes.forEach((n, i) => {
      const a = n.id.indexOf('-');
      const b = a < 0 ? -1 : n.id.indexOf('-', a + 1);
      const l2 = a < 0 ? n.id : b < 0 ? n.id : n.id.slice(0, b);
      this.nodeLevel1[i] = i1.get(a < 0 ? n.id : n.id.slice(0, a)) ?? -1;
      this.nodeLevel2[i] = i2.get(l2) ?? -1;
      if (a < 0) return;
      const list = this.deepByL2.get(l2);
      if (list) list.push(i);
      else this.deepByL2.set(l2, [i]);
    });
    this.buildLexicalIndex(nameFeatures ?? computeNameFeatures(deepNodes, manifest.tokenizer));
  }

  /**
   * A node's path of names, root first, made when a deep suggestion shows it (five per listing):
   * for all ~10,000 nodes up front it was ~80 ms of every model load.
   */
  private pathOf(i: number): { en: string; zh: string } {
    const cached = this.deepPaths[i];
    if (cached) return cached;
    if (!this.nodeById) this.nodeById = new Map(this.deepNodes.map((n) => [n.id, n]));
    const byId = this.nodeById;
    const parts = this.deepNodes[i]!.id.split('-');
    const chain = parts.map((_, j) => byId.get(parts.slice(0, j + 1).join('-')));
    const path = {
      en: chain.map((c) => c?.en ?? '?').join(' > '),
      zh: chain.map((c) => c?.zh ?? '?').join(' > '),
    };
    this.deepPaths[i] = path;
    return path;
  }

  /**
   * Inverted index of the deep nodes' names over hashed features: the English and the Chinese name
   * are separate documents (a listing is in one language; a joint vector would halve every match),
   * and so is each alias (`aka`) a node has. Only some of a name's features are indexed (see
   * name-features.ts). Stored flat (CSR over feature ids): lexicalScan walks ~2,000-3,000 postings
   * per listing, and [name, weight] pairs scattered on the heap cost ~200 ns each in cache misses;
   * name-scan.ts gives the layout (16-bit names, a weight per feature, a record per name) and why.
   * Built with typed counters, not Maps and Sets: this runs on every model load (~57k names, ~41 ms
   * in Node), inside the cold start; the names' features come from the pack when it has them.
   */
  private buildLexicalIndex(names: NameFeatures): void {
    const buckets = this.manifest.tokenizer.buckets;
    const { offsets, ids } = names;
    const N = offsets.length - 1;
    const df = new Int32Array(buckets);
    for (let k = 0; k < ids.length; k++) df[ids[k]!]!++;
    // Features in more than DEEP_MAX_DF of the names (e.g. the n-grams of 'accessories') weigh
    // little and make the posting lists long: left out of the index, they cost nothing per keystroke.
    const maxDf = Math.max(1, Math.floor(DEEP_MAX_DF * N));
    const sqIdf = new Float64Array(buckets);
    const postStart = new Int32Array(buckets + 1);
    for (let id = 0; id < buckets; id++) {
      const c = df[id]!;
      if (c === 0 || c > maxDf) continue;
      const w = Math.log((N + 1) / (c + 1)) + 1;
      sqIdf[id] = w * w;
      postStart[id + 1] = c;
    }
    for (let id = 0; id < buckets; id++) postStart[id + 1] = postStart[id + 1]! + postStart[id]!;
    // 16-bit name ids while they fit: half the bytes per posting in the scan (name-scan.ts).
    const postName =
      N <= MAX_NARROW_NAMES ? new Uint16Array(postStart[buckets]!) : new Int32Array(postStart[buckets]!);
    const fill = postStart.slice(0, buckets);
    // Per name [scale as float32 bits, classes]; the scales written through a float32 view.
    const nameRecord = new Int32Array(N * 2);
    const nameScale = new Float32Array(nameRecord.buffer);
    // Name j's node, in nodeNames' order (en, zh, then aliases per node), without its strings.
    const nameNode = new Int32Array(N);
    for (let i = 0, j = 0; i < this.deepNodes.length && j < N; i++) {
      const count = 2 + (this.deepNodes[i]!.aka?.length ?? 0);
      nameNode.fill(i, j, Math.min(N, j + count));
      j += count;
    }
    for (let j = 0; j < N; j++) {
      let mass = 0;
      for (let k = offsets[j]!; k < offsets[j + 1]!; k++) mass += sqIdf[ids[k]!]!;
      // A name's score: its features' idf^2 summed over the row, times this scale (lexicalScan).
      nameScale[j * 2] = mass > 0 ? Math.min(1, mass / NAME_MIN_MASS) / mass : 0;
      for (let k = offsets[j]!; k < offsets[j + 1]!; k++) {
        const id = ids[k]!;
        if (sqIdf[id] === 0) continue;
        const at = fill[id]!;
        fill[id] = at + 1;
        postName[at] = j;
      }
      const node = nameNode[j]!;
      // Class indexes + 1 (0: outside the label space), level 2 in the high bits.
      nameRecord[j * 2 + 1] = ((this.nodeLevel2[node]! + 1) << 16) | (this.nodeLevel1[node]! + 1);
    }
    this.scanner = createNameScanner(
      { postStart, postName, featureWeight: Float32Array.from(sqIdf), nameRecord, nameNode },
      {
        buckets,
        nodes: this.deepNodes.length,
        level1: this.manifest.labels.level1.length,
        level2: this.manifest.labels.level2.length,
        maxIds: Math.max(1, this.manifest.tokenizer.maxTokens),
      },
    );
  }

  /** Where the name scan runs: 'wasm', or 'js' where WebAssembly is missing. */
  get nameScanKind(): 'wasm' | 'js' {
    return this.scanner.kind;
  }

  /**
   * Loads and verifies every file of a pack (size + SHA-256) and builds the categorizer. Every file
   * is requested at once (the shards as soon as model.json names them), and each part is built as
   * soon as its own files are in (the encoder; the catalog and taxonomy tables with the name index),
   * so downloads, hashing and building overlap instead of queueing in the cold start.
   * `backendReady`: the TF.js backend being started meanwhile; awaited before the encoder is built.
   */
  static async load(
    source: PackSource,
    onFile?: (path: string) => void,
    backendReady?: Promise<unknown>,
  ): Promise<Categorizer> {
    const manifest = await readManifest(source);
    const read = (p: string) => {
      const bytes = readVerified(source, manifest, p).then((b) => {
        onFile?.(p);
        return b;
      });
      // Awaited below; a file that fails before its reader gets to it must not count as unhandled.
      bytes.catch(() => undefined);
      return bytes;
    };
    const modelFile = read(manifest.model.file);
    const catalogFile = read(manifest.catalog.file);
    const muFile = read(manifest.catalog.muFile);
    const coordsFile = read(manifest.catalog.coordsFile);
    const deepFile = manifest.deep ? read(manifest.deep.file) : null;
    const namesFile = manifest.deep?.nameFeatures ? read(manifest.deep.nameFeatures) : null;
    const encoderPart = (async () => {
      const modelJson = JSON.parse(new TextDecoder().decode(await modelFile)) as LayersModelJson;
      const shards = await Promise.all((modelJson.weightsManifest[0]?.paths ?? []).map(read));
      // A backend still starting (the browser starts it while the files arrive) must be up first.
      await backendReady;
      return loadEncoderForInference(modelJson, shards);
    })();
    const catalogPart = (async () => {
      const rows = (JSON.parse(new TextDecoder().decode(await catalogFile)) as { rows: CatalogRow[] }).rows;
      const q = manifest.catalog.muQuant;
      const mu = dequantizeUint8({ data: await muFile, min: q.min, scale: q.scale });
      return { rows, mu, coords: new Float32Array((await coordsFile).slice().buffer) };
    })();
    const deepPart = (async () => {
      const nodes = deepFile
        ? (JSON.parse(new TextDecoder().decode(await deepFile)) as { nodes: DeepNode[] }).nodes
        : [];
      const names = namesFile
        ? decodeNameFeatures(await namesFile, countNames(nodes), manifest.tokenizer.buckets)
        : null;
      return { nodes, names };
    })();
    // The tables and the name index (~0.1 s of the cold start) are built as soon as their files are
    // in, while the weights still download or the backend starts; the encoder joins them after.
    const tablesPart = Promise.all([catalogPart, deepPart]).then(([c, d]) => {
      const cat = new Categorizer(manifest, c.rows, c.mu, c.coords, d.nodes, d.names);
      cat.warmTables();
      return cat;
    });
    const settled = await Promise.allSettled([encoderPart, catalogPart, deepPart, tablesPart]);
    const [encoder, , , tables] = settled;
    if (encoder.status === 'rejected' || tables.status === 'rejected') {
      if (encoder.status === 'fulfilled') encoder.value.dispose();
      // The first failure in the order the parts used to load in: a broken pack reports what it did.
      const why: unknown = settled.find((r) => r.status === 'rejected')?.reason;
      throw why instanceof Error ? why : new Error(String(why));
    }
    tables.value.encoder = encoder.value;
    return tables.value;
  }

  get level1Labels(): LabelEntry[] {
    return this.manifest.labels.level1;
  }

  get level2Labels(): LabelEntry[] {
    return this.manifest.labels.level2;
  }

  /** Hashed feature ids of a text, exactly as the model sees them. */
  features(text: string): Int32Array {
    return featureIds(text, this.manifest.tokenizer);
  }

  /** The same ids with the run the name scan skips (FeatureRow): what classifyRows takes. */
  featureRow(text: string): FeatureRow {
    return featureRow(text, this.manifest.tokenizer);
  }

  /** featureRow of each text, their ids in one buffer (tokenize.ts featureRows). */
  featureRows(texts: readonly string[]): FeatureRow[] {
    return featureRows(texts, this.manifest.tokenizer);
  }

  classify(texts: readonly string[], opts: ClassifyOptions = {}): CategorizeResult[] {
    return this.classifyRows(this.featureRows(texts), opts);
  }

  classifyRows(rows: readonly FeatureRow[], opts: ClassifyOptions = {}): CategorizeResult[] {
    return resultRows(this.columnsRows(rows, opts), this.level1Labels, this.level2Labels);
  }

  /** classify as columns (no objects per row): batches, and what the worker sends. */
  columnsRows(rows: readonly FeatureRow[], opts: ClassifyOptions = {}): CategorizeColumns {
    this.hostBag ??= readHostBagWeights(this.model);
    const ids = rows.map((r) => r.ids);
    return this.columnsOf(rows, predictRows(this.model, ids, opts.batchSize ?? 512, this.hostBag), opts);
  }

  /** classify with asynchronous readback: the browser path (WebGPU's sync readback is broken here). */
  async classifyAsync(texts: readonly string[], opts: ClassifyOptions = {}): Promise<CategorizeResult[]> {
    return resultRows(await this.columnsAsync(texts, opts), this.level1Labels, this.level2Labels);
  }

  async columnsAsync(texts: readonly string[], opts: ClassifyOptions = {}): Promise<CategorizeColumns> {
    // The batch's ids and level outputs go into arrays reused call after call, read before this call
    // returns; a call that overlaps it (another request while a GPU readback is awaited) gets arrays
    // of its own.
    const scratch = this.batchScratch;
    this.batchScratch = null;
    try {
      const rows = featureRows(texts, this.manifest.tokenizer, scratch ?? undefined);
      const ids = rows.map((r) => r.ids);
      this.hostBag ??= await readHostBagWeightsAsync(this.model);
      const batch = opts.batchSize ?? 512;
      const out = await predictRowsAsync(this.model, ids, batch, this.hostBag, scratch ?? undefined);
      return this.columnsOf(rows, out, opts);
    } finally {
      if (scratch) this.batchScratch = scratch;
    }
  }

  private columnsOf(
    inputs: readonly FeatureRow[],
    out: BatchOutputs,
    opts: ClassifyOptions,
  ): CategorizeColumns {
    const k = opts.topK ?? 5;
    const kn = opts.neighbours ?? 10;
    const kd = opts.deep ?? 5;
    const d = out.latent;
    const rows = inputs.length;
    const n = this.catalog.length;
    const umapCoords = this.catalogCoords.subarray(n * 2, n * 4);
    const useNames = (opts.nameEvidence ?? true) && this.deepNodes.length > 0;
    const deep = kd > 0 && this.deepNodes.length > 0;
    const placeK = this.manifest.catalog.umap.placementNeighbours;
    const k1 = Math.min(k, out.numLevel1);
    const k2 = Math.min(k, out.numLevel2);
    const cols: CategorizeColumns = {
      n: rows,
      k1,
      k2,
      level1Index: new Uint16Array(rows * k1),
      level1Prob: new Float32Array(rows * k1),
      level2Index: new Uint16Array(rows * k2),
      level2Prob: new Float32Array(rows * k2),
      latent: d,
      mu: out.mu,
      pca: new Float64Array(rows * 2),
      umap: new Float64Array(rows * 2),
      empty: new Uint8Array(rows),
      deep: [],
      neighbours: [],
    };
    const { numLevel1: n1, numLevel2: n2 } = out;
    // Per row: no new arrays on the levels-only path (a batch's rows read the outputs in place).
    for (let i = 0; i < rows; i++) {
      const row = inputs[i]!;
      let p1 = out.level1;
      let p2 = out.level2;
      let off1 = i * n1;
      let off2 = i * n2;
      // One scan of the name index per row, into typed scratch; node scores only when deep
      // suggestions need them (levels need only the best match per class).
      let scored = 0;
      if (useNames || deep) {
        scored = this.lexicalScan(row, deep, useNames);
        if (useNames) {
          this.withNameEvidence(p1, off1, p2, off2);
          p1 = this.evidence1;
          p2 = this.evidence2;
          off1 = 0;
          off2 = 0;
        }
      }
      topKInto(p1, off1, n1, k1, cols.level1Index, cols.level1Prob, i * k1);
      topKInto(p2, off2, n2, k2, cols.level2Index, cols.level2Prob, i * k2);
      if (deep) {
        cols.deep.push(
          this.rankDeep(
            p2.subarray(off2, off2 + n2),
            kd,
            this.topScored(scored, DEEP_LEXICAL_CANDIDATES),
            this.scanner.scratch.nodeBest,
          ),
        );
        this.clearScored(scored);
      }
      projectPcaInto(this.manifest.catalog.pca, out.mu, cols.pca, i * 2, i * d);
      if (kn > 0) {
        const mu = out.mu.subarray(i * d, (i + 1) * d);
        const neighbours =
          n > 0 ? nearestUnit(this.catalogUnit, d, mu, Math.max(kn, placeK), this.catalogDots) : [];
        if (neighbours.length > 0) {
          const [x, y] = placeByNeighbours(umapCoords, neighbours.slice(0, placeK));
          cols.umap[i * 2] = x;
          cols.umap[i * 2 + 1] = y;
        }
        cols.neighbours.push(neighbours.slice(0, kn));
      }
      cols.empty[i] = row.ids.length === 0 ? 1 : 0;
    }
    return cols;
  }

  /** prior(c)^-strength per class: constant for a pack, so computed once instead of per row. */
  private correctionsFor(): { level1: Float64Array; level2: Float64Array } {
    if (this.corrections) return this.corrections;
    const { level1, level2 } = this.manifest.labels;
    const priors = this.manifest.priors;
    const make = (count: number, prior: number[] | undefined, strength: number) =>
      Float64Array.from({ length: count }, (_, c) =>
        // The floor keeps a class the sampler never drew (prior 0) from dividing by zero.
        prior ? Math.max(prior[c] ?? 1, 1e-6) ** -strength : 1,
      );
    this.corrections = {
      level1: make(level1.length, priors?.level1, PRIOR_CORRECTION.level1),
      level2: make(level2.length, priors?.level2, PRIOR_CORRECTION.level2),
    };
    return this.corrections;
  }

  /**
   * Reweights the heads' probabilities by how well the listing matches the taxonomy names under
   * each class (classBest1/2, from lexicalScan), after dividing out the training prior:
   * p'(c) ~ p(c) / prior(c)^s * exp(w * match). Returns scratch arrays, valid until the next row.
   */
  private withNameEvidence(level1: Float32Array, off1: number, level2: Float32Array, off2: number): void {
    const corr = this.correctionsFor();
    const { best1, best2 } = this.scanner.scratch;
    const n1 = corr.level1.length;
    const n2 = corr.level2.length;
    if (this.evidence1.length !== n1) this.evidence1 = new Float32Array(n1);
    if (this.evidence2.length !== n2) this.evidence2 = new Float32Array(n2);
    applyNameEvidence(level1, off1, n1, best1, NAME_EVIDENCE_WEIGHT.level1, corr.level1, this.evidence1);
    applyNameEvidence(level2, off2, n2, best2, NAME_EVIDENCE_WEIGHT.level2, corr.level2, this.evidence2);
  }

  /**
   * Name containment per taxonomy node: the share of a name's idf mass that the listing contains,
   * scaled down for names lighter than NAME_MIN_MASS; a node scores its best name (en, zh, alias).
   */
  lexicalMatch(row: FeatureRow): Map<number, number> {
    const scored = this.lexicalScan(row, true, false);
    const lexical = new Map<number, number>();
    for (let i = 0; i < scored; i++) {
      const node = this.scanner.scratch.nodeOrder[i]!;
      lexical.set(node, this.scanner.scratch.nodeBest[node]!);
    }
    this.clearScored(scored);
    return lexical;
  }

  /**
   * One scan of the name index for a row (name-scan.ts), into reusable typed scratch (no Map per row):
   * - nodes: nodeBest per node and nodeOrder in first-scored order; returns how many were scored
   *   (the caller clears them with clearScored);
   * - classes: scratch.best1 / best2, each class's best node score as float32 (withNameEvidence
   *   reads and clears them). A max is a max in any order, so this equals going through the nodes.
   * Per name, its features' idf^2 add up in float32 in the row's feature order, then times the
   * name's scale (the layout and its measurements: name-scan.ts).
   */
  private lexicalScan(row: FeatureRow, nodes: boolean, classes: boolean): number {
    return this.scanner.scan(row, ++this.seenStamp, nodes, classes);
  }

  private clearScored(scored: number): void {
    const { nodeBest, nodeOrder } = this.scanner.scratch;
    for (let i = 0; i < scored; i++) nodeBest[nodeOrder[i]!] = 0;
  }

  /**
   * The k best-scored nodes of the scan, best first; equal scores keep first-scored order (what
   * topEntries gave over the Map the scan used to build, whose order was first-scored order).
   */
  private topScored(scored: number, k: number): number[] {
    const best: number[] = [];
    const val = this.scanner.scratch.nodeBest;
    const order = this.scanner.scratch.nodeOrder;
    for (let i = 0; i < scored; i++) {
      const key = order[i]!;
      const v = val[key]!;
      if (best.length < k) {
        best.push(key);
        // Stable sort once full, as topEntries did.
        if (best.length === k) best.sort((a, b) => val[b]! - val[a]!);
      } else if (v > val[best[k - 1]!]!) {
        let j = k - 1;
        while (j > 0 && val[best[j - 1]!]! < v) {
          best[j] = best[j - 1]!;
          j--;
        }
        best[j] = key;
      }
    }
    return best;
  }

  /** Deep nodes from the top level-2 subtrees and the best name matches, ranked by name match + prior. */
  deepSuggestions(p2: Float32Array, k: number, lexical: Map<number, number>): DeepSuggestion[] {
    if (this.deepNodes.length === 0) return [];
    return this.rankDeep(p2, k, topEntries(lexical, DEEP_LEXICAL_CANDIDATES), {
      length: this.deepNodes.length,
      at: (i) => lexical.get(i) ?? 0,
    });
  }

  /** deepSuggestions over the best lexical candidates and each node's match (0 when none). */
  private rankDeep(
    p2: Float32Array,
    k: number,
    lexicalTop: readonly number[],
    lex: Float64Array | { length: number; at: (i: number) => number },
  ): DeepSuggestion[] {
    const l2 = this.manifest.labels.level2;
    const lexAt = lex instanceof Float64Array ? (i: number) => lex[i]! : lex.at;
    // Candidates: every node of the top level-2 subtrees, plus the best lexical matches anywhere
    // (so a wrong level-2 guess does not hide an exact name match; the prior still weighs in).
    // The k best in one pass, ties in candidate order (what a stable sort of them all gave), with a
    // stamp per node for "seen" and each class's prior computed once: the sort of every candidate
    // (hundreds to thousands per listing) with a Set, an object and a log each cost ~0.2 ms a row.
    const stamp = ++this.rankStamp;
    const priors = new Map<number, number>();
    const best: { i: number; score: number }[] = [];
    const consider = (i: number) => {
      if (this.rankSeen[i] === stamp) return;
      this.rankSeen[i] = stamp;
      const l2i = this.nodeLevel2[i]!;
      if (l2i < 0) return;
      let prior = priors.get(l2i);
      if (prior === undefined) {
        prior = DEEP_WEIGHTS.prior * Math.log(p2[l2i]! + 1e-6);
        priors.set(l2i, prior);
      }
      const score = DEEP_WEIGHTS.lexical * lexAt(i) + prior;
      if (best.length === k && !(score > best[k - 1]!.score)) return;
      let at = best.length;
      while (at > 0 && best[at - 1]!.score < score) at--;
      best.splice(at, 0, { i, score });
      if (best.length > k) best.pop();
    };
    for (const s of topK(p2, DEEP_SUBTREES))
      for (const i of this.deepByL2.get(l2[s.index]?.id ?? '') ?? []) consider(i);
    for (const i of lexicalTop) consider(i);
    return best.map(({ i, score }) => {
      const node = this.deepNodes[i]!;
      const path = this.pathOf(i);
      return {
        id: node.id,
        nameEn: node.en,
        nameZh: node.zh,
        pathEn: path.en,
        pathZh: path.zh,
        googleId: node.g,
        score,
      };
    });
  }

  /**
   * One row through everything after the model (tokenizer, name scan, deep ranking, neighbours) on
   * zero outputs: the first call of each compiles it, ~15-20 ms of the engine's warm-up in Node,
   * done here while the weights may still be downloading.
   */
  private warmTables(): void {
    const m = this.manifest;
    const [d, n1, n2] = [m.model.latent, m.labels.level1.length, m.labels.level2.length];
    const zeros = { n: 1, latent: d, numLevel1: n1, numLevel2: n2 };
    this.columnsOf(
      [this.featureRow('warm up')],
      { ...zeros, mu: new Float32Array(d), level1: new Float32Array(n1), level2: new Float32Array(n2) },
      { neighbours: 1, deep: 1 },
    );
  }

  /** The encoder (bag, trunk, heads) on the TF.js backend. */
  get model(): tf.LayersModel {
    if (!this.encoder) throw new Error('The encoder is not built yet.');
    return this.encoder;
  }

  dispose(): void {
    this.encoder?.dispose();
    this.encoder = null;
  }
}
