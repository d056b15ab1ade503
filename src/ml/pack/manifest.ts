/**
 * The model-pack manifest: the single source of truth shared by the Node exporter and the
 * browser loader. Pure types + validation (no DOM, no Node APIs).
 */
import type { TokenizerConfig } from '../tokenizer/tokenizer-config';
import { validateTokenizerConfig } from '../tokenizer/tokenizer-config';

export const PACK_FORMAT = 'product-categorizer-pack';
/** Bump when a loader could misread a pack; the loader refuses other versions. */
export const PACK_FORMAT_VERSION = 1;

export type WeightQuantization = 'float32' | 'float16' | 'uint8';

export interface LabelEntry {
  /** Shopify short id, e.g. 'el-4'. */
  id: string;
  nameEn: string;
  nameZh: string;
  pathEn: string;
  pathZh: string;
  /** Google product category id when Shopify maps this category to one. */
  googleId: number | null;
  /** Level-1 id for level-2 labels. */
  parent: string | null;
}

/** One reference-catalog row (catalog.json): short keys because the file ships to every visitor. */
export interface CatalogRow {
  /** Text (first characters). */
  t: string;
  /** Level-1 / level-2 label index (-1 unknown). */
  l1: number;
  l2: number;
  /** Source and language. */
  s: string;
  g: string;
  /** Split the row came from (val / test). */
  sp: string;
  /** The shipped model's level-1 / level-2 prediction (label index); absent in older packs. */
  p1?: number;
  p2?: number;
}

/** One taxonomy node offered as a deep suggestion (deep.json). */
export interface DeepNode {
  id: string;
  en: string;
  zh: string;
  /** Google product category id. */
  g: number | null;
  /**
   * Other names merchants use for the node (the training lexicon's terms, English and Chinese):
   * extra documents in the name-evidence index, so "hoodie" or 卫衣 match as names do.
   */
  aka?: string[];
}

export interface PackFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface AffineQuant {
  dtype: 'uint8';
  min: number;
  scale: number;
}

export interface PackManifest {
  format: typeof PACK_FORMAT;
  formatVersion: number;
  name: string;
  /** Content version: changes whenever any file changes (used as the cache key). */
  version: string;
  createdAt: string;
  taxonomyVersion: string;
  tokenizer: TokenizerConfig;
  model: {
    file: string;
    latent: number;
    buckets: number;
    embedDim: number;
    hidden: number;
    headHidden: number;
    quantization: WeightQuantization;
  };
  labels: { level1: LabelEntry[]; level2: LabelEntry[] };
  catalog: {
    /** JSON rows: text, level-1 index, level-2 index, source, lang, split. */
    file: string;
    /** uint8 [count x latent] mu vectors, dequantized with `muQuant`. */
    muFile: string;
    /** float32 [count x 2] PCA then [count x 2] UMAP coordinates. */
    coordsFile: string;
    count: number;
    muQuant: AffineQuant;
    /** PCA: mean [latent] and components [2 x latent] to place new points. */
    pca: { mean: number[]; components: number[][] };
    /** New points go into the UMAP map at the similarity-weighted mean of their k nearest catalog items. */
    umap: { placementNeighbours: number };
  };
  /** Deep suggestions: taxonomy nodes (id, en/zh names, Google id) matched by name + classifier prior. */
  deep: {
    file: string;
    count: number;
    /**
     * Optional: every name's feature ids, precomputed by the exporter (name-features.ts), so the
     * loader does not tokenize ~57,000 names inside the cold start. Older packs lack it.
     */
    nameFeatures?: string;
  } | null;
  card: string;
  /**
   * The class distribution the heads were trained under (the sampler's share per class). The
   * runtime divides it out so suggestions are not biased toward the roots the corpus has most of.
   * Absent in older packs: then the heads' probabilities are used as they are.
   */
  priors?: { level1: number[]; level2: number[] };
  files: PackFile[];
  summary: Record<string, number | string>;
}

export class ManifestError extends Error {
  override name = 'ManifestError';
}

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Checks the parts a loader relies on; throws a ManifestError saying what is wrong. */
export function validateManifest(x: unknown): PackManifest {
  if (!isObj(x)) throw new ManifestError('The manifest is not a JSON object.');
  if (x.format !== PACK_FORMAT)
    throw new ManifestError(`Not a model pack manifest (format "${String(x.format)}").`);
  if (x.formatVersion !== PACK_FORMAT_VERSION)
    throw new ManifestError(
      `Unsupported model pack version ${String(x.formatVersion)}: this app reads version ${PACK_FORMAT_VERSION}.`,
    );
  validateTokenizerConfig(x.tokenizer);
  if (!isObj(x.model) || typeof x.model.file !== 'string')
    throw new ManifestError('The manifest has no model file.');
  if (!isObj(x.labels) || !Array.isArray(x.labels.level1) || !Array.isArray(x.labels.level2))
    throw new ManifestError('The manifest has no label tables.');
  if (
    !Array.isArray(x.files) ||
    x.files.some((f) => !isObj(f) || typeof f.path !== 'string' || typeof f.sha256 !== 'string')
  )
    throw new ManifestError('The manifest file list is malformed.');
  if (
    x.priors !== undefined &&
    (!isObj(x.priors) ||
      !Array.isArray(x.priors.level1) ||
      !Array.isArray(x.priors.level2) ||
      x.priors.level1.length !== x.labels.level1.length ||
      x.priors.level2.length !== x.labels.level2.length)
  )
    throw new ManifestError('The manifest priors do not match its label tables.');
  if (x.files.some((f) => (f as PackFile).path.includes('..') || (f as PackFile).path.startsWith('/')))
    throw new ManifestError('The manifest names a file outside the pack.');
  return x as unknown as PackManifest;
}
