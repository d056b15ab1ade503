/**
 * InferenceClient running the model on the page's own thread: the fallback when no worker
 * starts. The engine (TF.js and the model code) is imported on first use so the page bundle
 * stays small when the worker does the work.
 */
import type { Engine } from './engine';
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

export class InProcessClient implements InferenceClient {
  private engine: Promise<Engine> | null = null;

  /** onBackendChange: the model moved to another backend (GPU device lost). */
  constructor(private readonly onBackendChange?: (info: LoadInfo) => void) {}

  private getEngine(): Promise<Engine> {
    this.engine ??= import('./engine').then((m) => new m.Engine('in-process', this.onBackendChange));
    return this.engine;
  }

  async load(opts: LoadOptions): Promise<LoadInfo> {
    return (await this.getEngine()).load(opts);
  }

  async classify(texts: readonly string[], opts: ClassifyRequestOptions = {}): Promise<ListingResult[]> {
    const { signal, ...rest } = opts;
    if (signal?.aborted) throw new CancelledError('Classification was cancelled.');
    return (await this.getEngine()).classify(texts, { ...rest, isCancelled: () => signal?.aborted ?? false });
  }

  async adapt(examples: readonly LabelledText[], opts: AdaptRequestOptions = {}): Promise<AdaptResult> {
    const { signal, ...rest } = opts;
    if (signal?.aborted) throw new CancelledError('Adaptation was cancelled.');
    return (await this.getEngine()).adapt(examples, { ...rest, isCancelled: () => signal?.aborted ?? false });
  }

  async exportPack(): Promise<PackFileBytes[]> {
    return (await this.getEngine()).exportPack();
  }

  async setHeads(heads: HeadWeights | null): Promise<void> {
    (await this.getEngine()).setHeads(heads);
  }

  async packInfo(): Promise<PackInfo> {
    return (await this.getEngine()).packInfo();
  }

  async explain(text: string, opts: ExplainRequestOptions = {}): Promise<Explanation> {
    if (opts.signal?.aborted) throw new CancelledError('Explanation was cancelled.');
    return (await this.getEngine()).explain(text);
  }

  async diagnostics(): Promise<Diagnostics> {
    return (await this.getEngine()).diagnostics();
  }

  dispose(): void {
    void this.engine?.then((e) => e.dispose());
    this.engine = null;
  }
}
