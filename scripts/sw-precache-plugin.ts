/**
 * Vite plugin: writes the service worker (public/sw.js) into the build with its precache list, the
 * build's files (the app shell, the worker, the TF.js WASM binaries) and a build id that names its
 * cache. The model pack is not listed here: the worker reads the pack's own manifest.json, so a new
 * pack needs no new build.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/**
 * Files of the build the worker does not precache: itself, the pack (cached by its manifest) and the
 * gzip copies precompress-plugin.ts writes (the server's encoding of the same files).
 */
const SKIP = [/^sw\.js$/, /^models\//, /\.gz$/];

/** Paths of the files under `dir`, relative to it with '/' separators, sorted. */
export function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

/** The precache list (index.html first, so a failed install names the page first) and build id. */
export function precacheOf(files: readonly string[], indexHtml: string): { shell: string[]; build: string } {
  const shell = files.filter((f) => !SKIP.some((re) => re.test(f)));
  shell.sort((a, b) => Number(b === 'index.html') - Number(a === 'index.html') || a.localeCompare(b));
  // Asset names are content-hashed, so the names plus the one unhashed file identify the build.
  const build = createHash('sha256').update(shell.join('\n')).update(indexHtml).digest('hex').slice(0, 16);
  return { shell, build };
}

/** Fills the template's placeholders; throws if the template lost them (a silent no-op SW is worse). */
export function renderServiceWorker(template: string, shell: readonly string[], build: string): string {
  if (!template.includes("'__SW_BUILD__'") || !template.includes('/*__SW_SHELL__*/ []'))
    throw new Error('sw.js template is missing its __SW_BUILD__ / __SW_SHELL__ placeholders');
  return template
    .replace("'__SW_BUILD__'", JSON.stringify(build))
    .replace('/*__SW_SHELL__*/ []', JSON.stringify(shell));
}

export function swPrecache(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'sw-precache',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    // After the bundle is written, so every emitted file (worker chunks, .wasm) is on disk.
    closeBundle() {
      const outDir = path.resolve(config.root, config.build.outDir);
      const template = readFileSync(path.join(config.publicDir, 'sw.js'), 'utf8');
      const { shell, build } = precacheOf(
        listFiles(outDir),
        readFileSync(path.join(outDir, 'index.html'), 'utf8'),
      );
      writeFileSync(path.join(outDir, 'sw.js'), renderServiceWorker(template, shell, build));
    },
  };
}
