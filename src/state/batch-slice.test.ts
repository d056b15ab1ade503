import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';
import { FakeClient, fakeResult } from '../inference/fake-client';
import type { ListingResult } from '../inference/inference-client';
import {
  BATCH_CHUNK_ROWS,
  filterRows,
  noTextReason,
  rowText,
  rowView,
  toRowResult,
  type RowResult,
} from './batch-slice';

const done = (l1: string, p1: number, p1b = 0): RowResult => ({
  status: 'done',
  l1,
  l2: `${l1}-1`,
  p1,
  p1b,
  p2: p1,
  googleId: null,
});

describe('batch helpers', () => {
  it('joins the chosen cells, skipping blanks', () => {
    expect(rowText(['1', ' Red mug ', '', 'ceramic'], [1, 2, 3])).toBe('Red mug ceramic');
    expect(rowText(['1'], [1, 2])).toBe('');
  });

  it('says why a row has no text: empty cells, or a row too short for the text column', () => {
    expect(noTextReason(['1', '  '], [1])).toBe('empty text');
    expect(noTextReason(['1'], [1])).toBe('no text column in this row (it has 1 cell)');
    expect(noTextReason([], [1, 2])).toBe('no text column in this row (it has 0 cells)');
    expect(noTextReason(['1'], [0, 3])).toBe('empty text');
  });

  it('reduces a result, and marks an empty one', () => {
    expect(toRowResult(fakeResult('speaker'))).toMatchObject({
      status: 'done',
      l1: 'el',
      l2: 'el-1',
      p1: 0.9,
    });
    expect(toRowResult({ ...fakeResult('%%'), empty: true })).toEqual({
      status: 'failed',
      reason: 'no words the model knows',
    });
    expect(toRowResult(undefined).status).toBe('failed');
  });

  it('routes rows by the threshold; a correction wins', () => {
    expect(rowView(done('el', 0.9), undefined, 0.75)).toBe('auto');
    expect(rowView(done('el', 0.6), undefined, 0.75)).toBe('review');
    expect(rowView(done('el', 0.9, 0.85), undefined, 0.5)).toBe('review');
    expect(rowView(done('el', 0.6), 'hg-1', 0.75)).toBe('corrected');
    expect(rowView(undefined, undefined, 0.75)).toBe('pending');
  });

  it('filters by routing and by (corrected) category', () => {
    const results = [
      done('el', 0.9),
      done('el', 0.5),
      { status: 'failed', reason: 'empty text' } as const,
      done('hg', 0.95),
    ];
    expect(filterRows(results, 4, {}, 0.75, 'all', 'all')).toEqual([0, 1, 2, 3]);
    expect(filterRows(results, 4, {}, 0.75, 'review', 'all')).toEqual([1, 2]);
    expect(filterRows(results, 4, {}, 0.75, 'auto', 'el')).toEqual([0]);
    expect(filterRows(results, 4, { 1: 'hg-2-3' }, 0.75, 'all', 'hg')).toEqual([1, 3]);
    expect(filterRows(results, 4, { 1: 'hg-2-3' }, 0.75, 'corrected', 'all')).toEqual([1]);
  });
});

describe('batch slice', () => {
  const table = (n: number) => ({
    name: 't.csv',
    encoding: 'UTF-8',
    header: ['id', 'title'],
    rows: Array.from({ length: n }, (_, i) => [String(i), i === 3 ? '  ' : `listing ${i}`]),
  });

  it('classifies every row in chunks, marks empty ones, and reports progress', async () => {
    const store = createAppStore();
    const client = new FakeClient();
    await store.getState().loadModel(client, { modelUrl: 'x/' });
    const n = BATCH_CHUNK_ROWS + 10;
    store.getState().setBatchTable(table(n), [1]);
    await store.getState().runBatch(client);
    const s = store.getState();
    expect(s.batchRun).toMatchObject({ phase: 'done', done: n, total: n });
    expect(s.batchResults).toHaveLength(n);
    expect(s.batchResults.every((r) => r !== undefined)).toBe(true);
    expect(s.batchResults[3]).toEqual({ status: 'failed', reason: 'empty text' });
    // Two requests (chunks), the empty row never sent.
    const batches = client.calls.filter((c) => c.length > 1);
    expect(batches.map((c) => c.length)).toEqual([BATCH_CHUNK_ROWS - 1, 10]);
  });

  it('classifies 100,000 rows in bounded requests and drops none', async () => {
    const store = createAppStore();
    const client = new FakeClient();
    await store.getState().loadModel(client, { modelUrl: 'x/' });
    const n = 100_000;
    const rows = Array.from({ length: n }, (_, i) =>
      i % 1000 === 7 ? [String(i)] : [String(i), `listing ${i}`],
    );
    store
      .getState()
      .setBatchTable({ name: 'big.csv', encoding: 'UTF-8', header: ['id', 'title'], rows }, [1]);
    const seen: number[] = [];
    const unsubscribe = store.subscribe((s) => seen.push(s.batchRun.done));
    await store.getState().runBatch(client);
    unsubscribe();
    const s = store.getState();
    expect(s.batchRun).toMatchObject({ phase: 'done', done: n, total: n });
    expect(s.batchResults).toHaveLength(n);
    expect(s.batchResults.filter((r) => r?.status === 'done')).toHaveLength(n - 100);
    expect(s.batchResults[7]).toEqual({
      status: 'failed',
      reason: 'no text column in this row (it has 1 cell)',
    });
    // Bounded: no request is larger than a chunk, and progress was reported along the way.
    const sent = client.calls.filter((c) => c.length > 1);
    expect(Math.max(...sent.map((c) => c.length))).toBeLessThanOrEqual(BATCH_CHUNK_ROWS);
    expect(sent.reduce((a, c) => a + c.length, 0)).toBe(n - 100);
    expect(new Set(seen).size).toBeGreaterThan(n / BATCH_CHUNK_ROWS);
  });

  it('cancels between chunks and keeps the rows it did', async () => {
    const store = createAppStore();
    const client = new FakeClient();
    await store.getState().loadModel(client, { modelUrl: 'x/' });
    store.getState().setBatchTable(table(BATCH_CHUNK_ROWS * 3), [1]);
    const run = store.getState().runBatch(client);
    store.getState().cancelBatch();
    await run;
    const s = store.getState();
    expect(s.batchRun.phase).toBe('cancelled');
    expect(s.batchResults).toHaveLength(BATCH_CHUNK_ROWS * 3);
    expect(s.batchResults.filter((r) => r === undefined).length).toBeGreaterThan(0);
  });

  it('marks the rows of a failing chunk and goes on', async () => {
    const store = createAppStore();
    let call = 0;
    const flaky = new FakeClient();
    const ok = flaky.classify.bind(flaky);
    flaky.classify = (texts, opts) =>
      ++call === 2
        ? Promise.reject(new Error('out of memory'))
        : (ok(texts, opts) as Promise<ListingResult[]>);
    await store.getState().loadModel(flaky, { modelUrl: 'x/' });
    store.getState().setBatchTable(table(BATCH_CHUNK_ROWS * 2), [1]);
    await store.getState().runBatch(flaky);
    const s = store.getState();
    expect(s.batchRun.phase).toBe('done');
    expect(s.batchResults[BATCH_CHUNK_ROWS + 1]).toEqual({
      status: 'failed',
      reason: 'classification failed: out of memory',
    });
    expect(s.batchResults[0]?.status).toBe('done');
  });

  it('keeps corrections per row', () => {
    const store = createAppStore();
    store.getState().correctRow(5, 'aa-8');
    expect(store.getState().corrections).toEqual({ 5: 'aa-8' });
    store.getState().correctRow(5, null);
    expect(store.getState().corrections).toEqual({});
  });
});
