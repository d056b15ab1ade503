/** Rewrites one file of an exported pack and keeps the manifest's sizes, hashes and version true. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PackManifest } from '../../src/ml/pack/manifest';
import { sha256Hex } from '../../src/ml/pack/sha256';

export async function rewritePackFile(dir: string, rel: string, bytes: Uint8Array): Promise<PackManifest> {
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PackManifest;
  const entry = manifest.files.find((f) => f.path === rel);
  if (!entry) throw new Error(`${rel} is not part of the pack in ${dir}`);
  writeFileSync(path.join(dir, rel), bytes);
  entry.bytes = bytes.byteLength;
  entry.sha256 = await sha256Hex(bytes);
  manifest.version = (
    await sha256Hex(new TextEncoder().encode(JSON.stringify(manifest.files.map((f) => f.sha256))))
  ).slice(0, 16);
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 1));
  return manifest;
}
