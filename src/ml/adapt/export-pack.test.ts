/**
 * Export -> import round trip on the committed pack (Node, WASM): the exported pack loads through
 * the normal, verifying loader and predicts exactly what the adapted model in memory predicts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../backend/node-wasm';
import { Categorizer } from '../pack/categorizer';
import type { PackSource } from '../pack/pack-source';
import { sha256Hex } from '../pack/sha256';
import { committedPackSource } from '../pack/test-pack';
import { adaptHeads, applyHeads } from './adapt-heads';
import { exportPack, type PackFileBytes } from './export-pack';

const disk = committedPackSource;
const memory = (files: PackFileBytes[]): PackSource => {
  const byPath = new Map(files.map((f) => [f.path, f.bytes]));
  return {
    location: 'memory',
    read: (p) => {
      const b = byPath.get(p);
      return b ? Promise.resolve(b) : Promise.reject(new Error(`${p} missing`));
    },
  };
};

const TEXTS = [
  'Vintage brass candle holder',
  '复古黄铜烛台',
  'Waterproof hiking boots',
  'Organic whole milk 1 gallon',
  '这是一款家庭用智能音箱',
];
const opts = { topK: 5, neighbours: 3, deep: 3 };

describe('exportPack', () => {
  let cat: Categorizer;
  beforeAll(async () => {
    await initNodeBackend();
    cat = await Categorizer.load(disk);
  });
  afterAll(() => cat.dispose());

  it('writes a verified pack that predicts exactly what the adapted model predicts', async () => {
    const { heads } = await adaptHeads(
      cat,
      [
        { text: 'Vintage brass candle holder', categoryId: 'ap-2' },
        { text: '复古黄铜烛台', categoryId: 'ap-2' },
      ],
      { targetSteps: 40, seed: 5 },
    );
    applyHeads(cat.model, heads);
    const adapted = await cat.classifyAsync(TEXTS, opts);
    const files = await exportPack(cat, disk, heads, {
      suffix: ' (adapted)',
      summary: { adaptedExamples: 2 },
    });

    const manifest = JSON.parse(new TextDecoder().decode(files[0]!.bytes)) as {
      name: string;
      version: string;
      files: { path: string; bytes: number; sha256: string }[];
      summary: Record<string, unknown>;
    };
    expect(files[0]!.path).toBe('manifest.json');
    expect(manifest.name).toMatch(/\(adapted\)$/);
    expect(manifest.version).not.toBe(cat.manifest.version);
    expect(manifest.summary.derivedFrom).toBe(cat.manifest.version);
    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      files
        .slice(1)
        .map((f) => f.path)
        .sort(),
    );
    for (const f of files.slice(1)) {
      const listed = manifest.files.find((x) => x.path === f.path)!;
      expect(listed.bytes).toBe(f.bytes.byteLength);
      expect(listed.sha256).toBe(await sha256Hex(f.bytes));
    }

    const imported = await Categorizer.load(memory(files));
    try {
      const got = await imported.classifyAsync(TEXTS, opts);
      expect(got.map((r) => r.level1)).toEqual(adapted.map((r) => r.level1));
      expect(got.map((r) => r.level2)).toEqual(adapted.map((r) => r.level2));
      expect(got.map((r) => r.deep)).toEqual(adapted.map((r) => r.deep));
      expect(got.map((r) => Array.from(r.mu))).toEqual(adapted.map((r) => Array.from(r.mu)));
      // Exporting the imported pack again changes no model byte.
      const again = await exportPack(imported, memory(files), null, { suffix: '', summary: {} });
      expect(again.slice(1).map((f) => [f.path, f.bytes.byteLength])).toEqual(
        files.slice(1).map((f) => [f.path, f.bytes.byteLength]),
      );
      expect(
        again.slice(1).every((f, i) => Buffer.from(f.bytes).equals(Buffer.from(files[i + 1]!.bytes))),
      ).toBe(true);
    } finally {
      imported.dispose();
    }
  });

  it('with the shipped heads, the exported pack predicts what the shipped pack does', async () => {
    const shipped = await Categorizer.load(disk);
    try {
      const files = await exportPack(shipped, disk, null, { suffix: '', summary: {} });
      const copy = await Categorizer.load(memory(files));
      try {
        expect((await copy.classifyAsync(TEXTS, opts)).map((r) => r.level2)).toEqual(
          (await shipped.classifyAsync(TEXTS, opts)).map((r) => r.level2),
        );
      } finally {
        copy.dispose();
      }
    } finally {
      shipped.dispose();
    }
  });
});
