/**
 * The app's client: the worker when it starts, else the in-process fallback (with a warning that
 * says why). The choice is made on load(), which is when the worker is first needed. If the worker
 * crashes later, the model is loaded again on the page thread (from the Cache API, no download) and
 * the failed call is retried there once; onHostChange tells the page (also when the GPU device is
 * lost and the model moves to the next backend).
 */
import type {
  AdaptRequestOptions,
  AdaptResult,
  HeadWeights,
  LabelledText,
  PackFileBytes,
  ClassifyRequestOptions,
  Diagnostics,
  ExplainRequestOptions,
  Explanation,
  InferenceClient,
  ListingResult,
  LoadInfo,
  LoadOptions,
  PackInfo,
} from './inference-client';
import { BatchPool, extraWorkersFor } from './batch-pool';
import { InProcessClient } from './in-process-client';
import { WorkerClient, WorkerCrashError } from './worker-client';

export class AutoClient implements InferenceClient {
  private inner: InferenceClient | null = null;
  private lastLoad: Omit<LoadOptions, 'onProgress'> | null = null;
  private recovering: Promise<InferenceClient> | null = null;
  /** The adapted heads in use: a recovery puts them back on the new host. */
  private heads: HeadWeights | null = null;
  /** The backend the model loaded on (the batch pool's workers use the same). */
  private backend: LoadInfo['backend'] | null = null;
  /** Extra workers for big batches (batch-pool.ts); none without workers. */
  private readonly pool: BatchPool;

  constructor(
    private readonly preferWorker = typeof Worker !== 'undefined',
    private readonly onHostChange?: (info: LoadInfo) => void,
  ) {
    this.pool = new BatchPool(preferWorker ? extraWorkersFor(globalThis.navigator?.hardwareConcurrency) : 0);
  }

  private hostChanged(info: LoadInfo): void {
    // Another backend or host: the extra workers no longer match the main one.
    this.backend = info.backend;
    this.pool.reset();
    this.onHostChange?.(info);
  }

  private async pick(): Promise<InferenceClient> {
    if (this.inner) return this.inner;
    if (this.preferWorker) {
      try {
        // Not awaiting 'ready': requests queue in the worker meanwhile, and one that fails to
        // start fails them with a WorkerCrashError, which load() and run() recover from.
        const worker = WorkerClient.spawn();
        worker.onBackendChange = (info) => this.hostChanged(info);
        this.inner = worker;
        return this.inner;
      } catch (err) {
        console.warn(
          `Inference runs on the page thread: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    } else {
      console.warn(
        'Inference runs on the page thread: Web Workers are unavailable or turned off (?inprocess).',
      );
    }
    this.inner = new InProcessClient(this.onHostChange);
    return this.inner;
  }

  async load(opts: LoadOptions): Promise<LoadInfo> {
    this.heads = null;
    this.pool.reset();
    const { onProgress: _progress, ...rest } = opts;
    this.lastLoad = rest;
    let info: LoadInfo;
    try {
      info = await (await this.pick()).load(opts);
    } catch (err) {
      // The worker could not start, or could not load its engine: the page thread takes over.
      if (!(err instanceof WorkerCrashError)) throw err;
      console.warn(`Inference runs on the page thread: ${err.message}`);
      this.inner?.dispose();
      this.inner = new InProcessClient(this.onHostChange);
      info = await this.inner.load(opts);
    }
    this.backend = info.backend;
    return info;
  }

  /**
   * A batch is coming (a table was loaded): start the extra workers now, so they are ready when
   * it runs. Resolves when they are (or could not start); the batch runs either way.
   */
  async prepareBatch(rows: number): Promise<void> {
    const inner = this.inner;
    if (!(inner instanceof WorkerClient) || !this.lastLoad || !this.backend || !this.pool.worthIt(rows))
      return;
    await this.pool.warm(this.lastLoad, this.backend);
    // A load or host change while they started made them stale: reset() has dropped them.
    if (this.heads) await this.pool.setHeads(this.heads);
  }

  /** Runs `call` on the current client; after a worker crash, once more on the page thread. */
  private async run<T>(call: (c: InferenceClient) => Promise<T>): Promise<T> {
    const client = await this.pick();
    try {
      return await call(client);
    } catch (err) {
      if (!(err instanceof WorkerCrashError) || !this.lastLoad) throw err;
      return call(await this.recover(client, err));
    }
  }

  /** One recovery for all the calls the crash failed at once. */
  private recover(crashed: InferenceClient, err: WorkerCrashError): Promise<InferenceClient> {
    this.recovering ??= (async () => {
      console.warn(`Inference runs on the page thread: ${err.message}; the model is loaded again there.`);
      crashed.dispose();
      const next = new InProcessClient(this.onHostChange);
      const info = await next.load(this.lastLoad!);
      if (this.heads) await next.setHeads(this.heads);
      this.inner = next;
      this.hostChanged(info);
      return next;
    })();
    return this.recovering;
  }

  async classify(texts: readonly string[], opts?: ClassifyRequestOptions): Promise<ListingResult[]> {
    return this.run((c) =>
      c instanceof WorkerClient && this.pool.splits(texts.length)
        ? this.pool.classify(c, texts, opts)
        : c.classify(texts, opts),
    );
  }

  async packInfo(): Promise<PackInfo> {
    return this.run((c) => c.packInfo());
  }

  async explain(text: string, opts?: ExplainRequestOptions): Promise<Explanation> {
    return this.run((c) => c.explain(text, opts));
  }

  async diagnostics(): Promise<Diagnostics> {
    const d = await this.run((c) => c.diagnostics());
    return { ...d, batchWorkers: this.pool.ready };
  }

  async adapt(examples: readonly LabelledText[], opts?: AdaptRequestOptions): Promise<AdaptResult> {
    const result = await this.run((c) => c.adapt(examples, opts));
    this.heads = result.heads;
    await this.pool.setHeads(result.heads);
    return result;
  }

  async exportPack(): Promise<PackFileBytes[]> {
    return this.run((c) => c.exportPack());
  }

  async setHeads(heads: HeadWeights | null): Promise<void> {
    await this.run((c) => c.setHeads(heads));
    this.heads = heads;
    await this.pool.setHeads(heads);
  }

  dispose(): void {
    this.pool.dispose();
    this.inner?.dispose();
    this.inner = null;
  }
}

export const createInferenceClient = (
  opts: { worker?: boolean; onHostChange?: (info: LoadInfo) => void } = {},
): InferenceClient => new AutoClient(opts.worker ?? typeof Worker !== 'undefined', opts.onHostChange);
