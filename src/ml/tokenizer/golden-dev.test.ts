/**
 * Holds featureIds, tokenize and wordTokens to golden-dev.json on all 1,050 merchant dev set rows
 * (real en/zh listings): the ids trained packs were built with must not move when the
 * tokenizer is optimized. Regenerate only for a deliberate change (golden-dev.gen.ts).
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { devRowDigest, parseDevSet } from './golden-dev';
import { DEFAULT_TOKENIZER_CONFIG as CFG } from './tokenizer-config';

type Row = [id: string, text: number, nIds: number, ids: number, tokens: number, words: number];

const golden = JSON.parse(readFileSync(new URL('./golden-dev.json', import.meta.url), 'utf8')) as Row[];
const dev = new Map(
  parseDevSet(readFileSync(new URL('../../../data/dev/merchant-listings.tsv', import.meta.url), 'utf8')),
);

describe('golden-dev.json', () => {
  it('matches the tokenizer on every dev set row', () => {
    const diffs: string[] = [];
    let checked = 0;
    for (const [id, text, nIds, ids, tokens, words] of golden) {
      const input = dev.get(id);
      const got = input === undefined ? undefined : devRowDigest(id, input, CFG);
      // An edited or removed dev row is not a tokenizer change: skipped, but counted below.
      if (got === undefined || got.text !== text) continue;
      checked++;
      const what = [
        got.nIds !== nIds ? `${got.nIds} ids, golden ${nIds}` : '',
        got.ids !== ids ? 'featureIds' : '',
        got.tokens !== tokens ? 'tokenize' : '',
        got.words !== words ? 'wordTokens' : '',
      ].filter((w) => w !== '');
      if (what.length > 0) diffs.push(`${id}: ${what.join(', ')} differ for ${JSON.stringify(input)}`);
    }
    expect(diffs.slice(0, 10)).toEqual([]);
    // Regenerate (golden-dev.gen.ts) if the dev set itself was rewritten.
    expect(checked).toBeGreaterThanOrEqual(1000);
  });
});
