import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SW_PACK_CACHE_PREFIX } from '../src/ml/pack/fetch-pack-source';
import { listFiles, precacheOf, renderServiceWorker } from './sw-precache-plugin';

describe('sw precache plugin', () => {
  it('lists the build but not the pack, the gzip copies or the worker itself, index.html first', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sw-'));
    mkdirSync(path.join(dir, 'assets'));
    mkdirSync(path.join(dir, 'models/default'), { recursive: true });
    for (const f of [
      'index.html',
      'index.html.gz',
      'sw.js',
      'assets/a-1.js',
      'assets/a-1.js.gz',
      'assets/b.wasm',
      'models/default/model.json',
    ])
      writeFileSync(path.join(dir, f), f);
    const { shell } = precacheOf(listFiles(dir), '<html>');
    expect(shell).toEqual(['index.html', 'assets/a-1.js', 'assets/b.wasm']);
  });

  it('gives a new build id when a file name or index.html changes, the same one otherwise', () => {
    const a = precacheOf(['index.html', 'assets/x-1.js'], 'one').build;
    expect(precacheOf(['index.html', 'assets/x-1.js'], 'one').build).toBe(a);
    expect(precacheOf(['index.html', 'assets/x-2.js'], 'one').build).not.toBe(a);
    expect(precacheOf(['index.html', 'assets/x-1.js'], 'two').build).not.toBe(a);
  });

  it('names the pack cache the way the loader reads it (one cache, owned by the service worker)', () => {
    const sw = readFileSync(path.resolve('public/sw.js'), 'utf8');
    const prefix = /const PREFIX = '([^']+)'/.exec(sw)?.[1];
    expect(sw).toContain('const packCacheName = (version) => `${PREFIX}pack-${version}`;');
    expect(`${prefix}pack-`).toBe(SW_PACK_CACHE_PREFIX);
  });

  it('fills the real template, and refuses one without placeholders', () => {
    const template = readFileSync(path.resolve('public/sw.js'), 'utf8');
    const out = renderServiceWorker(template, ['index.html', 'assets/a.js'], 'abc123');
    expect(out).toContain('const BUILD = "abc123"');
    expect(out).toContain('const SHELL = ["index.html","assets/a.js"]');
    expect(out).not.toContain('__SW_SHELL__');
    expect(() => renderServiceWorker('self.addEventListener("fetch", () => {})', [], 'x')).toThrow(
      /placeholders/,
    );
  });
});
