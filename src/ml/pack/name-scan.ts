/**
 * The scan of the taxonomy-name index for one listing (see Categorizer.buildLexicalIndex): per name,
 * the sum of its postings' weights over the listing's features; then per node and per class the
 * best name. Two implementations with the same arithmetic in the same order, so the same numbers:
 * WebAssembly (name-scan.wat; the index and scratch live in its memory) and plain JS (the fallback
 * where WebAssembly is missing, and the reference the tests hold the WASM one to).
 * Why WASM: the scan was half of a batch row's time, ~2,000 postings a row, each JS array access
 * bounds-checked.
 */
import { wasmModule } from '../wasm-module';
import { NAME_SCAN_WASM_BASE64 } from './name-scan-wasm.gen';

/** CSR over feature ids: postings of f are [postStart[f], postStart[f + 1]). */
export interface NameIndex {
  postStart: Int32Array;
  postName: Int32Array;
  /** idf(f)^2 * the name's scale: a name's sum over the row is its score. */
  postWeight: Float32Array;
  /** Per name [node, (level-2 index + 1) << 16 | (level-1 index + 1)]. */
  nameInfo: Int32Array;
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
  sums: Float64Array;
  touched: Int32Array;
  seen: Int32Array;
  /** Best name score per node; nodeOrder lists the nodes scored, in first-scored order. */
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
   * Scans `row` (stamp: a value no seen[] slot holds yet). nodes: fill nodeBest / nodeOrder and
   * return how many nodes were scored (the caller clears them); classes: fill best1 / best2 (the
   * caller reads and clears them).
   */
  scan(row: Int32Array, stamp: number, nodes: boolean, classes: boolean): number;
}

/** The JS scan over any arrays laid out as NameIndex + ScanScratch. */
function scanJs(
  ix: NameIndex,
  s: ScanScratch,
  ids: Int32Array,
  stamp: number,
  nodes: boolean,
  classes: boolean,
): number {
  const { postStart, postName, postWeight, nameInfo: info } = ix;
  const { seen, touched, sums, nodeBest: best, nodeOrder, best1, best2 } = s;
  let nTouched = 0;
  // Pass 1: per-name sums, each feature of the row once (first occurrence); a name goes on the
  // touched list when its sum leaves 0 (weights are > 0).
  for (let t = 0; t < ids.length; t++) {
    const id = ids[t]!;
    if (seen[id] === stamp) continue;
    seen[id] = stamp;
    const end = postStart[id + 1]!;
    for (let j = postStart[id]!; j < end; j++) {
      const name = postName[j]!;
      const v = sums[name]!;
      if (v === 0) touched[nTouched++] = name;
      sums[name] = v + postWeight[j]!;
    }
  }
  // Pass 2: the touched names in first-touched order: clear the sum, keep the best per node / class.
  let scored = 0;
  for (let u = 0; u < nTouched; u++) {
    const name = touched[u]!;
    const score = sums[name]!;
    sums[name] = 0;
    if (nodes) {
      const node = info[name * 2]!;
      if (score > best[node]!) {
        if (best[node] === 0) nodeOrder[scored++] = node;
        best[node] = score;
      }
    }
    if (classes) {
      const cls = info[name * 2 + 1]!;
      const l1 = cls & 0xffff;
      const l2 = cls >>> 16;
      if (score > best1[l1]!) best1[l1] = score;
      if (score > best2[l2]!) best2[l2] = score;
    }
  }
  return scored;
}

function jsScratch(n: number, z: ScanSizes): ScanScratch {
  return {
    sums: new Float64Array(n),
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
  const n = index.nameInfo.length / 2;
  const L = new Layout();
  const at = {
    postStart: L.take(index.postStart.length, 4),
    postName: L.take(index.postName.length, 4),
    postWeight: L.take(index.postWeight.length, 4),
    nameInfo: L.take(index.nameInfo.length, 4),
    sums: L.take(n, 8),
    touched: L.take(n, 4),
    seen: L.take(z.buckets, 4),
    nodeBest: L.take(z.nodes, 8),
    nodeOrder: L.take(z.nodes, 4),
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
    at.postWeight,
    at.nameInfo,
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
  const ix: NameIndex = {
    postStart: i32(at.postStart, index.postStart.length),
    postName: i32(at.postName, index.postName.length),
    postWeight: new Float32Array(buf, at.postWeight, index.postWeight.length),
    nameInfo: i32(at.nameInfo, index.nameInfo.length),
  };
  ix.postStart.set(index.postStart);
  ix.postName.set(index.postName);
  ix.postWeight.set(index.postWeight);
  ix.nameInfo.set(index.nameInfo);
  const scratch: ScanScratch = {
    sums: new Float64Array(buf, at.sums, n),
    touched: i32(at.touched, n),
    seen: i32(at.seen, z.buckets),
    nodeBest: new Float64Array(buf, at.nodeBest, z.nodes),
    nodeOrder: i32(at.nodeOrder, z.nodes),
    best1: new Float32Array(buf, at.best1, z.level1 + 1),
    best2: new Float32Array(buf, at.best2, z.level2 + 1),
  };
  const ids = i32(at.ids, z.maxIds);
  return {
    kind: 'wasm',
    index: ix,
    scratch,
    scan(row, stamp, nodes, classes) {
      if (row.length > ids.length) return scanJs(ix, scratch, row, stamp, nodes, classes);
      ids.set(row);
      return exports.scan(row.length, stamp, nodes ? 1 : 0, classes ? 1 : 0);
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
  const scratch = jsScratch(index.nameInfo.length / 2, sizes);
  return {
    kind: 'js',
    index,
    scratch,
    scan: (row, stamp, nodes, classes) => scanJs(index, scratch, row, stamp, nodes, classes),
  };
}
