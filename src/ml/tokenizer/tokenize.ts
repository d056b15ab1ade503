/**
 * The shared tokenizer: listing text (English, Chinese, mixed) -> kind-prefixed feature strings
 * -> hashed bucket ids, with each token's span in the ORIGINAL input for highlighting.
 *
 * Segmentation (on normalized text, see normalize.ts):
 * - Word: a run of letters/digits. Apostrophes between letters are dropped ("men's" -> "mens",
 *   "levi’s" -> "levis"); any other punctuation splits, so "usb-c" -> "usb", "c" and the
 *   bigram `b:usb|c` keeps the compound. Marks stay glued to their letter.
 * - Number: a run that is digits (with "2.5" decimals and "5,000" thousands), optionally glued to
 *   or followed by a known unit ("500ml", "500 ml", "14寸", "14英寸", "100%"), or preceded by
 *   "size". With a unit: `num:<unit>` plus `num:<value><unit>`, the value rounded to 2
 *   significant digits (473ml -> 470ml) so one feature covers a range, except discrete units
 *   (1080p, 256gb, size 10.5) kept exact. Without: `num:#<digits>`
 *   (by digit count) so distinct numbers do not scatter over buckets. "10x20cm" splits at x.
 * - CJK: runs of Han/Kana/Hangul give unigrams `z:鞋` and n-grams `zz:球鞋` (cjkNgrams).
 * - Words also give char n-grams of `<word>` (`c:<bo`) and adjacent-word bigrams
 *   (`b:hiking|boots`) when only spaces or - _ / & + separate them.
 * Feature strings carry a kind prefix so a word and an n-gram never collide as strings.
 *
 * The cap (maxTokens) keeps tiers in order of informativeness: words, numbers and CJK unigrams
 * first, then bigrams (word and CJK), then char n-grams (all 3-grams, then 4-grams, ...).
 * Repeated words yield repeated tokens: counts are information the model may use.
 */

import type { TokenizerConfig } from './tokenizer-config';
import { CLS_CJK, CLS_DIGIT, CLS_LETTER, CLS_MARK } from './char-class';
import {
  featureId,
  hashAfterHead,
  hashAfterPrefix,
  hashPrefix,
  prefixHeads,
  utf8Into,
  type HashPrefix,
} from './hash';
import { normalizeScratch, type NormalizedScratch } from './normalize';
import { ATTACHED_UNITS, CJK_UNIT_MAX_LEN, CJK_UNITS, SIZE_WORDS, SPACED_UNITS } from './units';

export type TokenKind = 'word' | 'char' | 'cjk' | 'bigram' | 'num';

export interface Token {
  /** Kind-prefixed feature string; the hash input. */
  feature: string;
  kind: TokenKind;
  /** [start, end) in the original input, UTF-16 units; best effort where NFKC changed text. */
  start: number;
  end: number;
}

const K_WORD = 0;
const K_CHAR = 1;
const K_CJK = 2;
const K_BIGRAM = 3;
const K_NUM = 4;
const KIND_NAMES: readonly TokenKind[] = ['word', 'char', 'cjk', 'bigram', 'num'];

const SEG_WORD = 0;
const SEG_NUM = 1;
const SEG_CJK = 2;

interface Segment {
  kind: number;
  /** Word text, CJK run text, or a number's digits as written (thousands commas removed). */
  text: string;
  /** [ns, ne) in the normalized text. */
  ns: number;
  ne: number;
  /** Numbers only: canonical unit, '' for a bare number. */
  unit: string;
  /** Words only: normalized index of each code point, when not simply ns + j. */
  pos: Int32Array | null;
}

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Only spaces and these light joiners may sit between the two words of a bigram. */
function bigramGap(s: string, a: number, b: number): boolean {
  if (b - a > 8) return false;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    // space - _ / & +
    if (c !== 0x20 && c !== 0x2d && c !== 0x5f && c !== 0x2f && c !== 0x26 && c !== 0x2b) return false;
  }
  return true;
}

/** Gap between "size" and its number: " ", ":", " : " and the like. */
function sizeGap(s: string, a: number, b: number): boolean {
  if (b - a < 1 || b - a > 3) return false;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x3a) return false;
  }
  return true;
}

function scanWord(s: string, cls: Uint8Array, n: number, start: number, segs: Segment[]): number {
  let j = start;
  let elided: number[] | null = null;
  let hasDigit = false;
  let hasAstral = false;
  let dotInNumber = false;
  let prev = -1;
  let skip = 0;
  while (j < n) {
    const c = cls[j]!;
    const ch = s.charCodeAt(j);
    if (c === CLS_LETTER) {
      // "10x20cm": x between digits separates dimensions.
      if (ch === 0x78 && prev === CLS_DIGIT && j + 1 < n && cls[j + 1] === CLS_DIGIT) {
        skip = 1;
        break;
      }
      if (ch >= 0xd800 && ch <= 0xdfff) hasAstral = true;
      dotInNumber = false;
      prev = c;
      j++;
      continue;
    }
    if (c === CLS_DIGIT) {
      hasDigit = true;
      prev = c;
      j++;
      continue;
    }
    if (c === CLS_MARK && (prev === CLS_LETTER || prev === CLS_MARK)) {
      if (ch >= 0xd800 && ch <= 0xdfff) hasAstral = true;
      prev = c;
      j++;
      continue;
    }
    const next = j + 1 < n ? cls[j + 1]! : -1;
    // Apostrophe inside a word: dropped, the word stays whole.
    if ((ch === 0x27 || ch === 0x2019) && (prev === CLS_LETTER || prev === CLS_MARK) && next === CLS_LETTER) {
      (elided ??= []).push(j);
      j++;
      continue;
    }
    // Decimal point: one per number.
    if (ch === 0x2e && prev === CLS_DIGIT && next === CLS_DIGIT && !dotInNumber) {
      dotInNumber = true;
      j++;
      continue;
    }
    // Thousands separator: exactly three digits follow.
    if (
      ch === 0x2c &&
      prev === CLS_DIGIT &&
      !dotInNumber &&
      j + 3 < n &&
      cls[j + 1] === CLS_DIGIT &&
      cls[j + 2] === CLS_DIGIT &&
      cls[j + 3] === CLS_DIGIT &&
      (j + 4 >= n || cls[j + 4] !== CLS_DIGIT)
    ) {
      (elided ??= []).push(j);
      j++;
      continue;
    }
    break;
  }
  const end = j;
  let text: string;
  let pos: Int32Array | null = null;
  if (elided === null) {
    text = s.slice(start, end);
  } else {
    text = '';
    let a = start;
    for (const e of elided) {
      text += s.slice(a, e);
      a = e + 1;
    }
    text += s.slice(a, end);
  }
  if (elided !== null || hasAstral) {
    const idx: number[] = [];
    let e = 0;
    for (let p = start; p < end; p++) {
      if (elided !== null && elided[e] === p) {
        e++;
        continue;
      }
      idx.push(p);
      const c = s.charCodeAt(p);
      if (c >= 0xd800 && c <= 0xdbff) p++; // a pair is one code point
    }
    pos = Int32Array.from(idx);
  }

  const last = segs.length > 0 ? segs[segs.length - 1]! : undefined;
  if (hasDigit) {
    let k = 0;
    while (k < text.length) {
      const c = text.charCodeAt(k);
      if (!isDigitCode(c) && c !== 0x2e) break;
      k++;
    }
    if (k === text.length) {
      const num: Segment = { kind: SEG_NUM, text, ns: start, ne: end, unit: '', pos: null };
      if (s.charCodeAt(end) === 0x25) {
        num.unit = '%';
        num.ne = end + 1;
      } else if (
        last !== undefined &&
        last.kind === SEG_WORD &&
        SIZE_WORDS.has(last.text) &&
        sizeGap(s, last.ne, start)
      ) {
        num.unit = 'size';
      }
      segs.push(num);
      return num.ne + skip;
    }
    if (k > 0) {
      const unit = ATTACHED_UNITS.get(text.slice(k));
      if (unit !== undefined) {
        segs.push({ kind: SEG_NUM, text: text.slice(0, k), ns: start, ne: end, unit, pos: null });
        return end + skip;
      }
    }
  } else if (
    last !== undefined &&
    last.kind === SEG_NUM &&
    last.unit === '' &&
    last.ne + 1 === start &&
    s.charCodeAt(last.ne) === 0x20 &&
    SPACED_UNITS.has(text)
  ) {
    // "500 ml": the unit word joins the number before it.
    last.unit = ATTACHED_UNITS.get(text) ?? text;
    last.ne = end;
    return end + skip;
  }
  segs.push({ kind: SEG_WORD, text, ns: start, ne: end, unit: '', pos });
  return end + skip;
}

function scanCjk(s: string, cls: Uint8Array, n: number, start: number, segs: Segment[]): number {
  let j = start;
  const last = segs.length > 0 ? segs[segs.length - 1]! : undefined;
  if (
    last !== undefined &&
    last.kind === SEG_NUM &&
    last.unit === '' &&
    (last.ne === start || (last.ne + 1 === start && s.charCodeAt(last.ne) === 0x20))
  ) {
    // "14寸", "500 毫升": longest unit spelling first.
    for (let len = Math.min(CJK_UNIT_MAX_LEN, n - start); len >= 1; len--) {
      const unit = CJK_UNITS.get(s.slice(start, start + len));
      if (unit !== undefined) {
        last.unit = unit;
        last.ne = start + len;
        j = start + len;
        break;
      }
    }
  }
  const runStart = j;
  while (j < n && cls[j] === CLS_CJK) j++;
  if (j > runStart)
    segs.push({ kind: SEG_CJK, text: s.slice(runStart, j), ns: runStart, ne: j, unit: '', pos: null });
  return j;
}

function segment(norm: NormalizedScratch): Segment[] {
  const { text: s, cls, length: n } = norm;
  const segs: Segment[] = [];
  let i = 0;
  while (i < n) {
    const c = cls[i];
    if (c === CLS_LETTER || c === CLS_DIGIT) i = scanWord(s, cls, n, i, segs);
    else if (c === CLS_CJK) i = scanCjk(s, cls, n, i, segs);
    else i++;
  }
  return segs;
}

/**
 * Units whose values are a small discrete set (1080p, 256gb, size 10.5, 3pcs): rounding would
 * merge distinct products, so the value is kept as written (up to 4 significant digits).
 */
const EXACT_UNITS: ReadonlySet<string> = new Set([
  'p',
  'k',
  'mp',
  'size',
  'kb',
  'mb',
  'gb',
  'tb',
  'pcs',
  'pack',
  'yr',
  'mo',
  'core',
  'hp',
  '%',
]);

/**
 * Measures are rounded to 2 significant digits (473ml -> 470ml): coarse enough to pool nearby
 * sizes into one feature, fine enough to tell 14in from 15in.
 */
function bucketValue(digits: string, unit: string): string {
  const v = Number(digits);
  return String(Number(v.toPrecision(EXACT_UNITS.has(unit) ? 4 : 2)));
}

/** The word-token text of a number segment: "500ml", "size10", "#3". */
function numberText(seg: Segment): string {
  if (seg.unit === '') {
    const dot = seg.text.indexOf('.');
    const intDigits = dot < 0 ? seg.text.length : dot;
    return intDigits > 8 ? '#9+' : `#${intDigits}`;
  }
  const v = bucketValue(seg.text, seg.unit);
  return seg.unit === 'size' ? `size${v}` : `${v}${seg.unit}`;
}

/** Code points of a string (CJK runs may hold astral ideographs). */
function codePoints(s: string): string[] {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return Array.from(s);
  }
  return s.split('');
}

/** Output sink for {@link tokenize}, filled tier by tier up to the cap. */
class Collector {
  readonly feats: string[] = [];
  readonly kinds: number[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  count = 0;
  private readonly cap: number;
  constructor(
    cfg: Readonly<TokenizerConfig>,
    private readonly norm: NormalizedScratch,
  ) {
    this.cap = cfg.maxTokens;
  }

  private record(kind: number, a: number, b: number): void {
    this.kinds.push(kind);
    this.starts.push(this.norm.start[a]!);
    this.ends.push(this.norm.end[b]!);
  }

  /**
   * Adds feature prefix + src[from, to), spanning normalized units [a, b] (b inclusive);
   * false once full.
   */
  add(kind: number, a: number, b: number, prefix: string, src: string, from: number, to: number): boolean {
    if (this.count >= this.cap) return false;
    this.count++;
    this.feats.push(prefix + src.slice(from, to));
    this.record(kind, a, b);
    return true;
  }

  /** Adds the word bigram `b:left|right`. */
  addBigram(a: number, b: number, left: string, right: string): boolean {
    if (this.count >= this.cap) return false;
    this.count++;
    this.feats.push(`b:${left}|${right}`);
    this.record(K_BIGRAM, a, b);
    return true;
  }
}

function collect(text: string, cfg: Readonly<TokenizerConfig>): Collector {
  const norm = normalizeScratch(text, cfg.maxChars);
  const out = new Collector(cfg, norm);
  if (norm.length === 0) return out;
  const segs = segment(norm);
  const s = norm.text;
  const [cjkLo, cjkHi] = cfg.cjkNgrams;
  const [charLo, charHi] = cfg.charNgrams;
  const cjkUnigrams = cjkLo === 1;

  // Tier 1: words, numbers, CJK unigrams.
  for (const seg of segs) {
    const last = seg.ne - 1;
    if (seg.kind === SEG_WORD) {
      if (!out.add(K_WORD, seg.ns, last, 'w:', seg.text, 0, seg.text.length)) return out;
    } else if (seg.kind === SEG_NUM) {
      const t = numberText(seg);
      if (!out.add(K_NUM, seg.ns, last, 'num:', t, 0, t.length)) return out;
      if (seg.unit !== '' && !out.add(K_NUM, seg.ns, last, 'num:', seg.unit, 0, seg.unit.length)) return out;
    } else if (cjkUnigrams) {
      for (let p = seg.ns; p < seg.ne;) {
        const c = s.charCodeAt(p);
        const w = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
        if (!out.add(K_CJK, p, p, 'z:', s, p, p + w)) return out;
        p += w;
      }
    }
  }

  // Tier 2: word bigrams and CJK n-grams (n >= 2), in text order.
  for (let si = 0; si < segs.length; si++) {
    const seg = segs[si]!;
    if (seg.kind === SEG_WORD) {
      if (!cfg.wordBigrams || si === 0) continue;
      const prev = segs[si - 1]!;
      if (prev.kind !== SEG_WORD || !bigramGap(s, prev.ne, seg.ns)) continue;
      if (!out.addBigram(prev.ns, seg.ne - 1, prev.text, seg.text)) return out;
    } else if (seg.kind === SEG_CJK && cjkHi >= 2) {
      // Normalized index of each char (astral ideographs take two units), plus the run end.
      const at: number[] = [];
      for (let p = seg.ns; p < seg.ne;) {
        at.push(p);
        const c = s.charCodeAt(p);
        p += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      }
      const nChars = at.length;
      at.push(seg.ne);
      for (let g = Math.max(2, cjkLo); g <= cjkHi; g++) {
        const prefix = `${'z'.repeat(g)}:`;
        for (let p = 0; p + g <= nChars; p++) {
          if (!out.add(K_CJK, at[p]!, at[p + g - 1]!, prefix, s, at[p]!, at[p + g]!)) return out;
        }
      }
    }
  }

  // Tier 3: char n-grams of `<word>`, all shortest grams first.
  if (charLo < 1) return out;
  const words: Segment[] = [];
  const bounded: string[] = [];
  // Per word, UTF-16 offset of each code point in its bounded form, only for astral words.
  const cpAt: (number[] | null)[] = [];
  for (const seg of segs) {
    if (seg.kind !== SEG_WORD) continue;
    words.push(seg);
    bounded.push(`<${seg.text}>`);
    if (seg.pos !== null && seg.pos.length !== seg.text.length) {
      const offs: number[] = [];
      const b = `<${seg.text}>`;
      for (let p = 0; p < b.length;) {
        offs.push(p);
        const c = b.charCodeAt(p);
        p += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      }
      offs.push(b.length);
      cpAt.push(offs);
    } else {
      cpAt.push(null);
    }
  }
  for (let g = charLo; g <= charHi; g++) {
    for (let wi = 0; wi < words.length; wi++) {
      const seg = words[wi]!;
      const b = bounded[wi]!;
      const offs = cpAt[wi]!;
      const len = offs === null ? b.length : offs.length - 1;
      const nChars = len - 2;
      for (let p = 0; p + g <= len; p++) {
        // Word chars the gram covers, boundary markers clamped onto the first/last char.
        let j0 = p - 1;
        let j1 = p + g - 2;
        if (j0 < 0) j0 = 0;
        if (j1 > nChars - 1) j1 = nChars - 1;
        if (j1 < 0) j1 = 0; // the 1-gram `<` alone
        if (j0 > j1) j0 = j1;
        const a = seg.pos !== null ? seg.pos[j0]! : seg.ns + j0;
        const z = seg.pos !== null ? seg.pos[j1]! : seg.ns + j1;
        const from = offs === null ? p : offs[p]!;
        const to = offs === null ? p + g : offs[p + g]!;
        if (!out.add(K_CHAR, a, z, 'c:', b, from, to)) return out;
      }
    }
  }
  return out;
}

/** Tokens with features, kinds and original-text spans, capped at cfg.maxTokens. */
export function tokenize(text: string, cfg: Readonly<TokenizerConfig>): Token[] {
  const c = collect(text, cfg);
  const tokens: Token[] = new Array<Token>(c.feats.length);
  for (let i = 0; i < c.feats.length; i++) {
    tokens[i] = {
      feature: c.feats[i]!,
      kind: KIND_NAMES[c.kinds[i]!]!,
      start: c.starts[i]!,
      end: c.ends[i]!,
    };
  }
  return tokens;
}

// Scratch for featureIds, grown on demand and reused by every call (calls never interleave:
// nothing in between yields). Each `<word>` and each CJK run is UTF-8 encoded once, back to
// back in `pieceBytes`; `cpAt` holds the byte offset of each of its code points plus its end, so
// every feature (a word, an n-gram of it, a CJK gram) is a byte range hashed in place.
let pieceBytes = new Uint8Array(0);
/** prefixHeads of `c:` per byte of pieceBytes. */
let heads = new Int32Array(0);
let cpAt = new Int32Array(0);
/** One composed feature (bigram, number) whose bytes are not a single range. */
let featBytes = new Uint8Array(0);
/** Per segment: index in cpAt of its first code point, and its code point count. */
let segCp0 = new Int32Array(0);
let segCps = new Int32Array(0);
/** The same for the words alone, in order (tier 3). */
let wordCp0 = new Int32Array(0);
let wordCps = new Int32Array(0);
let idOut = new Int32Array(0);

function ensureIdScratch(units: number, segs: number, cfg: Readonly<TokenizerConfig>): void {
  // UTF-8 takes at most 3 bytes per UTF-16 unit; each word adds `<`, `>` and an end offset.
  if (pieceBytes.length < 5 * units + 16) {
    pieceBytes = new Uint8Array(2 * (5 * units + 16));
    heads = new Int32Array(pieceBytes.length);
  }
  if (cpAt.length < 4 * units + 16) cpAt = new Int32Array(2 * (4 * units + 16));
  // A bigram is at most both words plus `|`; a number's text is short.
  if (featBytes.length < 3 * units + 64) featBytes = new Uint8Array(2 * (3 * units + 64));
  if (segCp0.length < segs) {
    segCp0 = new Int32Array(segs * 2);
    segCps = new Int32Array(segs * 2);
    wordCp0 = new Int32Array(segs * 2);
    wordCps = new Int32Array(segs * 2);
  }
  // Features a text can yield: per unit at most one per tier-1/2 kind and n-gram length (units
  // of `<word>` count up to 3x for one-letter words), capped by maxTokens.
  const most = Math.min(
    cfg.maxTokens,
    3 * units * (2 + cfg.cjkNgrams[1] + cfg.charNgrams[1]) + 2 * segs + 16,
  );
  if (idOut.length < most) idOut = new Int32Array(most);
}

/** Hash prefixes of the feature kinds for one seed (recomputed only when the seed changes). */
let prefixSeed = -1;
let P_WORD: HashPrefix;
let P_CHAR: HashPrefix;
let P_CJK: HashPrefix;
let P_BIGRAM: HashPrefix;
let P_NUM: HashPrefix;
/** `zz:`, `zzz:`, ... by n-gram length. */
let P_CJK_N: HashPrefix[] = [];

function loadPrefixes(seed: number): void {
  if (seed === prefixSeed) return;
  P_WORD = hashPrefix('w:', seed);
  P_CHAR = hashPrefix('c:', seed);
  P_CJK = hashPrefix('z:', seed);
  P_BIGRAM = hashPrefix('b:', seed);
  P_NUM = hashPrefix('num:', seed);
  P_CJK_N = [];
  for (let g = 0; g <= 16; g++) P_CJK_N.push(hashPrefix(`${'z'.repeat(g)}:`, seed));
  prefixSeed = seed;
}

/** Code point offsets of s[from, to) into cpAt at `op`, bytes into pieceBytes at `bp`. */
function encodePiece(s: string, from: number, to: number, bp: number, op: number): number {
  const b = pieceBytes;
  const o = cpAt;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    o[op++] = bp;
    if (c < 0x80) {
      b[bp++] = c;
    } else if (c < 0x800) {
      b[bp++] = 0xc0 | (c >> 6);
      b[bp++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      b[bp++] = 0xe0 | (c >> 12);
      b[bp++] = 0x80 | ((c >> 6) & 0x3f);
      b[bp++] = 0x80 | (c & 0x3f);
    } else {
      // A pair is one code point; a lone half (never in normalized text) encodes as U+FFFD.
      const d = c >= 0xd800 && c <= 0xdbff && i + 1 < to ? s.charCodeAt(i + 1) : 0;
      const w = d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
      bp = utf8Into(s, i, i + w, b, bp);
      i += w - 1;
    }
  }
  pieceOps = op;
  return bp;
}
/**
 * encodePiece over normalized units u[from, to) instead of a string: typed-array reads are
 * cheaper than charCodeAt, and most words are their normalized span as is.
 */
function encodeUnits(u: Uint16Array, from: number, to: number, bp: number, op: number): number {
  const b = pieceBytes;
  const o = cpAt;
  for (let i = from; i < to; i++) {
    const c = u[i]!;
    o[op++] = bp;
    if (c < 0x80) {
      b[bp++] = c;
    } else if (c < 0x800) {
      b[bp++] = 0xc0 | (c >> 6);
      b[bp++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      b[bp++] = 0xe0 | (c >> 12);
      b[bp++] = 0x80 | ((c >> 6) & 0x3f);
      b[bp++] = 0x80 | (c & 0x3f);
    } else {
      const d = c <= 0xdbff && i + 1 < to ? u[i + 1]! : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        b[bp++] = 0xf0 | (cp >> 18);
        b[bp++] = 0x80 | ((cp >> 12) & 0x3f);
        b[bp++] = 0x80 | ((cp >> 6) & 0x3f);
        b[bp++] = 0x80 | (cp & 0x3f);
        i++;
      } else {
        // A lone half (never in normalized text) encodes as U+FFFD, as in hashFeed.
        b[bp++] = 0xef;
        b[bp++] = 0xbf;
        b[bp++] = 0xbd;
      }
    }
  }
  pieceOps = op;
  return bp;
}
/** encodePiece's second result: the next free slot in cpAt. */
let pieceOps = 0;

/**
 * Bucket id in [1, mod] of a signed 32-bit hash: 1 + (unsigned hash % mod), as featureId
 * computes it, without an integer division. inv = 1 / mod; the float quotient u * inv is within
 * 2^-20 of the true one (u < 2^32, relative error ~2^-52), so its floor is off by at most one
 * and one correction step makes the remainder exact (all products stay below 2^53).
 */
function bucket(h: number, mod: number, inv: number): number {
  const u = h >>> 0;
  const q = Math.floor(u * inv);
  let r = u - q * mod;
  if (r < 0) r += mod;
  else if (r >= mod) r -= mod;
  return 1 + r;
}

/**
 * The ids path: same segmentation and tiers as collect(), but no feature strings and no spans;
 * the kind prefix's hash state is precomputed and each feature's bytes are hashed in place.
 * Writes the ids to idOut[0, n) and returns n (the callers copy them out).
 */
function collectIds(text: string, cfg: Readonly<TokenizerConfig>): number {
  shortFrom = 0;
  shortTo = 0;
  const norm = normalizeScratch(text, cfg.maxChars);
  if (norm.length === 0) return 0;
  const segs = segment(norm);
  const s = norm.text;
  const nSegs = segs.length;
  const cap = cfg.maxTokens;
  const mod = (cfg.buckets - 1) >>> 0;
  const inv = 1 / mod;
  const [cjkLo, cjkHi] = cfg.cjkNgrams;
  const [charLo, charHi] = cfg.charNgrams;
  const cjkUnigrams = cjkLo === 1;
  ensureIdScratch(norm.length, nSegs, cfg);
  loadPrefixes(cfg.seed);
  const bytes = pieceBytes;
  const ids = idOut;

  // Encode each word as `<word>` and each CJK run, once.
  let bp = 0;
  let op = 0;
  for (let si = 0; si < nSegs; si++) {
    const seg = segs[si]!;
    if (seg.kind === SEG_WORD) {
      segCp0[si] = op;
      const t = seg.text;
      cpAt[op++] = bp;
      bytes[bp++] = 0x3c; // <
      // Same length as its span: nothing was elided, the word is its normalized units.
      bp =
        t.length === seg.ne - seg.ns
          ? encodeUnits(norm.units, seg.ns, seg.ne, bp, op)
          : encodePiece(t, 0, t.length, bp, op);
      op = pieceOps;
      cpAt[op++] = bp;
      bytes[bp++] = 0x3e; // >
      cpAt[op] = bp;
      segCps[si] = op - segCp0[si]!;
      op++;
    } else if (seg.kind === SEG_CJK) {
      segCp0[si] = op;
      bp = encodeUnits(norm.units, seg.ns, seg.ne, bp, op);
      op = pieceOps;
      cpAt[op] = bp;
      segCps[si] = op - segCp0[si]!;
      op++;
    }
  }

  // Tier 1: words, numbers, CJK unigrams.
  let n = 0;
  for (let si = 0; si < nSegs; si++) {
    const seg = segs[si]!;
    if (seg.kind === SEG_WORD) {
      const o = segCp0[si]!;
      ids[n++] = bucket(hashAfterPrefix(P_WORD, bytes, cpAt[o]! + 1, cpAt[o + segCps[si]!]! - 1), mod, inv);
      if (n >= cap) return n;
    } else if (seg.kind === SEG_NUM) {
      const t = numberText(seg);
      ids[n++] = bucket(
        hashAfterPrefix(P_NUM, featBytes, 0, utf8Into(t, 0, t.length, featBytes, 0)),
        mod,
        inv,
      );
      if (n >= cap) return n;
      if (seg.unit !== '') {
        const u = seg.unit;
        ids[n++] = bucket(
          hashAfterPrefix(P_NUM, featBytes, 0, utf8Into(u, 0, u.length, featBytes, 0)),
          mod,
          inv,
        );
        if (n >= cap) return n;
      }
    } else if (cjkUnigrams) {
      const o = segCp0[si]!;
      const end = o + segCps[si]!;
      for (let p = o; p < end; p++) {
        ids[n++] = bucket(hashAfterPrefix(P_CJK, bytes, cpAt[p]!, cpAt[p + 1]!), mod, inv);
        if (n >= cap) return n;
      }
    }
  }

  // Tier 2: word bigrams and CJK n-grams (n >= 2), in text order.
  for (let si = 0; si < nSegs; si++) {
    const seg = segs[si]!;
    if (seg.kind === SEG_WORD) {
      if (!cfg.wordBigrams || si === 0) continue;
      const prev = segs[si - 1]!;
      if (prev.kind !== SEG_WORD || !bigramGap(s, prev.ne, seg.ns)) continue;
      // left | right, copied out of their `<word>` pieces.
      const f = featBytes;
      let fp = 0;
      const lo = segCp0[si - 1]!;
      for (let q = cpAt[lo]! + 1, e = cpAt[lo + segCps[si - 1]!]! - 1; q < e; q++) f[fp++] = bytes[q]!;
      f[fp++] = 0x7c; // |
      const ro = segCp0[si]!;
      for (let q = cpAt[ro]! + 1, e = cpAt[ro + segCps[si]!]! - 1; q < e; q++) f[fp++] = bytes[q]!;
      ids[n++] = bucket(hashAfterPrefix(P_BIGRAM, f, 0, fp), mod, inv);
      if (n >= cap) return n;
    } else if (seg.kind === SEG_CJK && cjkHi >= 2) {
      const o = segCp0[si]!;
      const nChars = segCps[si]!;
      for (let g = Math.max(2, cjkLo); g <= cjkHi; g++) {
        const pre = P_CJK_N[g]!;
        for (let p = o; p + g <= o + nChars; p++) {
          ids[n++] = bucket(hashAfterPrefix(pre, bytes, cpAt[p]!, cpAt[p + g]!), mod, inv);
          if (n >= cap) return n;
        }
      }
    }
  }

  // Tier 3: char n-grams of `<word>`, all shortest grams first.
  shortFrom = n;
  shortTo = n;
  if (charLo >= 1) {
    let nw = 0;
    for (let si = 0; si < nSegs; si++) {
      if (segs[si]!.kind !== SEG_WORD) continue;
      wordCp0[nw] = segCp0[si]!;
      wordCps[nw++] = segCps[si]!;
    }
    n = charGramIds(bytes, nw, charLo, charHi, mod, ids, n, cap);
  }
  return n;
}

/**
 * Tier 3 of collectIds (its own function: a small loop TurboFan optimizes on its own): appends
 * the char n-gram ids of the first `nw` words of wordCp0/wordCps, returns the new count.
 */
function charGramIds(
  bytes: Uint8Array,
  nw: number,
  lo: number,
  hi: number,
  mod: number,
  ids: Int32Array,
  n: number,
  cap: number,
): number {
  const pre = P_CHAR;
  const inv = 1 / mod;
  const at = cpAt;
  const w0 = wordCp0;
  const wn = wordCps;
  const hd = heads;
  // Grams that start at the same byte share their first murmur block ("c:" + 2 bytes).
  let need = 0;
  for (let wi = 0; wi < nw; wi++) need = prefixHeads(pre, bytes, at[w0[wi]!]!, at[w0[wi]! + wn[wi]!]!, hd);
  for (let g = lo; g <= hi; g++) {
    shortTo = n;
    for (let wi = 0; wi < nw; wi++) {
      const o = w0[wi]!;
      const last = o + wn[wi]! - g;
      for (let p = o; p <= last; p++) {
        const a = at[p]!;
        const b = at[p + g]!;
        const h =
          need > 0 && b - a >= need
            ? hashAfterHead(pre, hd[a]!, need, bytes, a, b)
            : hashAfterPrefix(pre, bytes, a, b);
        ids[n++] = bucket(h, mod, inv);
        if (n >= cap) {
          // Cut inside the longest grams' run, or before it: all that was kept is short grams.
          if (g < hi) shortTo = n;
          return n;
        }
      }
    }
  }
  return n;
}

/**
 * Where collectIds put the char n-grams shorter than the longest: [shortFrom, shortTo) of the ids
 * it wrote last (0, 0 when it stopped before them; featureRow(s) read them right after the call).
 */
let shortFrom = 0;
let shortTo = 0;

/** Hashed ids of {@link tokenize}'s features, same order, each in [1, buckets - 1]. */
export function featureIds(text: string, cfg: Readonly<TokenizerConfig>): Int32Array {
  return featureRow(text, cfg).ids;
}

/**
 * A text's feature ids (what the model reads) and the run of them that the taxonomy-name index
 * never holds: the char n-grams shorter than the longest (see name-features.ts: names keep their
 * longest grams only). The name scan skips that run; walking it only found the posting lists of
 * other features that share those buckets.
 */
export interface FeatureRow {
  ids: Int32Array;
  /** ids[shortFrom, shortTo): char n-grams shorter than the longest (from === to: none). */
  shortFrom: number;
  shortTo: number;
}

export function featureRow(text: string, cfg: Readonly<TokenizerConfig>): FeatureRow {
  const n = collectIds(text, cfg);
  return { ids: idOut.slice(0, n), shortFrom, shortTo };
}

/**
 * featureRow for many texts, the ids of all of them in one buffer (each row's ids a view of it),
 * a new one or the caller's `reuse.flat`.
 * Why: a batch's rows as separate arrays were one ArrayBuffer each, ~10,000 per 10,000 listings,
 * which the garbage collector's background threads then swept and freed while both cores ran
 * the batch.
 */
export function featureRows(
  texts: readonly string[],
  cfg: Readonly<TokenizerConfig>,
  reuse?: { flat: Int32Array },
): FeatureRow[] {
  // Room for ~120 ids a text (the listings' mean is ~100); doubled when a batch needs more.
  // With `reuse`, its buffer (grown and kept there): the rows are valid until its next use.
  const want = Math.max(64, texts.length * 120);
  let flat = reuse && reuse.flat.length >= want ? reuse.flat : new Int32Array(want);
  const ends = new Int32Array(texts.length);
  const spans = new Int32Array(texts.length * 2);
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    const n = collectIds(texts[i]!, cfg);
    if (at + n > flat.length) {
      const grown = new Int32Array(Math.max(flat.length * 2, at + n));
      grown.set(flat.subarray(0, at));
      flat = grown;
    }
    flat.set(idOut.subarray(0, n), at);
    at += n;
    ends[i] = at;
    spans[i * 2] = shortFrom;
    spans[i * 2 + 1] = shortTo;
  }
  if (reuse) reuse.flat = flat;
  const rows = new Array<FeatureRow>(texts.length);
  for (let i = 0, start = 0; i < texts.length; start = ends[i]!, i++)
    rows[i] = { ids: flat.subarray(start, ends[i]), shortFrom: spans[i * 2]!, shortTo: spans[i * 2 + 1]! };
  return rows;
}

/** Tokens and their ids in one pass (what the UI needs to map model weights back to words). */
export function tokenizeWithIds(
  text: string,
  cfg: Readonly<TokenizerConfig>,
): { tokens: Token[]; ids: Int32Array } {
  const tokens = tokenize(text, cfg);
  const ids = new Int32Array(tokens.length);
  for (let i = 0; i < ids.length; i++) ids[i] = featureId(tokens[i]!.feature, cfg.seed, cfg.buckets);
  return { tokens, ids };
}

/**
 * Normalized word tokens in order: words, numbers in their normalized form ("500ml", "size10",
 * "#3"), each CJK character on its own. The fastText baseline's input and the vocabulary a
 * bag-of-words decoder reconstructs. Capped at cfg.maxTokens.
 */
export function wordTokens(text: string, cfg: Readonly<TokenizerConfig>): string[] {
  const norm = normalizeScratch(text, cfg.maxChars);
  const out: string[] = [];
  if (norm.length === 0) return out;
  for (const seg of segment(norm)) {
    if (seg.kind === SEG_WORD) out.push(seg.text);
    else if (seg.kind === SEG_NUM) out.push(numberText(seg));
    else for (const ch of codePoints(seg.text)) out.push(ch);
    if (out.length >= cfg.maxTokens) return out.slice(0, cfg.maxTokens);
  }
  return out;
}
