/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './scripts/precompress-plugin.js';
import { swPrecache } from './scripts/sw-precache-plugin.js';

/**
 * The app (dev server and build) resolves `@tensorflow/tfjs` to core + layers only, each backend
 * imported when it is tried (src/ml/backend/tfjs-subset.ts: cold start, issue #5). Vitest keeps the
 * full package, as Node and training do.
 */
const tfjsSubset = process.env.VITEST
  ? []
  : [
      {
        find: /^@tensorflow\/tfjs$/,
        replacement: fileURLToPath(new URL('./src/ml/backend/tfjs-subset.ts', import.meta.url)),
      },
    ];

// base './' so the built dist/ works from any static host and any sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), swPrecache(), precompress()],
  resolve: { alias: tfjsSubset },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // The TF.js bundle is large by nature; it is split out and cached separately.
    chunkSizeWarningLimit: 4096,
  },
  preview: { port: 4173, strictPort: true, host: '127.0.0.1' },
  server: { port: 5173, host: '127.0.0.1' },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'training/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // ML tests run real TF.js (wasm) on 2 cores: give them room, and keep files in parallel low.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
