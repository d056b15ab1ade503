/**
 * Writes a model pack (public/models/<name>/): the quantized encoder + heads in the TF.js layers
 * format, the reference catalog (texts, labels, quantized mu, PCA + UMAP coordinates), the deep
 * taxonomy nodes for deep suggestions, the model card, and the manifest listing every file with size and SHA-256.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UMAP } from 'umap-js';
import { exportLayersModel, type WeightQuantization } from '../../src/ml/model/layers-io';
import type { ModelConfig } from '../../src/ml/model/model-config';
import { predictRows } from '../../src/ml/model/predict';
import { quantizeUint8 } from '../../src/ml/model/quantize';
import {
  PACK_FORMAT,
  PACK_FORMAT_VERSION,
  type CatalogRow,
  type DeepNode,
  type PackFile,
  type PackManifest,
} from '../../src/ml/pack/manifest';
import { computeNameFeatures, encodeNameFeatures, NAME_FEATURES_FILE } from '../../src/ml/pack/name-features';
import { sha256Hex } from '../../src/ml/pack/sha256';
import { packVersion } from './pack-files';
import { fitPca, projectPca } from '../../src/ml/projection/pca';
import type { TokenizerConfig } from '../../src/ml/tokenizer/tokenizer-config';
import { TAXONOMY_VERSION } from '../../src/config/taxonomy';
import { mulberry32 } from '../../src/ml/model/mulberry32';
import type { EncodedSet } from './dataset';
import type { LabelSpace } from './labels';
import type { LayersModelLike } from './types';

/** Catalog rows shipped for the map and neighbours: every source x class stratum is represented, and
 * 4,000 rows of 64-d uint8 mu keep the whole pack under 3 MB gzipped (5,000 measured 3.09 MB). */
export const CATALOG_MAX = 4000;
/** Characters of catalog text kept (tooltips and neighbour lists show a line, not a page). */
const CATALOG_TEXT_CHARS = 120;

/** Stratified sample by source x level-1 class: each stratum keeps its share, at least a few rows. */
export function sampleCatalog(
  sets: { set: EncodedSet; split: string; texts: string[] }[],
  max: number,
  seed: number,
) {
  const strata = new Map<string, { set: EncodedSet; i: number; split: string; text: string }[]>();
  for (const { set, split, texts } of sets) {
    for (let i = 0; i < set.n; i++) {
      const key = `${set.source[i]}|${set.level1[i]}`;
      const list = strata.get(key) ?? [];
      list.push({ set, i, split, text: texts[i]! });
      strata.set(key, list);
    }
  }
  const total = [...strata.values()].reduce((a, l) => a + l.length, 0);
  const rand = mulberry32(seed);
  const picked: { set: EncodedSet; i: number; split: string; text: string }[] = [];
  for (const list of strata.values()) {
    const want = Math.min(list.length, Math.max(5, Math.round((list.length / total) * max)));
    const shuffled = [...list];
    for (let k = shuffled.length - 1; k > 0; k--) {
      const j = Math.floor(rand() * (k + 1));
      [shuffled[k], shuffled[j]] = [shuffled[j]!, shuffled[k]!];
    }
    picked.push(...shuffled.slice(0, want));
  }
  return picked.slice(0, max);
}

export interface ExportInput {
  dir: string;
  name: string;
  encoder: LayersModelLike;
  config: ModelConfig;
  tokenizer: TokenizerConfig;
  quantization: WeightQuantization;
  labels: LabelSpace;
  catalog: { set: EncodedSet; split: string; texts: string[] }[];
  /** Taxonomy nodes offered as deep suggestions. */
  deep: { nodes: DeepNode[] };
  card: Record<string, unknown>;
  /** The class distribution the heads were trained under (see training/train/priors.ts). */
  priors?: { level1: number[]; level2: number[] };
  summary: Record<string, number | string>;
  seed: number;
}

async function fileEntry(dir: string, rel: string, bytes: Uint8Array): Promise<PackFile> {
  writeFileSync(path.join(dir, rel), bytes);
  return { path: rel, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) };
}

const json = (x: unknown) => new TextEncoder().encode(JSON.stringify(x));

export async function exportPack(inp: ExportInput): Promise<PackManifest> {
  mkdirSync(inp.dir, { recursive: true });
  for (const f of readdirSync(inp.dir)) rmSync(path.join(inp.dir, f), { recursive: true });
  const files: PackFile[] = [];

  const { modelJson, shards } = await exportLayersModel(inp.encoder, { quantization: inp.quantization });
  const shardPaths = modelJson.weightsManifest[0]?.paths ?? [];
  for (let i = 0; i < shards.length; i++) files.push(await fileEntry(inp.dir, shardPaths[i]!, shards[i]!));
  files.push(await fileEntry(inp.dir, 'model.json', json(modelJson)));

  // Reference catalog.
  const picked = sampleCatalog(inp.catalog, CATALOG_MAX, inp.seed);
  const out = predictRows(
    inp.encoder,
    picked.map((p) => p.set.ids[p.i]!),
  );
  const d = out.latent;
  const rows: CatalogRow[] = picked.map((p) => ({
    t: p.text.slice(0, CATALOG_TEXT_CHARS),
    l1: p.set.level1[p.i]!,
    l2: p.set.level2[p.i]!,
    s: p.set.source[p.i]!,
    g: p.set.lang[p.i]!,
    sp: p.split,
  }));
  const muQ = quantizeUint8(out.mu, { exactZero: false });
  const pca = fitPca(out.mu, picked.length, d);
  const coords = new Float32Array(picked.length * 4);
  for (let i = 0; i < picked.length; i++) {
    const [x, y] = projectPca(pca, out.mu.subarray(i * d, (i + 1) * d));
    coords[i * 2] = x;
    coords[i * 2 + 1] = y;
  }
  const tUmap = performance.now();
  const data: number[][] = Array.from({ length: picked.length }, (_, i) =>
    Array.from(out.mu.subarray(i * d, (i + 1) * d)),
  );
  const umap = new UMAP({ nComponents: 2, nNeighbors: 15, minDist: 0.1, random: mulberry32(inp.seed + 7) });
  const emb = umap.fit(data);
  emb.forEach(([x = 0, y = 0], i) => {
    coords[picked.length * 2 + i * 2] = x;
    coords[picked.length * 2 + i * 2 + 1] = y;
  });
  const umapSeconds = (performance.now() - tUmap) / 1000;
  files.push(await fileEntry(inp.dir, 'catalog.json', json({ rows })));
  files.push(await fileEntry(inp.dir, 'catalog-mu.bin', muQ.data));
  files.push(await fileEntry(inp.dir, 'catalog-coords.bin', new Uint8Array(coords.buffer)));

  // Deep suggestions: the taxonomy nodes; the runtime indexes their names. The names' feature ids
  // ship beside them so the index build does not tokenize ~57,000 names in the cold start.
  files.push(await fileEntry(inp.dir, 'deep.json', json({ nodes: inp.deep.nodes })));
  const nameFeatures = computeNameFeatures(inp.deep.nodes, inp.tokenizer);
  files.push(
    await fileEntry(inp.dir, NAME_FEATURES_FILE, encodeNameFeatures(nameFeatures, inp.tokenizer.buckets)),
  );

  const card = { ...inp.card, projection: { umapSeconds, catalogRows: picked.length } };
  files.push(await fileEntry(inp.dir, 'card.json', json(card)));

  const version = await packVersion(files);
  const manifest: PackManifest = {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    name: inp.name,
    version,
    createdAt: new Date().toISOString(),
    taxonomyVersion: TAXONOMY_VERSION,
    tokenizer: inp.tokenizer,
    model: {
      file: 'model.json',
      latent: inp.config.latent,
      buckets: inp.config.buckets,
      embedDim: inp.config.embedDim,
      hidden: inp.config.hidden,
      headHidden: inp.config.headHidden,
      quantization: inp.quantization,
    },
    labels: { level1: inp.labels.level1, level2: inp.labels.level2 },
    catalog: {
      file: 'catalog.json',
      muFile: 'catalog-mu.bin',
      coordsFile: 'catalog-coords.bin',
      count: picked.length,
      muQuant: { dtype: 'uint8', min: muQ.min, scale: muQ.scale },
      pca,
      umap: { placementNeighbours: 10 },
    },
    deep: { file: 'deep.json', count: inp.deep.nodes.length, nameFeatures: NAME_FEATURES_FILE },
    card: 'card.json',
    ...(inp.priors ? { priors: inp.priors } : {}),
    files,
    summary: inp.summary,
  };
  writeFileSync(path.join(inp.dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  return manifest;
}

/**
 * Adds the names' feature ids (name-features.ts) to a pack exported before they shipped: writes the
 * file, lists it in the manifest (size, SHA-256) and renews the content version, the app's cache
 * key. Everything else in the pack stays as it was.
 */
export async function addNameFeatures(dir: string): Promise<PackManifest> {
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PackManifest;
  if (!manifest.deep) throw new Error(`The pack in ${dir} has no deep suggestions: nothing to index.`);
  const nodes = (
    JSON.parse(readFileSync(path.join(dir, manifest.deep.file), 'utf8')) as { nodes: DeepNode[] }
  ).nodes;
  const bytes = encodeNameFeatures(
    computeNameFeatures(nodes, manifest.tokenizer),
    manifest.tokenizer.buckets,
  );
  const entry = await fileEntry(dir, NAME_FEATURES_FILE, bytes);
  manifest.files = [...manifest.files.filter((f) => f.path !== NAME_FEATURES_FILE), entry];
  manifest.deep = { ...manifest.deep, nameFeatures: NAME_FEATURES_FILE };
  manifest.version = await packVersion(manifest.files);
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 1));
  return manifest;
}
