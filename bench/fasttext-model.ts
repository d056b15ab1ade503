/**
 * Makes sure the fastText peer model exists: the level-1 model `npm run eval` trains (same rows,
 * same word tokens, same settings, same cache under data/build/fasttext/), trained here when it is
 * missing, then quantized to level1.ftz for the browser (the .bin is ~500 MB: too big to hand to a
 * page, and a browser app would never ship it). Run by `npm run bench` before the browser specs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PackManifest } from '../src/ml/pack/manifest';
import { wordTokens } from '../src/ml/tokenizer/tokenize';
import { readCorpus } from '../training/data/load-corpus';
import { ensureFastText, trainFastText } from '../training/eval/fasttext';
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
  // Product quantization without retraining (fastText's defaults: dsub 2, no cutoff).
  const out = m.modelPath.replace(/\.bin$/, '');
  const ftz = `${out}.ftz`;
  if (!existsSync(ftz) || statSync(ftz).mtimeMs < statSync(m.modelPath).mtimeMs) {
    const r = spawnSync(ensureFastText(), ['quantize', '-input', `${out}.train.txt`, '-output', out], {
      encoding: 'utf8',
    });
    if (r.status !== 0 || !existsSync(ftz)) throw new Error(`fasttext quantize failed: ${r.stderr}`);
  }
  console.log(`quantized for the browser: ${ftz} (${(statSync(ftz).size / 1_048_576).toFixed(1)} MB)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
