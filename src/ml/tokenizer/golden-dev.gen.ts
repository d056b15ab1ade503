/**
 * Writes golden-dev.json: the tokenizer's output digests for every merchant dev set row. Only
 * regenerate for a deliberate tokenizer change (it remaps what trained packs learned).
 * Rows are [id, text, nIds, ids, tokens, words] (see DevRowDigest).
 * Run: npx tsx src/ml/tokenizer/golden-dev.gen.ts > src/ml/tokenizer/golden-dev.json &&
 *      npx prettier --write src/ml/tokenizer/golden-dev.json
 */

import { readFileSync } from 'node:fs';
import { devRowDigest, parseDevSet, type DevRowDigest } from './golden-dev';
import { DEFAULT_TOKENIZER_CONFIG } from './tokenizer-config';

const tsv = readFileSync(new URL('../../../data/dev/merchant-listings.tsv', import.meta.url), 'utf8');
const rows = parseDevSet(tsv).map(([id, text]) => devRowDigest(id, text, DEFAULT_TOKENIZER_CONFIG));
// One row per line: a tokenizer change shows as the rows it touched.
const line = (r: DevRowDigest) => JSON.stringify([r.id, r.text, r.nIds, r.ids, r.tokens, r.words]);
console.log(`[\n${rows.map((r) => `  ${line(r)}`).join(',\n')}\n]`);
