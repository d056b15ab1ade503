/**
 * Text normalization: truncate, NFKC, lowercase, drop invisible characters, collapse whitespace,
 * while recording for every output UTF-16 unit the span of the original input it came from (the
 * tokenizer needs those spans to highlight source words).
 *
 * NFKC is applied per cluster (a code point plus its following combining marks) rather than to
 * the whole string at once. For ordinary text the result is identical to whole-string NFKC; it
 * differs only for sequences that compose across clusters (e.g. compatibility Hangul jamo typed
 * one by one), and it is what makes every output character traceable to a source span.
 */

import type { TokenizerConfig } from './tokenizer-config';
import { CLS_DROP, CLS_MARK, CLS_SPACE, charClass } from './char-class';

/** Normalized text plus, per UTF-16 unit, the [start, end) span in the original input. */
export interface NormalizedText {
  text: string;
  start: Int32Array;
  end: Int32Array;
}

/**
 * Shared-buffer result of {@link normalizeScratch}: arrays are longer than `length` and are
 * overwritten by the next call, so callers must consume them before normalizing again.
 */
export interface NormalizedScratch {
  text: string;
  length: number;
  /** The UTF-16 units of `text` (featureIds encodes from these rather than from the string). */
  units: Uint16Array;
  /** charClass of each output unit (both halves of a surrogate pair get the pair's class). */
  cls: Uint8Array;
  start: Int32Array;
  end: Int32Array;
}

// Characters whose NFKC form would glue letters onto a word ("Nike™" -> "niketm").
const OVERRIDES = new Map<number, string>([
  [0x2122, ' '], // ™
  [0x2120, ' '], // ℠
]);

const normCache = new Map<number, string>();

function normalizeCodePoint(cp: number): string {
  let v = normCache.get(cp);
  if (v === undefined) {
    v = OVERRIDES.get(cp) ?? String.fromCodePoint(cp).normalize('NFKC').toLowerCase();
    // Bounded: random-codepoint input must not grow memory without limit.
    if (normCache.size > 65536) normCache.clear();
    normCache.set(cp, v);
  }
  return v;
}

/**
 * Per BMP code unit: 1 when NFKC + lowercase leaves the character as it is (most CJK, accented
 * lowercase), 2 when it changes it, 0 not yet known. Lets the hot loop copy such characters
 * without a normCache lookup or a pass over the normalized string.
 */
const bmpSame = new Uint8Array(0x10000);

function isSameUnderNorm(c: number): boolean {
  let v = bmpSame[c] as number;
  if (v === 0) {
    v = normalizeCodePoint(c) === String.fromCharCode(c) ? 1 : 2;
    bmpSame[c] = v;
  }
  return v === 1;
}

/** Hangul vowel/trailing jamo compose with the preceding jamo, so keep them in its cluster. */
function isJamoContinuation(cp: number): boolean {
  return (cp >= 0x1160 && cp <= 0x11ff) || (cp >= 0xd7b0 && cp <= 0xd7ff);
}

let capacity = 0;
let units = new Uint16Array(0);
let clsBuf = new Uint8Array(0);
let startBuf = new Int32Array(0);
let endBuf = new Int32Array(0);

function ensureCapacity(n: number): void {
  if (n <= capacity) return;
  capacity = Math.max(n, capacity * 2, 256);
  units = new Uint16Array(capacity);
  clsBuf = new Uint8Array(capacity);
  startBuf = new Int32Array(capacity);
  endBuf = new Int32Array(capacity);
}

/** Code point at i, or -1 for a lone surrogate. */
function codePointAt(s: string, i: number, end: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return c;
  if (c <= 0xdbff && i + 1 < end) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
  }
  return -1;
}

function decode(n: number): string {
  let s = '';
  // Chunked: Function.apply has an argument-count limit.
  for (let a = 0; a < n; a += 8192) {
    const chunk = units.subarray(a, Math.min(n, a + 8192));
    s += String.fromCharCode.apply(null, chunk as unknown as number[]);
  }
  return s;
}

/**
 * Normalizes into shared buffers (no per-call allocation besides the output string). See
 * {@link NormalizedScratch} for the lifetime rules.
 */
export function normalizeScratch(input: string, maxChars: number): NormalizedScratch {
  // Truncate first so a 1 MB paste costs no more than maxChars; never split a surrogate pair.
  let srcLen = Math.min(input.length, maxChars);
  if (srcLen > 0 && srcLen < input.length) {
    const last = input.charCodeAt(srcLen - 1);
    const next = input.charCodeAt(srcLen);
    if (last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) srcLen--;
  }
  ensureCapacity(maxChars);
  const u = units;
  const cls = clsBuf;
  const st = startBuf;
  const en = endBuf;
  let out = 0;
  // Source index of the first whitespace in the current run, -1 if none pending.
  let pending = -1;
  let pendingEnd = -1;
  let i = 0;
  outer: while (i < srcLen) {
    const c = input.charCodeAt(i);
    // Fast path: ASCII not followed by a combining mark (all marks are >= U+0300).
    if (c < 0x80 && (i + 1 >= srcLen || input.charCodeAt(i + 1) < 0x300)) {
      const k = charClass(c);
      if (k === CLS_SPACE) {
        if (pending < 0) pending = i;
        pendingEnd = i + 1;
        i++;
        continue;
      }
      const needSpace = pending >= 0 && out > 0;
      if (out + (needSpace ? 2 : 1) > maxChars) break;
      if (needSpace) {
        u[out] = 0x20;
        cls[out] = CLS_SPACE;
        st[out] = pending;
        en[out] = pendingEnd;
        out++;
      }
      pending = -1;
      u[out] = c >= 0x41 && c <= 0x5a ? c + 32 : c;
      cls[out] = k;
      st[out] = i;
      en[out] = i + 1;
      out++;
      i++;
      continue;
    }
    // Fast path: a BMP character that normalization keeps as is, not followed by a mark or a
    // jamo continuation (a surrogate next goes the general way). Same result as the general
    // path below for a one-unit cluster whose normalized form is itself.
    if (c < 0xd800 || c > 0xdfff) {
      const d = i + 1 < srcLen ? input.charCodeAt(i + 1) : 0;
      const k = charClass(c);
      if (
        k !== CLS_DROP &&
        k !== CLS_SPACE &&
        (d < 0x300 || ((d < 0xd800 || d > 0xdfff) && charClass(d) !== CLS_MARK && !isJamoContinuation(d))) &&
        isSameUnderNorm(c)
      ) {
        const needSpace = pending >= 0 && out > 0;
        if (out + (needSpace ? 2 : 1) > maxChars) break;
        if (needSpace) {
          u[out] = 0x20;
          cls[out] = CLS_SPACE;
          st[out] = pending;
          en[out] = pendingEnd;
          out++;
        }
        pending = -1;
        u[out] = c;
        cls[out] = k;
        st[out] = i;
        en[out] = i + 1;
        out++;
        i++;
        continue;
      }
    }
    const cp = codePointAt(input, i, srcLen);
    if (cp < 0) {
      i++; // lone surrogate: dropped
      continue;
    }
    let j = i + (cp > 0xffff ? 2 : 1);
    const k0 = charClass(cp);
    if (k0 === CLS_DROP) {
      i = j;
      continue;
    }
    if (k0 === CLS_SPACE) {
      if (pending < 0) pending = i;
      pendingEnd = j;
      i = j;
      continue;
    }
    // Extend the cluster over following combining marks so NFKC can compose them.
    while (j < srcLen) {
      const m = codePointAt(input, j, srcLen);
      if (m < 0 || !(charClass(m) === CLS_MARK || isJamoContinuation(m))) break;
      j += m > 0xffff ? 2 : 1;
    }
    const norm =
      j === i + (cp > 0xffff ? 2 : 1)
        ? normalizeCodePoint(cp)
        : input.slice(i, j).normalize('NFKC').toLowerCase();
    const nl = norm.length;
    for (let p = 0; p < nl;) {
      const q = codePointAt(norm, p, nl);
      const w = q > 0xffff ? 2 : 1;
      const k = q < 0 ? CLS_DROP : charClass(q);
      if (k === CLS_DROP) {
        p += w;
        continue;
      }
      if (k === CLS_SPACE) {
        if (pending < 0) pending = i;
        pendingEnd = j;
        p += w;
        continue;
      }
      const needSpace = pending >= 0 && out > 0;
      if (out + w + (needSpace ? 1 : 0) > maxChars) break outer;
      if (needSpace) {
        u[out] = 0x20;
        cls[out] = CLS_SPACE;
        st[out] = pending;
        en[out] = pendingEnd;
        out++;
      }
      pending = -1;
      for (let r = 0; r < w; r++) {
        u[out] = norm.charCodeAt(p + r);
        cls[out] = k;
        st[out] = i;
        en[out] = j;
        out++;
      }
      p += w;
    }
    i = j;
  }
  return { text: decode(out), length: out, units: u, cls, start: st, end: en };
}

/**
 * Normalized form of `text`: cut to cfg.maxChars UTF-16 units, NFKC, lowercase, format/zero-width
 * characters, variation selectors and lone surrogates dropped, control characters turned into
 * word breaks (gluing "a\0b" into "ab" would invent a word), whitespace collapsed to single
 * spaces and trimmed.
 */
export function normalize(text: string, cfg: Pick<TokenizerConfig, 'maxChars'>): string {
  return normalizeScratch(text, cfg.maxChars).text;
}

/** {@link normalize} plus, per output UTF-16 unit, the [start, end) span in `text`. */
export function normalizeWithOffsets(text: string, cfg: Pick<TokenizerConfig, 'maxChars'>): NormalizedText {
  const r = normalizeScratch(text, cfg.maxChars);
  return { text: r.text, start: r.start.slice(0, r.length), end: r.end.slice(0, r.length) };
}
