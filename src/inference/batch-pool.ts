/**
 * More workers for big batches. The model runs single-threaded (threaded WASM needs cross-origin
 * isolation, which a static host cannot promise), so one worker uses one core; a batch of thousands
 * of listings on a multi-core device is spread over extra workers, each with the same pack on the
 * same backend with the same heads, so every row gets the numbers the main worker would give it.
 *
 * Extra workers cost memory (a model each, ~30-50 MB) and a start (~1 s from the Cache API), so
 * they start only when a batch is coming (the batch panel calls prepareBatch when a table is loaded)
 * and only for CPU backends (wasm, cpu): on a GPU backend the device is shared and already parallel.
 * Rows are handed out in slices to whichever worker is free, so a slower or late worker takes fewer.
 */
import {
  CancelledError,
  type BackendName,
  type ClassifyRequestOptions,
  type HeadWeights,
  type InferenceClient,
  type ListingResult,
  type LoadOptions,
} from './inference-client';
import { WorkerClient, WorkerCrashError } from './worker-client';

/** Backends whose work is on the CPU, where another worker means another core. */
const POOLED_BACKENDS: readonly BackendName[] = ['wasm', 'cpu'];
/** At most this many extra workers: each holds a whole model. */
const MAX_EXTRA_WORKERS = 3;
/** Rows per slice at least: a slice is one request with its own messages and decode. */
const MIN_SLICE_ROWS = 256;
/** Slices per worker, about: enough for a late or slower worker to take fewer. */
const SLICES_PER_WORKER = 4;

/** Extra workers for a device with `cores` logical cores: the page and the main worker need one each. */
export function extraWorkersFor(cores: number | undefined): number {
  return Math.max(0, Math.min(MAX_EXTRA_WORKERS, (cores ?? 1) - 1));
}

/** Rows per slice for a batch of n rows over `workers` workers. */
export function sliceRows(n: number, workers: number): number {
  return Math.max(MIN_SLICE_ROWS, Math.ceil(n / (workers * SLICES_PER_WORKER)));
}

export class BatchPool {
  private helpers: InferenceClient[] = [];
  private starting: Promise<void> | null = null;
  /** Bumped by reset(): a start that finishes after it keeps nothing. */
  private generation = 0;
  private heads: HeadWeights | null = null;

  constructor(
    private readonly size: number,
    private readonly startWorker: () => Promise<InferenceClient> = () => WorkerClient.start(),
  ) {}

  /** Extra workers ready now. */
  get ready(): number {
    return this.helpers.length;
  }

  /** Whether a batch of n rows is worth extra workers at all. */
  worthIt(n: number): boolean {
    return this.size > 0 && n >= 2 * MIN_SLICE_ROWS;
  }

  /** Whether a batch of n rows would be split now. */
  splits(n: number): boolean {
    return this.helpers.length > 0 && n >= 2 * MIN_SLICE_ROWS;
  }

  /**
   * Starts the extra workers for the pack the main worker loaded (same backend, same heads); once
   * per load. A worker that cannot start is left out (the batch runs on the others) with a warning.
   */
  warm(load: Omit<LoadOptions, 'onProgress'>, backend: BackendName): Promise<void> {
    if (this.size === 0 || !POOLED_BACKENDS.includes(backend)) return Promise.resolve();
    this.starting ??= (async () => {
      const generation = this.generation;
      const started = await Promise.all(
        Array.from({ length: this.size }, async () => {
          let worker: InferenceClient | null = null;
          try {
            worker = await this.startWorker();
            await worker.load({ ...load, backend });
            if (this.heads) await worker.setHeads(this.heads);
            return worker;
          } catch (err) {
            worker?.dispose();
            console.warn(`A batch worker did not start: ${err instanceof Error ? err.message : String(err)}`);
            return null;
          }
        }),
      );
      const ok = started.filter((w): w is InferenceClient => w !== null);
      if (generation !== this.generation) {
        for (const w of ok) w.dispose();
        return;
      }
      // Heads may have changed while they loaded.
      if (this.heads) await Promise.all(ok.map((w) => w.setHeads(this.heads)));
      this.helpers = ok;
    })();
    return this.starting;
  }

  /** The heads in use, for the extra workers too. */
  async setHeads(heads: HeadWeights | null): Promise<void> {
    this.heads = heads;
    await Promise.all(this.helpers.map((w) => w.setHeads(heads)));
  }

  /** Stops the extra workers (another pack, another backend or host): the next warm starts anew. */
  reset(): void {
    this.generation++;
    for (const w of this.helpers) w.dispose();
    this.helpers = [];
    this.starting = null;
    this.heads = null;
  }

  /**
   * Classifies `texts` on `main` and the extra workers: slices go to whichever is free; results
   * come back in input order. A helper that crashes is dropped and its slice redone by another.
   */
  async classify(
    main: InferenceClient,
    texts: readonly string[],
    opts: ClassifyRequestOptions = {},
  ): Promise<ListingResult[]> {
    const { onProgress, ...rest } = opts;
    const workers = [main, ...this.helpers];
    const size = sliceRows(texts.length, workers.length);
    const queue: number[] = [];
    for (let s = 0; s < texts.length; s += size) queue.push(s);
    const out = new Array<ListingResult>(texts.length);
    const doneBySlice = new Map<number, number>();
    let done = 0;
    // Set on the first failure: the other workers take no more slices.
    let failed = false;
    const run = async (worker: InferenceClient): Promise<void> => {
      for (let start = queue.shift(); start !== undefined && !failed; start = queue.shift()) {
        if (opts.signal?.aborted) throw new CancelledError('Classification was cancelled.');
        const slice = texts.slice(start, start + size);
        const at = start;
        try {
          const res = await worker.classify(slice, {
            ...rest,
            onProgress: (d) => {
              done += d - (doneBySlice.get(at) ?? 0);
              doneBySlice.set(at, d);
              onProgress?.(done, texts.length);
            },
          });
          res.forEach((r, i) => (out[at + i] = r));
        } catch (err) {
          if (worker === main || !(err instanceof WorkerCrashError)) {
            failed = true;
            throw err;
          }
          // The helper died: its slice goes back to the others, it takes no more.
          done -= doneBySlice.get(at) ?? 0;
          doneBySlice.delete(at);
          queue.unshift(at);
          this.helpers = this.helpers.filter((w) => w !== worker);
          console.warn(`A batch worker stopped (${err.message}); its rows go to the others.`);
          return;
        }
      }
    };
    await Promise.all(workers.map(run));
    // Slices given back by a helper that died after the others had finished.
    if (queue.length > 0) await run(main);
    return out;
  }

  dispose(): void {
    this.reset();
  }
}
