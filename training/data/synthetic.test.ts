/** Tests for the synthetic listing generator (needs RAW_DATA_DIR with shopify-taxonomy-source). */
import { beforeAll, describe, expect, it } from 'vitest';
import { LEVEL1_ROOTS } from '../../src/config/taxonomy.js';
import type { CorpusRow } from './corpus-types.js';
import { RAW_DATA_DIR } from '../paths.js';
import { loadShopifySource } from './shopify-source.js';
import type { Lexicon } from './merchant-lexicon.js';
import { LEXICON_BUDGET, SYNTHETIC_BUDGET, generateSynthetic, googleSynonyms, nameVariantsEn, nameVariantsZh, singularEn } from './synthetic.js';
import { level2Of, loadTaxonomy } from './taxonomy.js';

const source = loadShopifySource(RAW_DATA_DIR);

describe('name variants', () => {
  it('singularises the head noun only, leaving plural-only words', () => {
    expect(singularEn('Hiking Boots')).toBe('Hiking Boot');
    expect(singularEn('Batteries')).toBe('Battery');
    expect(singularEn('Watches')).toBe('Watch');
    expect(singularEn('Kitchen Knives')).toBe('Kitchen Knife');
    expect(singularEn('Jeans')).toBe('Jeans');
    expect(singularEn('Hoodies')).toBe('Hoodie');
    expect(singularEn('Dresses')).toBe('Dress');
  });

  it('splits lists keeping the shared words', () => {
    expect(nameVariantsEn('Baby & Toddler Outfits')).toEqual(expect.arrayContaining(['Baby Outfits', 'Toddler Outfits']));
    expect(nameVariantsEn('Dance Dresses, Skirts & Costumes')).toEqual(expect.arrayContaining(['Dance Dresses', 'Dance Skirts', 'Skirts']));
    expect(nameVariantsEn('Digital Single-Lens Reflex (DSLR) Cameras')).toContain('DSLR Cameras');
    expect(nameVariantsEn('Training, Choke & Pinch Collars')).not.toContain('Training');
    expect(nameVariantsZh('运动服、运动衫和连帽衫', 'Activewear Sweatshirts & Hoodies')).toEqual(expect.arrayContaining(['运动衫', '连帽衫']));
    expect(nameVariantsZh('和服', 'Kimonos')).toEqual(['和服', '和服']);
  });
});

describe('Google names as synonyms', () => {
  const tax = loadTaxonomy(RAW_DATA_DIR);
  const syn = googleSynonyms(tax);

  it('gives the names Chinese and English shops use', () => {
    expect(syn.get('ma-2-1-7')).toEqual({ en: ['Gun Holsters'], zh: ['枪套'] });
  });

  it('only uses a Google name when every category mapped to it is in one level-2 class', () => {
    expect(syn.size).toBeGreaterThan(1000);
    for (const id of syn.keys()) {
      const g = tax.categories.get(id)?.googleId;
      expect(g).toBeDefined();
      for (const other of tax.shopifyByGoogle.get(g!) ?? []) expect(level2Of(other)).toBe(level2Of(id));
    }
  });
});

describe('generateSynthetic', () => {
  let rows: CorpusRow[] = [];
  beforeAll(() => {
    // The taxonomy rows alone (the lexicon's rows have their own block below).
    rows = generateSynthetic({ seed: 7, rawDir: RAW_DATA_DIR, lexicon: null });
  }, 120_000);

  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateSynthetic({ seed: 11, rawDir: RAW_DATA_DIR, scale: 0.05, lexicon: fixtureLexicon() });
    const b = generateSynthetic({ seed: 11, rawDir: RAW_DATA_DIR, scale: 0.05, lexicon: fixtureLexicon() });
    const c = generateSynthetic({ seed: 12, rawDir: RAW_DATA_DIR, scale: 0.05, lexicon: fixtureLexicon() });
    expect(b).toEqual(a);
    const textsA = a.map((r) => r.text);
    const textsC = new Set(c.map((r) => r.text));
    expect(textsA.filter((t) => textsC.has(t)).length).toBeLessThan(textsA.length * 0.5);
  }, 120_000);

  it('stays in the expected size at scale 1', () => {
    expect(rows.length).toBeGreaterThan(100_000);
    expect(rows.length).toBeLessThan(160_000);
  });

  // Checks collect offenders instead of calling expect per row: 125k rows x many expects is slow.
  it('writes valid, consistent rows', () => {
    const ids = new Set<string>();
    const roots = new Set<string>(LEVEL1_ROOTS);
    const bad: string[] = [];
    for (const r of rows) {
      const ok =
        !ids.has(r.id) &&
        source.categories.has(r.deep) &&
        r.id.startsWith(`synthetic:${r.lang}:${r.deep}:`) &&
        roots.has(r.l1) &&
        r.source === 'synthetic' &&
        r.kind === 'synthetic' &&
        r.split === 'train' &&
        (r.l2 === null
          ? r.deep === r.l1
          : r.l2.startsWith(`${r.l1}-`) &&
            r.l2.split('-').length === 2 &&
            (r.deep === r.l2 || r.deep.startsWith(`${r.l2}-`)) &&
            source.categories.has(r.l2));
      if (!ok) bad.push(JSON.stringify(r));
      ids.add(r.id);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('leaves no empty text, placeholders or duplicate texts', () => {
    const texts = new Set<string>();
    const bad: string[] = [];
    for (const r of rows) {
      const key = r.text.toLowerCase();
      if (
        r.text.trim().length < 2 ||
        r.text !== r.text.trim() ||
        /\{[a-z_]+\}|%n|\bundefined\b|\bnull\b|\bNaN\b|\[object/.test(r.text) ||
        /\s{2,}|,,|^[,|/-]/.test(r.text) ||
        texts.has(key)
      ) {
        bad.push(r.text);
      }
      texts.add(key);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('reads as English or Chinese by language', () => {
    const cjk = /[\u3400-\u9fff]/;
    const zh = rows.filter((r) => r.lang === 'zh');
    const en = rows.filter((r) => r.lang === 'en');
    // A few zh category names are Latin ('PDA', 'DVD'), so nearly all, not all, have CJK.
    expect(zh.filter((r) => !cjk.test(r.text)).length).toBeLessThan(zh.length * 0.001);
    expect(en.filter((r) => cjk.test(r.text)).length).toBe(0);
    // Some Chinese titles carry Latin tokens (brands, sizes, USB).
    expect(zh.filter((r) => /[A-Za-z]{2,}/.test(r.text)).length).toBeGreaterThan(zh.length * 0.2);
  });

  it('balances roots and level-2 classes in both languages', () => {
    const b = SYNTHETIC_BUDGET;
    for (const lang of ['en', 'zh'] as const) {
      const perRoot = new Map<string, number>();
      const perL2 = new Map<string, number>();
      for (const r of rows) {
        if (r.lang !== lang) continue;
        perRoot.set(r.l1, (perRoot.get(r.l1) ?? 0) + 1);
        if (r.l2 !== null) perL2.set(r.l2, (perL2.get(r.l2) ?? 0) + 1);
      }
      for (const root of LEVEL1_ROOTS) {
        const n = perRoot.get(root) ?? 0;
        expect(n, `${lang} ${root}`).toBeGreaterThanOrEqual(b.rootMin * 0.95);
        expect(n, `${lang} ${root}`).toBeLessThanOrEqual(b.rootMax * 1.15);
      }
      for (const c of source.categories.values()) {
        if (c.level !== 2) continue;
        let size = 0;
        for (const d of source.categories.values()) if (d.l2 === c.id) size++;
        const n = perL2.get(c.id) ?? 0;
        // Each class gets a share near perL2 (more in roots with few classes), capped for tiny ones.
        expect(n, `${lang} ${c.id}`).toBeGreaterThanOrEqual(Math.min(0.75 * b.perL2, 0.9 * size * b.perCategoryCap));
        expect(n, `${lang} ${c.id}`).toBeLessThanOrEqual(Math.max(b.rootMax / 2, size * 1.2));
      }
    }
  });

  it('covers every category in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      const seen = new Set(rows.filter((r) => r.lang === lang).map((r) => r.deep));
      expect(seen.size).toBe(source.categories.size);
    }
  });
});

/** A small lexicon: two roots, terms at levels 2-3, and a real brand. */
function fixtureLexicon(): Lexicon {
  return {
    terms: new Map([
      ['rc-2-1', { en: ['rosary', 'mala beads'], zh: ['佛珠', '念珠'] }],
      ['rc-2', { en: ['holy water bottle'], zh: ['圣水瓶'] }],
      ['ma-1', { en: ['bondage kit'], zh: ['情趣套装'] }],
    ]),
    brands: new Map([['rc-2-5', { en: ['Rider-Waite'], zh: ['韦特'] }]]),
  };
}

describe('generateSynthetic with a lexicon', () => {
  let rows: CorpusRow[] = [];
  beforeAll(() => {
    rows = generateSynthetic({ seed: 7, rawDir: RAW_DATA_DIR, scale: 0.2, lexicon: fixtureLexicon() });
  }, 120_000);

  it('adds listings built on the terms, labelled with the term node, within the budget', () => {
    const lexRows = rows.filter((r) => r.id.startsWith('synthetic:lexicon:'));
    const b = LEXICON_BUDGET;
    for (const lang of ['en', 'zh'] as const) {
      const mine = lexRows.filter((r) => r.lang === lang);
      const perRoot = (root: string) => mine.filter((r) => r.l1 === root).length;
      // rc: one level-2 class with terms -> the root floor; capped by perTerm x 3 terms.
      expect(perRoot('rc')).toBe(Math.min(b.rootMin * 0.2, 3 * b.perTerm));
      expect(perRoot('ma')).toBe(Math.min(b.rootMin * 0.2, 1 * b.perTerm));
      expect(mine.filter((r) => r.l1 !== 'rc' && r.l1 !== 'ma')).toEqual([]);
      for (const r of mine) {
        const terms = fixtureLexicon().terms.get(r.deep)?.[lang] ?? [];
        expect(terms.some((t) => r.text.toLowerCase().includes(t.split(' ')[0]!)), r.text).toBe(true);
        expect(r.l2).toBe(r.deep.split('-').slice(0, 2).join('-'));
      }
    }
  });

  it('uses the real brands in the node subtree', () => {
    const tarot = rows.filter((r) => r.deep === 'rc-2-5' && !r.id.includes(':lexicon:'));
    const branded = tarot.filter((r) => r.text.includes('Rider-Waite') || r.text.includes('韦特'));
    expect(branded.length).toBeGreaterThan(tarot.length * 0.1);
    expect(rows.filter((r) => r.l1 !== 'rc' && r.text.includes('Rider-Waite'))).toEqual([]);
  });
});
