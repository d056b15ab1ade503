/**
 * Pure parts of the browser backend choice (no TF.js, no DOM): candidate order, URL override,
 * and telling a software GPU (SwiftShader, llvmpipe, WebGPU fallback adapter) from a real one.
 */

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** 'lost': the backend ran, then its GPU device was lost mid-session and the next one took over. */
export type BackendStatus = 'selected' | 'forced' | 'skipped' | 'failed' | 'not-tried' | 'lost';

export interface BackendReason {
  backend: BackendName;
  status: BackendStatus;
  reason: string;
}

export interface BackendChoice {
  backend: BackendName;
  reasons: BackendReason[];
}

export const isBackendName = (x: unknown): x is BackendName =>
  typeof x === 'string' && (BACKENDS as readonly string[]).includes(x);

/** `?backend=wasm` -> 'wasm'; anything else (absent, unknown) -> null. */
export function backendFromSearch(search: string): BackendName | null {
  const v = new URLSearchParams(search).get('backend')?.trim().toLowerCase();
  return isBackendName(v) ? v : null;
}

/** Candidates in the order to try: the forced one alone, else webgpu -> webgl -> wasm -> cpu. */
export function candidateOrder(forced: BackendName | null): BackendName[] {
  return forced ? [forced] : [...BACKENDS];
}

/**
 * Candidates after `lost` lost its device mid-session: the ones after it in the usual order (a
 * lost GPU is not retried: a driver that dropped its device once tends to drop it again).
 */
export function candidatesAfter(lost: BackendName): BackendName[] {
  return BACKENDS.slice(BACKENDS.indexOf(lost) + 1);
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|microsoft basic render|lavapipe/i;

/** Names a software rasterizer in a WebGL renderer or WebGPU adapter string, or null. */
export function softwareRendererName(renderer: string | null | undefined): string | null {
  if (!renderer) return null;
  const m = SOFTWARE_RENDERERS.exec(renderer);
  return m ? m[0] : null;
}

export interface GpuAdapterFacts {
  isFallbackAdapter?: boolean | undefined;
  vendor?: string | undefined;
  architecture?: string | undefined;
  device?: string | undefined;
  description?: string | undefined;
}

/** Why a WebGPU adapter is software (reason text), or null when it looks like a real GPU. */
export function softwareAdapterReason(a: GpuAdapterFacts): string | null {
  if (a.isFallbackAdapter) return 'WebGPU adapter is a fallback (software) adapter';
  const text = [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' ');
  const sw = softwareRendererName(text);
  return sw ? `WebGPU adapter is software (${sw})` : null;
}
