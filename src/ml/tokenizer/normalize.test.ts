/** Tests for normalization and its offset map back to the original text. */

import { describe, expect, it } from 'vitest';
import { normalize, normalizeWithOffsets } from './normalize';

const CFG = { maxChars: 4000 };

describe('normalize', () => {
  it('applies NFKC and lowercases', () => {
    expect(normalize('Ｆｕｌｌｗｉｄｔｈ ＡＢＣ１２３', CFG)).toBe('fullwidth abc123');
    expect(normalize('ﬁne ㎏ ①', CFG)).toBe('fine kg 1');
    expect(normalize('CAFÉ', CFG)).toBe('café');
  });

  it('composes base + combining mark like whole-string NFKC', () => {
    const s = 'Cafe\u0301 Noe\u0308l';
    expect(normalize(s, CFG)).toBe(s.normalize('NFKC').toLowerCase());
  });

  it('matches whole-string NFKC + lowercase on ordinary listings', () => {
    for (const s of [
      'Men’s Boots, Size 10',
      '儿童运动鞋 2024新款',
      'ナイキ スニーカー',
      '운동화',
      'Ｔシャツ ＸＬ',
      'Crème brûlée',
    ]) {
      expect(normalize(s, CFG)).toBe(s.normalize('NFKC').toLowerCase());
    }
  });

  it('drops zero-width, bidi and variation-selector chars; controls become a break', () => {
    expect(normalize('ab\u200bcd\u200d\ufeff', CFG)).toBe('abcd');
    expect(normalize('\u202bשלום\u202c', CFG)).toBe('שלום');
    expect(normalize('❤\ufe0f', CFG)).toBe('❤');
    expect(normalize('a\u0000b\u0007c', CFG)).toBe('a b c');
    expect(normalize('soft\u00adhyphen', CFG)).toBe('softhyphen');
  });

  it('drops lone surrogates but keeps pairs', () => {
    expect(normalize('a\ud800b\udc00c', CFG)).toBe('abc');
    expect(normalize('🥾x', CFG)).toBe('🥾x');
  });

  it('collapses and trims whitespace of every kind', () => {
    expect(normalize('  a \t\n\u3000\u00a0 b  ', CFG)).toBe('a b');
    expect(normalize(' \t\n ', CFG)).toBe('');
    expect(normalize('', CFG)).toBe('');
  });

  it('keeps ™ from gluing onto the word before it', () => {
    expect(normalize('Nike™ Air', CFG)).toBe('nike air');
  });

  it('truncates to maxChars without splitting a surrogate pair', () => {
    expect(normalize('abcdef', { maxChars: 3 })).toBe('abc');
    expect(normalize('ab🥾', { maxChars: 3 })).toBe('ab');
    expect(normalize('ab🥾', { maxChars: 4 })).toBe('ab🥾');
    expect(normalize('ＡＢＣＤ', { maxChars: 2 })).toBe('ab');
  });

  it('maps each output unit back to its source span', () => {
    const src = '  Ｆｏｏ  Bar’s ﬁx';
    const r = normalizeWithOffsets(src, CFG);
    expect(r.text).toBe('foo bar’s fix');
    expect(r.start.length).toBe(r.text.length);
    expect(src.slice(r.start[0]!, r.end[2]!)).toBe('Ｆｏｏ');
    const bar = r.text.indexOf('bar');
    expect(src.slice(r.start[bar]!, r.end[bar + 2]!)).toBe('Bar');
    // Both halves of the ﬁ ligature map to the one source char.
    const fi = r.text.indexOf('fix');
    expect(src.slice(r.start[fi]!, r.end[fi + 1]!)).toBe('ﬁ');
  });

  it('handles 1 MB quickly by cutting first', () => {
    const big = 'Ａ'.repeat(1 << 20);
    expect(normalize(big, CFG)).toBe('a'.repeat(4000));
  });
});
