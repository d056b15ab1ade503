/**
 * The WebAssembly name scan against the JS one over the committed pack's index: the same node and
 * class scores, bit for bit, on 1,000 real listings (e2e fixture) and edge rows (empty, repeated
 * ids, a row longer than the module's id buffer, which goes to the JS scan over the same arrays).
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Categorizer } from './categorizer';
import { createNameScanner, type NameScanner } from './name-scan';
import { loadCommittedPack } from './test-pack';

const titles = Papa.parse<string[]>(
  readFileSync(new URL('../../../e2e/fixtures/listings-2000.csv', import.meta.url), 'utf8'),
  { skipEmptyLines: true },
)
  .data.slice(1)
  .map((r) => r[1] ?? '')
  .slice(0, 1000);

describe('name scan: WebAssembly and JS', () => {
  let model: Categorizer;
  let js: NameScanner;
  let wasm: NameScanner;
  beforeAll(async () => {
    model = await loadCommittedPack();
    const index = (model as unknown as { scanner: NameScanner }).scanner.index;
    const sizes = {
      buckets: model.manifest.tokenizer.buckets,
      nodes: model.deepNodes.length,
      level1: model.manifest.labels.level1.length,
      level2: model.manifest.labels.level2.length,
      maxIds: 64,
    };
    js = createNameScanner(index, sizes, 'js');
    wasm = createNameScanner(index, sizes);
  });
  afterAll(() => model.dispose());

  it('the pack runs the WebAssembly scan in Node', () => {
    expect(model.nameScanKind).toBe('wasm');
    expect([js.kind, wasm.kind]).toEqual(['js', 'wasm']);
  });

  it('gives the same node and class scores on real listings and edge rows', () => {
    const rows = titles.map((t) => model.features(t));
    const long = rows.find((r) => r.length > 64)!;
    expect(long).toBeDefined();
    rows.push(new Int32Array(0), Int32Array.from([...long.slice(0, 10), ...long.slice(0, 10)]));
    let stamp = 0;
    let scoredRows = 0;
    for (const row of rows) {
      stamp++;
      const out = [js, wasm].map((s) => {
        const n = s.scan(row, stamp, true, true);
        const { nodeOrder, nodeBest, best1, best2 } = s.scratch;
        // Exact: scores as strings of their float64 / float32 values.
        const nodes = Array.from(nodeOrder.subarray(0, n), (node) => `${node}:${nodeBest[node]}`).join();
        const classes = `${best1.join()}|${best2.join()}`;
        // Cleared as the categorizer clears them between rows.
        for (const node of nodeOrder.subarray(0, n)) nodeBest[node] = 0;
        best1.fill(0);
        best2.fill(0);
        return { n, nodes, classes };
      });
      if (out[1]!.nodes !== out[0]!.nodes || out[1]!.classes !== out[0]!.classes)
        expect(out[1]).toEqual(out[0]);
      if (out[0]!.n > 0) scoredRows++;
    }
    // The comparison had something to compare.
    expect(scoredRows).toBeGreaterThan(900);
    // The sums are left cleared for the next row.
    expect(wasm.scratch.sums.every((v) => v === 0)).toBe(true);
  });
});
