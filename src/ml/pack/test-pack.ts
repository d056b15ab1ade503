/**
 * Test helper (Node only): the committed pack in public/models/default as a PackSource, and
 * loaded on the Node WASM backend. Imported by *.test.ts files only.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initNodeBackend } from '../backend/node-wasm';
import { Categorizer } from './categorizer';
import type { PackSource } from './pack-source';

const dir = fileURLToPath(new URL('../../../public/models/default/', import.meta.url));

export const committedPackSource: PackSource = {
  location: dir,
  read: async (rel) => new Uint8Array(await readFile(path.join(dir, rel))),
};

export async function loadCommittedPack(): Promise<Categorizer> {
  await initNodeBackend();
  return Categorizer.load(committedPackSource);
}
