import { describe, expect, it } from 'vitest';
import {
  backendFromSearch,
  candidateOrder,
  candidatesAfter,
  softwareAdapterReason,
  softwareRendererName,
} from './backend-choice';

describe('backend choice', () => {
  it('tries GPU first, then wasm, then cpu', () => {
    expect(candidateOrder(null)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  });
  it('a forced backend is the only candidate', () => {
    expect(candidateOrder('webgl')).toEqual(['webgl']);
  });
  it('after a lost device, only the backends after it are candidates', () => {
    expect(candidatesAfter('webgpu')).toEqual(['webgl', 'wasm', 'cpu']);
    expect(candidatesAfter('webgl')).toEqual(['wasm', 'cpu']);
    expect(candidatesAfter('cpu')).toEqual([]);
  });
  it('reads ?backend= and ignores unknown values', () => {
    expect(backendFromSearch('?backend=wasm')).toBe('wasm');
    expect(backendFromSearch('?x=1&backend=WebGPU')).toBe('webgpu');
    expect(backendFromSearch('?backend=tpu')).toBeNull();
    expect(backendFromSearch('')).toBeNull();
  });
  it('knows software renderers from real GPUs', () => {
    expect(
      softwareRendererName(
        'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      ),
    ).toBe('SwiftShader');
    expect(softwareRendererName('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe('llvmpipe');
    expect(softwareRendererName('ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 Direct3D11)')).toBeNull();
    expect(softwareRendererName(null)).toBeNull();
  });
  it('flags fallback or SwiftShader WebGPU adapters', () => {
    expect(softwareAdapterReason({ isFallbackAdapter: true })).toMatch(/fallback/);
    expect(softwareAdapterReason({ vendor: 'google', architecture: 'swiftshader' })).toMatch(/swiftshader/);
    expect(softwareAdapterReason({ vendor: 'nvidia', architecture: 'ampere' })).toBeNull();
  });
});
