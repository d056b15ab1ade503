/** Holds the tokenizer to the committed golden.json (regenerate with golden.gen.ts, review). */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkGolden } from './golden-check';

// Read with JSON.parse, not imported: the file holds lone-surrogate escapes (\ud800) on purpose,
// which Vite 8.3's JSON transform rejects although they are valid JSON.
const golden = JSON.parse(readFileSync(new URL('./golden.json', import.meta.url), 'utf8')) as unknown;

describe('golden.json', () => {
  it('matches the tokenizer exactly', () => {
    const r = checkGolden(golden);
    expect(r.mismatches).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('reports a changed feature', () => {
    const copy = JSON.parse(JSON.stringify(golden)) as { cases: { features: string[] }[] };
    copy.cases[0]!.features[0] = 'w:tampered';
    const r = checkGolden(copy);
    expect(r.ok).toBe(false);
    expect(r.mismatches.join('\n')).toMatch(/features\[0\]: expected "w:tampered"/);
  });

  it('rejects a malformed file', () => {
    expect(checkGolden(null).ok).toBe(false);
    expect(checkGolden({ config: {}, hashes: [], cases: [] }).ok).toBe(false);
  });
});
