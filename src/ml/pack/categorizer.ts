/**
 * The runtime over a loaded model pack: text -> tokenizer -> encoder -> level-1 / level-2
 * suggestions, deep suggestions, 2-D map position and nearest catalog items. The same code runs
 * in the browser worker, the Node classify CLI and the evaluation, so their numbers agree.
 */
import type * as tf from '@tensorflow/tfjs';
import { loadEncoderFromArtifacts, type LayersModelJson } from '../model/layers-io';
import { predictRows, type BatchOutputs } from '../model/predict';
import { dequantizeUint8 } from '../model/quantize';
import { nearest, normalizeRows, placeByNeighbours, type Neighbour } from '../neighbours/cosine';
import { projectPca } from '../projection/pca';
import { featureIds } from '../tokenizer/tokenize';
import type { CatalogRow, DeepNode, LabelEntry, PackManifest } from './manifest';

import { readManifest, readVerified, type PackSource } from './pack-source';
import { predictRowsAsync } from './predict-async';

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
 * Deep ranking = lexical match of the listing to the node's English + Chinese names
 * (idf-weighted cosine over the same hashed features) + a level-2 log-prior from the classifier.
 * Names carry the fine distinctions (hiking boots vs rain boots) that a 2-level classifier's latent
 * never had to learn. Measured on the merchant dev set (first model): adding latent similarity to
 * per-node prototypes lowered hit@5 (0.25 weight: 0.49, 0.5: 0.42, 0: 0.52), so the pack ships none.
 */
const DEEP_WEIGHTS = { lexical: 1, prior: 0.05 };
/**
 * Taxonomy-name evidence for levels 1 and 2: the heads' probabilities are multiplied by
 * exp(8 * best name cosine under the class). On the merchant dev set (first shipped model) weights
 * 0/2/4/8/16 gave level-1 accuracy 63.1/64.4/65.6/66.2/68.1% while the corpus test split moved
 * 84.6/84.7/84.6/84.5/83.9%; level 2 on dev 44.6 -> 50.8% at 8. 8 keeps the test split flat.
 */
const NAME_EVIDENCE_WEIGHT = 8;
/** Deep candidates come from the subtrees of this many top level-2 classes. */
const DEEP_SUBTREES = 3;
/** Share of taxonomy nodes above which a feature is too common to index (see buildLexicalIndex). */
const DEEP_MAX_DF = 0.02;
/** Plus this many best lexical matches from anywhere in the taxonomy. */
const DEEP_LEXICAL_CANDIDATES = 50;

const topK = (probs: Float32Array, k: number): Suggestion[] => {
  const idx = Array.from(probs.keys())
    .sort((a, b) => probs[b]! - probs[a]!)
    .slice(0, k);
  return idx.map((i) => ({ index: i, id: '', prob: probs[i]! }));
};

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

export class Categorizer {
  private readonly catalogUnit: Float32Array;
  private readonly deepByL2 = new Map<string, number[]>();
  private readonly deepPaths: { en: string; zh: string }[];
  /** feature id -> [node index, idf-weighted, node-normalized weight] pairs. */
  private readonly deepIndex = new Map<number, [number, number][]>();
  private readonly deepIdf = new Map<number, number>();
  /** Level-1 / level-2 label index of each deep node (-1 when outside the label space). */
  private readonly nodeLevel1: Int32Array;
  private readonly nodeLevel2: Int32Array;

  private constructor(
    readonly manifest: PackManifest,
    readonly model: tf.LayersModel,
    readonly catalog: CatalogRow[],
    readonly catalogMu: Float32Array,
    readonly catalogCoords: Float32Array,
    readonly deepNodes: DeepNode[],
  ) {
    const d = manifest.model.latent;
    this.catalogUnit = normalizeRows(catalogMu, d);
    const byId = new Map(deepNodes.map((n) => [n.id, n]));
    this.deepPaths = deepNodes.map((n) => {
      const parts = n.id.split('-');
      const chain = parts.map((_, i) => byId.get(parts.slice(0, i + 1).join('-')));
      return {
        en: chain.map((c) => c?.en ?? '?').join(' > '),
        zh: chain.map((c) => c?.zh ?? '?').join(' > '),
      };
    });
    this.buildLexicalIndex();
    const i1 = new Map(manifest.labels.level1.map((e, i) => [e.id, i]));
    const i2 = new Map(manifest.labels.level2.map((e, i) => [e.id, i]));
    this.nodeLevel1 = Int32Array.from(deepNodes, (n) => i1.get(n.id.split('-')[0]!) ?? -1);
    this.nodeLevel2 = Int32Array.from(deepNodes, (n) => i2.get(n.id.split('-').slice(0, 2).join('-')) ?? -1);
    deepNodes.forEach((n, i) => {
      const l2 = n.id.split('-').slice(0, 2).join('-');
      if (!n.id.includes('-')) return;
      const list = this.deepByL2.get(l2) ?? [];
      list.push(i);
      this.deepByL2.set(l2, list);
    });
  }

  /** Inverted index of the deep nodes' English + Chinese names over hashed features. */
  private buildLexicalIndex(): void {
    const tok = this.manifest.tokenizer;
    const feats = this.deepNodes.map((n) => new Set(featureIds(`${n.en} ${n.zh}`, tok)));
    const df = new Map<number, number>();
    for (const f of feats) for (const id of f) df.set(id, (df.get(id) ?? 0) + 1);
    const N = feats.length;
    for (const [id, c] of df) this.deepIdf.set(id, Math.log((N + 1) / (c + 1)) + 1);
    // Features in more than DEEP_MAX_DF of the nodes (e.g. the n-grams of 'accessories') weigh
    // little and make the posting lists long: left out of the index, they cost nothing per keystroke.
    const maxDf = Math.max(1, Math.floor(DEEP_MAX_DF * N));
    for (const [id, c] of df) if (c > maxDf) this.deepIdf.delete(id);
    feats.forEach((f, i) => {
      let norm = 0;
      for (const id of f) norm += (this.deepIdf.get(id) ?? 0) ** 2;
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (const id of f) {
        if (!this.deepIdf.has(id)) continue;
        const list = this.deepIndex.get(id) ?? [];
        list.push([i, this.deepIdf.get(id)! * inv]);
        this.deepIndex.set(id, list);
      }
    });
  }

  /** Loads and verifies every file of a pack (size + SHA-256), then builds the model. */
  static async load(source: PackSource, onFile?: (path: string) => void): Promise<Categorizer> {
    const manifest = await readManifest(source);
    const read = async (p: string) => {
      const bytes = await readVerified(source, manifest, p);
      onFile?.(p);
      return bytes;
    };
    const modelJson = JSON.parse(
      new TextDecoder().decode(await read(manifest.model.file)),
    ) as LayersModelJson;
    const shards = await Promise.all((modelJson.weightsManifest[0]?.paths ?? []).map(read));
    const model = await loadEncoderFromArtifacts(modelJson, shards);
    const catalog = (
      JSON.parse(new TextDecoder().decode(await read(manifest.catalog.file))) as { rows: CatalogRow[] }
    ).rows;
    const q = manifest.catalog.muQuant;
    const catalogMu = dequantizeUint8({
      data: await read(manifest.catalog.muFile),
      min: q.min,
      scale: q.scale,
    });
    const coordBytes = await read(manifest.catalog.coordsFile);
    const catalogCoords = new Float32Array(coordBytes.slice().buffer);
    const deepNodes = manifest.deep
      ? (JSON.parse(new TextDecoder().decode(await read(manifest.deep.file))) as { nodes: DeepNode[] }).nodes
      : [];
    return new Categorizer(manifest, model, catalog, catalogMu, catalogCoords, deepNodes);
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

  classify(texts: readonly string[], opts: ClassifyOptions = {}): CategorizeResult[] {
    const ids = texts.map((t) => this.features(t));
    return this.classifyIds(ids, opts);
  }

  classifyIds(ids: readonly Int32Array[], opts: ClassifyOptions = {}): CategorizeResult[] {
    return this.fromOutputs(ids, predictRows(this.model, ids, opts.batchSize ?? 512), opts);
  }

  /** classify with asynchronous readback: the browser path (WebGPU's sync readback is broken here). */
  async classifyAsync(texts: readonly string[], opts: ClassifyOptions = {}): Promise<CategorizeResult[]> {
    const ids = texts.map((t) => this.features(t));
    return this.fromOutputs(ids, await predictRowsAsync(this.model, ids, opts.batchSize ?? 512), opts);
  }

  private fromOutputs(
    ids: readonly Int32Array[],
    out: BatchOutputs,
    opts: ClassifyOptions,
  ): CategorizeResult[] {
    const k = opts.topK ?? 5;
    const kn = opts.neighbours ?? 10;
    const kd = opts.deep ?? 5;
    const d = out.latent;
    const { level1, level2 } = this.manifest.labels;
    const n = this.catalog.length;
    const umapCoords = this.catalogCoords.subarray(n * 2, n * 4);
    const useNames = (opts.nameEvidence ?? true) && this.deepNodes.length > 0;
    return ids.map((row, i) => {
      let p1 = out.level1.subarray(i * out.numLevel1, (i + 1) * out.numLevel1);
      let p2 = out.level2.subarray(i * out.numLevel2, (i + 1) * out.numLevel2);
      const lexical = useNames || kd > 0 ? this.lexicalMatch(row) : null;
      if (useNames && lexical) [p1, p2] = this.withNameEvidence(p1, p2, lexical);
      const mu = out.mu.slice(i * d, (i + 1) * d);
      const s1 = topK(p1, k).map((s) => ({ ...s, id: level1[s.index]?.id ?? '' }));
      const s2 = topK(p2, k).map((s) => ({ ...s, id: level2[s.index]?.id ?? '' }));
      const neighbours =
        kn > 0 && n > 0
          ? nearest(this.catalogUnit, d, mu, Math.max(kn, this.manifest.catalog.umap.placementNeighbours))
          : [];
      const place = neighbours.slice(0, this.manifest.catalog.umap.placementNeighbours);
      return {
        level1: s1,
        level2: s2,
        deep: kd > 0 && lexical ? this.deepSuggestions(p2, kd, lexical) : [],
        mu,
        pca: projectPca(this.manifest.catalog.pca, mu),
        umap: place.length ? placeByNeighbours(umapCoords, place) : [0, 0],
        neighbours: neighbours.slice(0, kn),
        empty: row.length === 0,
      };
    });
  }

  /**
   * Reweights the heads' probabilities by how well the listing matches the taxonomy names under
   * each class: p'(c) ~ p(c) * exp(NAME_EVIDENCE_WEIGHT * best name match under c).
   */
  private withNameEvidence(
    p1: Float32Array,
    p2: Float32Array,
    lexical: Map<number, number>,
  ): [Float32Array, Float32Array] {
    const { level1, level2 } = this.manifest.labels;
    const best1 = new Float32Array(level1.length);
    const best2 = new Float32Array(level2.length);
    for (const [node, v] of lexical) {
      const l1 = this.nodeLevel1[node]!;
      const l2 = this.nodeLevel2[node]!;
      if (l1 >= 0 && v > best1[l1]!) best1[l1] = v;
      if (l2 >= 0 && v > best2[l2]!) best2[l2] = v;
    }
    const adjust = (p: Float32Array, best: Float32Array) => {
      const out = new Float32Array(p.length);
      let sum = 0;
      for (let c = 0; c < p.length; c++) {
        out[c] = p[c]! * Math.exp(NAME_EVIDENCE_WEIGHT * best[c]!);
        sum += out[c]!;
      }
      for (let c = 0; c < p.length; c++) out[c] = out[c]! / (sum || 1);
      return out;
    };
    return [adjust(p1, best1), adjust(p2, best2)];
  }

  /** Cosine (idf-weighted, over hashed features) between a listing and each taxonomy node's names. */
  lexicalMatch(ids: Int32Array): Map<number, number> {
    const lexical = new Map<number, number>();
    let lnorm = 0;
    for (const id of new Set(ids)) {
      const w = this.deepIdf.get(id);
      if (w === undefined) continue;
      lnorm += w * w;
      for (const [node, nw] of this.deepIndex.get(id)!) lexical.set(node, (lexical.get(node) ?? 0) + w * nw);
    }
    const linv = lnorm > 0 ? 1 / Math.sqrt(lnorm) : 0;
    for (const [node, v] of lexical) lexical.set(node, v * linv);
    return lexical;
  }

  /** Deep nodes from the top level-2 subtrees and the best name matches, ranked by name match + prior. */
  deepSuggestions(p2: Float32Array, k: number, lexical: Map<number, number>): DeepSuggestion[] {
    if (this.deepNodes.length === 0) return [];
    const l2 = this.manifest.labels.level2;
    // Candidates: every node of the top level-2 subtrees, plus the best lexical matches anywhere
    // (so a wrong level-2 guess does not hide an exact name match; the prior still weighs in).
    const candidates = new Set<number>();
    for (const s of topK(p2, DEEP_SUBTREES))
      for (const i of this.deepByL2.get(l2[s.index]?.id ?? '') ?? []) candidates.add(i);
    for (const i of topEntries(lexical, DEEP_LEXICAL_CANDIDATES)) candidates.add(i);
    const scored: { i: number; score: number }[] = [];
    for (const i of candidates) {
      const l2i = this.nodeLevel2[i]!;
      if (l2i < 0) continue;
      const lex = lexical.get(i) ?? 0;
      const prior = DEEP_WEIGHTS.prior * Math.log(p2[l2i]! + 1e-6);
      scored.push({ i, score: DEEP_WEIGHTS.lexical * lex + prior });
    }
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, k).map(({ i, score }) => {
      const node = this.deepNodes[i]!;
      return {
        id: node.id,
        nameEn: node.en,
        nameZh: node.zh,
        pathEn: this.deepPaths[i]!.en,
        pathZh: this.deepPaths[i]!.zh,
        googleId: node.g,
        score,
      };
    });
  }

  dispose(): void {
    this.model.dispose();
  }
}
