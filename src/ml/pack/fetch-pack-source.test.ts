/**
 * FetchPackSource over a scripted fetch: files stream in chunks into one buffer of the manifest's
 * size, progress is throttled while a file streams and exact when it is done, and a file whose size
 * differs from the manifest comes back as it arrived (readVerified then names the mismatch). The
 * real network and the Cache API are exercised by the e2e specs against the production build.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FetchPackSource, type PackProgress } from './fetch-pack-source';
import { PACK_FORMAT_VERSION } from './manifest';

const BASE = 'http://pack.test/models/default/';

function bytesOf(n: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
}

/** A Response whose body arrives in chunks of `chunk` bytes. */
function streamed(bytes: Uint8Array, chunk: number): Response {
  let at = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (at >= bytes.byteLength) {
          ctrl.close();
          return;
        }
        ctrl.enqueue(bytes.slice(at, at + chunk));
        at += chunk;
      },
    }),
  );
}

let files: Record<string, Uint8Array>;
let listed: Record<string, number>;

beforeEach(() => {
  vi.stubGlobal('location', { href: 'http://pack.test/' });
  vi.stubGlobal('fetch', (url: string) => {
    const path = url.slice(BASE.length);
    if (path === 'manifest.json') {
      const manifest = {
        formatVersion: PACK_FORMAT_VERSION,
        files: Object.entries(listed).map(([p, n]) => ({ path: p, bytes: n, sha256: '0'.repeat(64) })),
      };
      return Promise.resolve(new Response(JSON.stringify(manifest)));
    }
    const body = files[path];
    return Promise.resolve(body ? streamed(body, 1000) : new Response('missing', { status: 404 }));
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('FetchPackSource', () => {
  it('streams a file into one buffer and throttles progress to the file boundaries', async () => {
    files = { 'a.bin': bytesOf(250_000, 1), 'b.bin': bytesOf(1_234, 2) };
    listed = { 'a.bin': 250_000, 'b.bin': 1_234 };
    // The clock stands still: only the first chunk and the file boundaries are reported.
    vi.useFakeTimers({ toFake: ['performance'] });
    const reports: PackProgress[] = [];
    const source = new FetchPackSource(BASE, (p) => reports.push(p));
    await source.read('manifest.json');
    const a = await source.read('a.bin');
    const b = await source.read('b.bin');
    expect(a).toEqual(files['a.bin']);
    expect(b).toEqual(files['b.bin']);
    expect(reports.map((r) => [r.file, r.loadedBytes])).toEqual([
      ['a.bin', 1_000],
      ['a.bin', 250_000],
      ['b.bin', 251_234],
    ]);
    expect(reports.at(-1)?.totalBytes).toBe(251_234);
    expect(source.progress.downloadedBytes).toBe(251_234);
    // Once the throttle window has passed, a chunk is reported again.
    vi.advanceTimersByTime(100);
    await source.read('a.bin');
    expect(reports.at(-2)).toMatchObject({ file: 'a.bin', loadedBytes: 252_234 });
  });

  it('returns a file as it arrived when it is longer or shorter than the manifest says', async () => {
    files = { 'long.bin': bytesOf(5_500, 3), 'short.bin': bytesOf(2_500, 4) };
    listed = { 'long.bin': 4_000, 'short.bin': 3_000 };
    const source = new FetchPackSource(BASE);
    await source.read('manifest.json');
    expect(await source.read('long.bin')).toEqual(files['long.bin']);
    expect(await source.read('short.bin')).toEqual(files['short.bin']);
  });

  it('names a missing file', async () => {
    files = {};
    listed = { 'gone.bin': 10 };
    const source = new FetchPackSource(BASE);
    await source.read('manifest.json');
    await expect(source.read('gone.bin')).rejects.toThrow(/gone\.bin is missing from the model pack/);
  });
});
