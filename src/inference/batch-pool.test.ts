/**
 * The batch pool's bookkeeping with scripted workers: rows come back in input order whoever
 * computed them, progress adds up, a helper that dies gives its slice back, a failure stops the
 * others, heads reach every worker, and a reset while workers start keeps none of them.
 * (Same numbers from every worker is the model's part: e2e/backends.spec.ts runs the real pool.)
 */
import { describe, expect, it } from 'vitest';
import { BatchPool, extraWorkersFor, sliceRows } from './batch-pool';
import { FakeClient, fakeResult } from './fake-client';
import type { ClassifyRequestOptions, HeadWeights, ListingResult } from './inference-client';
import { WorkerCrashError } from './worker-client';

/** A fake worker that tags results with its name and can die on its n-th request. */
class Scripted extends FakeClient {
  heads: HeadWeights | null | undefined = undefined;
  requests = 0;
  disposed = false;
  constructor(
    readonly name: string,
    private readonly dieOn = 0,
    private readonly delayMs = 0,
  ) {
    super(undefined, (t) => ({
      ...fakeResult(t),
      neighbours: [{ text: name, level1: t, level2: '', similarity: 1 }],
    }));
  }
  override async classify(texts: readonly string[], opts?: ClassifyRequestOptions): Promise<ListingResult[]> {
    this.requests++;
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.requests === this.dieOn) throw new WorkerCrashError(`${this.name} died`);
    opts?.onProgress?.(texts.length, texts.length);
    return super.classify(texts, opts);
  }
  override setHeads(heads: HeadWeights | null): Promise<void> {
    this.heads = heads;
    return Promise.resolve();
  }
  override dispose(): void {
    this.disposed = true;
  }
}

const texts = Array.from({ length: 3000 }, (_, i) => `listing ${i}`);
const HEADS = { packVersion: 'fake-1' } as unknown as HeadWeights;

describe('BatchPool', () => {
  it('sizes: one core per worker plus the page, at most three extra; slices of at least 256 rows', () => {
    expect([undefined, 1, 2, 4, 16].map(extraWorkersFor)).toEqual([0, 0, 1, 3, 3]);
    expect(sliceRows(600, 2)).toBe(256);
    expect(sliceRows(10_000, 2)).toBe(1250);
  });

  it('spreads a batch over the workers and returns rows in input order, with progress', async () => {
    const main = new Scripted('main', 0, 5);
    const helpers = [new Scripted('a', 0, 3)];
    const pool = new BatchPool(1, () => Promise.resolve(helpers.shift()!));
    await pool.warm({ modelUrl: 'x' }, 'wasm');
    expect(pool.ready).toBe(1);
    expect(pool.splits(3000)).toBe(true);
    const progress: number[] = [];
    const out = await pool.classify(main, texts, { onProgress: (d) => progress.push(d) });
    // Every row is its own listing's result, in order, and both workers did some.
    expect(out.map((r) => r.neighbours[0]!.level1)).toEqual(texts);
    expect(new Set(out.map((r) => r.neighbours[0]!.text))).toEqual(new Set(['main', 'a']));
    expect(progress.at(-1)).toBe(3000);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);
  });

  it('gives a dead helper’s slice to the others and drops the helper', async () => {
    const main = new Scripted('main', 0, 2);
    const dying = new Scripted('a', 2, 1);
    const pool = new BatchPool(1, () => Promise.resolve(dying));
    await pool.warm({ modelUrl: 'x' }, 'cpu');
    const out = await pool.classify(main, texts);
    expect(out.map((r) => r.neighbours[0]!.level1)).toEqual(texts);
    const seen = [...main.calls.flat(), ...dying.calls.flat()];
    expect(new Set(seen)).toEqual(new Set(texts));
    expect(pool.ready).toBe(0);
  });

  it('a failure of the main worker fails the batch and stops handing out slices', async () => {
    const main = new Scripted('main', 1, 1);
    const helper = new Scripted('a', 0, 20);
    const pool = new BatchPool(1, () => Promise.resolve(helper));
    await pool.warm({ modelUrl: 'x' }, 'wasm');
    await expect(pool.classify(main, texts)).rejects.toThrow('main died');
    await new Promise((r) => setTimeout(r, 50));
    expect(helper.requests).toBe(1);
  });

  it('only for CPU backends; heads reach the workers; reset during a start keeps none', async () => {
    const skipped = new BatchPool(1, () => Promise.reject(new Error('must not start')));
    await skipped.warm({ modelUrl: 'x' }, 'webgpu');
    expect(skipped.ready).toBe(0);

    const w = new Scripted('a');
    const pool = new BatchPool(1, () => Promise.resolve(w));
    await pool.setHeads(HEADS);
    await pool.warm({ modelUrl: 'x' }, 'wasm');
    expect(w.heads).toBe(HEADS);
    await pool.setHeads(null);
    expect(w.heads).toBeNull();

    const late = new Scripted('b');
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const racing = new BatchPool(1, async () => {
      await gate;
      return late;
    });
    const warming = racing.warm({ modelUrl: 'x' }, 'wasm');
    racing.reset();
    release();
    await warming;
    expect(racing.ready).toBe(0);
    expect(late.disposed).toBe(true);
  });
});
