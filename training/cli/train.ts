/**
 * `npm run train` — trains the semi-supervised VAE on the built corpus (or a merchant's catalog
 * with --data my.csv) and exports the model pack to public/models/<name>/.
 *
 *   npm run train                          default model, built-in corpus
 *   npm run train -- --data my.csv         a catalog: CSV/TSV with a text and a category column
 *   npm run train -- --latent 64 --buckets 65536 --quant float16 --name big
 * Options: --corpus corpus.jsonl (another built corpus) --epochs N --epoch-size N --batch N --lr X --tau X --alpha X --beta X --embed N
 *          --latent N --buckets N --quant uint8|float16|float32 --seed N --name NAME --out DIR
 */
import { trainingPriors } from '../train/priors';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initNodeBackend } from '../../src/ml/backend/node-wasm';
import {
  exportLayersModel,
  loadEncoderFromArtifacts,
  type WeightQuantization,
} from '../../src/ml/model/layers-io';
import { gzipSync } from 'node:zlib';
import { DEFAULT_TOKENIZER_CONFIG, type TokenizerConfig } from '../../src/ml/tokenizer/tokenizer-config';
import { readCorpus } from '../data/load-corpus';
import { loadTaxonomy, isProductCategory } from '../data/taxonomy';
import type { CorpusRow } from '../data/corpus-types';
import { BUILD_DIR, CORPUS_PATH, DEV_SET_PATH, MODELS_DIR, PROJECT_ROOT } from '../paths';
import { buildVocab, corpusTextRow, encodeRows, type EncodedSet } from '../train/dataset';
import { readDevSet } from '../train/dev-set';
import { exportPack } from '../train/export-pack';
import type { DeepNode } from '../../src/ml/pack/manifest';
import { aliasesOf, loadLexicon } from '../data/merchant-lexicon';
import { buildLabelSpace } from '../train/labels';
import { DATA_SOURCES } from '../train/sources-info';
import { evaluateSet, trainModel, type TrainOptions } from '../train/train-loop';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    corpus: { type: 'string' },
    epochs: { type: 'string', default: '24' },
    'epoch-size': { type: 'string', default: '48000' },
    batch: { type: 'string', default: '256' },
    lr: { type: 'string', default: '0.002' },
    'embed-lr': { type: 'string', default: '0.01' },
    tau: { type: 'string', default: '0.7' },
    alpha: { type: 'string', default: '20' },
    beta: { type: 'string', default: '0.3' },
    embed: { type: 'string', default: '48' },
    hidden: { type: 'string', default: '256' },
    latent: { type: 'string', default: '64' },
    buckets: { type: 'string', default: String(2 ** 16) },
    vocab: { type: 'string', default: '2000' },
    'decoder-hidden': { type: 'string', default: '0' },
    patience: { type: 'string', default: '6' },
    quant: { type: 'string', default: 'uint8' },
    seed: { type: 'string', default: '42' },
    name: { type: 'string', default: 'default' },
    out: { type: 'string' },
    'synthetic-weight': { type: 'string', default: '1.5' },
    'taxonomy-weight': { type: 'string', default: '1.5' },
    'no-export': { type: 'boolean', default: false },
    sweep: { type: 'boolean', default: false },
    'no-dev': { type: 'boolean', default: false },
  },
  strict: true,
});
const num = (k: keyof typeof values) => {
  const v = Number(values[k]);
  if (!Number.isFinite(v)) throw new Error(`--${k} must be a number`);
  return v;
};

async function main() {
  const t0 = performance.now();
  const backend = await initNodeBackend();
  console.log(`TF.js backend: ${backend}`);
  const tax = loadTaxonomy();
  const labels = buildLabelSpace(tax);

  let corpusPath = values.corpus ? path.resolve(values.corpus) : CORPUS_PATH;
  if (values.data) {
    const outDir = path.join(BUILD_DIR, 'user');
    const r = spawnSync('npx', ['tsx', 'training/cli/data.ts', '--data', values.data, '--out', outDir], {
      stdio: 'inherit',
      cwd: PROJECT_ROOT,
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
    corpusPath = path.join(outDir, 'corpus.jsonl');
  } else if (!existsSync(corpusPath)) {
    console.log('No corpus yet: building it with `npm run data` first.');
    const r = spawnSync('npx', ['tsx', 'training/cli/data.ts', '--quiet'], {
      stdio: 'inherit',
      cwd: PROJECT_ROOT,
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  const rows = await readCorpus(corpusPath);
  const tok: TokenizerConfig = { ...DEFAULT_TOKENIZER_CONFIG, buckets: num('buckets') };
  const toText = corpusTextRow;
  const bySplit = (s: string) => rows.filter((r) => r.split === s);
  const trainRows = bySplit('train');
  const valRows = bySplit('val');
  const testRows = bySplit('test');
  const te = performance.now();
  const train = encodeRows(trainRows.map(toText), labels, tok);
  const val = encodeRows(valRows.map(toText), labels, tok);
  const test = encodeRows(testRows.map(toText), labels, tok);
  let dev: EncodedSet | null = null;
  if (!values['no-dev'] && !values.data && existsSync(DEV_SET_PATH)) {
    const devRows = readDevSet(DEV_SET_PATH);
    dev = encodeRows(
      devRows.map((r) => ({ text: r.text, lang: r.lang, deep: r.shopifyId, source: 'dev' })),
      labels,
      tok,
    );
  }
  console.log(
    `rows: train ${train.n}, val ${val.n}, test ${test.n}, dev ${dev?.n ?? 0}; tokenized in ${((performance.now() - te) / 1000).toFixed(1)}s`,
  );
  const vocab = buildVocab(train.words, num('vocab'));
  const opts: TrainOptions = {
    model: { buckets: num('buckets'), embedDim: num('embed'), hidden: num('hidden'), latent: num('latent') },
    epochs: num('epochs'),
    epochSize: num('epoch-size'),
    batchSize: num('batch'),
    learningRate: num('lr'),
    embeddingLearningRate: num('embed-lr'),
    alpha: num('alpha'),
    beta: num('beta'),
    betaWarmupSteps: 2000,
    balanceTau: num('tau'),
    kindWeights: { listing: 1, taxonomy: num('taxonomy-weight'), synthetic: num('synthetic-weight') },
    patience: num('patience'),
    seed: num('seed'),
    vocab,
    decoderHidden: num('decoder-hidden'),
  };
  const result = trainModel(train, val, dev, labels.level1.length, labels.level2.length, opts);
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(
    `trained ${result.history.length} epochs (best ${result.bestEpoch}) in ${result.seconds.toFixed(0)}s; peak RSS ${peakRssMB} MB`,
  );
  if (values['no-export']) return;
  if (values.sweep) {
    await writeSweepEntry(values.name!, result, test, dev, values.quant as WeightQuantization);
    return;
  }

  const name = values.name!;
  const dir = values.out ? path.resolve(values.out) : path.join(MODELS_DIR, name);
  // The float32 twin is kept (gitignored) so `npm run eval` can measure what quantization costs.
  const f32 = await exportLayersModel(result.encoder, { quantization: 'float32' });
  const f32Dir = path.join(BUILD_DIR, 'float32', name);
  mkdirSync(f32Dir, { recursive: true });
  writeFileSync(path.join(f32Dir, 'model.json'), JSON.stringify(f32.modelJson));
  f32.shards.forEach((s, i) =>
    writeFileSync(path.join(f32Dir, f32.modelJson.weightsManifest[0]!.paths[i]!), s),
  );

  // Deep suggestions: every product category of the taxonomy, matched by its names (and the
  // lexicon's merchant terms for it) at run time.
  const lexicon = loadLexicon();
  const nodes: DeepNode[] = [...tax.categories.values()]
    .filter((c) => isProductCategory(c.id))
    .map((c) => {
      const aka = aliasesOf(lexicon, c.id);
      return {
        id: c.id,
        en: c.nameEn,
        zh: c.nameZh,
        g: c.googleId ?? null,
        ...(aka.length > 0 ? { aka } : {}),
      };
    });
  const quant = values.quant as WeightQuantization;
  const hyper = { ...opts, vocab: vocab.size, model: result.config, tokenizer: tok };
  const countBy = (rs: CorpusRow[], key: (r: CorpusRow) => string) => {
    const m: Record<string, number> = {};
    for (const r of rs) m[key(r)] = (m[key(r)] ?? 0) + 1;
    return m;
  };
  const card = {
    name,
    createdAt: new Date().toISOString(),
    task: 'Shopify Standard Product Taxonomy level-1 (21 roots) and level-2 classification of product listings (en, zh)',
    data: {
      sources: DATA_SOURCES.map((s) => ({ ...s, rows: countBy(rows, (r) => r.source)[s.source] ?? 0 })),
      rowsBySplit: countBy(rows, (r) => r.split),
      rowsByKindSplit: countBy(rows, (r) => `${r.kind}/${r.split}`),
      devSet: dev ? { rows: dev.n, file: 'data/dev/merchant-listings.tsv' } : null,
    },
    balance: `Epochs draw ${opts.epochSize} rows with replacement, each row weighted by (rows in its level-1 class)^-${opts.balanceTau}; no loss weights.`,
    training: {
      seconds: Math.round((performance.now() - t0) / 1000),
      trainLoopSeconds: Math.round(result.seconds),
      peakRssMB,
      backend,
      epochs: result.history.length,
      bestEpoch: result.bestEpoch,
      steps: result.steps,
      hyperparameters: hyper,
      selection: 'best epoch by 0.5 * validation level-1 macro-F1 + 0.5 * merchant dev set level-1 macro-F1',
      curves: result.history,
    },
  };
  const last = result.history.find((h) => h.epoch === result.bestEpoch);
  const manifest = await exportPack({
    dir,
    name,
    encoder: result.encoder,
    config: result.config,
    tokenizer: tok,
    quantization: quant,
    labels,
    catalog: [
      { set: val, split: 'val', texts: valRows.map((r) => r.text) },
      { set: test, split: 'test', texts: testRows.map((r) => r.text) },
    ],
    deep: { nodes },
    card,
    priors: trainingPriors(
      train,
      opts.balanceTau,
      opts.kindWeights,
      labels.level1.length,
      labels.level2.length,
    ),
    summary: {
      valAccuracy1: last?.valAccuracy1 ?? 0,
      devAccuracy1: last?.devAccuracy1 ?? 0,
      trainSeconds: Math.round(result.seconds),
    },
    seed: num('seed'),
  });
  const total = manifest.files.reduce((a, f) => a + f.bytes, 0);
  console.log(
    `pack written: ${dir} (${manifest.files.length} files, ${(total / 1e6).toFixed(2)} MB raw); total ${((performance.now() - t0) / 1000).toFixed(0)}s`,
  );
}

/** A size/accuracy point for the card's table: the model exported in memory, scored, not shipped. */
async function writeSweepEntry(
  name: string,
  result: Awaited<ReturnType<typeof trainModel>>,
  test: EncodedSet,
  dev: EncodedSet | null,
  quant: WeightQuantization,
) {
  const { modelJson, shards } = await exportLayersModel(result.encoder, { quantization: quant });
  const model = await loadEncoderFromArtifacts(modelJson, shards);
  const acc = (set: EncodedSet) => evaluateSet(model, set).acc1;
  const bytes = shards.reduce((a, s) => a + s.byteLength, 0);
  const gzipBytes = shards.reduce((a, s) => a + gzipSync(s, { level: 9 }).byteLength, 0);
  const entry = {
    name,
    buckets: result.config.buckets,
    embedDim: result.config.embedDim,
    latent: result.config.latent,
    quantization: quant,
    modelBytes: bytes,
    modelGzipBytes: gzipBytes,
    testLevel1Accuracy: acc(test),
    devLevel1Accuracy: dev ? acc(dev) : null,
    trainSeconds: Math.round(result.seconds),
  };
  mkdirSync(path.join(BUILD_DIR, 'sweep'), { recursive: true });
  writeFileSync(path.join(BUILD_DIR, 'sweep', `${name}.json`), JSON.stringify(entry, null, 1));
  console.log('sweep entry', entry);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
