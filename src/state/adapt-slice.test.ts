import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClient } from '../inference/fake-client';
import { openAdaptStorage } from './adapt-storage';
import { createAppStore } from './store';

const g = globalThis as { indexedDB?: IDBFactory };

beforeEach(() => {
  // A fresh, empty IndexedDB per test (fake-indexeddb: the real IndexedDB semantics in Node).
  g.indexedDB = new IDBFactory();
});
afterEach(() => {
  delete g.indexedDB;
});

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('adapt storage', () => {
  it('keeps corrections by text, newest first, and heads per pack version', async () => {
    const s = await openAdaptStorage(g.indexedDB!);
    await s.putCorrection({ text: ' red shoes ', categoryId: 'aa-8', source: 'single', at: 1 });
    await s.putCorrection({ text: 'lamp', categoryId: 'hg-13', source: 'batch', at: 2 });
    await s.putCorrection({ text: 'red shoes', categoryId: 'aa-8-1', source: 'batch', at: 3 });
    expect((await s.listCorrections()).map((c) => [c.text, c.categoryId])).toEqual([
      ['red shoes', 'aa-8-1'],
      ['lamp', 'hg-13'],
    ]);
    await s.deleteCorrection('lamp');
    expect(await s.listCorrections()).toHaveLength(1);
    await s.clearCorrections();
    expect(await s.listCorrections()).toEqual([]);
    expect(await s.getHeads('v1')).toBeNull();
    s.close();
  });
});

describe('adapt slice', () => {
  it('stores corrections so a new page (store) reads them back', async () => {
    const a = createAppStore();
    await settle();
    a.getState().recordCorrection('Wireless earbuds', 'el-1', 'single');
    a.getState().recordCorrection('Garden hose 20m', 'hg-12', 'batch');
    a.getState().recordCorrection('Garden hose 20m', null, 'batch');
    a.getState().recordCorrection('Oak table', 'fu-7', 'batch');
    await settle();
    const b = createAppStore();
    await settle();
    expect(b.getState().storedCorrections.map((c) => [c.text, c.categoryId, c.source])).toEqual([
      ['Oak table', 'fu-7', 'batch'],
      ['Wireless earbuds', 'el-1', 'single'],
    ]);
    await b.getState().deleteCorrection('Oak table');
    await b.getState().clearCorrections();
    const c = createAppStore();
    await settle();
    expect(c.getState().storedCorrections).toEqual([]);
  });

  it('adapts on the corrections, uses the result after a reload, and resets to the shipped model', async () => {
    const client = new FakeClient();
    const a = createAppStore();
    await a.getState().loadModel(client, { modelUrl: 'x' });
    a.getState().recordCorrection('Wireless earbuds', 'aa-1', 'single');
    await a.getState().adaptModel(client);
    expect(a.getState().adaptRun.phase).toBe('done');
    expect(client.adaptCalls[0]).toEqual([{ text: 'Wireless earbuds', categoryId: 'aa-1' }]);
    expect((await client.classify(['Wireless earbuds']))[0]?.level2[0]?.id).toBe('aa-1');
    await settle();

    // A reload: a new client with the shipped heads; the store puts the stored ones back.
    const next = new FakeClient();
    const b = createAppStore();
    await b.getState().loadModel(next, { modelUrl: 'x' });
    await settle();
    expect(b.getState().adapted?.report.examples).toBe(1);
    expect((await next.classify(['Wireless earbuds']))[0]?.level2[0]?.id).toBe('aa-1');

    await b.getState().resetModel(next, 'fake-1');
    expect(b.getState().adapted).toBeNull();
    expect((await next.classify(['Wireless earbuds']))[0]?.level2[0]?.id).toBe('el-1');
    const c = createAppStore();
    const third = new FakeClient();
    await c.getState().loadModel(third, { modelUrl: 'x' });
    await settle();
    expect(c.getState().adapted).toBeNull();
  });

  it('says so when there is nothing to learn, and when a run is cancelled', async () => {
    const client = new FakeClient();
    const s = createAppStore();
    await s.getState().loadModel(client, { modelUrl: 'x' });
    await s.getState().adaptModel(client);
    expect(s.getState().adaptRun).toMatchObject({
      phase: 'error',
      error: expect.stringMatching(/no corrections/),
    });
    s.getState().recordCorrection('lamp', 'hg-13', 'single');
    // A client whose run lasts until it is cancelled, as a long one in the worker does.
    client.adapt = (_examples, opts = {}) =>
      new Promise((_resolve, reject) => {
        opts.onProgress?.({ phase: 'train', done: 1, total: 10 });
        opts.signal?.addEventListener('abort', () => {
          const e = new Error('Adaptation was cancelled.');
          e.name = 'CancelledError';
          reject(e);
        });
      });
    const run = s.getState().adaptModel(client, { examples: [], trainedOn: 'catalog file' });
    expect(s.getState().adaptRun).toMatchObject({ phase: 'running', progress: { done: 1, total: 10 } });
    s.getState().cancelAdapt();
    await run;
    expect(s.getState().adaptRun.phase).toBe('cancelled');
    expect(s.getState().adapted).toBeNull();
  });

  it('keeps working (in memory) where IndexedDB is missing, and says why', async () => {
    delete g.indexedDB;
    const s = createAppStore();
    s.getState().recordCorrection('lamp', 'hg-13', 'single');
    await settle();
    expect(s.getState().storedCorrections).toHaveLength(1);
    expect(s.getState().learningError).toMatch(/IndexedDB/);
  });
});
