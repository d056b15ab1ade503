/** A model pack read from a folder on disk (Node: evaluation, the classify CLI, tests). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PackSource } from '../../src/ml/pack/pack-source';

export function folderPackSource(dir: string): PackSource {
  return {
    location: dir,
    async read(rel: string) {
      try {
        return new Uint8Array(await readFile(path.join(dir, rel)));
      } catch {
        throw new Error(`Model pack file ${rel} is missing in ${dir}.`);
      }
    },
  };
}
