import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';
import { MAX_LISTING_CHARS } from '../config/app';
import { FAKE_LOAD_INFO, FakeClient, fakeResult } from '../inference/fake-client';
import { SUGGEST_DEBOUNCE_MS } from './suggestions-slice';

describe('listing slice', () => {
  it('starts empty and keeps what is typed', () => {
    const store = createAppStore();
    expect(store.getState().listing).toBe('');
    store.getState().setListing('Men’s Waterproof Hiking Boots');
    expect(store.getState().listing).toBe('Men’s Waterproof Hiking Boots');
    expect(store.getState().listingTruncated).toBe(false);
  });

  it('cuts a huge paste and says so', () => {
    const store = createAppStore();
    store.getState().setListing('x'.repeat(MAX_LISTING_CHARS + 5));
    expect(store.getState().listing).toHaveLength(MAX_LISTING_CHARS);
    expect(store.getState().listingTruncated).toBe(true);
  });
});

describe('model + suggestions slices', () => {
  it('asks for the pack tables after the first suggestion, once per load', async () => {
    const store = createAppStore();
    const order: string[] = [];
    const client = new (class extends FakeClient {
      override classify(...args: Parameters<FakeClient['classify']>) {
        order.push('classify');
        return super.classify(...args);
      }
      override packInfo() {
        order.push('packInfo');
        return super.packInfo();
      }
    })();
    store.getState().setListing('smart speaker');
    await store.getState().loadModel(client, { modelUrl: 'x/' });
    expect(store.getState().modelStatus).toBe('ready');
    expect(store.getState().packInfo).toBeNull();
    await new Promise((r) => setTimeout(r, SUGGEST_DEBOUNCE_MS + 50));
    expect(store.getState().suggestionsFor).toBe('smart speaker');
    expect(store.getState().packInfo).not.toBeNull();
    expect(order).toEqual(['classify', 'packInfo']);
    // A reload (another backend) asks again; typing does not.
    await store.getState().loadModel(client, { modelUrl: 'x/' });
    store.getState().setListing('smart speaker 2');
    await new Promise((r) => setTimeout(r, SUGGEST_DEBOUNCE_MS + 50));
    expect(order.filter((o) => o === 'packInfo')).toHaveLength(2);
    expect(store.getState().packInfo).not.toBeNull();
  });

  it('classifies text already in the box as soon as the model is ready, with no timer', async () => {
    const store = createAppStore();
    const asked: string[] = [];
    const client = new (class extends FakeClient {
      override classify(...args: Parameters<FakeClient['classify']>) {
        asked.push(args[0][0] ?? '');
        return super.classify(...args);
      }
    })();
    store.getState().setListing('smart speaker');
    await store.getState().loadModel(client, { modelUrl: 'x/' });
    // Asked in the same task as the 'ready' update (the load's own promise ran no timers).
    expect(asked).toEqual(['smart speaker']);
  });

  it('loads the model, then classifies the listing after the debounce', async () => {
    const store = createAppStore();
    const client = new FakeClient();
    store.getState().setListing('smart speaker');
    await store.getState().loadModel(client, { modelUrl: 'x/' });
    expect(store.getState().modelStatus).toBe('ready');
    expect(store.getState().modelInfo?.backend).toBe('wasm');
    expect(store.getState().modelProgress?.totalBytes).toBe(1);
    await new Promise((r) => setTimeout(r, SUGGEST_DEBOUNCE_MS + 50));
    expect(store.getState().suggestionsFor).toBe('smart speaker');
    expect(store.getState().suggestions?.level1[0]?.id).toBe('el');
    // A burst of typing is one classify call.
    store.getState().setListing('smart speaker a');
    store.getState().setListing('smart speaker ab');
    await new Promise((r) => setTimeout(r, SUGGEST_DEBOUNCE_MS + 50));
    expect(client.calls).toEqual([['smart speaker'], ['smart speaker ab']]);
  });

  it('reports a load error with its message', async () => {
    const store = createAppStore();
    const err = Object.assign(new Error('model.json is missing'), { name: 'PackFetchError' });
    await store.getState().loadModel(new FakeClient(FAKE_LOAD_INFO, fakeResult, err), { modelUrl: 'x/' });
    expect(store.getState().modelStatus).toBe('error');
    expect(store.getState().modelError).toBe('PackFetchError: model.json is missing');
  });
});
