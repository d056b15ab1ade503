/** The committed WebAssembly of the name scan is what src/ml/pack/name-scan.wat assembles to. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generated } from './build-name-scan';

describe('name-scan-wasm.gen.ts', () => {
  it('is up to date with name-scan.wat (run `npx tsx scripts/build-name-scan.ts` after editing it)', async () => {
    const committed = readFileSync(new URL('../src/ml/pack/name-scan-wasm.gen.ts', import.meta.url), 'utf8');
    expect(committed).toBe(await generated());
  });
});
