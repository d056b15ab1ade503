/**
 * The app's client: the worker when it starts, else the in-process fallback (with a warning that
 * says why). The choice is made on load(), which is when the worker is first needed.
 */
import type {
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
import { WorkerClient } from './worker-client';

export class AutoClient implements InferenceClient {
  private inner: InferenceClient | null = null;

  constructor(private readonly preferWorker = typeof Worker !== 'undefined') {}

  private async pick(): Promise<InferenceClient> {
    if (this.inner) return this.inner;
    if (this.preferWorker) {
      try {
        this.inner = await WorkerClient.start();
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
    this.inner = new InProcessClient();
    return this.inner;
  }

  async load(opts: LoadOptions): Promise<LoadInfo> {
    return (await this.pick()).load(opts);
  }

  async classify(texts: readonly string[], opts?: ClassifyRequestOptions): Promise<ListingResult[]> {
    return (await this.pick()).classify(texts, opts);
  }

  async packInfo(): Promise<PackInfo> {
    return (await this.pick()).packInfo();
  }

  async explain(text: string, opts?: ExplainRequestOptions): Promise<Explanation> {
    return (await this.pick()).explain(text, opts);
  }

  async diagnostics(): Promise<Diagnostics> {
    return (await this.pick()).diagnostics();
  }

  dispose(): void {
    this.inner?.dispose();
    this.inner = null;
  }
}

export const createInferenceClient = (opts: { worker?: boolean } = {}): InferenceClient =>
  new AutoClient(opts.worker ?? typeof Worker !== 'undefined');
