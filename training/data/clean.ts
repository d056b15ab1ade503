/**
 * Text cleaning and de-duplication for corpus rows.
 *
 * cleanText: Unicode NFKC; HTML tags, entities and URLs removed; BOM, zero-width and control
 * characters removed; whitespace collapsed. normalizedKey: the de-duplication key (lowercase +
 * NFKC + punctuation/symbols/space runs collapsed to one space). The Deduper keeps the first row
 * per key in the order rows are offered, so the build offers real listings before taxonomy
 * phrases and synthetic rows (a real row always wins a collision).
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—',
  hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', copy: '©', reg: '®',
  trade: '™', deg: '°', times: '×', pound: '£', euro: '€', yen: '¥', cent: '¢', middot: '·',
  bull: '•', frac12: '½', frac14: '¼', frac34: '¾', eacute: 'é', egrave: 'è', agrave: 'à',
  ccedil: 'ç', uuml: 'ü', ouml: 'ö', auml: 'ä', szlig: 'ß', ntilde: 'ñ', laquo: '«', raquo: '»',
};

/** Decodes numeric and common named HTML entities; unknown named entities are removed. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z][a-z0-9]{1,10});?/gi, (m, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      // Invalid or control code points become a space rather than garbage.
      return Number.isFinite(code) && code > 31 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : ' ';
    }
    const named = NAMED_ENTITIES[body.toLowerCase()];
    if (named !== undefined) return named;
    // Only treat it as an entity if it had the ';' (so "R&D" or "AT&T" stay intact).
    return m.endsWith(';') ? ' ' : m;
  });
}

const URL_RE = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"]+/gi;
// Tags: <tag ...>, </tag>, <!-- comments -->, <br/>. A lone '<' in text ("< 5 kg") is kept.
const TAG_RE = /<!--[\s\S]*?-->|<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi;
const SCRIPT_STYLE_RE = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
// BOM, zero-width chars, soft hyphen, C0/C1 controls (tabs and newlines become spaces below).
const INVISIBLE_RE = /[\uFEFF\u200B-\u200D\u2060\u00AD]/g;
// Built from code points so the source holds no raw control characters (eslint no-control-regex).
const CONTROL_RE = new RegExp(`[${String.fromCharCode(0)}-${String.fromCharCode(8)}${String.fromCharCode(0x0b, 0x0c)}${String.fromCharCode(0x0e)}-${String.fromCharCode(0x1f)}${String.fromCharCode(0x7f)}-${String.fromCharCode(0x9f)}]`, 'g');

export function cleanText(input: string): string {
  let s = input.normalize('NFKC');
  s = s.replace(SCRIPT_STYLE_RE, ' ').replace(TAG_RE, ' ');
  // Entities are decoded after tags are gone, so '&lt;b&gt;' stays as visible text "<b>".
  s = decodeEntities(s);
  s = s.replace(URL_RE, ' ');
  s = s.replace(INVISIBLE_RE, '').replace(CONTROL_RE, ' ');
  // NFKC again: decoded entities can produce compatibility characters (e.g. &#xFF21;).
  s = s.normalize('NFKC');
  return s.replace(/\s+/g, ' ').trim();
}

/** De-duplication key: lowercase, NFKC, punctuation/symbols/whitespace runs -> one space. */
export function normalizedKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, ' ')
    .trim();
}

/** Counts characters by code point (so one CJK character or emoji counts as one). */
export const charLength = (s: string): number => [...s].length;

export type CleanDropReason = 'empty-text' | 'too-short';

/** Minimum length of a kept text, in code points, after cleaning. */
export const MIN_TEXT_CHARS = 2;

/** Cleans a text; returns the reason instead when the row must be dropped. */
export function cleanOrReason(input: string | undefined | null): { text: string } | { reason: CleanDropReason } {
  const text = cleanText(input ?? '');
  if (text === '') return { reason: 'empty-text' };
  // A text that is only punctuation is as useless as an empty one.
  if (normalizedKey(text) === '') return { reason: 'empty-text' };
  if (charLength(text) < MIN_TEXT_CHARS || charLength(normalizedKey(text)) < MIN_TEXT_CHARS) return { reason: 'too-short' };
  return { text };
}

/** Max characters kept from an `extra` text (Flipkart descriptions run to several KB). */
export const MAX_EXTRA_CHARS = 1000;

export function cleanExtra(input: string | undefined): string | undefined {
  if (input === undefined) return undefined;
  const t = cleanText(input);
  if (t === '') return undefined;
  const chars = [...t];
  return chars.length > MAX_EXTRA_CHARS ? chars.slice(0, MAX_EXTRA_CHARS).join('') : t;
}

export type DedupReason = 'duplicate-exact' | 'duplicate-normalized';

/** Remembers normalized keys; first offered row per key wins. */
export class Deduper {
  private readonly seen = new Map<string, { text: string; source: string }>();

  /**
   * Returns null when the text is new (and remembers it), else the drop reason and the source
   * that holds the kept copy.
   */
  offer(text: string, source: string): null | { reason: DedupReason; keptSource: string } {
    const key = normalizedKey(text);
    const prev = this.seen.get(key);
    if (prev === undefined) {
      this.seen.set(key, { text, source });
      return null;
    }
    return { reason: prev.text === text ? 'duplicate-exact' : 'duplicate-normalized', keptSource: prev.source };
  }

  has(text: string): boolean {
    return this.seen.has(normalizedKey(text));
  }

  get size(): number {
    return this.seen.size;
  }
}
