/**
 * E2E against the production build (vite preview), driving an existing Chromium: never a
 * downloaded browser. CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { defineConfig } from '@playwright/test';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// E2E_PORT / E2E_DIST let several checkouts (or helpers) run e2e side by side on one machine.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const DIST = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: './e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}/`,
    browserName: 'chromium',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-default-apps',
        '--disable-domain-reliability',
        '--enable-unsafe-webgpu',
        // Each new context preloads Chromium's own omnibox-popup WebUI in another renderer: ~0.6 s
        // of CPU during every cold start on these 2 cores (traced), browser chrome that a user's
        // long-open browser has long since loaded, not the page under test. Chromium 156.0.8078.108
        // added the AIM and full popups (aim_app.js, full_app.js in traces), each its own feature.
        '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup,PreloadTopChromeWebUI',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --host localhost --outDir ${DIST}`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
