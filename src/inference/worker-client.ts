/** InferenceClient over the module Web Worker (inference-worker.ts). */
import {
  CancelledError,
  type AdaptRequestOptions,
  type AdaptResult,
  type HeadWeights,
  type LabelledText,
  type PackFileBytes,
  type ClassifyRequestOptions,
  type Diagnostics,
  type ExplainRequestOptions,
  type Explanation,
  type InferenceClient,
  type ListingResult,
  type LoadInfo,
  type LoadOptions,
  type PackInfo,
} from './inference-client';
import { errorFromResponse, isWorkerResponse, type WorkerRequest, type WorkerResponse } from './protocol';
import { decodeChunk, type ResultLabels } from './result-chunk';

/** The worker died under a request (an uncaught error in it): the caller may move to the page thread. */
export class WorkerCrashError extends Error {
  override name = 'WorkerCrashError';
}

/** How long the worker may take to evaluate its module and say 'ready'. */
const WORKER_START_TIMEOUT_MS = 15_000;

interface Pending {
  resolve: (v: WorkerResponse) => void;
  reject: (e: Error) => void;
  onMessage?: (m: WorkerResponse) => void;
}

export class WorkerClient implements InferenceClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Set once the worker has failed: later requests fail at once instead of waiting forever. */
  private crash: WorkerCrashError | null = null;
  /** The loaded pack's label tables: result chunks carry class indexes only. */
  private labels: ResultLabels | null = null;
  /** Told when the worker moved the model to another backend (GPU device lost). */
  onBackendChange: ((info: LoadInfo) => void) | null = null;

  /** Set on the worker's 'ready': an error before it is a failed start, not a crash mid-session. */
  private started = false;
  private readonly startTimer: ReturnType<typeof setTimeout>;
  /** Resolves on 'ready'; rejects with why the worker could not start. */
  readonly ready: Promise<void>;

  private constructor(private readonly worker: Worker) {
    let markReady!: () => void;
    let markFailed!: (e: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    // Observed by start() and by the requests it fails; never an unhandled rejection itself.
    this.ready.catch(() => undefined);
    const fail = (err: WorkerCrashError) => {
      this.crash = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      markFailed(err);
    };
    this.startTimer = setTimeout(() => {
      worker.terminate();
      fail(new WorkerCrashError(`the worker did not start within ${WORKER_START_TIMEOUT_MS} ms`));
    }, WORKER_START_TIMEOUT_MS);
    worker.addEventListener('message', (ev: MessageEvent<unknown>) => {
      const m = ev.data;
      if (!isWorkerResponse(m)) return;
      if (m.type === 'ready') {
        this.started = true;
        clearTimeout(this.startTimer);
        markReady();
        return;
      }
      if (m.type === 'backend-changed') {
        this.labels = m.labels;
        this.onBackendChange?.(m.info);
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'load-progress' || m.type === 'adapt-progress') {
        p.onMessage?.(m);
        return;
      }
      if (m.type === 'classify-chunk') {
        p.onMessage?.(m);
        // The last chunk is the answer (no further message: one thread hop less per keystroke).
        if (m.done < m.total) return;
      }
      this.pending.delete(m.id);
      if (m.type === 'error') p.reject(errorFromResponse(m));
      else p.resolve(m);
    });
    worker.addEventListener('error', (ev) => {
      const why = ev.message || (this.started ? 'unknown error' : 'script error');
      if (!this.started) {
        clearTimeout(this.startTimer);
        worker.terminate();
      }
      fail(
        new WorkerCrashError(
          this.started ? `The inference worker failed: ${why}` : `the worker failed to start: ${why}`,
        ),
      );
    });
  }

  /**
   * Starts the worker. Requests may be made at once: the worker queues them until its module has
   * run, so the first load's download does not wait for the page thread to take the worker's
   * 'ready' (a task behind the page's own start: ~0.25 s of the cold start, traced). A worker that
   * cannot start fails them with a WorkerCrashError saying why, and `ready` rejects with it.
   * Throws if the browser refuses to create the worker at all.
   */
  static spawn(): WorkerClient {
    return new WorkerClient(
      new Worker(new URL('./inference-worker.ts', import.meta.url), { type: 'module' }),
    );
  }

  /** Starts the worker and waits for its 'ready'; rejects (with why) if it cannot start. */
  static async start(): Promise<WorkerClient> {
    const client = WorkerClient.spawn();
    await client.ready;
    return client;
  }

  private request(
    make: (id: number) => WorkerRequest,
    onMessage?: (m: WorkerResponse) => void,
  ): { id: number; done: Promise<WorkerResponse> } {
    const id = this.nextId++;
    if (this.crash) return { id, done: Promise.reject(this.crash) };
    const done = new Promise<WorkerResponse>((resolve, reject) => {
      this.pending.set(id, onMessage ? { resolve, reject, onMessage } : { resolve, reject });
    });
    this.worker.postMessage(make(id));
    return { id, done };
  }

  async load(opts: LoadOptions): Promise<LoadInfo> {
    const { onProgress, ...wire } = opts;
    const { done } = this.request(
      (id) => ({ type: 'load', id, opts: wire }),
      (m) => {
        if (m.type === 'load-progress') onProgress?.(m.progress);
      },
    );
    const r = await done;
    if (r.type !== 'loaded') throw new Error(`Unexpected worker reply ${r.type}`);
    this.labels = r.labels;
    return r.info;
  }

  async classify(texts: readonly string[], opts: ClassifyRequestOptions = {}): Promise<ListingResult[]> {
    const { onProgress, signal, ...wire } = opts;
    if (signal?.aborted) throw new CancelledError('Classification was cancelled.');
    const results: ListingResult[] = [];
    // Chunks are decoded as they arrive, while the worker computes the next batch.
    let failure: Error | null = null;
    const { id, done } = this.request(
      (rid) => ({ type: 'classify', id: rid, texts: [...texts], opts: wire }),
      (m) => {
        if (m.type !== 'classify-chunk' || failure) return;
        if (!this.labels) {
          failure = new Error('Results arrived before the model was loaded.');
          return;
        }
        for (const r of decodeChunk(m.chunk, this.labels)) results.push(r);
        onProgress?.(m.done, m.total);
      },
    );
    const onAbort = () => {
      this.worker.postMessage({ type: 'cancel', id: this.nextId++, target: id } satisfies WorkerRequest);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const r = await done;
      if (r.type !== 'classified' && r.type !== 'classify-chunk')
        throw new Error(`Unexpected worker reply ${r.type}`);
      if (failure) throw failure;
      if (results.length !== texts.length)
        throw new Error(`The worker answered ${results.length} of ${texts.length} listings.`);
      return results;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async adapt(examples: readonly LabelledText[], opts: AdaptRequestOptions = {}): Promise<AdaptResult> {
    const { onProgress, signal, seed } = opts;
    if (signal?.aborted) throw new CancelledError('Adaptation was cancelled.');
    const { id, done } = this.request(
      (rid) => ({
        type: 'adapt',
        id: rid,
        examples: examples.map((e) => ({ text: e.text, categoryId: e.categoryId })),
        ...(seed !== undefined ? { seed } : {}),
      }),
      (m) => {
        if (m.type === 'adapt-progress') onProgress?.(m.progress);
      },
    );
    const onAbort = () => {
      this.worker.postMessage({ type: 'cancel', id: this.nextId++, target: id } satisfies WorkerRequest);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const r = await done;
      if (r.type !== 'adapted') throw new Error(`Unexpected worker reply ${r.type}`);
      return r.result;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async exportPack(): Promise<PackFileBytes[]> {
    const r = await this.request((id) => ({ type: 'export-pack', id })).done;
    if (r.type !== 'pack-exported') throw new Error(`Unexpected worker reply ${r.type}`);
    return r.files;
  }

  async setHeads(heads: HeadWeights | null): Promise<void> {
    const r = await this.request((id) => ({ type: 'set-heads', id, heads })).done;
    if (r.type !== 'heads-set') throw new Error(`Unexpected worker reply ${r.type}`);
  }

  async packInfo(): Promise<PackInfo> {
    const r = await this.request((id) => ({ type: 'pack-info', id })).done;
    if (r.type !== 'pack-info') throw new Error(`Unexpected worker reply ${r.type}`);
    return r.info;
  }

  async explain(text: string, opts: ExplainRequestOptions = {}): Promise<Explanation> {
    if (opts.signal?.aborted) throw new CancelledError('Explanation was cancelled.');
    const r = await this.request((id) => ({ type: 'explain', id, text })).done;
    if (opts.signal?.aborted) throw new CancelledError('Explanation was cancelled.');
    if (r.type !== 'explained') throw new Error(`Unexpected worker reply ${r.type}`);
    return r.explanation;
  }

  async diagnostics(): Promise<Diagnostics> {
    const r = await this.request((id) => ({ type: 'diagnostics', id })).done;
    if (r.type !== 'diagnostics') throw new Error(`Unexpected worker reply ${r.type}`);
    return r.diagnostics;
  }

  dispose(): void {
    clearTimeout(this.startTimer);
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new CancelledError('The inference worker was stopped.'));
    this.pending.clear();
  }
}
