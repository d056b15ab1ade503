/** A scripted InferenceClient for component and store tests: no model, no worker. */
import type {
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
    mu: [0, 0],
    pca: [0, 0],
    umap: [0, 0],
    neighbours: [{ text, level1: 'el', level2: 'el-1', similarity: 1 }],
    empty: text.trim() === '',
  };
}

export class FakeClient implements InferenceClient {
  readonly calls: string[][] = [];
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
    return Promise.resolve(texts.map(this.result));
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
