/**
 * Service worker: precaches the app shell (every file of the build, the TF.js WASM binaries among
 * them) and the model pack (the files its manifest.json lists), so that after one visit the app
 * works with the network off. Boundary file: the build (scripts/sw-precache-plugin.ts) replaces
 * the two placeholders below; the page talks to it through src/app/service-worker-registration.ts.
 *
 * Caches (all named with PREFIX so that nothing else's caches are touched):
 *   shell-<build>  the build's files; a new build is a new cache, the old one goes on activate
 *   pack-<version> the pack's files under the manifest's content version; older ones go once a
 *                  newer version is fully cached. The pack's only cache: the loader
 *                  (src/ml/pack/fetch-pack-source.ts) reads its files from here and writes none.
 */
/* eslint-disable */
const BUILD = '__SW_BUILD__';
/** Paths of the build's files, relative to the scope (index.html first). */
const SHELL = /*__SW_SHELL__*/ [];
const PACK_DIR = 'models/default/';
const PREFIX = 'categorizer-';
const SHELL_CACHE = `${PREFIX}shell-${BUILD}`;
const META_CACHE = `${PREFIX}meta`;
/** The loader reads this cache by name: keep it equal to SW_PACK_CACHE_PREFIX in fetch-pack-source.ts. */
const packCacheName = (version) => `${PREFIX}pack-${version}`;

const scope = () => self.registration.scope;
const abs = (p) => new URL(p, scope()).href;
const metaKey = () => abs('__sw-meta.json');

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      if (BUILD.startsWith('__')) throw new Error('sw.js was not processed by the build');
      const shell = await caches.open(SHELL_CACHE);
      // cache: 'reload' so the precache never takes a stale copy from the HTTP cache.
      await shell.addAll(SHELL.map((p) => new Request(abs(p), { cache: 'reload' })));
      await precachePack();
    })().catch(async (err) => {
      // A failed install is otherwise silent: tell the pages why, then fail it (it is retried on the next visit).
      const error = `the offline copy could not be saved (${err && err.message ? err.message : err})`;
      for (const c of await self.clients.matchAll({ includeUncontrolled: true }))
        c.postMessage({ type: 'install-error', error });
      throw err;
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const pack = await currentPack();
      const keep = new Set([SHELL_CACHE, META_CACHE, pack ? packCacheName(pack) : '']);
      for (const name of await caches.keys())
        if (name.startsWith(PREFIX) && !keep.has(name)) await caches.delete(name);
    })(),
  );
});

async function currentPack() {
  const hit = await (await caches.open(META_CACHE)).match(metaKey());
  return hit ? (await hit.json()).pack : null;
}

async function sha256Hex(buf) {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Reads the manifest from the network and caches every file it lists (size and SHA-256 checked)
 * under the manifest's version. Returns that version; throws (with why) if the network or a file
 * fails, leaving the previous version in place.
 */
async function precachePack() {
  const manifestUrl = abs(`${PACK_DIR}manifest.json`);
  const res = await fetch(manifestUrl, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`manifest.json: HTTP ${res.status}`);
  const bytes = await res.arrayBuffer();
  const manifest = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof manifest.version !== 'string' || !Array.isArray(manifest.files))
    throw new Error('manifest.json has no version or file list');
  const version = manifest.version;
  const name = packCacheName(version);
  const cache = await caches.open(name);
  // The manifest is written last: its presence means the version is complete.
  if (!(await cache.match(manifestUrl))) {
    for (const f of manifest.files) {
      const url = abs(`${PACK_DIR}${f.path}`);
      if (await cache.match(url)) continue;
      const r = await fetch(url, { cache: 'no-cache' });
      if (!r.ok) throw new Error(`${f.path}: HTTP ${r.status}`);
      const buf = await r.arrayBuffer();
      if (buf.byteLength !== f.bytes || (await sha256Hex(buf)) !== f.sha256)
        throw new Error(`${f.path} does not match the manifest (size or SHA-256)`);
      await cache.put(
        url,
        new Response(buf, { headers: { 'content-type': r.headers.get('content-type') ?? '' } }),
      );
    }
    await cache.put(manifestUrl, new Response(bytes, { headers: { 'content-type': 'application/json' } }));
  }
  const previous = await currentPack();
  await (await caches.open(META_CACHE)).put(metaKey(), Response.json({ pack: version }));
  // Only the active worker may drop the version it replaced (an installing one may be abandoned).
  if (previous && previous !== version && self.registration.active)
    await caches.delete(packCacheName(previous));
  return version;
}

self.addEventListener('message', (event) => {
  const msg = event.data;
  if (!msg || msg.type !== 'check-pack') return;
  event.waitUntil(
    (async () => {
      let latest = null;
      let error = null;
      try {
        latest = await precachePack();
      } catch (err) {
        // Offline, or the server's pack is broken: the cached version stays usable.
        error = String(err && err.message ? err.message : err);
      }
      event.source?.postMessage({
        type: 'pack-status',
        build: BUILD,
        cached: await currentPack(),
        latest,
        error,
      });
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || !req.url.startsWith(scope())) return;
  if (req.mode === 'navigate') event.respondWith(networkFirst(req, abs('index.html')));
  // The pack's files keep their names across versions: the network decides, the cache is the fallback.
  else if (req.url.startsWith(abs(PACK_DIR))) event.respondWith(networkFirst(req, null));
  // The build's files are content-hashed: the cache is always right.
  else event.respondWith(cacheFirst(req));
});

async function networkFirst(req, fallbackUrl) {
  try {
    return await fetch(req);
  } catch (err) {
    const hit = await caches.match(fallbackUrl ?? req, { ignoreSearch: true });
    if (hit) return hit;
    throw err;
  }
}

async function cacheFirst(req) {
  return (await caches.match(req, { ignoreSearch: true })) ?? fetch(req);
}
