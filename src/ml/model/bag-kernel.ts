/**
 * The embedding bag in WebAssembly SIMD (bag-sum.wat): the table and idf copied once into its
 * memory, one call per row. The same numbers as predict.ts's JS loop (the .wat says why); used
 * where WebAssembly SIMD runs and the width is a multiple of 8, else the JS loop does the work.
 */
import { wasmModule } from '../wasm-module';
import { BAG_SUM_WASM_BASE64 } from './bag-sum-wasm.gen';

export interface BagKernel {
  /** Longest row bag() takes (longer rows go to the JS loop). */
  readonly maxIds: number;
  /** The table and idf as views of the kernel's memory (the caller may drop its own copies). */
  readonly table: Float32Array;
  readonly idf: Float32Array;
  /** Writes row's bag to out[at, at + d). */
  bag(row: Int32Array, out: Float32Array, at: number): void;
}

const align8 = (bytes: number) => Math.ceil(bytes / 8) * 8;

/** A kernel over this table / idf (embedDim d), or null where it cannot run. */
export function createBagKernel(
  table: Float32Array,
  idf: Float32Array,
  d: number,
  maxIds = 1024,
): BagKernel | null {
  const mod = wasmModule(BAG_SUM_WASM_BASE64);
  if (!mod || d % 8 !== 0 || d <= 0) return null;
  try {
    let at = 0;
    const take = (bytes: number) => {
      const p = at;
      at += align8(bytes);
      return p;
    };
    const tableAt = take(table.length * 4);
    const idfAt = take(idf.length * 4);
    const idsAt = take(maxIds * 4);
    const wAt = take(maxIds * 8);
    const basesAt = take(maxIds * 4);
    const outAt = take(d * 4);
    const memory = new WebAssembly.Memory({ initial: Math.ceil(at / 65536) + 1 });
    const { bag } = new WebAssembly.Instance(mod, { env: { memory } }).exports as {
      bag: (
        n: number,
        ids: number,
        table: number,
        idf: number,
        d: number,
        out: number,
        w: number,
        bases: number,
      ) => void;
    };
    // The memory never grows (nothing in the module asks it to), so these views stay valid.
    const buf = memory.buffer;
    const tableView = new Float32Array(buf, tableAt, table.length);
    const idfView = new Float32Array(buf, idfAt, idf.length);
    tableView.set(table);
    idfView.set(idf);
    const ids = new Int32Array(buf, idsAt, maxIds);
    const out = new Float32Array(buf, outAt, d);
    return {
      maxIds,
      table: tableView,
      idf: idfView,
      bag(row, dst, at0) {
        ids.set(row);
        bag(row.length, idsAt, tableAt, idfAt, d, outAt, wAt, basesAt);
        dst.set(out, at0);
      },
    };
  } catch {
    // E.g. no memory for a second copy of the table: the JS loop gives the same numbers.
    return null;
  }
}
