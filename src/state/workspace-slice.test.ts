import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';
import { FakeClient } from '../inference/fake-client';
import type { CategoryScore } from '../inference/inference-client';
import {
  categoryIndex,
  CLOSE_MARGIN,
  coverageCurve,
  defaultLang,
  defaultThreshold,
  EXPLAIN_DEBOUNCE_MS,
  FALLBACK_THRESHOLD,
  route,
  routingReason,
} from './workspace-slice';

const score = (id: string, prob: number): CategoryScore => ({
  id,
  nameEn: id.toUpperCase(),
  nameZh: `${id}-zh`,
  pathEn: id,
  googleId: null,
  prob,
});

const card = (coverage: unknown, where: 'devMerchant' | 'test' = 'devMerchant') => ({
  metrics: { [where]: { details: { level1: { coverage } } } },
});

describe('defaultThreshold', () => {
  const curve = [
    { threshold: 0.5, coverage: 0.9, accuracy: 0.72 },
    { threshold: 0.7, coverage: 0.75, accuracy: 0.79 },
    { threshold: 0.75, coverage: 0.7, accuracy: 0.81 },
    { threshold: 0.9, coverage: 0.5, accuracy: 0.88 },
  ];

  it('picks the lowest threshold reaching the target accuracy', () => {
    expect(defaultThreshold(card(curve), 0.8).threshold).toBe(0.75);
    expect(defaultThreshold(card(curve), 0.7).threshold).toBe(0.5);
    expect(defaultThreshold(card(curve), 0.8).why).toContain('merchant dev set');
  });

  it('reads the test split when the dev set has no curve, and sorts the points', () => {
    const d = defaultThreshold(card([...curve].reverse(), 'test'), 0.8);
    expect(d.threshold).toBe(0.75);
    expect(d.why).toContain('test split');
  });

  it('takes the most accurate point when none reaches the target', () => {
    expect(defaultThreshold(card(curve), 0.99).threshold).toBe(0.9);
  });

  it('falls back to a constant for a card without a curve or with junk in it', () => {
    for (const c of [null, {}, { metrics: 3 }, card('x'), card([{ threshold: 'a' }])])
      expect(defaultThreshold(c).threshold).toBe(FALLBACK_THRESHOLD);
    expect(coverageCurve(card([{ threshold: 0.1, coverage: 1, accuracy: 0.5 }, null]))?.points).toHaveLength(
      1,
    );
  });
});

describe('route', () => {
  it('is auto above the threshold with a clear winner', () => {
    expect(route([score('el', 0.9), score('hg', 0.05)], 0.75).kind).toBe('auto');
  });

  it('needs review below the threshold, for low confidence', () => {
    const r = route([score('el', 0.6), score('hg', 0.2)], 0.75);
    expect(r).toMatchObject({ kind: 'review', reason: 'low-confidence' });
    expect(routingReason(r)).toBe('low confidence: EL at 60.0%');
  });

  it('needs review when the top two are close, even above the threshold', () => {
    const r = route([score('el', 0.5), score('hg', 0.5 - CLOSE_MARGIN / 2)], 0.3);
    expect(r).toMatchObject({ kind: 'review', reason: 'close' });
    expect(routingReason(r, 'zh')).toContain('el-zh');
  });

  it('needs review when there is no text', () => {
    expect(route([], 0.5)).toEqual({ kind: 'review', reason: 'no-text' });
    expect(route([score('el', 0.99)], 0.5, true).kind).toBe('review');
  });

  it('moves with the threshold', () => {
    const s = [score('el', 0.8), score('hg', 0.1)];
    expect(route(s, 0.79).kind).toBe('auto');
    expect(route(s, 0.81).kind).toBe('review');
  });
});

describe('categoryIndex', () => {
  it('builds deep paths through the parents', () => {
    const label = (id: string, en: string, zh: string, parent: string | null) => ({
      id,
      nameEn: en,
      nameZh: zh,
      pathEn: parent ? `Electronics > ${en}` : en,
      pathZh: parent ? `电子产品 > ${zh}` : zh,
      googleId: 1,
      parent,
    });
    const m = categoryIndex({
      level1: [label('el', 'Electronics', '电子产品', null)],
      level2: [label('el-2', 'Audio', '音频', 'el')],
      taxonomy: [
        { id: 'el-2-1-8', en: 'Speaker Accessories', zh: '音箱配件', g: 7 },
        { id: 'el-2-1', en: 'Audio Components', zh: '音频组件', g: null },
      ],
    });
    expect(m.get('el-2-1-8')).toMatchObject({
      pathEn: 'Electronics > Audio > Audio Components > Speaker Accessories',
      pathZh: '电子产品 > 音频 > 音频组件 > 音箱配件',
      parent: 'el-2-1',
      googleId: 7,
    });
  });
});

describe('workspace slice', () => {
  it('defaults the language from the browser', () => {
    expect(defaultLang('zh-CN')).toBe('zh');
    expect(defaultLang('en-GB')).toBe('en');
    expect(defaultLang(undefined)).toBe('en');
  });

  it('keeps a chosen category per listing and clamps the threshold', () => {
    const store = createAppStore();
    store.getState().choose('  smart speaker ', 'el-2');
    expect(store.getState().choices['smart speaker']).toBe('el-2');
    store.getState().choose('smart speaker', null);
    expect(store.getState().choices).toEqual({});
    store.getState().setThreshold(1.5);
    expect(store.getState().thresholdOverride).toBe(1);
    store.getState().setThreshold(null);
    expect(store.getState().thresholdOverride).toBeNull();
  });

  it('explains the suggestions once they arrive', async () => {
    const store = createAppStore();
    await store.getState().loadModel(new FakeClient(), { modelUrl: 'x/' });
    store.getState().setListing('smart speaker');
    await new Promise((r) => setTimeout(r, 200 + EXPLAIN_DEBOUNCE_MS + 100));
    const e = store.getState().explanation;
    expect(e?.text).toBe('smart speaker');
    expect(e?.explanation?.segments.map((s) => s.text).join('')).toBe('smart speaker');
  });
});
