/**
 * Golden-file check for the tokenizer: recomputes every case of golden.json and reports
 * differences. Pure (no Node, no DOM) so the same function runs under Vitest and in a headless
 * browser page, proving both runtimes tokenize and hash identically.
 */

import { murmur3_32 } from './hash';
import { featureIds, tokenize, wordTokens } from './tokenize';
import { DEFAULT_TOKENIZER_CONFIG, validateTokenizerConfig, type TokenizerConfig } from './tokenizer-config';

export interface GoldenCase {
  name: string;
  input: string;
  wordTokens: string[];
  features: string[];
  ids: number[];
}

export interface GoldenHash {
  input: string;
  seed: number;
  hash: number;
}

export interface GoldenFile {
  config: TokenizerConfig;
  hashes: GoldenHash[];
  cases: GoldenCase[];
}

/** The expected values for one input, as golden.gen.ts writes them. */
export function computeGoldenCase(name: string, input: string, cfg: Readonly<TokenizerConfig>): GoldenCase {
  return {
    name,
    input,
    wordTokens: wordTokens(input, cfg),
    features: tokenize(input, cfg).map((t) => t.feature),
    ids: Array.from(featureIds(input, cfg)),
  };
}

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function show(v: unknown): string {
  return v === undefined ? '(missing)' : JSON.stringify(v);
}

/** Pushes one message for the first difference between two arrays (and their lengths). */
function compareArrays(where: string, expected: unknown, actual: readonly unknown[], out: string[]): void {
  if (!Array.isArray(expected)) {
    out.push(`${where}: expected value is not an array`);
    return;
  }
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    if (expected[i] !== actual[i]) {
      out.push(
        `${where}[${i}]: expected ${show(expected[i])}, got ${show(actual[i])}` +
          (expected.length !== actual.length ? ` (length ${expected.length} vs ${actual.length})` : ''),
      );
      return;
    }
  }
}

/** Recomputes everything in a parsed golden.json; `ok` is true when nothing differs. */
export function checkGolden(golden: unknown): { ok: boolean; mismatches: string[] } {
  const mismatches: string[] = [];
  if (!isObj(golden) || !Array.isArray(golden['cases']) || !Array.isArray(golden['hashes'])) {
    return { ok: false, mismatches: ['golden: not an object with "config", "hashes" and "cases"'] };
  }
  let cfg: TokenizerConfig;
  try {
    cfg = validateTokenizerConfig(golden['config']);
  } catch (e) {
    return { ok: false, mismatches: [`golden.config: ${e instanceof Error ? e.message : String(e)}`] };
  }
  // A changed default must come with a regenerated golden file, deliberately.
  if (JSON.stringify(cfg) !== JSON.stringify(DEFAULT_TOKENIZER_CONFIG)) {
    mismatches.push('golden.config differs from DEFAULT_TOKENIZER_CONFIG');
  }
  for (const [i, h] of (golden['hashes'] as unknown[]).entries()) {
    if (!isObj(h) || typeof h['input'] !== 'string' || typeof h['seed'] !== 'number') {
      mismatches.push(`hashes[${i}]: malformed`);
      continue;
    }
    const got = murmur3_32(h['input'], h['seed']);
    if (got !== h['hash']) {
      mismatches.push(
        `hashes[${i}] murmur3_32(${show(h['input'])}, ${h['seed']}): expected ${show(h['hash'])}, got ${got}`,
      );
    }
  }
  for (const [i, c] of (golden['cases'] as unknown[]).entries()) {
    if (!isObj(c) || typeof c['input'] !== 'string') {
      mismatches.push(`cases[${i}]: malformed`);
      continue;
    }
    const name = typeof c['name'] === 'string' ? c['name'] : `#${i}`;
    let got: GoldenCase;
    try {
      got = computeGoldenCase(name, c['input'], cfg);
    } catch (e) {
      mismatches.push(`${name}: threw ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    compareArrays(`${name}.wordTokens`, c['wordTokens'], got.wordTokens, mismatches);
    compareArrays(`${name}.features`, c['features'], got.features, mismatches);
    compareArrays(`${name}.ids`, c['ids'], got.ids, mismatches);
  }
  return { ok: mismatches.length === 0, mismatches };
}
