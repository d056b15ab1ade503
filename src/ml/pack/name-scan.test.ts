/**
 * The WebAssembly name scan against the JS one over the committed pack's index: the same node and
 * class scores, bit for bit, on 1,000 real listings (e2e fixture) and edge rows (empty, repeated
 * ids, a row longer than the module's id buffer, which goes to the JS scan over the same arrays,
 * skipped runs of short char n-grams);
 * both against the scores written out per name (float32 sums times the scale); and the 32-bit name
 * ids a pack of more than 65,536 names gets, on an index of every name twice.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Categorizer } from './categorizer';
import {
  createNameScanner,
  MAX_NARROW_NAMES,
  type NameIndex,
  type NameScanner,
  type ScanSizes,
} from './name-scan';
import { loadCommittedPack } from './test-pack';
import type { FeatureRow } from '../tokenizer/tokenize';

const titles = Papa.parse<string[]>(
  readFileSync(new URL('../../../e2e/fixtures/listings-2000.csv', import.meta.url), 'utf8'),
  { skipEmptyLines: true },
)
  .data.slice(1)
  .map((r) => r[1] ?? '')
  .slice(0, 1000);

/** One scan's node and class scores as exact strings, cleared as the categorizer clears them. */
function scanOut(s: NameScanner, row: FeatureRow, stamp: number) {
  const n = s.scan(row, stamp, true, true);
  const { nodeOrder, nodeBest, best1, best2 } = s.scratch;
  // Exact: scores as strings of their float64 / float32 values.
  const nodes = Array.from(nodeOrder.subarray(0, n), (node) => `${node}:${nodeBest[node]}`).join();
  const classes = `${best1.join()}|${best2.join()}`;
  for (const node of nodeOrder.subarray(0, n)) nodeBest[node] = 0;
  best1.fill(0);
  best2.fill(0);
  return { n, nodes, classes };
}

/** The index with every name twice (j and j + N, next to each other in each posting list). */
function doubled(ix: NameIndex): NameIndex {
  const n = ix.nameNode.length;
  const postName = new Int32Array(ix.postName.length * 2);
  ix.postName.forEach((name, j) => {
    postName[j * 2] = name;
    postName[j * 2 + 1] = name + n;
  });
  const nameRecord = new Int32Array(n * 4);
  nameRecord.set(ix.nameRecord);
  nameRecord.set(ix.nameRecord, n * 2);
  const nameNode = new Int32Array(n * 2);
  nameNode.set(ix.nameNode);
  nameNode.set(ix.nameNode, n);
  return {
    postStart: ix.postStart.map((v) => v * 2),
    postName,
    featureWeight: ix.featureWeight,
    nameRecord,
    nameNode,
  };
}

describe('name scan: WebAssembly and JS', () => {
  let model: Categorizer;
  let index: NameIndex;
  let sizes: ScanSizes;
  let js: NameScanner;
  let wasm: NameScanner;
  let rows: FeatureRow[];
  // Stamps only grow, across tests too: a stamp a seen[] slot already holds would skip features.
  let stamp = 0;
  beforeAll(async () => {
    model = await loadCommittedPack();
    index = (model as unknown as { scanner: NameScanner }).scanner.index;
    sizes = {
      buckets: model.manifest.tokenizer.buckets,
      nodes: model.deepNodes.length,
      level1: model.manifest.labels.level1.length,
      level2: model.manifest.labels.level2.length,
      maxIds: 64,
    };
    js = createNameScanner(index, sizes, 'js');
    wasm = createNameScanner(index, sizes);
    rows = titles.map((t) => model.featureRow(t));
    // Longer than the WASM scan takes even without its short char n-grams: the JS path runs it.
    const long = rows.find((r) => r.ids.length - (r.shortTo - r.shortFrom) > 64)!;
    expect(long).toBeDefined();
    const twice = Int32Array.from([...long.ids.slice(0, 10), ...long.ids.slice(0, 10)]);
    rows.push(
      { ids: new Int32Array(0), shortFrom: 0, shortTo: 0 },
      { ids: twice, shortFrom: 0, shortTo: 0 },
      // Everything skipped, and a skipped run at the very end.
      { ids: long.ids, shortFrom: 0, shortTo: long.ids.length },
      { ids: long.ids, shortFrom: 30, shortTo: long.ids.length },
    );
  });
  afterAll(() => model.dispose());

  it('the pack runs the WebAssembly scan in Node, over 16-bit name ids', () => {
    expect(model.nameScanKind).toBe('wasm');
    expect([js.kind, wasm.kind]).toEqual(['js', 'wasm']);
    expect(index.nameNode.length).toBeLessThanOrEqual(MAX_NARROW_NAMES);
    expect(index.postName).toBeInstanceOf(Uint16Array);
  });

  it('gives the same node and class scores on real listings and edge rows', () => {
    let scoredRows = 0;
    for (const row of rows) {
      stamp++;
      const out = [js, wasm].map((s) => scanOut(s, row, stamp));
      if (out[1]!.nodes !== out[0]!.nodes || out[1]!.classes !== out[0]!.classes)
        expect(out[1]).toEqual(out[0]);
      if (out[0]!.n > 0) scoredRows++;
    }
    // The comparison had something to compare.
    expect(scoredRows).toBeGreaterThan(900);
    // The sums are left cleared for the next row.
    expect(wasm.scratch.sums.every((v) => v === 0)).toBe(true);
  });

  it("scores a node and a class by its best name: the float32 sum of the row's features' weights, times the scale", () => {
    // Written out per name from the index with Maps, without the scan's arrays or order.
    const { postStart, postName, featureWeight, nameRecord, nameNode } = index;
    const scale = new Float32Array(nameRecord.buffer, nameRecord.byteOffset, nameRecord.length);
    const exact = (m: Map<number, number>) => [...m].sort((a, b) => a[0] - b[0]).join(' ');
    let compared = 0;
    for (const row of rows.slice(0, 300)) {
      const sums = new Map<number, number>();
      const scanned = [...row.ids.subarray(0, row.shortFrom), ...row.ids.subarray(row.shortTo)];
      for (const f of new Set(scanned))
        for (let j = postStart[f]!; j < postStart[f + 1]!; j++) {
          const name = postName[j]!;
          sums.set(name, Math.fround((sums.get(name) ?? 0) + featureWeight[f]!));
        }
      const nodes = new Map<number, number>();
      const classes = new Map<number, number>();
      const keep = (m: Map<number, number>, key: number, score: number) => {
        if (score > (m.get(key) ?? 0)) m.set(key, score);
      };
      for (const [name, sum] of sums) {
        const score = Math.fround(sum * scale[name * 2]!);
        const cls = nameRecord[name * 2 + 1]!;
        keep(nodes, nameNode[name]!, score);
        keep(classes, cls & 0xffff, score);
        keep(classes, 1000 + (cls >>> 16), score);
      }
      const want = `${exact(nodes)} | ${exact(classes)}`;
      for (const s of [js, wasm]) {
        const n = s.scan(row, ++stamp, true, true);
        const { nodeOrder, nodeBest, best1, best2 } = s.scratch;
        const gotNodes = new Map<number, number>();
        for (const node of nodeOrder.subarray(0, n)) {
          gotNodes.set(node, nodeBest[node]!);
          nodeBest[node] = 0;
        }
        const gotClasses = new Map<number, number>();
        best1.forEach((v, c) => v > 0 && gotClasses.set(c, v));
        best2.forEach((v, c) => v > 0 && gotClasses.set(1000 + c, v));
        best1.fill(0);
        best2.fill(0);
        const got = `${exact(gotNodes)} | ${exact(gotClasses)}`;
        if (got !== want) expect({ kind: s.kind, got }).toEqual({ kind: s.kind, got: want });
        compared += n;
      }
    }
    // ~2,700 nodes a row: the comparison had something to compare.
    expect(compared).toBeGreaterThan(100000);
  });

  it('scans 32-bit name ids (packs past 65,536 names) the same in WebAssembly and JS', () => {
    // Every name twice: duplicates score the same, so node and class scores equal the narrow scan's.
    const wide = doubled(index);
    expect(wide.nameNode.length).toBeGreaterThan(MAX_NARROW_NAMES);
    const scanners = [js, createNameScanner(wide, sizes, 'js'), createNameScanner(wide, sizes)];
    expect(scanners.map((s) => s.kind)).toEqual(['js', 'js', 'wasm']);
    expect(scanners[2]!.index.postName).toBeInstanceOf(Int32Array);
    let scoredRows = 0;
    for (const row of rows) {
      stamp++;
      const out = scanners.map((s) => scanOut(s, row, stamp));
      for (const o of out.slice(1))
        if (o.nodes !== out[0]!.nodes || o.classes !== out[0]!.classes) expect(o).toEqual(out[0]);
      if (out[0]!.n > 0) scoredRows++;
    }
    expect(scoredRows).toBeGreaterThan(900);
  });
});
