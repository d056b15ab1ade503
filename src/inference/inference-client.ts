/**
 * The app's view of the model: an InferenceClient loads a pack and classifies listings, in a Web
 * Worker (worker-client), in the page (in-process-client, the fallback) or in tests (fake-client).
 * Everything crossing it is plain, structured-clonable data.
 */
import type { BackendName, BackendReason } from '../ml/backend/backend-choice';
import type { PackProgress } from '../ml/pack/fetch-pack-source';
import type { CatalogRow, DeepNode, LabelEntry } from '../ml/pack/manifest';
import type {
  AdaptProgress,
  AdaptReport,
  AdaptResult,
  HeadWeights,
  LabelledText,
} from '../ml/adapt/adapt-heads';
import type { PackFileBytes } from '../ml/adapt/export-pack';

export type { BackendName, BackendReason, PackProgress, CatalogRow, DeepNode, LabelEntry };
export type { AdaptProgress, AdaptReport, AdaptResult, HeadWeights, LabelledText, PackFileBytes };

export interface CategoryScore {
  /** Shopify short id, e.g. 'el'. */
  id: string;
  nameEn: string;
  nameZh: string;
  pathEn: string;
  googleId: number | null;
  prob: number;
}

export interface DeepScore {
  id: string;
  nameEn: string;
  nameZh: string;
  pathEn: string;
  pathZh: string;
  googleId: number | null;
  score: number;
}

export interface NeighbourItem {
  text: string;
  level1: string;
  level2: string;
  similarity: number;
}

/**
 * One listing's answer. The worker client's rows read their fields from the batch's columns when
 * first asked (result-chunk.ts): to send one elsewhere (postMessage, IndexedDB), copy what is
 * needed or take plainResult(row).
 */
export interface ListingResult {
  level1: CategoryScore[];
  level2: CategoryScore[];
  deep: DeepScore[];
  /** The listing's latent mean (a view: copy it to keep it past the result). */
  mu: Float32Array;
  pca: [number, number];
  umap: [number, number];
  neighbours: NeighbourItem[];
  empty: boolean;
}

export interface ClassifyRequestOptions {
  topK?: number;
  neighbours?: number;
  deep?: number;
  /** Rows per model call: bounds memory and lets progress / cancel happen between batches. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface LoadInfo {
  backend: BackendName;
  reasons: BackendReason[];
  packName: string;
  packVersion: string;
  loadMs: number;
  downloadedBytes: number;
  totalBytes: number;
  /** Where the model runs: 'worker' or 'in-process'. */
  host: 'worker' | 'in-process';
}

export interface LoadOptions {
  modelUrl: string;
  backend?: BackendName | null;
  onProgress?: (p: PackProgress) => void;
}

/**
 * What the UI shows about the loaded pack besides predictions: label tables, the taxonomy nodes
 * (for pickers), the reference catalog with its 2-D coordinates (for the map) and the model card.
 * Read once after load; every array is already verified against the manifest's SHA-256.
 */
export interface PackInfo {
  name: string;
  version: string;
  createdAt: string;
  level1: LabelEntry[];
  level2: LabelEntry[];
  /** Every taxonomy node offered by deep suggestions (id, en/zh path, Google id). */
  taxonomy: DeepNode[];
  catalog: {
    rows: CatalogRow[];
    /** [count x 2] interleaved x, y. */
    pca: Float32Array;
    umap: Float32Array;
  };
  /** card.json as shipped; readers check the fields they use (packs from users may lack some). */
  card: unknown;
  summary: Record<string, number | string>;
}

/** Occlusion explanation of the top level-1 suggestion (src/ml/pack/explain.ts). */
export interface Explanation {
  targetId: string;
  prob: number;
  /** The listing cut into pieces covering it exactly; weight > 0 pushed towards targetId. */
  segments: { text: string; weight: number; scored: boolean }[];
}

export interface ExplainRequestOptions {
  signal?: AbortSignal;
}

export interface Diagnostics {
  numTensors: number;
  backend: string;
  /** Extra workers ready for big batches (batch-pool.ts); absent where there are none to have. */
  batchWorkers?: number;
  /** Where the taxonomy-name scan runs (name-scan.ts); absent before load. */
  nameScan?: 'wasm' | 'js';
}

/** On-device learning (src/ml/adapt): fine-tune the heads on labelled listings + catalog replay. */
export interface AdaptRequestOptions {
  onProgress?: (p: AdaptProgress) => void;
  signal?: AbortSignal;
  seed?: number;
}

export class CancelledError extends Error {
  override name = 'CancelledError';
}

export interface InferenceClient {
  load(opts: LoadOptions): Promise<LoadInfo>;
  classify(texts: readonly string[], opts?: ClassifyRequestOptions): Promise<ListingResult[]>;
  /** The loaded pack's labels, taxonomy, catalog and card; rejects before load. */
  packInfo(): Promise<PackInfo>;
  /** Which words / characters pushed the top level-1 suggestion (occlusion, off the main thread). */
  explain(text: string, opts?: ExplainRequestOptions): Promise<Explanation>;
  diagnostics(): Promise<Diagnostics>;
  /**
   * Fine-tunes the shipped heads on `examples` (plus catalog replay) and puts the result in use;
   * resolves with the new heads (for the page to store) and the before/after report. Cancel via
   * the signal: the heads in use stay as they were.
   */
  adapt(examples: readonly LabelledText[], opts?: AdaptRequestOptions): Promise<AdaptResult>;
  /** Uses stored adapted heads (rejected when made for another pack), or null: the shipped ones. */
  setHeads(heads: HeadWeights | null): Promise<void>;
  /** The loaded pack with the heads in use as a model pack's files (manifest.json first). */
  exportPack(): Promise<PackFileBytes[]>;
  /**
   * A batch of about `rows` listings is coming: a client that can spread big batches over more
   * workers starts them now (see batch-pool.ts). Resolves when they are ready or could not start.
   */
  prepareBatch?(rows: number): Promise<void>;
  dispose(): void;
}

export const DEFAULT_BATCH = 256;
