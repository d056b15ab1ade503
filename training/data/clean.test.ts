import { describe, expect, it } from 'vitest';
import { Deduper, cleanExtra, cleanOrReason, cleanText, decodeEntities, normalizedKey, MAX_EXTRA_CHARS } from './clean.js';

describe('cleanText', () => {
  it('strips HTML tags, scripts and comments', () => {
    expect(cleanText('<p>Red <b>cotton</b><br/>shirt</p><!-- x --><script>alert(1)</script>')).toBe('Red cotton shirt');
  });
  it('decodes entities after tags, so escaped markup stays text', () => {
    expect(cleanText('Tom &amp; Jerry &lt;b&gt; &#169; &#x4E2D;&nbsp;x')).toBe('Tom & Jerry <b> © 中 x');
  });
  it('keeps ampersands that are not entities', () => {
    expect(decodeEntities('R&D AT&T')).toBe('R&D AT&T');
  });
  it('removes URLs', () => {
    expect(cleanText('Buy at https://example.com/a?b=1 or www.shop.co.uk now')).toBe('Buy at or now');
  });
  it('applies NFKC (full-width, ligatures) and removes BOM / zero-width / control characters', () => {
    expect(cleanText('\uFEFFＡＢＣ\u200B ﬁne\u0007\ttab\nline')).toBe('ABC fine tab line');
  });
  it('collapses whitespace of every kind', () => {
    expect(cleanText('  a \u3000\u00A0 b\r\n\tc  ')).toBe('a b c');
  });
  it('does not crash on lone surrogates or huge numeric entities', () => {
    expect(() => cleanText('x\uD800y &#99999999; &#xD800;')).not.toThrow();
  });
  it('keeps a lone < used as text', () => {
    expect(cleanText('weight < 5 kg')).toBe('weight < 5 kg');
  });
});

describe('cleanOrReason', () => {
  it('drops empty, whitespace-only, markup-only and punctuation-only rows', () => {
    for (const t of ['', '   ', '<br/>', '!!! ...', undefined, null]) expect(cleanOrReason(t)).toEqual({ reason: 'empty-text' });
  });
  it('drops one-character rows (by code point, so one CJK char is one)', () => {
    expect(cleanOrReason('a')).toEqual({ reason: 'too-short' });
    expect(cleanOrReason('茶')).toEqual({ reason: 'too-short' });
    // Symbols-only text has no words at all.
    expect(cleanOrReason('😀')).toEqual({ reason: 'empty-text' });
    expect(cleanOrReason('a!')).toEqual({ reason: 'too-short' });
  });
  it('keeps two characters', () => {
    expect(cleanOrReason('手机')).toEqual({ text: '手机' });
  });
});

describe('normalizedKey and Deduper', () => {
  it('normalizes case, width and punctuation', () => {
    expect(normalizedKey('Lego® Star-Wars: X-Wing!!')).toBe(normalizedKey('lego star wars x wing'));
    expect(normalizedKey('ＬＥＧＯ，积木')).toBe('lego 积木');
  });
  it('keeps the first row and says exact vs normalized and from where', () => {
    const d = new Deduper();
    expect(d.offer('Red Shirt', 'amazon')).toBeNull();
    expect(d.offer('Red Shirt', 'amazon')).toEqual({ reason: 'duplicate-exact', keptSource: 'amazon' });
    expect(d.offer('red-shirt!', 'shopify-taxonomy')).toEqual({ reason: 'duplicate-normalized', keptSource: 'amazon' });
    expect(d.size).toBe(1);
  });
});

describe('cleanExtra', () => {
  it('caps long descriptions and drops empty ones', () => {
    expect(cleanExtra('x'.repeat(5000))?.length).toBe(MAX_EXTRA_CHARS);
    expect(cleanExtra('<p> </p>')).toBeUndefined();
    expect(cleanExtra(undefined)).toBeUndefined();
  });
});
