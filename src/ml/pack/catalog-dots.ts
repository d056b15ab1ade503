/**
 * The query-catalog dot products of nearest-catalog search in WebAssembly (catalog-dots.wat): the
 * catalog's unit rows copied once into its memory, one call per listing. The same numbers as the JS
 * loop (the .wat says why); where WebAssembly is missing, that loop does the work.
 */
import { wasmModule } from '../wasm-module';
import { CATALOG_DOTS_WASM_BASE64 } from './catalog-dots-wasm.gen';

export interface CatalogDots {
  /** sum_j unit[i][j] * q[j] for every catalog row i, in a view valid until the next call. */
  dots(q: Float64Array): Float64Array;
}

/** A kernel over the catalog's unit rows ([n x d]), or null where it cannot run. */
export function createCatalogDots(unitRows: Float32Array, d: number): CatalogDots | null {
  const mod = wasmModule(CATALOG_DOTS_WASM_BASE64);
  const n = d > 0 ? unitRows.length / d : 0;
  if (!mod || n === 0) return null;
  try {
    // Rows in pairs, interleaved per dim (the .wat says why); an odd last row pairs with zeros.
    const pairs = Math.ceil(n / 2);
    const unitAt = 0;
    const qAt = pairs * d * 8;
    const outAt = qAt + d * 8;
    const memory = new WebAssembly.Memory({ initial: Math.ceil((outAt + pairs * 16) / 65536) + 1 });
    const { dots } = new WebAssembly.Instance(mod, { env: { memory } }).exports as {
      dots: (pairs: number, d: number, unit: number, q: number, out: number) => void;
    };
    // The memory never grows (nothing in the module asks it to), so these views stay valid.
    const paired = new Float32Array(memory.buffer, unitAt, pairs * d * 2);
    for (let i = 0; i < n; i++) {
      const base = (i >> 1) * d * 2 + (i & 1);
      for (let j = 0; j < d; j++) paired[base + j * 2] = unitRows[i * d + j]!;
    }
    const q = new Float64Array(memory.buffer, qAt, d);
    const out = new Float64Array(memory.buffer, outAt, n);
    return {
      dots(query) {
        q.set(query);
        dots(pairs, d, unitAt, qAt, outAt);
        return out;
      },
    };
  } catch {
    return null;
  }
}
