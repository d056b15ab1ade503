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
import { InProcessClient } from './in-process-client';
import { WorkerClient, WorkerCrashError } from './worker-client';

export class AutoClient implements InferenceClient {
  private inner: InferenceClient | null = null;
  private lastLoad: Omit<LoadOptions, 'onProgress'> | null = null;
  private recovering: Promise<InferenceClient> | null = null;
  /** The adapted heads in use: a recovery puts them back on the new host. */
  private heads: HeadWeights | null = null;

  constructor(
    private readonly preferWorker = typeof Worker !== 'undefined',
    private readonly onHostChange?: (info: LoadInfo) => void,
  ) {}

  private async pick(): Promise<InferenceClient> {
    if (this.inner) return this.inner;
    if (this.preferWorker) {
      try {
        const worker = await WorkerClient.start();
        worker.onBackendChange = (info) => this.onHostChange?.(info);
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
    const { onProgress: _progress, ...rest } = opts;
    this.lastLoad = rest;
    return (await this.pick()).load(opts);
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
      this.onHostChange?.(info);
      return next;
    })();
    return this.recovering;
  }

  async classify(texts: readonly string[], opts?: ClassifyRequestOptions): Promise<ListingResult[]> {
    return this.run((c) => c.classify(texts, opts));
  }

  async packInfo(): Promise<PackInfo> {
    return this.run((c) => c.packInfo());
  }

  async explain(text: string, opts?: ExplainRequestOptions): Promise<Explanation> {
    return this.run((c) => c.explain(text, opts));
  }

  async diagnostics(): Promise<Diagnostics> {
    return this.run((c) => c.diagnostics());
  }

  async adapt(examples: readonly LabelledText[], opts?: AdaptRequestOptions): Promise<AdaptResult> {
    const result = await this.run((c) => c.adapt(examples, opts));
    this.heads = result.heads;
    return result;
  }

  async exportPack(): Promise<PackFileBytes[]> {
    return this.run((c) => c.exportPack());
  }

  async setHeads(heads: HeadWeights | null): Promise<void> {
    await this.run((c) => c.setHeads(heads));
    this.heads = heads;
  }

  dispose(): void {
    this.inner?.dispose();
    this.inner = null;
  }
}

export const createInferenceClient = (
  opts: { worker?: boolean; onHostChange?: (info: LoadInfo) => void } = {},
): InferenceClient => new AutoClient(opts.worker ?? typeof Worker !== 'undefined', opts.onHostChange);
