/**
 * A pack source that starts reading every file of the pack at once, before anyone asks: the worker
 * starts it on its 'load' message while its own heavy module (TF.js, the model code) is still
 * loading, so the download and the script's evaluation overlap instead of queueing (cold start).
 * Each prefetched file is handed out once, then forgotten (the model keeps what it parsed, not the
 * bytes); a later read (an export) goes to the inner source again.
 */
import type { PackProgress } from './fetch-pack-source';
import type { PackManifest } from './manifest';
import { readManifest, type PackSource } from './pack-source';

/** A pack source that reports its byte progress (FetchPackSource, IdbPackSource). */
export interface ProgressPackSource extends PackSource {
  readonly progress: PackProgress;
}

/**
 * Files read at once, at most: the browser has six connections per host over HTTP/1.1, and the
 * worker's own script chunks (requested as the engine's module is parsed) must not queue behind the
 * pack's files; in traced cold starts with all files at once, that module arrived up to 0.5 s later.
 */
const PREFETCH_CONCURRENCY = 2;

/**
 * The order the files are read in: the model's graph, then the taxonomy names (deep.json is the
 * slowest file to arrive: a static server compresses its 1.4 MB on the fly, ~0.3 s in traced cold
 * starts, and the worker parses it and builds the name index while the weights still download),
 * then the rest in manifest order, the model card last (nothing before the first suggestion needs it).
 */
export function prefetchOrder(m: PackManifest): string[] {
  const first = [m.model.file, m.deep?.file, m.deep?.nameFeatures].filter((p) => p !== undefined);
  const listed = m.files.map((f) => f.path);
  const head = first.filter((p) => listed.includes(p));
  const rest = listed.filter((p) => !head.includes(p) && p !== m.card);
  return [...head, ...rest, ...(listed.includes(m.card) ? [m.card] : [])];
}

export class PrefetchedPackSource implements ProgressPackSource {
  private readonly pending = new Map<string, Promise<Uint8Array>>();
  /** Listed files not started yet, in prefetchOrder. */
  private queue: string[] = [];
  private inFlight = 0;

  /**
   * Resolves once the manifest is read and the first files are asked for, or the manifest failed
   * (prefetch); the worker starts compiling TF.js only then (inference-worker.ts).
   */
  requested: Promise<void> = Promise.resolve();

  constructor(private readonly inner: ProgressPackSource) {}

  get location(): string {
    return this.inner.location;
  }

  get progress(): PackProgress {
    return this.inner.progress;
  }

  /**
   * Starts reading the manifest, then the files it lists (a few at a time). Failures are kept for
   * the reader that asks for the file (so they surface as they would have, e.g. "missing file"),
   * never thrown here.
   */
  prefetch(): this {
    const manifest = this.start('manifest.json');
    this.requested = (async () => {
      const m = await readManifest({ location: this.inner.location, read: () => manifest });
      this.queue = prefetchOrder(m).filter((p) => !this.pending.has(p));
      for (let i = 0; i < PREFETCH_CONCURRENCY; i++) this.next();
    })().catch(() => undefined);
    return this;
  }

  private next(): void {
    const path = this.queue.shift();
    if (path === undefined) return;
    this.inFlight++;
    void this.start(path)
      .catch(() => undefined)
      .finally(() => {
        this.inFlight--;
        this.next();
      });
  }

  private start(path: string): Promise<Uint8Array> {
    const bytes = this.inner.read(path);
    // Read later (or never): not an unhandled rejection meanwhile.
    bytes.catch(() => undefined);
    this.pending.set(path, bytes);
    return bytes;
  }

  read(path: string): Promise<Uint8Array> {
    const bytes = this.pending.get(path);
    if (bytes) {
      this.pending.delete(path);
      return bytes;
    }
    // Asked for before its turn: read it now, and not again later.
    this.queue = this.queue.filter((p) => p !== path);
    return this.inner.read(path);
  }
}
