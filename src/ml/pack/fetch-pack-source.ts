/**
 * Browser PackSource: reads a pack over fetch with byte progress. The pack's one cache belongs to
 * the service worker (public/sw.js: `categorizer-pack-<version>`, filled once per version, the old
 * version dropped when a new one is complete). This loader only reads it: the manifest comes from
 * the network (a new version must be seen; offline the service worker answers from its cache), the
 * files come from that version's cache when it holds them, else from the network. So a second visit
 * downloads nothing and the pack is stored once. Integrity (size + SHA-256) is checked by
 * readVerified on every read, cached or not.
 */
import { ManifestError, PACK_FORMAT_VERSION } from './manifest';
import type { PackSource } from './pack-source';
import { sha256Hex } from './sha256';

export interface PackProgress {
  /** Bytes of listed files read so far (from network or cache). */
  loadedBytes: number;
  /** Total bytes of the files the manifest lists (0 until the manifest is read). */
  totalBytes: number;
  /** Of loadedBytes, how many came over the network (0 on a warm second visit). */
  downloadedBytes: number;
  file: string;
}

export class PackFetchError extends Error {
  override name = 'PackFetchError';
}

/** Must match packCacheName in public/sw.js (scripts/sw-precache-plugin.test.ts checks it). */
export const SW_PACK_CACHE_PREFIX = 'categorizer-pack-';
/**
 * Caches this loader wrote itself before the service worker became the pack's one owner: the
 * same pack stored a second time, removed on sight.
 */
const LEGACY_CACHE_PREFIX = 'pack:';

/**
 * Progress is reported at most this often while a file streams in (and always when one is done).
 * Per chunk it was ~200 messages to the page in a cold start, each a store update and a render of
 * the status on the page's busy main thread; ~12 a second still moves a progress bar smoothly.
 */
const PROGRESS_INTERVAL_MS = 80;

export class FetchPackSource implements PackSource {
  readonly location: string;
  private readonly base: URL;
  private cacheName: string | null = null;
  private totalBytes = 0;
  private loadedBytes = 0;
  private downloadedBytes = 0;
  /** path -> SHA-256 from the manifest: only verified bytes go into the cache. */
  private readonly expected = new Map<string, string>();
  /** path -> size from the manifest: a file streams straight into one buffer of that size. */
  private readonly sizes = new Map<string, number>();
  private lastReport = -Infinity;

  constructor(
    modelUrl: string,
    private readonly onProgress?: (p: PackProgress) => void,
  ) {
    // Trailing slash so relative file paths resolve inside the pack folder.
    this.base = new URL(modelUrl.endsWith('/') ? modelUrl : `${modelUrl}/`, globalThis.location.href);
    this.location = this.base.href;
  }

  get progress(): PackProgress {
    return {
      loadedBytes: this.loadedBytes,
      totalBytes: this.totalBytes,
      downloadedBytes: this.downloadedBytes,
      file: '',
    };
  }

  async read(path: string): Promise<Uint8Array> {
    return path === 'manifest.json' ? this.readManifest() : this.readFile(path);
  }

  /** Always asks the network first (a new pack version must be seen); the cache serves offline. */
  private async readManifest(): Promise<Uint8Array> {
    const url = new URL('manifest.json', this.base).href;
    let bytes: Uint8Array;
    try {
      bytes = await this.fetchBytes(url, 'manifest.json', false);
    } catch (err) {
      const cached = await this.cachedManifest(url);
      if (!cached) throw err;
      bytes = cached;
    }
    let json: { formatVersion?: unknown; version?: unknown; name?: unknown; files?: unknown };
    try {
      json = JSON.parse(new TextDecoder().decode(bytes)) as typeof json;
    } catch {
      throw new ManifestError(`manifest.json in ${this.location} is not valid JSON.`);
    }
    if (json.formatVersion !== PACK_FORMAT_VERSION)
      throw new ManifestError(
        `The model pack at ${this.location} has format version ${String(json.formatVersion)}; this app reads version ${PACK_FORMAT_VERSION}. Update the app or use a matching pack.`,
      );
    const files = Array.isArray(json.files)
      ? (json.files as { bytes?: unknown; path?: unknown; sha256?: unknown }[])
      : [];
    for (const f of files) {
      if (typeof f.path === 'string' && typeof f.sha256 === 'string') this.expected.set(f.path, f.sha256);
      if (
        typeof f.path === 'string' &&
        typeof f.bytes === 'number' &&
        Number.isSafeInteger(f.bytes) &&
        f.bytes >= 0
      )
        this.sizes.set(f.path, f.bytes);
    }
    this.totalBytes = files.reduce((s, f) => s + (typeof f.bytes === 'number' ? f.bytes : 0), 0);
    if (typeof caches !== 'undefined' && typeof json.version === 'string') {
      try {
        // Only a cache the service worker has: opening one would create an empty cache it then
        // has to clean up.
        const name = `${SW_PACK_CACHE_PREFIX}${json.version}`;
        this.cacheName = (await caches.has(name)) ? name : null;
        for (const old of await caches.keys())
          if (old.startsWith(LEGACY_CACHE_PREFIX)) await caches.delete(old);
      } catch (err) {
        console.warn(`Cache API unavailable for the model pack (${String(err)}); files will be downloaded.`);
        this.cacheName = null;
      }
    }
    return bytes;
  }

  /** The manifest of whichever version the service worker holds (network down, no worker in between). */
  private async cachedManifest(url: string): Promise<Uint8Array | null> {
    if (typeof caches === 'undefined') return null;
    for (const name of (await caches.keys()).filter((n) => n.startsWith(SW_PACK_CACHE_PREFIX))) {
      const hit = await (await caches.open(name)).match(url);
      if (hit) return new Uint8Array(await hit.arrayBuffer());
    }
    return null;
  }

  private async readFile(path: string): Promise<Uint8Array> {
    const url = new URL(path, this.base).href;
    const cache = this.cacheName && typeof caches !== 'undefined' ? await caches.open(this.cacheName) : null;
    const hit = await cache?.match(url);
    if (hit) {
      const bytes = new Uint8Array(await hit.arrayBuffer());
      if (await this.matches(path, bytes)) {
        this.loadedBytes += bytes.byteLength;
        this.report(path);
        return bytes;
      }
      // A damaged entry: the network has the file (the service worker re-caches on its next check).
    }
    return this.fetchBytes(url, path, true);
  }

  private async matches(path: string, bytes: Uint8Array): Promise<boolean> {
    const want = this.expected.get(path);
    return want !== undefined && (await sha256Hex(bytes)) === want;
  }

  /** `done`: a file is complete (always reported); else at most every PROGRESS_INTERVAL_MS. */
  private report(file: string, done = true): void {
    const now = performance.now();
    if (!done && now - this.lastReport < PROGRESS_INTERVAL_MS) return;
    this.lastReport = now;
    this.onProgress?.({ ...this.progress, file });
  }

  private async fetchBytes(url: string, path: string, counted: boolean): Promise<Uint8Array> {
    let res: Response;
    try {
      res = await fetch(url, { cache: 'no-cache' });
    } catch (err) {
      throw new PackFetchError(
        `Network error while downloading ${path} from ${this.location} (${String(err)}). Check the connection and reload.`,
      );
    }
    if (res.status === 404)
      throw new PackFetchError(`${path} is missing from the model pack at ${this.location} (HTTP 404).`);
    if (!res.ok)
      throw new PackFetchError(`Downloading ${path} failed: HTTP ${res.status} ${res.statusText}.`);
    if (!res.body) {
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (counted) this.count(bytes.byteLength, path, true);
      return bytes;
    }
    // Streamed into one buffer of the manifest's size (no list of chunks copied once more at the
    // end: 7 MB of copying in a cold start); a file longer than listed falls back to the list, and
    // readVerified reports the size either way.
    const want = this.sizes.get(path);
    let whole: Uint8Array | null = want !== undefined ? new Uint8Array(want) : null;
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (whole && size + value.byteLength <= whole.byteLength) whole.set(value, size);
        else {
          if (whole) chunks.push(whole.subarray(0, size));
          whole = null;
          chunks.push(value);
        }
        size += value.byteLength;
        if (counted) this.count(value.byteLength, path, false);
      }
    } catch (err) {
      throw new PackFetchError(
        `Network error while downloading ${path} (${String(err)}). Check the connection and reload.`,
      );
    }
    if (counted) this.report(path);
    if (whole) return size === whole.byteLength ? whole : whole.slice(0, size);
    const out = new Uint8Array(size);
    let off = 0;
    for (const c of chunks) {
      out.set(c, off);
      off += c.byteLength;
    }
    return out;
  }

  private count(n: number, file: string, done: boolean): void {
    this.loadedBytes += n;
    this.downloadedBytes += n;
    this.report(file, done);
  }
}
