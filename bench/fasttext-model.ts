/**
 * Makes sure the fastText peer model exists: the level-1 model `npm run eval` trains (same rows,
 * same word tokens, same settings, same cache under data/build/fasttext/), trained here when it is
 * missing. Prints the .bin path. Run by `npm run bench` before the browser specs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PackManifest } from '../src/ml/pack/manifest';
import { wordTokens } from '../src/ml/tokenizer/tokenize';
import { readCorpus } from '../training/data/load-corpus';
import { trainFastText } from '../training/eval/fasttext';
import { BUILD_DIR, CORPUS_PATH, MODELS_DIR } from '../training/paths';
import { modelText } from '../training/train/dataset';

async function main() {
  if (!existsSync(CORPUS_PATH)) throw new Error('No corpus: run `npm run data` first.');
  const manifest = JSON.parse(
    readFileSync(path.join(MODELS_DIR, 'default', 'manifest.json'), 'utf8'),
  ) as PackManifest;
  const rows = (await readCorpus(CORPUS_PATH)).filter((r) => r.split === 'train');
  const t0 = performance.now();
  // Same name and rows as training/cli/eval.ts, so either one reuses the other's cached model.
  const m = trainFastText(
    rows.map((r) => ({ label: r.l1, tokens: wordTokens(modelText(r.text, r.extra), manifest.tokenizer) })),
    path.join(BUILD_DIR, 'fasttext'),
    'level1',
  );
  const s = ((performance.now() - t0) / 1000).toFixed(0);
  console.log(
    `fastText level-1 model: ${m.modelPath} (${s} s here, trained in ${m.trainSeconds.toFixed(0)} s)`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
