/**
 * `npm run bench`: the benchmark specs (bench/*.bench.spec.ts) against the production build in
 * dist-bench, served by vite preview on its own port so a bench never collides with e2e runs.
 * Same Chromium (Debian's, never downloaded) and flags as playwright.config.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

/**
 * Port 4190 and folder dist-bench belong to the bench (the e2e runs use 4173 and their own);
 * BENCH_PORT / BENCH_DIST let two helpers run different bench specs side by side.
 */
const PORT = Number(process.env.BENCH_PORT ?? 4190);
const DIST = process.env.BENCH_DIST ?? 'dist-bench';

export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.spec.ts',
  // A bench runs every backend, the CPU one included, on 10,000 listings each; 2 shared cores.
  timeout: 20 * 60_000,
  expect: { timeout: 120_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { ...base.use, baseURL: `http://localhost:${PORT}/` },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --host localhost --outDir ${DIST}`,
    url: `http://localhost:${PORT}/`,
    // The server runs from the repository root (Playwright's default is this config's folder).
    cwd: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
