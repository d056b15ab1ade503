import { describe, expect, it } from 'vitest';
import type { RowResult } from '../../state/batch-slice';
import { describeRow, namesOf } from './batch-adapters';

const info = {
  name: 'p',
  version: '1',
  createdAt: '',
  level1: [
    {
      id: 'aa',
      nameEn: 'Apparel',
      nameZh: '服饰',
      pathEn: 'Apparel',
      pathZh: '服饰',
      googleId: 166,
      parent: null,
    },
  ],
  level2: [
    {
      id: 'aa-8',
      nameEn: 'Shoes',
      nameZh: '鞋',
      pathEn: 'Apparel > Shoes',
      pathZh: '服饰 > 鞋',
      googleId: 187,
      parent: 'aa',
    },
  ],
  taxonomy: [{ id: 'aa-8-3', en: 'Boots', zh: '靴子', g: 25 }],
  catalog: { rows: [], pca: new Float32Array(), umap: new Float32Array() },
  card: {},
  summary: {},
};
const names = namesOf(info, 'en');
const ok: RowResult = { status: 'done', l1: 'aa', l2: 'aa-8', p1: 0.9, p1b: 0.05, p2: 0.8, googleId: 187 };

describe('describeRow', () => {
  it('gives the model result with names, confidence and routing', () => {
    expect(describeRow(ok, undefined, 0.75, names, false)).toEqual({
      status: 'auto',
      l1: 'aa',
      l1Name: 'Apparel',
      l2: 'aa-8',
      l2Name: 'Shoes',
      googleId: 187,
      confidence: 0.9,
      reason: '',
    });
    expect(describeRow(ok, undefined, 0.95, names, false)).toMatchObject({
      status: 'review',
      reason: 'low confidence (under 95%)',
    });
    expect(describeRow({ ...ok, p1: 0.5, p1b: 0.45 }, undefined, 0.3, names, false).reason).toBe(
      'two close categories',
    );
  });

  it('takes a correction (deep id -> its level 1 and 2) over the model', () => {
    expect(describeRow(ok, 'aa-8-3', 0.75, names, false)).toMatchObject({
      status: 'corrected',
      l1: 'aa',
      l2: 'aa-8',
      l2Name: 'Shoes',
      googleId: 25,
      confidence: null,
    });
  });

  it('says why a row has no category', () => {
    expect(
      describeRow({ status: 'failed', reason: 'empty text' }, undefined, 0.5, names, false),
    ).toMatchObject({
      status: 'failed',
      reason: 'empty text',
    });
    expect(describeRow(undefined, undefined, 0.5, names, true).reason).toBe('cancelled before this row');
  });

  it('names in Chinese when asked', () => {
    expect(namesOf(info, 'zh').name('aa-8-3')).toBe('靴子');
  });
});
