/**
 * The hand-written WebAssembly kernels' modules (src/ml/**.wat, bytes in `*-wasm.gen.ts` as base64),
 * compiled once each. Null where WebAssembly (or a feature a module uses, e.g. SIMD) is missing:
 * each kernel then leaves the work to the JS loop it mirrors.
 */
const compiled = new Map<string, WebAssembly.Module | null>();

export function wasmModule(base64: string): WebAssembly.Module | null {
  const known = compiled.get(base64);
  if (known !== undefined) return known;
  let mod: WebAssembly.Module | null;
  try {
    const bin = atob(base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    // Each is under 1 KB: a synchronous compile is allowed even on a page's main thread.
    mod = new WebAssembly.Module(bytes);
  } catch {
    mod = null;
  }
  compiled.set(base64, mod);
  return mod;
}
