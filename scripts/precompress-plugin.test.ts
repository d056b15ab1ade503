/**
 * The build's gzip copies and the preview server's choice of them: only compressible files of 1 KiB
 * or more get a copy, the copy gunzips to the file, and a request is answered from a copy only when
 * one exists, the client takes gzip, and the path stays inside the build folder.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { precompressDir, precompressedFor } from './precompress-plugin';

const root = mkdtempSync(path.join(tmpdir(), 'precompress-'));
const big = 'const x = "a listing";\n'.repeat(200);
mkdirSync(path.join(root, 'assets'));
mkdirSync(path.join(root, 'models', 'default'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), `<!doctype html><title>x</title>${'<p>x</p>'.repeat(200)}`);
writeFileSync(path.join(root, 'assets', 'app-abc.js'), big);
writeFileSync(path.join(root, 'assets', 'tiny.js'), 'export {};');
writeFileSync(path.join(root, 'assets', 'core.wasm'), Buffer.alloc(4096, 7));
writeFileSync(path.join(root, 'models', 'default', 'deep.json'), JSON.stringify({ nodes: big.split('\n') }));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('precompress', () => {
  it('writes a .gz copy of compressible files of 1 KiB or more, which gunzips to the file', () => {
    expect(precompressDir(root).sort()).toEqual([
      'assets/app-abc.js',
      'index.html',
      'models/default/deep.json',
    ]);
    for (const rel of ['assets/app-abc.js', 'models/default/deep.json'])
      expect(gunzipSync(readFileSync(path.join(root, `${rel}.gz`)))).toEqual(
        readFileSync(path.join(root, rel)),
      );
  });

  it('answers from a copy only when there is one, gzip is accepted, and the path is inside the build', () => {
    const hit = precompressedFor(root, '/assets/app-abc.js?v=1', 'GET', 'gzip, deflate, br');
    expect(hit).toMatchObject({ type: 'text/javascript', gz: path.join(root, 'assets', 'app-abc.js.gz') });
    expect(precompressedFor(root, '/', 'GET', 'gzip')?.type).toBe('text/html');
    expect(precompressedFor(root, '/models/default/deep.json', 'HEAD', 'gzip')?.type).toBe(
      'application/json',
    );
    expect(precompressedFor(root, '/assets/app-abc.js', 'GET', 'br')).toBeNull();
    expect(precompressedFor(root, '/assets/app-abc.js', 'POST', 'gzip')).toBeNull();
    expect(precompressedFor(root, '/assets/tiny.js', 'GET', 'gzip')).toBeNull();
    expect(precompressedFor(root, '/assets/core.wasm', 'GET', 'gzip')).toBeNull();
    expect(precompressedFor(root, '/assets/%2e%2e/%2e%2e/etc/passwd', 'GET', 'gzip')).toBeNull();
    expect(precompressedFor(root, '/%E0%A4%A', 'GET', 'gzip')).toBeNull();
  });
});
