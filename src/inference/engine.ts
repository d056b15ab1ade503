/**
 * The model host shared by the worker and the in-process client: backend choice, pack loading,
 * warm-up, and classify in bounded batches turned into plain ListingResult objects. If the GPU
 * device is lost mid-session, the model is loaded again on the next backend (from the Cache API)
 * and the batch that was running is redone there; onBackendChange tells the page.
 */
import {
  AdaptInputError,
  adaptHeads,
  applyHeads,
  readHeads,
  type HeadWeights,
  type LabelledText,
} from '../ml/adapt/adapt-heads';
import type { BackendName, BackendReason } from '../ml/backend/backend-choice';
import {
  chooseBrowserBackend,
  chooseNextBackend,
  browserTensorCount,
  watchDeviceLoss,
} from '../ml/backend/browser-backend';
import { Categorizer } from '../ml/pack/categorizer';
import { explainTop } from '../ml/pack/explain';
import { FetchPackSource, type PackProgress } from '../ml/pack/fetch-pack-source';
import { exportPack, type PackFileBytes } from '../ml/adapt/export-pack';
import { IdbPackSource, IMPORTED_PACK_URL } from './idb-pack-source';
import { readVerified } from '../ml/pack/pack-source';
import type { ProgressPackSource } from '../ml/pack/prefetched-pack-source';
import { yieldToEvents } from '../ml/yield-to-events';
import { chunkOf, decodeChunk, type ResultChunk, type ResultLabels } from './result-chunk';
import {
  CancelledError,
  DEFAULT_BATCH,
  type ClassifyRequestOptions,
  type Diagnostics,
  type Explanation,
  type ListingResult,
  type LoadInfo,
  type LoadOptions,
  type PackInfo,
  type AdaptRequestOptions,
  type AdaptResult,
} from './inference-client';

export class Engine {
  private model: Categorizer | null = null;
  /** The pack's own heads (read at load) and the adapted ones in use, if any. */
  private shippedHeads: HeadWeights | null = null;
  private adaptedHeads: HeadWeights | null = null;
  private backend: BackendName | '' = '';
  private card: Promise<unknown> = Promise.resolve(null);
  /** Where the loaded pack came from: export re-reads its files (from the Cache API or IndexedDB). */
  private source: ProgressPackSource | null = null;
  /** Null while the backend's GPU device is usable, else why it is gone. */
  private deviceLost: () => string | null = () => null;
  private modelUrl: string | null = null;
  private switching: Promise<void> | null = null;

  constructor(
    private readonly host: LoadInfo['host'],
    private readonly onBackendChange?: (info: LoadInfo) => void,
  ) {}

  /**
   * Loads the pack and starts the backend. `prefetched`: a source the worker started reading before
   * this module had loaded (inference-worker.ts), and when it started (the load is timed from it).
   */
  async load(
    opts: LoadOptions,
    prefetched?: { source: ProgressPackSource; startedAt: number },
  ): Promise<LoadInfo> {
    const t0 = prefetched?.startedAt ?? performance.now();
    this.model?.dispose();
    this.model = null;
    // The backend starts while the pack downloads and verifies: only the encoder build needs it.
    const choosing = chooseBrowserBackend(opts.backend ?? null);
    // Awaited below; if the pack fails first, its error is the one to report.
    choosing.catch(() => undefined);
    const source = prefetched?.source ?? packSource(opts.modelUrl, opts.onProgress);
    this.source = source;
    this.modelUrl = opts.modelUrl;
    this.model = await Categorizer.load(source, undefined, choosing);
    const choice = await choosing;
    this.backend = choice.backend;
    this.deviceLost = watchDeviceLoss(choice.backend);
    this.shippedHeads = await readHeads(this.model.model, this.model.manifest.version);
    this.adaptedHeads = null;
    // The model card is for the pack's report, not the first suggestion: read after it, not before.
    const model = this.model;
    this.card = readVerified(source, model.manifest, model.manifest.card).then(
      (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as unknown,
    );
    // packInfo reports a failure; until someone asks, it is not an unhandled rejection.
    this.card.catch(() => undefined);
    // Warm-up: the first call compiles kernels / shaders; do it now, not on the first keystroke.
    await this.model.columnsAsync(['warm up'], { neighbours: 1, deep: 1 });
    return this.loadInfo(this.model, source, choice.backend, choice.reasons, t0);
  }

  /** What the page shows about a (re)load: backend and why, pack, time and bytes. */
  private loadInfo(
    model: Categorizer,
    source: ProgressPackSource,
    backend: BackendName,
    reasons: BackendReason[],
    t0: number,
  ): LoadInfo {
    return {
      backend,
      reasons,
      packName: model.manifest.name,
      packVersion: model.manifest.version,
      loadMs: performance.now() - t0,
      downloadedBytes: source.progress.downloadedBytes,
      totalBytes: source.progress.totalBytes,
      host: this.host,
    };
  }

  /**
   * Classifies in batches; each batch's results go to onChunk (in columns, see result-chunk.ts) as
   * soon as they are done, so the page decodes one while the next is computed. Yields between
   * batches so cancel messages get through.
   */
  async classifyChunks(
    texts: readonly string[],
    opts: Omit<ClassifyRequestOptions, 'signal' | 'onProgress'> & {
      isCancelled?: () => boolean;
      onChunk: (chunk: ResultChunk, done: number, total: number) => void;
    },
  ): Promise<void> {
    if (!this.model) throw new Error('The model is not loaded yet.');
    const batch = Math.max(1, opts.batchSize ?? DEFAULT_BATCH);
    for (let i = 0; i < texts.length; i += batch) {
      if (opts.isCancelled?.()) throw new CancelledError('Classification was cancelled.');
      const { model, res } = await this.onLiveDevice((m) =>
        m.columnsAsync(texts.slice(i, i + batch), {
          topK: opts.topK ?? 5,
          neighbours: opts.neighbours ?? 5,
          deep: opts.deep ?? 5,
          batchSize: batch,
        }),
      );
      opts.onChunk(
        chunkOf(res, i, model.catalog, model.manifest.labels),
        Math.min(texts.length, i + batch),
        texts.length,
      );
      if (i + batch < texts.length) await yieldToEvents();
    }
  }

  /** classifyChunks into ListingResult objects (the in-process client's path). */
  async classify(
    texts: readonly string[],
    opts: Omit<ClassifyRequestOptions, 'signal'> & { isCancelled?: () => boolean } = {},
  ): Promise<ListingResult[]> {
    const { onProgress, ...rest } = opts;
    const out: ListingResult[] = [];
    await this.classifyChunks(texts, {
      ...rest,
      onChunk: (chunk, done, total) => {
        for (const r of decodeChunk(chunk, this.labels())) out.push(r);
        onProgress?.(done, total);
      },
    });
    return out;
  }

  /** The loaded pack's label tables (what decodeChunk needs on the other side). */
  labels(): ResultLabels {
    if (!this.model) throw new Error('The model is not loaded yet.');
    return this.model.manifest.labels;
  }

  /**
   * Runs one model call on a device that is still there: switches backend first if it is already
   * lost, and redoes the call on the next backend if the device went during it (a lost WebGL context
   * reads back zeros, a lost WebGPU device rejects). Each switch moves down the list, so this ends.
   */
  private async onLiveDevice<T>(
    call: (m: Categorizer) => Promise<T>,
  ): Promise<{ model: Categorizer; res: T }> {
    for (;;) {
      // A switch under way (started by another call) has no model yet: wait for it.
      if (this.switching) await this.switching;
      else if (this.deviceLost() !== null) await this.switchBackend();
      const model = this.model;
      if (!model) throw new Error('The model is not loaded yet.');
      try {
        const res = await call(model);
        if (this.deviceLost() === null) return { model, res };
      } catch (err) {
        // WebGPU reports the loss through a promise: give it a turn before deciding.
        await new Promise((r) => setTimeout(r, 0));
        if (this.deviceLost() === null) throw err;
      }
    }
  }

  /** One switch for every call that saw the loss. */
  private switchBackend(): Promise<void> {
    this.switching ??= (async () => {
      const lost = this.backend;
      const why = this.deviceLost() ?? 'the GPU device was lost';
      if (lost === '' || !this.modelUrl)
        throw new Error(`The GPU device was lost (${why}) before the model loaded.`);
      const t0 = performance.now();
      console.warn(`GPU device lost on ${lost} (${why}); the model is loaded again on the next backend.`);
      try {
        this.model?.dispose();
      } catch {
        // Its tensors lived on the lost device: nothing left to free.
      }
      this.model = null;
      const choice = await chooseNextBackend(lost);
      this.backend = choice.backend;
      this.deviceLost = watchDeviceLoss(choice.backend);
      // A fresh source: its byte counts are this reload's (from the Cache API, or the network).
      const source = packSource(this.modelUrl);
      this.source = source;
      this.model = await Categorizer.load(source);
      this.shippedHeads = await readHeads(this.model.model, this.model.manifest.version);
      // The merchant's adapted heads survive the move to another backend.
      if (this.adaptedHeads) applyHeads(this.model.model, this.adaptedHeads);
      const lostReason: BackendReason = {
        backend: lost,
        status: 'lost',
        reason: `${why} during the session; the model moved to ${choice.backend}`,
      };
      this.onBackendChange?.(
        this.loadInfo(this.model, source, choice.backend, [lostReason, ...choice.reasons], t0),
      );
    })().finally(() => {
      this.switching = null;
    });
    return this.switching;
  }

  async packInfo(): Promise<PackInfo> {
    const model = this.model;
    if (!model) throw new Error('The model is not loaded yet.');
    // This load's card (a reload may start while it is awaited).
    const card = await this.card;
    const m = model.manifest;
    const n = model.catalog.length;
    return {
      name: m.name,
      version: m.version,
      createdAt: m.createdAt,
      level1: m.labels.level1,
      level2: m.labels.level2,
      taxonomy: model.deepNodes,
      // Copies: the worker posts these, and the model keeps its own arrays.
      catalog: {
        rows: model.catalog,
        pca: model.catalogCoords.slice(0, n * 2),
        umap: model.catalogCoords.slice(n * 2, n * 4),
      },
      card,
      summary: m.summary,
    };
  }

  async explain(text: string): Promise<Explanation> {
    if (!this.model) throw new Error('The model is not loaded yet.');
    const { res: r } = await this.onLiveDevice((m) => explainTop(m, text));
    return { targetId: r.targetId, prob: r.prob, segments: r.segments };
  }

  /** Adapts from the shipped heads (so runs never compound) and puts the result in use. */
  async adapt(
    examples: readonly LabelledText[],
    opts: Omit<AdaptRequestOptions, 'signal'> & { isCancelled?: () => boolean } = {},
  ): Promise<AdaptResult> {
    const model = this.model;
    const shipped = this.shippedHeads;
    if (!model || !shipped) throw new Error('The model is not loaded yet.');
    applyHeads(model.model, shipped);
    try {
      const result = await adaptHeads(model, examples, {
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        ...(opts.isCancelled ? { isCancelled: opts.isCancelled } : {}),
      });
      this.adaptedHeads = result.heads;
      return result;
    } finally {
      // The adapted heads on success; on failure or cancel, the ones in use before.
      applyHeads(model.model, this.adaptedHeads ?? shipped);
    }
  }

  /** The loaded pack with the heads in use, as a pack's files (manifest first). */
  async exportPack(): Promise<PackFileBytes[]> {
    const model = this.model;
    if (!model || !this.source) throw new Error('The model is not loaded yet.');
    const heads = this.adaptedHeads;
    return exportPack(model, this.source, heads, {
      suffix: heads ? ' (adapted)' : '',
      summary: heads ? { adaptedOnDevice: new Date().toISOString() } : {},
    });
  }

  setHeads(heads: HeadWeights | null): void {
    const model = this.model;
    if (!model || !this.shippedHeads) throw new Error('The model is not loaded yet.');
    if (heads && heads.packVersion !== model.manifest.version)
      throw new AdaptInputError(
        `These adapted heads belong to pack version ${heads.packVersion}, not ${model.manifest.version}.`,
      );
    applyHeads(model.model, heads ?? this.shippedHeads);
    this.adaptedHeads = heads;
  }

  diagnostics(): Diagnostics {
    const d: Diagnostics = { numTensors: browserTensorCount(), backend: this.backend };
    if (this.model) d.nameScan = this.model.nameScanKind;
    return d;
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}

/** The shipped (or any served) pack over fetch, or the pack the merchant imported (IndexedDB). */
function packSource(modelUrl: string, onProgress?: (p: PackProgress) => void): ProgressPackSource {
  if (modelUrl !== IMPORTED_PACK_URL) return new FetchPackSource(modelUrl, onProgress);
  const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) throw new Error('The imported model pack cannot be read: this browser offers no IndexedDB.');
  return new IdbPackSource(factory, onProgress);
}
