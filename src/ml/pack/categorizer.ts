/**
 * The runtime over a loaded model pack: text -> tokenizer -> encoder -> level-1 / level-2
 * suggestions, deep suggestions, 2-D map position and nearest catalog items. The same code runs
 * in the browser worker, the Node classify CLI and the evaluation, so their numbers agree.
 */
import type * as tf from '@tensorflow/tfjs';
import { loadEncoderFromArtifacts, type LayersModelJson } from '../model/layers-io';
import { predictRows } from '../model/predict';
import { dequantizeUint8 } from '../model/quantize';
import { nearest, normalizeRows, placeByNeighbours, type Neighbour } from '../neighbours/cosine';
import { projectPca } from '../projection/pca';
import { featureIds } from '../tokenizer/tokenize';
import type { LabelEntry, PackManifest } from './manifest';
import { readManifest, readVerified, type PackSource } from './pack-source';

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

export interface CatalogRow {
  t: string;
  l1: number;
  l2: number;
  s: string;
  g: string;
  sp: string;
}

export interface DeepNode {
  id: string;
  en: string;
  zh: string;
  g: number | null;
}

export interface ClassifyOptions {
  topK?: number;
  neighbours?: number;
  deep?: number;
  /** Work in batches of this many rows (bounded memory for huge inputs). */
  batchSize?: number;
}

/** Weight of the level-2 log-probability against latent similarity when ranking deep nodes. */
const DEEP_PRIOR_WEIGHT = 0.15;
/** Deep candidates come from the subtrees of this many top level-2 classes. */
const DEEP_SUBTREES = 3;

const topK = (probs: Float32Array, k: number): Suggestion[] => {
  const idx = Array.from(probs.keys())
    .sort((a, b) => probs[b]! - probs[a]!)
    .slice(0, k);
  return idx.map((i) => ({ index: i, id: '', prob: probs[i]! }));
};

export class Categorizer {
  private readonly catalogUnit: Float32Array;
  private readonly deepUnit: Float32Array | null;
  private readonly deepByL2 = new Map<string, number[]>();
  private readonly deepPaths: { en: string; zh: string }[];

  private constructor(
    readonly manifest: PackManifest,
    readonly model: tf.LayersModel,
    readonly catalog: CatalogRow[],
    readonly catalogMu: Float32Array,
    readonly catalogCoords: Float32Array,
    readonly deepNodes: DeepNode[],
    deepMu: Float32Array | null,
  ) {
    const d = manifest.model.latent;
    this.catalogUnit = normalizeRows(catalogMu, d);
    this.deepUnit = deepMu ? normalizeRows(deepMu, d) : null;
    const byId = new Map(deepNodes.map((n) => [n.id, n]));
    this.deepPaths = deepNodes.map((n) => {
      const parts = n.id.split('-');
      const chain = parts.map((_, i) => byId.get(parts.slice(0, i + 1).join('-')));
      return {
        en: chain.map((c) => c?.en ?? '?').join(' > '),
        zh: chain.map((c) => c?.zh ?? '?').join(' > '),
      };
    });
    deepNodes.forEach((n, i) => {
      const l2 = n.id.split('-').slice(0, 2).join('-');
      if (!n.id.includes('-')) return;
      const list = this.deepByL2.get(l2) ?? [];
      list.push(i);
      this.deepByL2.set(l2, list);
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
    let deepNodes: DeepNode[] = [];
    let deepMu: Float32Array | null = null;
    if (manifest.deep) {
      deepNodes = (
        JSON.parse(new TextDecoder().decode(await read(manifest.deep.file))) as { nodes: DeepNode[] }
      ).nodes;
      const dq = manifest.deep.muQuant;
      deepMu = dequantizeUint8({ data: await read(manifest.deep.muFile), min: dq.min, scale: dq.scale });
    }
    return new Categorizer(manifest, model, catalog, catalogMu, catalogCoords, deepNodes, deepMu);
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
    const k = opts.topK ?? 5;
    const kn = opts.neighbours ?? 10;
    const kd = opts.deep ?? 5;
    const out = predictRows(this.model, ids, opts.batchSize ?? 512);
    const d = out.latent;
    const { level1, level2 } = this.manifest.labels;
    const n = this.catalog.length;
    const umapCoords = this.catalogCoords.subarray(n * 2, n * 4);
    return ids.map((row, i) => {
      const p1 = out.level1.subarray(i * out.numLevel1, (i + 1) * out.numLevel1);
      const p2 = out.level2.subarray(i * out.numLevel2, (i + 1) * out.numLevel2);
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
        deep: kd > 0 ? this.deepSuggestions(mu, p2, kd) : [],
        mu,
        pca: projectPca(this.manifest.catalog.pca, mu),
        umap: place.length ? placeByNeighbours(umapCoords, place) : [0, 0],
        neighbours: neighbours.slice(0, kn),
        empty: row.length === 0,
      };
    });
  }

  /** Deep nodes inside the top level-2 subtrees, ranked by latent similarity plus the level-2 prior. */
  deepSuggestions(mu: Float32Array, p2: Float32Array, k: number): DeepSuggestion[] {
    if (!this.deepUnit) return [];
    const d = this.manifest.model.latent;
    let qn = 0;
    for (let j = 0; j < d; j++) qn += mu[j]! ** 2;
    const inv = qn > 0 ? 1 / Math.sqrt(qn) : 0;
    const l2 = this.manifest.labels.level2;
    const scored: { i: number; score: number }[] = [];
    for (const s of topK(p2, DEEP_SUBTREES)) {
      const l2id = l2[s.index]?.id;
      if (!l2id) continue;
      const prior = DEEP_PRIOR_WEIGHT * Math.log(s.prob + 1e-6);
      for (const i of this.deepByL2.get(l2id) ?? []) {
        let sim = 0;
        for (let j = 0; j < d; j++) sim += this.deepUnit[i * d + j]! * mu[j]!;
        scored.push({ i, score: sim * inv + prior });
      }
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
