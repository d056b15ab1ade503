/** A scripted InferenceClient for component and store tests: no model, no worker. */
import type {
  AdaptRequestOptions,
  AdaptResult,
  HeadWeights,
  LabelledText,
  PackFileBytes,
  ClassifyRequestOptions,
  Diagnostics,
  Explanation,
  InferenceClient,
  ListingResult,
  LoadInfo,
  LoadOptions,
  PackInfo,
} from './inference-client';

export const FAKE_LOAD_INFO: LoadInfo = {
  backend: 'wasm',
  reasons: [{ backend: 'wasm', status: 'selected', reason: 'fake' }],
  packName: 'fake',
  packVersion: 'fake-1',
  loadMs: 0,
  downloadedBytes: 0,
  totalBytes: 0,
  host: 'in-process',
};

export function fakeResult(text: string): ListingResult {
  const cat = (id: string, nameEn: string, prob: number) => ({
    id,
    nameEn,
    nameZh: nameEn,
    pathEn: nameEn,
    googleId: null,
    prob,
  });
  return {
    level1: [cat('el', 'Electronics', 0.9), cat('hg', 'Home & Garden', 0.1)],
    level2: [cat('el-1', 'Audio', 0.8)],
    deep: [],
    mu: new Float32Array(2),
    pca: [0, 0],
    umap: [0, 0],
    neighbours: [{ text, level1: 'el', level2: 'el-1', similarity: 1 }],
    empty: text.trim() === '',
  };
}

export class FakeClient implements InferenceClient {
  readonly calls: string[][] = [];
  /** Scripted learning: adapted heads map a listing text to the category it was taught. */
  readonly adaptCalls: LabelledText[][] = [];
  private taught = new Map<string, string>();
  constructor(
    private readonly info: LoadInfo = FAKE_LOAD_INFO,
    private readonly result: (text: string) => ListingResult = fakeResult,
    private readonly loadError: Error | null = null,
  ) {}

  load(opts: LoadOptions): Promise<LoadInfo> {
    opts.onProgress?.({ loadedBytes: 1, totalBytes: 1, downloadedBytes: 1, file: 'manifest.json' });
    return this.loadError ? Promise.reject(this.loadError) : Promise.resolve(this.info);
  }

  classify(texts: readonly string[], _opts?: ClassifyRequestOptions): Promise<ListingResult[]> {
    this.calls.push([...texts]);
    return Promise.resolve(texts.map((t) => this.withTaught(t)));
  }

  private withTaught(text: string): ListingResult {
    const r = this.result(text);
    const id = this.taught.get(text.trim());
    if (id === undefined) return r;
    const top = { id, nameEn: id, nameZh: id, pathEn: id, googleId: null, prob: 0.99 };
    return {
      ...r,
      level1: [{ ...top, id: id.split('-')[0] ?? id }, ...r.level1],
      level2: [top, ...r.level2],
    };
  }

  /** The fake's heads carry the taught pairs in the layer name, so setHeads can restore them. */
  adapt(examples: readonly LabelledText[], opts: AdaptRequestOptions = {}): Promise<AdaptResult> {
    this.adaptCalls.push([...examples]);
    if (opts.signal?.aborted) {
      const e = new Error('Adaptation was cancelled.');
      e.name = 'CancelledError';
      return Promise.reject(e);
    }
    opts.onProgress?.({ phase: 'train', done: 1, total: 1 });
    const heads: HeadWeights = {
      packVersion: this.info.packVersion,
      layers: [
        {
          name: JSON.stringify(examples.map((e) => [e.text.trim(), e.categoryId])),
          kernelShape: [1, 1],
          kernel: new Float32Array(1),
          bias: new Float32Array(1),
        },
      ],
    };
    this.setTaught(heads);
    const acc = { level1: 0.9, level2: 0.8 };
    return Promise.resolve({
      heads,
      report: {
        examples: examples.length,
        skipped: 0,
        replay: 0,
        epochs: 1,
        steps: 1,
        seconds: 0,
        reference: { rows: 1, before: acc, after: acc },
        labelled: { before: 0, after: 1 },
      },
    });
  }

  /** A pack of one file: enough for the page's zip and download path. */
  exportPack(): Promise<PackFileBytes[]> {
    return Promise.resolve([{ path: 'manifest.json', bytes: new TextEncoder().encode('{"name":"fake"}') }]);
  }

  setHeads(heads: HeadWeights | null): Promise<void> {
    if (heads && heads.packVersion !== this.info.packVersion)
      return Promise.reject(new Error(`These adapted heads belong to pack version ${heads.packVersion}.`));
    this.setTaught(heads);
    return Promise.resolve();
  }

  private setTaught(heads: HeadWeights | null): void {
    const pairs = heads ? (JSON.parse(heads.layers[0]?.name ?? '[]') as [string, string][]) : [];
    this.taught = new Map(pairs);
  }

  packInfo(): Promise<PackInfo> {
    const label = (id: string, nameEn: string, parent: string | null) => ({
      id,
      nameEn,
      nameZh: nameEn,
      pathEn: nameEn,
      pathZh: nameEn,
      googleId: null,
      parent,
    });
    return Promise.resolve({
      name: this.info.packName,
      version: this.info.packVersion,
      createdAt: '2026-01-01T00:00:00.000Z',
      level1: [label('el', 'Electronics', null), label('hg', 'Home & Garden', null)],
      level2: [label('el-1', 'Audio', 'el')],
      taxonomy: [{ id: 'el-1', en: 'Electronics > Audio', zh: '电子产品 > 音频', g: null }],
      catalog: {
        rows: [{ t: 'fake speaker', l1: 0, l2: 0, s: 'fake', g: 'en', sp: 'test' }],
        pca: new Float32Array([0, 0]),
        umap: new Float32Array([0, 0]),
      },
      card: {},
      summary: {},
    });
  }

  /** Scripted: every word pushes the top class equally. */
  explain(text: string): Promise<Explanation> {
    const top = this.result(text).level1[0];
    return Promise.resolve({
      targetId: top?.id ?? '',
      prob: top?.prob ?? 0,
      segments: text
        .split(/(\s+)/)
        .map((t) => ({ text: t, scored: t.trim() !== '', weight: t.trim() ? 0.1 : 0 })),
    });
  }

  diagnostics(): Promise<Diagnostics> {
    return Promise.resolve({ numTensors: 0, backend: this.info.backend });
  }

  dispose(): void {}
}
