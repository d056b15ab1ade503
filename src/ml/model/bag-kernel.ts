/**
 * The embedding bag in WebAssembly SIMD (bag-sum.wat): the table and idf copied once into its
 * memory, one call per row. The same numbers as predict.ts's JS loop (the .wat says why); used
 * where WebAssembly SIMD runs and the width is a multiple of 8, else the JS loop does the work.
 */
import { wasmModule } from '../wasm-module';
import { BAG_SUM_WASM_BASE64 } from './bag-sum-wasm.gen';
import { uint8Values } from './quantize';

export interface BagKernel {
  /** Longest row bag() takes (longer rows go to the JS loop). */
  readonly maxIds: number;
  /** The table and idf as views of the kernel's memory (the caller may drop its own copies). */
  readonly table: Float32Array;
  readonly idf: Float32Array;
  /** Writes row's bag to out[at, at + d). */
  bag(row: Int32Array, out: Float32Array, at: number): void;
  /**
   * Makes the table rows of these ids readable in `table`: a table kept as uint8 codes is decoded
   * a row at a time, when bag() first uses the row (createBagStorage). A no-op for a float table.
   */
  prepare(ids: Int32Array): void;
}

/** A table shipped as uint8 codes: value = float32(code * scale + min), as tf.io decodes it. */
export interface Uint8Codes {
  min: number;
  scale: number;
}

const align8 = (bytes: number) => Math.ceil(bytes / 8) * 8;

/** A bag's table and idf, and the kernel over them where it runs (their arrays are its memory). */
export interface BagStorage {
  /** [rows x d], row-major. */
  table: Float32Array;
  /** [rows] */
  idf: Float32Array;
  kernel: BagKernel | null;
  /**
   * With `codes` asked for and the kernel running: where the caller writes the [rows x d] uint8
   * codes. The table's rows are then decoded on first use (BagKernel.prepare), not up front.
   */
  codes?: Uint8Array;
}

/**
 * Zeroed table / idf arrays for `rows` x `d`, allocated inside the kernel's memory where the kernel
 * runs, so a caller that writes the weights straight into them (a pack's loader dequantizing the
 * shard) never holds a second copy; plain arrays (kernel null) where it does not. With `codes`
 * (a uint8 table) and the kernel running, the caller writes the codes instead (storage.codes).
 */
export function createBagStorage(rows: number, d: number, maxIds = 1024, codes?: Uint8Codes): BagStorage {
  return (
    kernelStorage(rows, d, maxIds, codes) ?? {
      table: new Float32Array(rows * d),
      idf: new Float32Array(rows),
      kernel: null,
    }
  );
}

/** A kernel over a copy of this table / idf (embedDim d), or null where it cannot run. */
export function createBagKernel(
  table: Float32Array,
  idf: Float32Array,
  d: number,
  maxIds = 1024,
): BagKernel | null {
  if (table.length !== idf.length * d) throw new Error('bag kernel: table is not idf.length x d');
  const s = kernelStorage(idf.length, d, maxIds);
  if (!s) return null;
  s.table.set(table);
  s.idf.set(idf);
  return s.kernel;
}

function kernelStorage(
  rows: number,
  d: number,
  maxIds: number,
  codes?: Uint8Codes,
): (BagStorage & { kernel: BagKernel }) | null {
  const mod = wasmModule(BAG_SUM_WASM_BASE64);
  if (!mod || d % 8 !== 0 || d <= 0) return null;
  try {
    let at = 0;
    const take = (bytes: number) => {
      const p = at;
      at += align8(bytes);
      return p;
    };
    const tableAt = take(rows * d * 4);
    const idfAt = take(rows * 4);
    const idsAt = take(maxIds * 4);
    const wAt = take(maxIds * 8);
    const basesAt = take(maxIds * 4);
    const outAt = take(d * 4);
    // A uint8 table: its codes, a ready flag per row and the 256 values a code stands for. The float
    // table's pages are then only written (and only taken from the OS) for rows in use.
    const codesAt = codes ? take(rows * d) : -1;
    const readyAt = codes ? take(rows) : -1;
    const lutAt = codes ? take(256 * 4) : -1;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(at / 65536) + 1 });
    const { bag, fill } = new WebAssembly.Instance(mod, { env: { memory } }).exports as {
      fill: (
        n: number,
        ids: number,
        table: number,
        d: number,
        codes: number,
        ready: number,
        lut: number,
      ) => void;
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
    const tableView = new Float32Array(buf, tableAt, rows * d);
    const idfView = new Float32Array(buf, idfAt, rows);
    const ids = new Int32Array(buf, idsAt, maxIds);
    const out = new Float32Array(buf, outAt, d);
    // tf.io's values for each code, as layers-io.ts's eager decode uses them.
    if (codes) new Float32Array(buf, lutAt, 256).set(uint8Values(codes.min, codes.scale));
    const prepare = (row: Int32Array) => {
      if (!codes) return;
      for (let s = 0; s < row.length; s += maxIds) {
        const part = row.subarray(s, s + maxIds);
        ids.set(part);
        fill(part.length, idsAt, tableAt, d, codesAt, readyAt, lutAt);
      }
    };
    return {
      table: tableView,
      idf: idfView,
      ...(codes ? { codes: new Uint8Array(buf, codesAt, rows * d) } : {}),
      kernel: {
        maxIds,
        table: tableView,
        idf: idfView,
        bag(row, dst, at0) {
          ids.set(row);
          if (codes) fill(row.length, idsAt, tableAt, d, codesAt, readyAt, lutAt);
          bag(row.length, idsAt, tableAt, idfAt, d, outAt, wAt, basesAt);
          dst.set(out, at0);
        },
        prepare,
      },
    };
  } catch {
    // E.g. no memory for a second copy of the table: the JS loop gives the same numbers.
    return null;
  }
}
