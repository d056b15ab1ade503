import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEVEL1_ROOTS } from '../../src/config/taxonomy.js';
import { RAW_DATA_DIR } from '../paths.js';
import { buildTaxonomy, level1Of, level2Of, lineageOf, loadTaxonomy, resolvePath, shortId } from './taxonomy.js';
import { commonAncestor, shopifyIdForGoogle } from './taxonomy-phrases.js';

const files = {
  shopifyEn: '# h\n# h\n\ngid://shopify/TaxonomyCategory/tg   : Toys & Games\ngid://shopify/TaxonomyCategory/tg-5 : Toys & Games > Toys\ngid://shopify/TaxonomyCategory/tg-5-1 : Toys & Games > Toys > Kites\n',
  shopifyZh: 'gid://shopify/TaxonomyCategory/tg : 玩具/游戏\ngid://shopify/TaxonomyCategory/tg-5 : 玩具/游戏 > 玩具\ngid://shopify/TaxonomyCategory/tg-5-1 : 玩具/游戏 > 玩具 > 风筝\n',
  googleEn: '# v\n1239 - Toys & Games\n1253 - Toys & Games > Toys\n3 - Toys & Games > Toys > Flying Toys\n',
  googleZh: '# v\n1239 - 玩具和游戏\n',
  mapping: '# x\n\n→ Toys & Games\n⇒ Toys & Games\n\n→ Toys & Games > Toys > Kites\n⇒ Toys & Games > Toys > Flying Toys\n',
};

describe('id helpers', () => {
  it('derive levels from the id', () => {
    expect(level1Of('el-4-8')).toBe('el');
    expect(level2Of('el-4-8')).toBe('el-4');
    expect(level2Of('el')).toBeNull();
    expect(lineageOf('el-4-8')).toEqual(['el', 'el-4', 'el-4-8']);
    expect(shortId('gid://shopify/TaxonomyCategory/el-4')).toBe('el-4');
    expect(commonAncestor(['tg-5-1', 'tg-5-2-3'])).toBe('tg-5');
  });
});

describe('buildTaxonomy (small inputs)', () => {
  const tax = buildTaxonomy(files);
  it('joins en and zh names and Google ids', () => {
    expect(tax.categories.get('tg-5-1')).toEqual({
      id: 'tg-5-1', parentId: 'tg-5', depth: 3, nameEn: 'Kites', nameZh: '风筝',
      pathEn: 'Toys & Games > Toys > Kites', pathZh: '玩具/游戏 > 玩具 > 风筝', googleId: 3,
    });
    expect(tax.google.get(1239)?.nameZh).toBe('玩具和游戏');
    expect(tax.google.get(3)?.parentId).toBe(1253);
  });
  it('resolves ids, gids and en/zh paths (spacing and case tolerant)', () => {
    expect(tax.resolvePath('tg-5')).toBe('tg-5');
    expect(tax.resolvePath('gid://shopify/TaxonomyCategory/tg-5-1')).toBe('tg-5-1');
    expect(tax.resolvePath('toys & games>toys')).toBe('tg-5');
    expect(tax.resolvePath('玩具/游戏 > 玩具 > 风筝')).toBe('tg-5-1');
    expect(tax.resolvePath('Nope > Nothing')).toBeNull();
    expect(tax.resolvePath('')).toBeNull();
  });
  it('maps Google ids back to Shopify, falling back to the nearest mapped ancestor', () => {
    expect(shopifyIdForGoogle(tax, 3)).toBe('tg-5-1');
    expect(shopifyIdForGoogle(tax, 1253)).toBe('tg');
  });
});

describe.runIf(existsSync(path.join(RAW_DATA_DIR, 'shopify-taxonomy')))('real taxonomy files', () => {
  const tax = loadTaxonomy();
  it('has the 2025-08 counts and all 21 roots', () => {
    expect(tax.categories.size).toBe(10595);
    expect(tax.google.size).toBe(5595);
    for (const r of LEVEL1_ROOTS) expect(tax.categories.get(r)?.depth).toBe(1);
  });
  it('gives most categories a Google id and names in both languages', () => {
    const cats = [...tax.categories.values()];
    expect(cats.filter((c) => c.googleId !== undefined).length).toBeGreaterThan(10400);
    expect(cats.every((c) => c.nameEn !== '' && c.nameZh !== '')).toBe(true);
    expect(tax.categories.get('el-4-8-5')?.nameEn).toBe('Mobile & Smart Phones');
  });
  it('resolves through the default-taxonomy helper', () => {
    expect(resolvePath('Electronics > Computers > Tablet Computers')).toBe('el-6-8');
    expect(resolvePath('电子产品 > 通讯')).toBe('el-4');
  });
});
