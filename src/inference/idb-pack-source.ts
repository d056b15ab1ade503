/**
 * A model pack imported by the merchant (e.g. exported from another browser after on-device
 * learning), kept in IndexedDB so it is used again after a reload. The engine reads it through
 * this PackSource when the page asks for IMPORTED_PACK_URL; Categorizer.load verifies every file
 * against the manifest as it does for the shipped pack.
 */
import type { PackProgress } from '../ml/pack/fetch-pack-source';
import type { PackSource } from '../ml/pack/pack-source';

/** The model URL that means "the imported pack in IndexedDB". */
export const IMPORTED_PACK_URL = 'idb:imported-pack';
/** localStorage key set while the imported pack is the one to load (read synchronously at start). */
export const IMPORTED_PACK_FLAG = 'product-categorizer.imported-pack';

const DB = 'product-categorizer-packs';
const STORE = 'files';

export interface StoredPackFile {
  path: string;
  bytes: Uint8Array;
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const r = factory.open(DB, 1);
    r.onupgradeneeded = () => {
      if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE, { keyPath: 'path' });
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be opened'));
  });
}

function finish(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}

/** Replaces the stored imported pack with `files` (one transaction: all or nothing). */
export async function writeImportedPack(
  factory: IDBFactory,
  files: readonly StoredPackFile[],
): Promise<void> {
  const db = await openDb(factory);
  try {
    const tx = db.transaction(STORE, 'readwrite');
    const s = tx.objectStore(STORE);
    s.clear();
    for (const f of files) s.put({ path: f.path, bytes: f.bytes });
    await finish(tx);
  } finally {
    db.close();
  }
}

export async function clearImportedPack(factory: IDBFactory): Promise<void> {
  const db = await openDb(factory);
  try {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).clear();
    await finish(tx);
  } finally {
    db.close();
  }
}

export class IdbPackSource implements PackSource {
  readonly location = 'the model pack imported into this browser';
  private loaded = 0;

  constructor(
    private readonly factory: IDBFactory,
    private readonly onProgress?: (p: PackProgress) => void,
  ) {}

  get progress(): PackProgress {
    return { loadedBytes: this.loaded, totalBytes: this.loaded, downloadedBytes: 0, file: '' };
  }

  async read(path: string): Promise<Uint8Array> {
    const db = await openDb(this.factory);
    try {
      const row = await new Promise<StoredPackFile | undefined>((resolve, reject) => {
        const r = db.transaction(STORE, 'readonly').objectStore(STORE).get(path);
        r.onsuccess = () => resolve(r.result as StoredPackFile | undefined);
        r.onerror = () => reject(r.error ?? new Error('IndexedDB read failed'));
      });
      if (!row) throw new Error(`Model pack file ${path} is missing in ${this.location}.`);
      this.loaded += row.bytes.byteLength;
      this.onProgress?.({ ...this.progress, file: path });
      return row.bytes;
    } finally {
      db.close();
    }
  }
}
