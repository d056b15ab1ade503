/**
 * Checks an imported model pack before it is kept: a manifest this app reads, and every file it
 * lists present with the listed size and SHA-256 (the loader checks again on every load). Files
 * come from a zip or are chosen one by one; a single common folder is ignored.
 */
import { readManifest, readVerified, type PackSource } from '../../ml/pack/pack-source';
import { stripCommonFolder, unzip, type ZipEntry } from './zip';

export interface CheckedPack {
  name: string;
  version: string;
  files: ZipEntry[];
}

/** The chosen files (one .zip, or the pack's files) as pack entries. */
export async function packEntries(
  files: readonly { name: string; bytes: Uint8Array }[],
): Promise<ZipEntry[]> {
  // A zip by its signature ("PK\x03\x04"), whatever the file is called.
  const b = files[0]?.bytes;
  const isZip =
    files.length === 1 && b !== undefined && b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4;
  const zip = isZip ? files[0]! : null;
  if (zip) return stripCommonFolder(await unzip(zip.bytes));
  return files.map((f) => ({ path: f.name, bytes: f.bytes }));
}

export async function checkPack(entries: readonly ZipEntry[]): Promise<CheckedPack> {
  const byPath = new Map(entries.map((e) => [e.path, e.bytes]));
  const source: PackSource = {
    location: 'the chosen files',
    read: (p) => {
      const b = byPath.get(p);
      return b
        ? Promise.resolve(b)
        : Promise.reject(new Error(`${p} is missing: choose the whole pack (its zip, or every file).`));
    },
  };
  const manifest = await readManifest(source);
  const files: ZipEntry[] = [{ path: 'manifest.json', bytes: byPath.get('manifest.json')! }];
  for (const f of manifest.files)
    files.push({ path: f.path, bytes: await readVerified(source, manifest, f.path) });
  return { name: manifest.name, version: manifest.version, files };
}
