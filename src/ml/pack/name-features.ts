/**
 * The deep nodes' names as the name index reads them: every name's distinct hashed features,
 * first occurrence first. Tokenizing ~57,000 names took 0.7 s in Node and ~1.8 s in the browser
 * worker, most of the cold start; the exporter writes them into the pack (an optional file, see
 * manifest.ts `deep.nameFeatures`) and the loader reads them back instead. Packs without the file
 * still load: the runtime tokenizes the names itself (same function, same ids).
 *
 * File layout, little-endian: u32 magic, u32 name count, u32 bytes per id (2 or 4), u32 buckets,
 * then u32 offsets [count + 1] into the id list, then the ids (u16 when buckets <= 65,536).
 */
import { featureId } from '../tokenizer/hash';
import { tokenize, type Token } from '../tokenizer/tokenize';
import type { TokenizerConfig } from '../tokenizer/tokenizer-config';
import type { DeepNode } from './manifest';

/** The file's name in a pack (manifest `deep.nameFeatures` names it). */
export const NAME_FEATURES_FILE = 'deep-names.bin';
/** 'NFI1': name-feature ids, layout 1. */
const MAGIC = 0x3149464e;
const HEADER_U32 = 4;

export interface NameFeatures {
  /** Name j's ids are ids[offsets[j]] .. ids[offsets[j + 1] - 1]. */
  offsets: Uint32Array;
  ids: Uint16Array | Uint32Array;
}

/** The indexed names in index order: per node its English name, its Chinese name, its aliases. */
export function* nodeNames(nodes: readonly DeepNode[]): Generator<[node: number, name: string]> {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    yield [i, n.en];
    yield [i, n.zh];
    for (const a of n.aka ?? []) yield [i, a];
  }
}

export function countNames(nodes: readonly DeepNode[]): number {
  let c = 0;
  for (const n of nodes) c += 2 + (n.aka?.length ?? 0);
  return c;
}

/**
 * The name index keeps a name's words, numbers, word bigrams, CJK n-grams and only its longest char
 * n-grams (5-grams with the shipped tokenizer). The shorter char n-grams of a word repeat what its
 * 5-grams say (a name that contains "boots" contains "<boo", "boot", "oots" ...) while making the
 * posting lists walked per listing ~3x longer. Measured on the merchant dev set and the corpus test
 * split with the same pack (scripts in the commit): all char n-grams L1 / L2 / deep hit@5 dev 85.7 /
 * 83.1 / 90.4, test L1 86.30, ~9,300 postings per dev listing; 5-grams only 86.2 / 83.6 / 90.3,
 * test 86.36, ~3,100 postings. (4-grams only: 86.2 / 83.2, test 86.40, 4,400; no char n-grams:
 * 82.3 / 79.0, test 84.28: whole words alone miss plurals and compounds.)
 */
function indexed(t: Token, longestChar: number): boolean {
  return t.kind !== 'char' || [...t.feature].length - 2 === longestChar;
}

/** Each name's distinct indexed feature ids, first occurrence first. */
export function computeNameFeatures(nodes: readonly DeepNode[], tok: TokenizerConfig): NameFeatures {
  const count = countNames(nodes);
  const offsets = new Uint32Array(count + 1);
  const chunks: Int32Array[] = [];
  const stamp = new Int32Array(tok.buckets);
  let total = 0;
  let j = 0;
  for (const [, name] of nodeNames(nodes)) {
    const tokens = tokenize(name, tok);
    const uniq = new Int32Array(tokens.length);
    let u = 0;
    for (const t of tokens) {
      if (!indexed(t, tok.charNgrams[1])) continue;
      const id = featureId(t.feature, tok.seed, tok.buckets);
      if (stamp[id] === j + 1) continue;
      stamp[id] = j + 1;
      uniq[u++] = id;
    }
    chunks.push(uniq.subarray(0, u));
    total += u;
    offsets[++j] = total;
  }
  const ids = tok.buckets <= 65_536 ? new Uint16Array(total) : new Uint32Array(total);
  let at = 0;
  for (const c of chunks) {
    ids.set(c, at);
    at += c.length;
  }
  return { offsets, ids };
}

export function encodeNameFeatures(f: NameFeatures, buckets: number): Uint8Array {
  const count = f.offsets.length - 1;
  const idBytes = f.ids.BYTES_PER_ELEMENT;
  const head = (HEADER_U32 + count + 1) * 4;
  const out = new Uint8Array(head + f.ids.length * idBytes);
  const view = new DataView(out.buffer);
  [MAGIC, count, idBytes, buckets].forEach((v, i) => view.setUint32(i * 4, v, true));
  for (let j = 0; j <= count; j++) view.setUint32((HEADER_U32 + j) * 4, f.offsets[j]!, true);
  for (let k = 0; k < f.ids.length; k++) {
    if (idBytes === 2) view.setUint16(head + k * 2, f.ids[k]!, true);
    else view.setUint32(head + k * 4, f.ids[k]!, true);
  }
  return out;
}

/**
 * Reads the file back, checking it belongs to these names and this tokenizer (the manifest's
 * SHA-256 already vouches for the bytes; this catches a file exported for another deep.json).
 */
export function decodeNameFeatures(bytes: Uint8Array, names: number, buckets: number): NameFeatures {
  const fail = (why: string) => new Error(`The pack's name-feature file does not fit its deep.json: ${why}.`);
  if (bytes.byteLength < HEADER_U32 * 4) throw fail('it is too short');
  // A copy: typed views need an aligned offset, and the loader's bytes may be a view into a larger buffer.
  const buf = bytes.slice().buffer;
  const view = new DataView(buf);
  const [magic, count, idBytes, fileBuckets] = [0, 1, 2, 3].map((i) => view.getUint32(i * 4, true));
  if (magic !== MAGIC) throw fail('unknown layout');
  if (count !== names) throw fail(`it lists ${count} names, deep.json has ${names}`);
  if (fileBuckets !== buckets)
    throw fail(`it was made for ${fileBuckets} buckets, the tokenizer has ${buckets}`);
  if (idBytes !== 2 && idBytes !== 4) throw fail(`ids of ${idBytes} bytes`);
  const head = (HEADER_U32 + count! + 1) * 4;
  if (bytes.byteLength < head) throw fail('it is too short');
  const offsets = new Uint32Array(buf, HEADER_U32 * 4, count! + 1);
  const total = offsets[count!]!;
  if (bytes.byteLength !== head + total * idBytes) throw fail('its size does not match its offsets');
  for (let j = 0; j < count!; j++)
    if (offsets[j]! > offsets[j + 1]!) throw fail('its offsets are not in order');
  const ids = idBytes === 2 ? new Uint16Array(buf, head, total) : new Uint32Array(buf, head, total);
  for (let k = 0; k < ids.length; k++) if (ids[k]! >= buckets) throw fail('a feature id is out of range');
  return { offsets, ids };
}
