/**
 * The prefetching source: every file of the committed pack is read once, up front; each read hands
 * out the prefetched bytes once, later reads go to the source again; a file that fails surfaces
 * its error to the reader that asks for it, and no rejection goes unhandled meanwhile.
 */
import { describe, expect, it, vi } from 'vitest';
import type { PackProgress } from './fetch-pack-source';
import { readManifest } from './pack-source';
import { PrefetchedPackSource, prefetchOrder, type ProgressPackSource } from './prefetched-pack-source';
import { committedPackSource } from './test-pack';

class Counting implements ProgressPackSource {
  readonly reads: string[] = [];
  readonly location = committedPackSource.location;
  readonly progress: PackProgress = { loadedBytes: 0, totalBytes: 0, downloadedBytes: 0, file: '' };
  constructor(private readonly failing = '') {}
  read(path: string): Promise<Uint8Array> {
    this.reads.push(path);
    if (path === this.failing) return Promise.reject(new Error(`${path} is missing (404)`));
    return committedPackSource.read(path);
  }
}

/**
 * Until `inner` has been asked for `count` files: two at a time, each waits for an earlier one to
 * finish, which on a loaded machine takes longer than any fixed pause.
 */
const started = (inner: Counting, count: number) =>
  vi.waitFor(() => expect(inner.reads.length).toBeGreaterThanOrEqual(count), {
    timeout: 10_000,
    interval: 10,
  });
const listed = async () => (await readManifest(committedPackSource)).files.length;

describe('PrefetchedPackSource', () => {
  it('reads the manifest and every listed file once, before they are asked for', async () => {
    const inner = new Counting();
    const source = new PrefetchedPackSource(inner).prefetch();
    await started(inner, 1 + (await listed()));
    const manifest = await readManifest(source);
    expect(new Set(inner.reads)).toEqual(new Set(['manifest.json', ...manifest.files.map((f) => f.path)]));
    expect(inner.reads).toHaveLength(1 + manifest.files.length);
    const model = await source.read(manifest.model.file);
    expect(model).toEqual(await committedPackSource.read(manifest.model.file));
    expect(inner.reads).toHaveLength(1 + manifest.files.length);
    // Handed out once: a second read goes to the source again.
    await source.read(manifest.model.file);
    expect(inner.reads.filter((p) => p === manifest.model.file)).toHaveLength(2);
  });

  it('reads the graph and the taxonomy names first, the model card last, every file once', async () => {
    const inner = new Counting();
    new PrefetchedPackSource(inner).prefetch();
    await started(inner, 1 + (await listed()));
    const manifest = await readManifest(committedPackSource);
    const order = prefetchOrder(manifest);
    expect([...order].sort()).toEqual(manifest.files.map((f) => f.path).sort());
    expect(order.slice(0, 3)).toEqual([
      manifest.model.file,
      manifest.deep?.file,
      manifest.deep?.nameFeatures,
    ]);
    expect(order.at(-1)).toBe(manifest.card);
    expect(inner.reads).toEqual(['manifest.json', ...order]);
  });

  it('a failed file fails its reader, with the source’s own error', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const inner = new Counting('catalog.json');
      const source = new PrefetchedPackSource(inner).prefetch();
      await started(inner, 1 + (await listed()));
      await expect(source.read('catalog.json')).rejects.toThrow('catalog.json is missing (404)');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
