/**
 * The app's view of the model: an InferenceClient loads a pack and classifies listings, in a Web
 * Worker (worker-client), in the page (in-process-client, the fallback) or in tests (fake-client).
 * Everything crossing it is plain, structured-clonable data.
 */
import type { BackendName, BackendReason } from '../ml/backend/backend-choice';
import type { PackProgress } from '../ml/pack/fetch-pack-source';

export type { BackendName, BackendReason, PackProgress };

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

export interface ListingResult {
  level1: CategoryScore[];
  level2: CategoryScore[];
  deep: DeepScore[];
  mu: number[];
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

export interface Diagnostics {
  numTensors: number;
  backend: string;
}

export class CancelledError extends Error {
  override name = 'CancelledError';
}

export interface InferenceClient {
  load(opts: LoadOptions): Promise<LoadInfo>;
  classify(texts: readonly string[], opts?: ClassifyRequestOptions): Promise<ListingResult[]>;
  diagnostics(): Promise<Diagnostics>;
  dispose(): void;
}

export const DEFAULT_BATCH = 256;
