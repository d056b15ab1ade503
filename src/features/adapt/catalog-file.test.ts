import { describe, expect, it } from 'vitest';
import { categoryResolver, MAX_CATALOG_ROWS, parseCatalogFile } from './catalog-file';
import { accuracyRows, pathIndex, progressView } from './adapt-adapters';

const nodes = [
  { id: 'aa', en: 'Apparel & Accessories', zh: '服饰与配饰', g: 166 },
  { id: 'aa-1', en: 'Clothing', zh: '服装', g: 1604 },
  { id: 'aa-1-4', en: 'Shirts & Tops', zh: '衬衫和上衣', g: 212 },
  { id: 'hg', en: 'Home & Garden', zh: '家居与园艺', g: 536 },
];
const resolve = categoryResolver(nodes);

describe('categoryResolver', () => {
  it('takes Shopify ids, Shopify gids and English or Chinese paths', () => {
    expect(resolve('aa-1-4')).toBe('aa-1-4');
    expect(resolve('gid://shopify/TaxonomyCategory/aa-1')).toBe('aa-1');
    expect(resolve('Apparel & Accessories > Clothing > Shirts & Tops')).toBe('aa-1-4');
    expect(resolve(' apparel & accessories>clothing ')).toBe('aa-1');
    expect(resolve('服饰与配饰 > 服装')).toBe('aa-1');
    expect(resolve('aa-9')).toBeNull();
    expect(resolve('Shoes')).toBeNull();
    expect(resolve('')).toBeNull();
  });
});

describe('parseCatalogFile', () => {
  it('finds the text and category columns and keeps the rows it can label', () => {
    const csv =
      'sku,title,category\n1,"Linen shirt, white",aa-1-4\n2,Oak bench,Home & Garden\n3,Mystery,xx-1\n4,,aa\n';
    const r = parseCatalogFile(csv, resolve);
    expect(r).toMatchObject({ ok: true, rows: 4, textColumn: 'title', categoryColumn: 'category' });
    if (!r.ok) return;
    expect(r.examples).toEqual([
      { text: 'Linen shirt, white', categoryId: 'aa-1-4' },
      { text: 'Oak bench', categoryId: 'hg' },
    ]);
    expect(r.unmatched).toEqual([{ row: 4, value: 'xx-1' }]);
  });

  it('says what is wrong with a file it cannot use', () => {
    expect(parseCatalogFile('title\nshirt\n', resolve)).toMatchObject({
      ok: false,
      message: /No category column/,
    });
    expect(parseCatalogFile('', resolve)).toMatchObject({ ok: false, message: /no rows/ });
    expect(parseCatalogFile('title,category\nshirt,nope\n', resolve)).toMatchObject({
      ok: false,
      message: /None of the 1 rows/,
    });
    const big = 'title,category\n' + 'shirt,aa\n'.repeat(MAX_CATALOG_ROWS + 1);
    expect(parseCatalogFile(big, resolve)).toMatchObject({ ok: false, message: /up to 50,000/ });
  });
});

describe('adapt adapters', () => {
  it('shows progress, both models’ accuracy and category paths', () => {
    expect(progressView({ phase: 'train', done: 30, total: 320 })).toEqual({
      label: 'Training: 30 / 320',
      value: 30,
      max: 320,
    });
    expect(accuracyRows(null)).toEqual([]);
    const acc = { level1: 0.8642, level2: 0.8289 };
    const rows = accuracyRows({
      packVersion: 'v',
      heads: { packVersion: 'v', layers: [] },
      trainedOn: 'corrections',
      at: 0,
      report: {
        examples: 2,
        skipped: 0,
        replay: 10,
        epochs: 1,
        steps: 1,
        seconds: 1,
        reference: { rows: 5, before: acc, after: { level1: 0.8637, level2: 0.8224 } },
        labelled: { before: 0, after: 0.96 },
      },
    });
    expect(rows.map((r) => [r.model, r.level1, r.level2, r.learned])).toEqual([
      ['Shipped model', '86.4%', '82.9%', '0.0%'],
      ['Adapted model', '86.4%', '82.2%', '96.0%'],
    ]);
    expect(pathIndex(nodes, 'en').get('aa-1-4')).toBe('Apparel & Accessories > Clothing > Shirts & Tops');
    expect(pathIndex(nodes, 'zh').get('aa-1')).toBe('服饰与配饰 > 服装');
  });
});
