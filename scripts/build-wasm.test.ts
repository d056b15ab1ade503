/** The committed WebAssembly kernels are what their .wat files assemble to. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generated, KERNELS } from './build-wasm';

describe('generated WebAssembly kernels', () => {
  for (const kernel of KERNELS)
    it(`${kernel.out} is up to date with its .wat (run \`npx tsx scripts/build-wasm.ts\` after editing it)`, async () => {
      const committed = readFileSync(path.join(import.meta.dirname, '..', kernel.out), 'utf8');
      expect(committed).toBe(await generated(kernel));
    });
});
