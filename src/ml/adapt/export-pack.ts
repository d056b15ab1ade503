/**
 * The loaded pack with its heads in use (adapted or not) written out as a model pack: the same
 * files as the source pack, except model.json and its weight shards, and a new manifest listing
 * every file with its size and SHA-256, so the app and `npm run eval` load it like any other.
 *
 * Exact by construction: every encoder weight keeps its original (quantized) bytes, and the head
 * weights are written as float32, so the exported pack predicts what the adapted model in memory
 * predicts.
 */
import { SHARD_BYTES, type LayersModelJson, type WeightSpec } from '../model/layers-io';
import type { Categorizer } from '../pack/categorizer';
import type { PackFile, PackManifest } from '../pack/manifest';
import { readVerified, type PackSource } from '../pack/pack-source';
import { sha256Hex } from '../pack/sha256';
import type { HeadWeights } from './adapt-heads';

export interface PackFileBytes {
  path: string;
  bytes: Uint8Array;
}

const bytesPer = (w: WeightSpec): number => {
  const q = w.quantization?.dtype;
  return q === 'uint8' ? 1 : q === 'float16' ? 2 : 4;
};

/**
 * `heads`: the weights to write for the head layers (null: the pack's own, unchanged). `label`
 * names the pack's origin in its manifest name and summary.
 */
export async function exportPack(
  cat: Categorizer,
  source: PackSource,
  heads: HeadWeights | null,
  label: { suffix: string; summary: Record<string, number | string> },
): Promise<PackFileBytes[]> {
  const m = cat.manifest;
  const modelJson = JSON.parse(
    new TextDecoder().decode(await readVerified(source, m, m.model.file)),
  ) as LayersModelJson;
  const group = modelJson.weightsManifest[0];
  if (!group || modelJson.weightsManifest.length !== 1)
    throw new Error('This pack’s model has more than one weight group: it cannot be exported.');
  const shards = await Promise.all(group.paths.map((p) => readVerified(source, m, p)));
  const all = new Uint8Array(shards.reduce((a, s) => a + s.byteLength, 0));
  let o = 0;
  for (const s of shards) {
    all.set(s, o);
    o += s.byteLength;
  }

  // Weight by weight: the original bytes, or float32 bytes of the new head weights.
  const byName = new Map<string, Float32Array>();
  for (const l of heads?.layers ?? []) {
    byName.set(`${l.name}/kernel`, l.kernel);
    byName.set(`${l.name}/bias`, l.bias);
  }
  const parts: Uint8Array[] = [];
  const weights: WeightSpec[] = [];
  let offset = 0;
  for (const w of group.weights) {
    const size = w.shape.reduce((a, b) => a * b, 1);
    const len = size * bytesPer(w);
    const replaced = byName.get(w.name);
    if (replaced) {
      if (replaced.length !== size) throw new Error(`Adapted weight ${w.name} has the wrong size.`);
      parts.push(new Uint8Array(replaced.buffer.slice(replaced.byteOffset, replaced.byteOffset + size * 4)));
      weights.push({ name: w.name, shape: [...w.shape], dtype: 'float32' });
    } else {
      parts.push(all.subarray(offset, offset + len));
      weights.push(w);
    }
    offset += len;
  }
  if (offset !== all.byteLength) throw new Error('The pack’s weight specs do not cover its weight data.');
  const total = parts.reduce((a, p) => a + p.byteLength, 0);
  const joined = new Uint8Array(total);
  o = 0;
  for (const p of parts) {
    joined.set(p, o);
    o += p.byteLength;
  }
  const n = Math.max(1, Math.ceil(total / SHARD_BYTES));
  const shardPaths = Array.from({ length: n }, (_, i) => `group1-shard${i + 1}of${n}.bin`);
  const newShards = shardPaths.map((_, i) =>
    joined.slice(i * SHARD_BYTES, Math.min(total, (i + 1) * SHARD_BYTES)),
  );
  const newModelJson: LayersModelJson = {
    ...modelJson,
    convertedBy: 'product-categorizer on-device learning',
    weightsManifest: [{ paths: shardPaths, weights }],
  };

  const files: PackFileBytes[] = [
    { path: m.model.file, bytes: new TextEncoder().encode(JSON.stringify(newModelJson)) },
    ...shardPaths.map((path, i) => ({ path, bytes: newShards[i]! })),
  ];
  const replacedPaths = new Set([m.model.file, ...group.paths]);
  for (const f of m.files)
    if (!replacedPaths.has(f.path))
      files.push({ path: f.path, bytes: await readVerified(source, m, f.path) });

  const listed: PackFile[] = [];
  for (const f of files)
    listed.push({ path: f.path, bytes: f.bytes.byteLength, sha256: await sha256Hex(f.bytes) });
  // The content version: a hash of every file's hash (the cache key of the app).
  const version = (await sha256Hex(new TextEncoder().encode(listed.map((f) => f.sha256).join('')))).slice(
    0,
    16,
  );
  const manifest: PackManifest = {
    ...m,
    name: `${m.name}${label.suffix}`,
    version,
    createdAt: new Date().toISOString(),
    files: listed,
    summary: { ...m.summary, ...label.summary, derivedFrom: m.version },
  };
  return [
    { path: 'manifest.json', bytes: new TextEncoder().encode(JSON.stringify(manifest, null, 2)) },
    ...files,
  ];
}
