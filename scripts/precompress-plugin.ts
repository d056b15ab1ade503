/**
 * Vite plugin: the build writes a gzip copy (`<file>.gz`, level 9) beside every compressible file
 * of 1 KiB or more (scripts, styles, HTML, JSON: the app and the model pack's tables), and `vite
 * preview` serves those copies as they are (Content-Encoding: gzip) instead of compressing each
 * response on the fly. Static hosts do the same from such files (nginx gzip_static, most CDNs).
 * Why: on this 2-core machine a cold start is CPU-bound, and vite preview spent ~0.3 s of CPU per
 * cold start compressing ~2 MB of scripts and ~2 MB of pack JSON, beside the browser (measured from
 * the server process's CPU time over four cold starts).
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';
import { listFiles } from './sw-precache-plugin.js';

/** What gets a .gz copy, and the Content-Type it is served with. */
export const COMPRESSIBLE: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain',
};
/** Below this, gzip's header costs more than it saves (the same threshold vite preview uses). */
const MIN_BYTES = 1024;

/** Writes `<file>.gz` for each compressible file of `dir`; returns the files it compressed. */
export function precompressDir(dir: string): string[] {
  const done: string[] = [];
  for (const rel of listFiles(dir)) {
    if (!(path.extname(rel) in COMPRESSIBLE)) continue;
    const file = path.join(dir, rel);
    const bytes = readFileSync(file);
    if (bytes.byteLength < MIN_BYTES) continue;
    writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
    done.push(rel);
  }
  return done;
}

/**
 * The file under `root` a request asks for, if it has a .gz copy and the client takes gzip; null
 * to leave the request to vite preview (which compresses on the fly, or serves it as it is).
 */
export function precompressedFor(
  root: string,
  url: string,
  method: string,
  acceptEncoding: string,
): { file: string; gz: string; type: string } | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  if (!/\bgzip\b/.test(acceptEncoding)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return null;
  }
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.resolve(root, `.${rel}`);
  // Never outside the build folder ('..' in a path).
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  const type = COMPRESSIBLE[path.extname(file)];
  if (!type || !existsSync(`${file}.gz`)) return null;
  return { file, gz: `${file}.gz`, type };
}

function serve(root: string) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const hit = precompressedFor(
      root,
      req.url ?? '/',
      req.method ?? 'GET',
      String(req.headers['accept-encoding'] ?? ''),
    );
    if (!hit) return next();
    const stat = statSync(hit.gz);
    // As sirv does for the plain file: revalidate every time, 304 when unchanged.
    const etag = `W/"${stat.size}-${stat.mtime.getTime()}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.setHeader('Content-Type', hit.type);
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', stat.size);
    res.end(req.method === 'HEAD' ? undefined : readFileSync(hit.gz));
  };
}

export function precompress(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'precompress',
    configResolved(c) {
      config = c;
    },
    // After the bundle and the service worker (sw-precache-plugin.ts) are written.
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        if (config.command !== 'build') return;
        precompressDir(path.resolve(config.root, config.build.outDir));
      },
    },
    // Added before vite preview's own middlewares, its on-the-fly compression included.
    configurePreviewServer(server) {
      server.middlewares.use(serve(path.resolve(config.root, config.build.outDir)));
    },
  };
}
