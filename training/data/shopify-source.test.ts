/** Tests for the Shopify taxonomy source loader (needs RAW_DATA_DIR with shopify-taxonomy-source). */
import { describe, expect, it } from 'vitest';
import { LEVEL1_ROOTS, EXCLUDED_ROOTS } from '../../src/config/taxonomy.js';
import { RAW_DATA_DIR } from '../paths.js';
import { ancestorsOf, l2IdOf, loadShopifySource, parentIdOf, valuesOf } from './shopify-source.js';

describe('loadShopifySource', () => {
  const src = loadShopifySource(RAW_DATA_DIR);


  it('loads exactly the 21 product roots', () => {
    expect([...src.roots].sort()).toEqual([...LEVEL1_ROOTS].sort());
    for (const ex of EXCLUDED_ROOTS) expect(src.categories.has(ex)).toBe(false);
    expect(src.categories.size).toBeGreaterThan(10_000);
  });

  it('links parents, children and levels consistently', () => {
    // Offenders are collected: an expect per category is slow for 10k categories.
    const bad: string[] = [];
    for (const c of src.categories.values()) {
      let ok = c.id.startsWith(c.root) && c.nameEn.length > 0 && c.nameZh.length > 0;
      if (c.parentId !== null) {
        ok &&= (src.categories.get(c.parentId)?.children.includes(c.id) ?? false) && c.l2 === l2IdOf(c.id);
      } else {
        ok &&= c.level === 1 && c.l2 === null;
      }
      for (const ch of c.children) ok &&= src.categories.get(ch)?.parentId === c.id;
      if (!ok) bad.push(c.id);
    }
    expect(bad).toEqual([]);
  });

  it('has Chinese names for categories, attributes and values', () => {
    expect(src.categories.get('aa')?.nameZh).toBe('服饰与配饰');
    expect(src.categories.get('aa-1-1-1-1')?.nameEn).toBe('Joggers');
    expect(src.attributes.get('color')?.nameZh).toBe('颜色');
    expect(src.values.get('color__black')?.nameZh).toBe('黑色');
  });

  it('resolves every attribute a category lists, extended ones through values_from', () => {
    const missing = new Set<string>();
    for (const c of src.categories.values()) for (const a of c.attributes) if (!src.attributes.has(a)) missing.add(a);
    expect([...missing]).toEqual([]);
    const frame = src.attributes.get('frame_material');
    expect(frame?.valuesFrom).toBe('furniture/fixture_material');
    expect(valuesOf(src, 'frame_material').length).toBeGreaterThan(5);
  });

  it('walks ancestors nearest first', () => {
    expect(ancestorsOf(src, 'aa-1-1-1').map((c) => c.id)).toEqual(['aa-1-1', 'aa-1', 'aa']);
    expect(parentIdOf('aa')).toBeNull();
  });
});
