/**
 * The scan of the taxonomy-name index for one listing (see Categorizer.buildLexicalIndex): per name,
 * the sum of its features' weights over the listing's features, times the name's scale; then per
 * node and per class the best name. Two implementations with the same arithmetic in the same order,
 * so the same numbers: WebAssembly (name-scan.wat; the index and scratch live in its memory) and
 * plain JS (the fallback where WebAssembly is missing, and the reference the tests hold the WASM one
 * to). Float32 arithmetic in both: the JS sums land in a Float32Array and the score goes through
 * Math.fround (an f32 sum or product computed in f64 and rounded once is the f32 operation's result).
 * Why WASM: the scan was half of a batch row's time, ~2,000 postings a row, each JS array access
 * bounds-checked.
 * Why this layout: the scan waits on memory (per row ~2,100 postings and ~1,600 distinct names,
 * scattered over 57,206 names and 532k postings; 1 MB of L2 a core), so it keeps the bytes touched
 * per posting and per name small: 16-bit name ids and one weight per feature (2 bytes a posting,
 * was 4 + a 4-byte weight carrying idf^2 * the name's scale), f32 sums (228 kB, was 457 kB of f64),
 * per name one 8-byte {scale, classes} record, and the node id in its own array, read only for deep
 * suggestions. Measured on 10,000 listings (dev + test + val), Node, the old and new scanner in one
 * process, rounds interleaved, min of 20: levels-only scan 27.6 -> 20.7 us/row, with nodes 46.6 ->
 * 40.6; the JS fallback 48.8 -> 41.4 / 73.1 -> 70.4. Tried and left out (same harness): one 16-byte
 * {start, end, weight, seen} record per feature (21.6 vs 21.0 us/row: posting lists and sums dominate,
 * not the per-feature reads), a 16-byte {sum, scale, classes, node} record per name (25.0 vs 21.3:
 * pass 1 then strides 16 bytes per name instead of 4). Scores change in the last bits only (f32
 * sums): the same top-5 levels on 9,761 dev + test listings; deep suggestions reorder among
 * near-equal scores on 566 of them (other nodes on 12); dev deep hit@5 90.1% either way.
 */
import type { FeatureRow } from '../tokenizer/tokenize';
import { wasmModule } from '../wasm-module';
import { NAME_SCAN_WASM_BASE64 } from './name-scan-wasm.gen';

/**
 * Most names a 16-bit postName holds (ids 0..65,535); a pack with more gets 32-bit ids (the same
 * scan, a second copy of its inner loop in the module). The default pack has 57,206.
 */
export const MAX_NARROW_NAMES = 65536;

/** CSR over feature ids: postings of f are [postStart[f], postStart[f + 1]). */
export interface NameIndex {
  postStart: Int32Array;
  /** The names of each feature's postings: Uint16Array up to MAX_NARROW_NAMES names, else Int32Array. */
  postName: Uint16Array | Int32Array;
  /** Per feature, idf(f)^2 (0 for features left out of the index): a name's sum adds these. */
  featureWeight: Float32Array;
  /**
   * Per name j, an 8-byte record: [2j] the float32 bits of its scale (score = sum * scale), [2j + 1]
   * (level-2 index + 1) << 16 | (level-1 index + 1). One cache line per name in the scan's pass 2.
   */
  nameRecord: Int32Array;
  /** Per name, its deep node. */
  nameNode: Int32Array;
}

export interface ScanSizes {
  buckets: number;
  nodes: number;
  level1: number;
  level2: number;
  /** Longest row scan() takes in one go (longer rows are scanned in JS over the same arrays). */
  maxIds: number;
}

/** The scan's outputs and scratch, read by the categorizer between scans. */
export interface ScanScratch {
  sums: Float32Array;
  touched: Int32Array;
  seen: Int32Array;
  /** Best name score per node (a float32 value); nodeOrder lists the nodes scored, first-scored order. */
  nodeBest: Float64Array;
  nodeOrder: Int32Array;
  /** Best name score per class at class + 1 (slot 0: names outside the label space). */
  best1: Float32Array;
  best2: Float32Array;
}

export interface NameScanner {
  readonly kind: 'wasm' | 'js';
  readonly index: NameIndex;
  readonly scratch: ScanScratch;
  /**
   * Scans `row`'s ids but its short char n-grams (stamp: a value no seen[] slot holds yet). nodes:
   * fill nodeBest / nodeOrder and return how many nodes were scored (the caller clears them);
   * classes: fill best1 / best2 (the caller reads and clears them).
   */
  scan(row: FeatureRow, stamp: number, nodes: boolean, classes: boolean): number;
}

/** The JS scan over any arrays laid out as NameIndex + ScanScratch. */
function scanJs(
  ix: NameIndex,
  scale: Float32Array,
  s: ScanScratch,
  row: FeatureRow,
  stamp: number,
  nodes: boolean,
  classes: boolean,
): number {
  const { postStart, postName, featureWeight, nameRecord: rec, nameNode } = ix;
  const { seen, touched, sums, nodeBest: best, nodeOrder, best1, best2 } = s;
  const { ids, shortFrom, shortTo } = row;
  let nTouched = 0;
  // Pass 1: per-name sums, each feature of the row once (first occurrence); a name goes on the
  // touched list when its sum leaves 0 (weights are >= 1). Float32Array stores round to f32.
  for (let t = 0; t < ids.length; t++) {
    if (t === shortFrom) t = shortTo;
    if (t >= ids.length) break;
    const id = ids[t]!;
    if (seen[id] === stamp) continue;
    seen[id] = stamp;
    const w = featureWeight[id]!;
    const end = postStart[id + 1]!;
    for (let j = postStart[id]!; j < end; j++) {
      const name = postName[j]!;
      const v = sums[name]!;
      if (v === 0) touched[nTouched++] = name;
      sums[name] = v + w;
    }
  }
  // Pass 2: the touched names in first-touched order: clear the sum, keep the best per node / class.
  let scored = 0;
  for (let u = 0; u < nTouched; u++) {
    const name = touched[u]!;
    const score = Math.fround(sums[name]! * scale[name * 2]!);
    sums[name] = 0;
    if (nodes) {
      const node = nameNode[name]!;
      if (score > best[node]!) {
        if (best[node] === 0) nodeOrder[scored++] = node;
        best[node] = score;
      }
    }
    if (classes) {
      const cls = rec[name * 2 + 1]!;
      const l1 = cls & 0xffff;
      const l2 = cls >>> 16;
      if (score > best1[l1]!) best1[l1] = score;
      if (score > best2[l2]!) best2[l2] = score;
    }
  }
  return scored;
}

/** nameRecord read as float32 (the scales at even indexes). */
function scalesOf(rec: Int32Array): Float32Array {
  return new Float32Array(rec.buffer, rec.byteOffset, rec.length);
}

function jsScratch(n: number, z: ScanSizes): ScanScratch {
  return {
    sums: new Float32Array(n),
    touched: new Int32Array(n),
    seen: new Int32Array(z.buckets),
    nodeBest: new Float64Array(z.nodes),
    nodeOrder: new Int32Array(z.nodes),
    best1: new Float32Array(z.level1 + 1),
    best2: new Float32Array(z.level2 + 1),
  };
}

/** Places arrays one after another in one buffer, each aligned to 8 bytes. */
class Layout {
  bytes = 0;
  take(length: number, bytesPer: number): number {
    const at = this.bytes;
    this.bytes += Math.ceil((length * bytesPer) / 8) * 8;
    return at;
  }
}

function wasmScanner(index: NameIndex, z: ScanSizes, mod: WebAssembly.Module): NameScanner {
  const n = index.nameNode.length;
  const wide = index.postName instanceof Int32Array;
  const L = new Layout();
  const at = {
    postStart: L.take(index.postStart.length, 4),
    postName: L.take(index.postName.length, wide ? 4 : 2),
    featureWeight: L.take(index.featureWeight.length, 4),
    nameRecord: L.take(index.nameRecord.length, 4),
    nameNode: L.take(n, 4),
    sums: L.take(n, 4),
    // One spare slot each: the module stores the next entry before it knows whether it counts.
    touched: L.take(n + 1, 4),
    seen: L.take(z.buckets, 4),
    nodeBest: L.take(z.nodes, 8),
    nodeOrder: L.take(z.nodes + 1, 4),
    best1: L.take(z.level1 + 1, 4),
    best2: L.take(z.level2 + 1, 4),
    ids: L.take(z.maxIds, 4),
  };
  const memory = new WebAssembly.Memory({ initial: Math.ceil(L.bytes / 65536) + 1 });
  const exports = new WebAssembly.Instance(mod, { env: { memory } }).exports as {
    setup: (...offsets: number[]) => void;
    scan: (n: number, stamp: number, nodes: number, classes: number) => number;
  };
  exports.setup(
    at.postStart,
    at.postName,
    wide ? 2 : 1,
    at.featureWeight,
    at.nameRecord,
    at.nameNode,
    at.sums,
    at.touched,
    at.seen,
    at.nodeBest,
    at.nodeOrder,
    at.best1,
    at.best2,
    at.ids,
  );
  // The memory never grows (nothing in the module asks it to), so these views stay valid.
  const buf = memory.buffer;
  const i32 = (offset: number, len: number) => new Int32Array(buf, offset, len);
  const f32 = (offset: number, len: number) => new Float32Array(buf, offset, len);
  const postings = index.postName.length;
  const ix: NameIndex = {
    postStart: i32(at.postStart, index.postStart.length),
    postName: wide ? i32(at.postName, postings) : new Uint16Array(buf, at.postName, postings),
    featureWeight: f32(at.featureWeight, index.featureWeight.length),
    nameRecord: i32(at.nameRecord, index.nameRecord.length),
    nameNode: i32(at.nameNode, n),
  };
  ix.postStart.set(index.postStart);
  ix.postName.set(index.postName);
  ix.featureWeight.set(index.featureWeight);
  ix.nameRecord.set(index.nameRecord);
  ix.nameNode.set(index.nameNode);
  const scratch: ScanScratch = {
    sums: f32(at.sums, n),
    touched: i32(at.touched, n + 1),
    seen: i32(at.seen, z.buckets),
    nodeBest: new Float64Array(buf, at.nodeBest, z.nodes),
    nodeOrder: i32(at.nodeOrder, z.nodes + 1),
    best1: f32(at.best1, z.level1 + 1),
    best2: f32(at.best2, z.level2 + 1),
  };
  const ids = i32(at.ids, z.maxIds);
  const scale = scalesOf(ix.nameRecord);
  return {
    kind: 'wasm',
    index: ix,
    scratch,
    scan(row, stamp, nodes, classes) {
      const r = row.ids;
      const n = r.length - (row.shortTo - row.shortFrom);
      if (n > ids.length) return scanJs(ix, scale, scratch, row, stamp, nodes, classes);
      // The ids the scan reads, the short char n-grams left out (the module walks ids[0, n)).
      let k = 0;
      for (let t = 0; t < row.shortFrom; t++) ids[k++] = r[t]!;
      for (let t = row.shortTo; t < r.length; t++) ids[k++] = r[t]!;
      return exports.scan(n, stamp, nodes ? 1 : 0, classes ? 1 : 0);
    },
  };
}

/** A scanner over `index`: WebAssembly where it runs, else JS (prefer 'js' to force it). */
export function createNameScanner(
  index: NameIndex,
  sizes: ScanSizes,
  prefer: 'wasm' | 'js' = 'wasm',
): NameScanner {
  const mod = prefer === 'wasm' ? wasmModule(NAME_SCAN_WASM_BASE64) : null;
  if (mod) {
    try {
      return wasmScanner(index, sizes, mod);
    } catch (err) {
      // E.g. no memory for the index: the JS scan gives the same answers, slower.
      console.warn(`The name scan runs in JS: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const scratch = jsScratch(index.nameNode.length, sizes);
  const scale = scalesOf(index.nameRecord);
  return {
    kind: 'js',
    index,
    scratch,
    scan: (row, stamp, nodes, classes) => scanJs(index, scale, scratch, row, stamp, nodes, classes),
  };
}
