/**
 * Where pack files come from. The browser reads over fetch (with progress and the Cache API,
 * added by the runtime), Node reads from disk; both verify every file against the manifest.
 */
import { ManifestError, validateManifest, type PackFile, type PackManifest } from './manifest';
import { sha256Hex } from './sha256';

export interface PackSource {
  /** Human-readable location for messages, e.g. the pack URL or folder. */
  readonly location: string;
  /** Raw bytes of a file in the pack; rejects with a clear Error when it is missing. */
  read(path: string): Promise<Uint8Array>;
}

export class PackIntegrityError extends Error {
  override name = 'PackIntegrityError';
}

export async function readManifest(source: PackSource): Promise<PackManifest> {
  const bytes = await source.read('manifest.json');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ManifestError(`manifest.json in ${source.location} is not valid JSON.`);
  }
  return validateManifest(json);
}

/** Reads one listed file and checks its size and SHA-256 against the manifest. */
export async function readVerified(
  source: PackSource,
  manifest: PackManifest,
  path: string,
): Promise<Uint8Array> {
  const entry: PackFile | undefined = manifest.files.find((f) => f.path === path);
  if (!entry) throw new PackIntegrityError(`${path} is not listed in the manifest of ${source.location}.`);
  const bytes = await source.read(path);
  if (bytes.byteLength !== entry.bytes)
    throw new PackIntegrityError(`${path} has ${bytes.byteLength} bytes; the manifest says ${entry.bytes}.`);
  const hash = await sha256Hex(bytes);
  if (hash !== entry.sha256)
    throw new PackIntegrityError(`${path} is corrupted: its SHA-256 does not match the manifest.`);
  return bytes;
}
