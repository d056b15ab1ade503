/**
 * Per-code-point classes the normalizer and segmenter share. Classes come from Unicode property
 * regexes, cached per code point so the regexes run once per distinct character, not per char.
 */

/** Punctuation, symbols, emoji, unassigned: a separator that is kept out of tokens. */
export const CLS_OTHER = 0;
/** Whitespace and (non-format) control characters: a word break. */
export const CLS_SPACE = 1;
/** A letter of a space-separated script (Latin, Cyrillic, Arabic, ...) or a non-ASCII digit. */
export const CLS_LETTER = 2;
/** ASCII 0-9 (NFKC folds full-width digits to these). */
export const CLS_DIGIT = 3;
/** Han, Hiragana, Katakana, Hangul: scripts written without spaces, tokenized per character. */
export const CLS_CJK = 4;
/** Non-spacing / spacing combining mark: glued to the preceding letter. */
export const CLS_MARK = 5;
/** Format chars (zero-width, bidi controls, BOM, soft hyphen), variation selectors, surrogates. */
export const CLS_DROP = 6;

const UNKNOWN = 255;

const bmp = new Uint8Array(0x10000).fill(UNKNOWN);
const astral = new Map<number, number>();

const RE_FORMAT = /^\p{Cf}$/u;
const RE_CONTROL = /^\p{Cc}$/u;
const RE_SPACE = /^\s$/u;
const RE_ENCLOSING = /^\p{Me}$/u;
const RE_MARK = /^\p{M}$/u;
const RE_LETTER = /^[\p{L}\p{Nd}]$/u;

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK Unified Ideographs
    (cp >= 0x3400 && cp <= 0x4dbf) || // Extension A
    (cp >= 0x3040 && cp <= 0x309f) || // Hiragana
    (cp >= 0x30a0 && cp <= 0x30ff && cp !== 0x30fb) || // Katakana, minus the middle-dot punctuation
    (cp >= 0xac00 && cp <= 0xd7af) || // Hangul syllables
    (cp >= 0x1100 && cp <= 0x11ff) || // Hangul jamo (NFKC maps compatibility jamo here)
    (cp >= 0x3005 && cp <= 0x3007) || // 々 〆 〇
    (cp >= 0x31f0 && cp <= 0x31ff) || // Katakana phonetic extensions
    (cp >= 0xf900 && cp <= 0xfaff) || // Compatibility ideographs
    (cp >= 0xa960 && cp <= 0xa97f) || // Hangul jamo extended-A
    (cp >= 0xd7b0 && cp <= 0xd7ff) || // Hangul jamo extended-B
    (cp >= 0x20000 && cp <= 0x3134f) // Extensions B..G and supplement
  );
}

function compute(cp: number): number {
  if (cp < 0x80) {
    if (cp >= 0x61 && cp <= 0x7a) return CLS_LETTER;
    if (cp >= 0x41 && cp <= 0x5a) return CLS_LETTER;
    if (cp >= 0x30 && cp <= 0x39) return CLS_DIGIT;
    if (cp <= 0x20 || cp === 0x7f) return CLS_SPACE;
    return CLS_OTHER;
  }
  if (cp >= 0xd800 && cp <= 0xdfff) return CLS_DROP;
  if (isCjk(cp)) return CLS_CJK;
  // Variation selectors are marks by category but only pick a glyph style; emoji use them.
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return CLS_DROP;
  const ch = String.fromCodePoint(cp);
  if (RE_FORMAT.test(ch)) return CLS_DROP;
  if (RE_CONTROL.test(ch) || RE_SPACE.test(ch)) return CLS_SPACE;
  // Enclosing marks (keycap U+20E3, circles) decorate symbols rather than letters.
  if (RE_ENCLOSING.test(ch)) return CLS_OTHER;
  if (RE_MARK.test(ch)) return CLS_MARK;
  if (RE_LETTER.test(ch)) return CLS_LETTER;
  return CLS_OTHER;
}

/** Class of a code point (or of a lone surrogate code unit). */
export function charClass(cp: number): number {
  if (cp < 0x10000) {
    const c = bmp[cp] as number;
    if (c !== UNKNOWN) return c;
    const v = compute(cp);
    bmp[cp] = v;
    return v;
  }
  const c = astral.get(cp);
  if (c !== undefined) return c;
  const v = compute(cp);
  // Bounded so adversarial input cannot grow the cache without limit.
  if (astral.size > 8192) astral.clear();
  astral.set(cp, v);
  return v;
}
