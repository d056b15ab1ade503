/**
 * The merchant's learning data on the device (IndexedDB): corrections (listing text + chosen
 * Shopify id) and the adapted head weights per pack version with their report. Nothing leaves
 * the browser. A promise API over the few IndexedDB calls the adapt slice needs.
 */
import type { AdaptReport, HeadWeights } from '../inference/inference-client';

export const ADAPT_DB = 'product-categorizer-learning';
/** Bump with an upgrade step when the stores change shape. */
const DB_VERSION = 1;
const CORRECTIONS = 'corrections';
const HEADS = 'heads';

export interface StoredCorrection {
  /** The listing text, trimmed: the key (correcting a listing again replaces its category). */
  text: string;
  categoryId: string;
  source: 'single' | 'batch';
  /** ms since epoch. */
  at: number;
}

export interface StoredHeads {
  /** The pack version the heads were trained on (the key): other packs never use them. */
  packVersion: string;
  heads: HeadWeights;
  report: AdaptReport;
  /** What the model learned from. */
  trainedOn: 'corrections' | 'catalog file';
  at: number;
}

export interface AdaptStorage {
  listCorrections(): Promise<StoredCorrection[]>;
  putCorrection(c: StoredCorrection): Promise<void>;
  deleteCorrection(text: string): Promise<void>;
  clearCorrections(): Promise<void>;
  getHeads(packVersion: string): Promise<StoredHeads | null>;
  putHeads(h: StoredHeads): Promise<void>;
  deleteHeads(packVersion: string): Promise<void>;
  close(): void;
}

const req = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });

/** Resolves when the transaction commits (a put is durable only then). */
const done = (tx: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });

export async function openAdaptStorage(factory: IDBFactory, name = ADAPT_DB): Promise<AdaptStorage> {
  const open = factory.open(name, DB_VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains(CORRECTIONS)) db.createObjectStore(CORRECTIONS, { keyPath: 'text' });
    if (!db.objectStoreNames.contains(HEADS)) db.createObjectStore(HEADS, { keyPath: 'packVersion' });
  };
  const db = await req(open);
  const write = async (store: string, fn: (s: IDBObjectStore) => void): Promise<void> => {
    const tx = db.transaction(store, 'readwrite');
    fn(tx.objectStore(store));
    await done(tx);
  };
  const read = <T>(store: string, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> =>
    req(fn(db.transaction(store, 'readonly').objectStore(store)));
  return {
    listCorrections: async () =>
      ((await read(CORRECTIONS, (s) => s.getAll())) as StoredCorrection[]).sort((a, b) => b.at - a.at),
    putCorrection: (c) => write(CORRECTIONS, (s) => s.put({ ...c, text: c.text.trim() })),
    deleteCorrection: (text) => write(CORRECTIONS, (s) => s.delete(text.trim())),
    clearCorrections: () => write(CORRECTIONS, (s) => s.clear()),
    getHeads: async (v) => ((await read(HEADS, (s) => s.get(v))) as StoredHeads | undefined) ?? null,
    putHeads: (h) => write(HEADS, (s) => s.put(h)),
    deleteHeads: (v) => write(HEADS, (s) => s.delete(v)),
    close: () => db.close(),
  };
}
