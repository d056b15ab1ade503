/** Pack bookkeeping: the content version, and rewriting one file with the manifest kept true. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PackFile, PackManifest } from '../../src/ml/pack/manifest';
import { sha256Hex } from '../../src/ml/pack/sha256';

/** A pack's content version (the app's cache key): a hash of its files' hashes, in manifest order. */
export async function packVersion(files: readonly PackFile[]): Promise<string> {
  return (await sha256Hex(new TextEncoder().encode(JSON.stringify(files.map((f) => f.sha256))))).slice(0, 16);
}

export async function rewritePackFile(dir: string, rel: string, bytes: Uint8Array): Promise<PackManifest> {
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PackManifest;
  const entry = manifest.files.find((f) => f.path === rel);
  if (!entry) throw new Error(`${rel} is not part of the pack in ${dir}`);
  writeFileSync(path.join(dir, rel), bytes);
  entry.bytes = bytes.byteLength;
  entry.sha256 = await sha256Hex(bytes);
  manifest.version = await packVersion(manifest.files);
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 1));
  return manifest;
}
