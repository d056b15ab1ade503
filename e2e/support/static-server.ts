/**
 * A tiny static file server for e2e: serves a production build (E2E_DIST) under any sub-path, the
 * way a plain static host would (no SPA rewrites, no special headers). Tests can swap a file's body
 * (a new model manifest) and stop the server to take the site offline for real.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  // instantiateStreaming needs the right type for the TF.js WASM binaries.
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
};

export interface StaticSite {
  /** Absolute URL of the app's folder, ending in '/'. */
  url: string;
  /** Serve this body instead of the file at `file` (a path relative to the build folder). */
  override(file: string, body: string | null): void;
  /** Every path requested so far (relative to the sub-path). */
  requests: string[];
  close(): Promise<void>;
}

export async function serveBuild(
  subPath: string,
  dist = process.env.E2E_DIST ?? 'dist',
): Promise<StaticSite> {
  const root = path.resolve(dist);
  const prefix = `/${subPath.replace(/^\/+|\/+$/g, '')}/`;
  const overrides = new Map<string, string>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (pathname === prefix.slice(0, -1)) {
      res.writeHead(301, { location: prefix }).end();
      return;
    }
    if (!pathname.startsWith(prefix)) {
      res.writeHead(404).end('not under the sub-path');
      return;
    }
    let rel = pathname.slice(prefix.length);
    requests.push(rel);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const type = TYPES[path.extname(rel)] ?? 'application/octet-stream';
    const body = overrides.get(rel);
    if (body !== undefined) {
      res.writeHead(200, { 'content-type': type }).end(body);
      return;
    }
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': type, 'content-length': st.size });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}${prefix}`,
    override: (file, body) => (body === null ? overrides.delete(file) : overrides.set(file, body)),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
