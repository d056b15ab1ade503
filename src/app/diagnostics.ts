/**
 * Diagnostics hooks for black-box browser tests, loaded only with `?diagnostics` in the URL:
 * lets e2e run the tokenizer's golden check in the real browser build.
 */
import type { GoldenFile } from '../ml/tokenizer/golden-check';

export interface Diagnostics {
  tokenizerGolden(golden: unknown): Promise<{ ok: boolean; mismatches: string[]; ids: number[][] }>;
}

declare global {
  interface Window {
    __diagnostics?: Diagnostics;
  }
}

export function installDiagnostics(): void {
  if (!new URLSearchParams(window.location.search).has('diagnostics')) return;
  window.__diagnostics = {
    async tokenizerGolden(golden) {
      const { checkGolden } = await import('../ml/tokenizer/golden-check');
      const { featureIds } = await import('../ml/tokenizer/tokenize');
      const g = golden as GoldenFile;
      const res = checkGolden(golden);
      return { ...res, ids: g.cases.map((c) => Array.from(featureIds(c.input, g.config))) };
    },
  };
  document.documentElement.dataset.diagnostics = 'ready';
}
