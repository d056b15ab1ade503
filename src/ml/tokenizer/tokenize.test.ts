/** Behaviour, robustness (seeded property test) and size tests for the tokenizer. */

import { describe, expect, it } from 'vitest';
import { featureId } from './hash';
import {
  featureIds,
  featureRow,
  featureRows,
  tokenize,
  tokenizeWithIds,
  wordTokens,
  type Token,
} from './tokenize';
import { DEFAULT_TOKENIZER_CONFIG as CFG, type TokenizerConfig } from './tokenizer-config';

const feats = (s: string, cfg: TokenizerConfig = CFG): string[] => tokenize(s, cfg).map((t) => t.feature);

describe('segmentation', () => {
  it('splits words on punctuation, keeps compounds as a bigram', () => {
    expect(wordTokens('USB-C cable', CFG)).toEqual(['usb', 'c', 'cable']);
    expect(feats('USB-C cable')).toContain('b:usb|c');
    expect(feats('USB-C cable')).toContain('b:c|cable');
  });

  it("keeps apostrophe words whole: men's -> mens", () => {
    expect(wordTokens("Men's Levi’s don't", CFG)).toEqual(['mens', 'levis', 'dont']);
  });

  it('does not bridge bigrams across strong punctuation, numbers or CJK', () => {
    const f = feats('Hiking Boots, Size 10 brown 鞋 leather');
    expect(f).toContain('b:hiking|boots');
    expect(f).not.toContain('b:boots|size');
    expect(f.filter((x) => x.startsWith('b:'))).toEqual(['b:hiking|boots']);
  });

  it('emits char n-grams of <word> for 3..5', () => {
    const f = feats('boots');
    expect(f).toEqual(
      expect.arrayContaining([
        'c:<bo',
        'c:boo',
        'c:ts>',
        'c:<boo',
        'c:oots>',
        'c:<boot',
        'c:boots',
        'c:oots>',
      ]),
    );
    expect(f.filter((x) => x.startsWith('c:')).length).toBe(5 + 4 + 3);
  });

  it('gives CJK unigrams and bigrams, each character a word token', () => {
    expect(wordTokens('球鞋', CFG)).toEqual(['球', '鞋']);
    expect(feats('球鞋')).toEqual(['z:球', 'z:鞋', 'zz:球鞋']);
    expect(wordTokens('iPhone壳', CFG)).toEqual(['iphone', '壳']);
  });

  it('handles astral CJK ideographs without splitting pairs', () => {
    expect(feats('𠀀𠀁')).toEqual(['z:𠀀', 'z:𠀁', 'zz:𠀀𠀁']);
  });
});

describe('numbers and units', () => {
  const cases: [string, string[]][] = [
    ['500ml', ['500ml']],
    ['500 ml', ['500ml']],
    ['500ML', ['500ml']],
    ['500毫升', ['500ml']],
    ['14寸', ['14in']],
    ['14英寸', ['14in']],
    ['14 inch', ['14in']],
    ['2.5kg', ['2.5kg']],
    ['10cm', ['10cm']],
    ['1tb', ['1tb']],
    ['64GB', ['64gb']],
    ['5000mAh', ['5000mah']],
    ['5,000 mAh', ['5000mah']],
    ['473ml', ['470ml']],
    ['Size 10', ['size', 'size10']],
    ['42码', ['size42']],
    ['Size 10.5', ['size', 'size10.5']],
    ['256GB 128gb', ['256gb', '128gb']],
    ['100%', ['100%']],
    ['10x20cm', ['#2', '20cm']],
    ['2024', ['#4']],
    ['12345678901', ['#9+']],
    ['ps5 1080p 4k', ['ps5', '1080p', '4k']],
    ['2 in 1', ['#1', 'in', '#1']],
  ];
  it.each(cases)('%j -> %j', (s, want) => {
    expect(wordTokens(s, CFG)).toEqual(want);
  });

  it('gives the unit class and the bucketed value as features', () => {
    expect(feats('500ml')).toEqual(['num:500ml', 'num:ml']);
    expect(feats('500 ML')).toEqual(['num:500ml', 'num:ml']);
    expect(feats('2024')).toEqual(['num:#4']);
  });
});

describe('offsets', () => {
  const spans = (s: string): [string, string][] =>
    tokenize(s, CFG).map((t) => [t.feature, s.slice(t.start, t.end)]);

  it('point into the original text', () => {
    const s = "  Men's Waterproof  Hiking Boots, Size 10";
    const m = new Map(spans(s));
    expect(m.get('w:mens')).toBe("Men's");
    expect(m.get('b:hiking|boots')).toBe('Hiking Boots');
    expect(m.get('num:size10')).toBe('10');
    expect(m.get('c:<wa')).toBe('Wa');
    expect(m.get('c:oof>')).toBe('oof');
  });

  it('give the boundary-only 1-grams the first and last char of their word', () => {
    const cfg: TokenizerConfig = { ...CFG, charNgrams: [1, 2] };
    const s = 'red Boots';
    const t = tokenize(s, cfg).filter((x) => x.feature === 'c:<' || x.feature === 'c:>');
    expect(t.map((x) => [x.feature, s.slice(x.start, x.end)])).toEqual([
      ['c:<', 'r'],
      ['c:>', 'd'],
      ['c:<', 'B'],
      ['c:>', 's'],
    ]);
  });

  it('span the source form when NFKC changed it', () => {
    const s = 'Ｂｏｏｔｓ 500 ＭＬ 球鞋';
    const m = new Map(spans(s));
    expect(m.get('w:boots')).toBe('Ｂｏｏｔｓ');
    expect(m.get('num:500ml')).toBe('500 ＭＬ');
    expect(m.get('zz:球鞋')).toBe('球鞋');
  });
});

describe('cap and ids', () => {
  it('keeps words, then bigrams, then char n-grams under maxTokens', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`);
    const cfg = { ...CFG, maxTokens: 100 };
    const f = feats(words.join(' '), cfg);
    expect(f.length).toBe(100);
    expect(f.slice(0, 60).every((x) => x.startsWith('w:'))).toBe(true);
    expect(f.slice(60).every((x) => x.startsWith('b:'))).toBe(true);
    const g = feats(words.slice(0, 10).join(' '), cfg);
    expect(g.slice(19).every((x) => x.startsWith('c:'))).toBe(true);
    // Shortest grams first, across all words: 10 words x 6 trigrams, then 4-grams.
    expect(g.slice(19, 79).every((x) => x.length === 5)).toBe(true);
    expect(g.slice(79).every((x) => x.length === 6)).toBe(true);
  });

  it('featureIds matches tokenize order and tokenizeWithIds', () => {
    const s = 'Waterproof hiking boots 防水登山鞋 500ml';
    const ids = featureIds(s, CFG);
    const both = tokenizeWithIds(s, CFG);
    expect(Array.from(both.ids)).toEqual(Array.from(ids));
    expect(both.tokens.map((t) => t.feature)).toEqual(feats(s));
  });

  it('featureIds buckets like featureId for any bucket count', () => {
    const s = 'Waterproof hiking boots 防水登山鞋 500ml 🥾 café';
    for (const buckets of [2, 3, 1000, 2 ** 17, 2 ** 31 - 1]) {
      const cfg: TokenizerConfig = { ...CFG, buckets };
      const want = feats(s, cfg).map((f) => featureId(f, cfg.seed, buckets));
      expect(Array.from(featureIds(s, cfg))).toEqual(want);
    }
  });

  it('featureRow marks exactly the char n-grams shorter than the longest, also under the cap', () => {
    const short = (t: Token, cfg: TokenizerConfig) =>
      t.kind === 'char' && [...t.feature].length - 2 < cfg.charNgrams[1];
    const cases: [string, TokenizerConfig][] = [
      ['Waterproof hiking boots 防水登山鞋 500ml', CFG],
      ['tv 4k', CFG],
      ['球鞋 500ml', CFG],
      ['', CFG],
      // The cap inside the 3-grams, inside the 5-grams, and with one n-gram length only.
      ['waterproof breathable hiking boots', { ...CFG, maxTokens: 20 }],
      ['waterproof breathable hiking boots', { ...CFG, maxTokens: 80 }],
      ['waterproof hiking boots', { ...CFG, charNgrams: [4, 4] }],
    ];
    for (const [s, cfg] of cases) {
      const row = featureRow(s, cfg);
      expect(Array.from(row.ids)).toEqual(Array.from(featureIds(s, cfg)));
      const flags = tokenize(s, cfg).map((t) => short(t, cfg));
      expect(flags).toHaveLength(row.ids.length);
      const marked = flags.map((_, i) => i >= row.shortFrom && i < row.shortTo);
      expect(marked).toEqual(flags);
    }
    expect(featureRow('waterproof breathable hiking boots', { ...CFG, maxTokens: 80 }).shortTo).toBeLessThan(
      80,
    );
  });

  it('featureRows gives each text its featureRow, in one buffer that grows as needed', () => {
    const long = 'waterproof breathable hiking boots with vibram soles '.repeat(20);
    const texts = ['Waterproof hiking boots', '', long, '防水登山鞋 500ml', long, 'tv'];
    const rows = featureRows(texts, CFG);
    expect(rows).toHaveLength(texts.length);
    rows.forEach((r, i) => {
      const one = featureRow(texts[i]!, CFG);
      expect(Array.from(r.ids)).toEqual(Array.from(one.ids));
      expect([r.shortFrom, r.shortTo]).toEqual([one.shortFrom, one.shortTo]);
    });
    // Past the first guess of ~120 ids a text: the buffer grew, the rows share it.
    expect(rows[2]!.ids.length).toBe(CFG.maxTokens);
    expect(rows[0]!.ids.buffer).toBe(rows[5]!.ids.buffer);
    expect(featureRows([], CFG)).toEqual([]);
    // With a buffer to reuse: kept there when it grows, written again by the next call.
    const reuse = { flat: new Int32Array(0) };
    const first = featureRows(texts, CFG, reuse);
    expect(first[2]!.ids.buffer).toBe(reuse.flat.buffer);
    const again = featureRows(texts.slice(0, 2), CFG, reuse);
    expect(again[0]!.ids.buffer).toBe(first[0]!.ids.buffer);
    expect(Array.from(again[0]!.ids)).toEqual(Array.from(rows[0]!.ids));
  });

  it('honours config switches', () => {
    const cfg: TokenizerConfig = { ...CFG, charNgrams: [0, 0], cjkNgrams: [2, 2], wordBigrams: false };
    expect(feats('hiking boots 球鞋', cfg)).toEqual(['w:hiking', 'w:boots', 'zz:球鞋']);
  });

  it('returns nothing for empty and whitespace-only input', () => {
    expect(tokenize('', CFG)).toEqual([]);
    expect(featureIds(' \n\t ', CFG).length).toBe(0);
    expect(wordTokens('', CFG)).toEqual([]);
  });
});

/** mulberry32: tiny seeded PRNG so the property test is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'boots',
  'USB-C',
  "men's",
  '500ml',
  '14寸',
  ' 5,000 mAh',
  '2.5',
  'size 10',
  '球鞋',
  '打印机',
  'ナイキ',
  '운동화',
  'حذاء',
  '🥾',
  '👨‍👩‍👧',
  '❤️',
  '1️⃣',
  '™',
  'e\u0301',
  '\u0300',
  'ﬁ',
  'Ａ',
  '\u3000',
  '\t',
  '\n',
  ' ',
  '-',
  "'",
  '.',
  ',',
  '%',
  'x',
  '<b>',
  '&amp;',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\u0000',
  '\u007f',
  '\u0085',
];

function randomString(rnd: () => number): string {
  const parts: string[] = [];
  const n = Math.floor(rnd() * 30);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.45) parts.push(PIECES[Math.floor(rnd() * PIECES.length)]!);
    else if (r < 0.6) parts.push(String.fromCharCode(Math.floor(rnd() * 0x80)));
    else if (r < 0.7) parts.push(String.fromCharCode(0x4e00 + Math.floor(rnd() * 0x5000)));
    else if (r < 0.8)
      parts.push(String.fromCharCode(Math.floor(rnd() * 0x10000))); // incl. lone surrogates
    else if (r < 0.88) parts.push(String.fromCodePoint(0x10000 + Math.floor(rnd() * 0x100000)));
    else if (r < 0.95)
      parts.push((PIECES[Math.floor(rnd() * PIECES.length)] ?? 'a').repeat(1 + Math.floor(rnd() * 300)));
    else parts.push(String.fromCharCode(0xd800 + Math.floor(rnd() * 0x800)));
  }
  return parts.join('');
}

function checkTokens(s: string, tokens: Token[], cfg: TokenizerConfig): void {
  expect(tokens.length).toBeLessThanOrEqual(cfg.maxTokens);
  for (const t of tokens) {
    if (!(t.start >= 0 && t.start <= t.end && t.end <= s.length)) {
      throw new Error(
        `bad span ${t.start}-${t.end} for ${JSON.stringify(t.feature)} in ${JSON.stringify(s)}`,
      );
    }
  }
}

describe('property: random strings', () => {
  it('are deterministic, never throw, stay in range and under the cap', () => {
    const rnd = mulberry32(0xc0ffee);
    const small: TokenizerConfig = { ...CFG, maxChars: 300, maxTokens: 64 };
    // Other n-gram ranges, seed and bucket count: featureIds must follow the config, not defaults.
    const wide: TokenizerConfig = {
      ...CFG,
      seed: 12345,
      buckets: 1000,
      charNgrams: [1, 7],
      cjkNgrams: [1, 4],
      wordBigrams: false,
    };
    for (let i = 0; i < 2000; i++) {
      const s = randomString(rnd);
      const cfg = i % 4 === 3 ? small : i % 4 === 2 ? wide : CFG;
      const a = tokenize(s, cfg);
      const b = tokenize(s, cfg);
      expect(b).toEqual(a);
      checkTokens(s, a, cfg);
      const ids = featureIds(s, cfg);
      expect(Array.from(featureIds(s, cfg))).toEqual(Array.from(ids));
      expect(ids.length).toBe(a.length);
      // featureIds hashes bytes in place; the reference is hashing tokenize()'s strings.
      const want = a.map((t) => featureId(t.feature, cfg.seed, cfg.buckets));
      if (want.some((id, k) => id !== ids[k]))
        throw new Error(`featureIds differs from hashed tokenize() for ${JSON.stringify(s)}`);
      for (const id of ids) {
        if (!(id >= 1 && id <= cfg.buckets - 1))
          throw new Error(`id ${id} out of range for ${JSON.stringify(s)}`);
      }
      const w = wordTokens(s, cfg);
      expect(wordTokens(s, cfg)).toEqual(w);
      expect(w.length).toBeLessThanOrEqual(cfg.maxTokens);
      expect(w.every((x) => x.length > 0 && !/\s/.test(x))).toBe(true);
    }
  });
});

describe('size', () => {
  it('tokenizes a 1 MB string (cut to maxChars, capped at maxTokens)', () => {
    const mb = 'Waterproof hiking boots 防水登山鞋 500ml 🥾 '.repeat(30000).slice(0, 1 << 20);
    const t = tokenize(mb, CFG);
    expect(t.length).toBe(CFG.maxTokens);
    checkTokens(mb, t, CFG);
    expect(t.every((x) => x.end <= CFG.maxChars)).toBe(true);
    expect(featureIds('x'.repeat(1 << 20), CFG).length).toBeGreaterThan(0);
  });
});
