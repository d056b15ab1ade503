/**
 * `npm run eval` — scores the committed model pack on the corpus test split (real listings) and on
 * the merchant development set, side by side with its float32 twin and with fastText trained on
 * the same final training data and fed the same tokenized text; prints one table and writes the
 * metrics into the pack's card.json (manifest hashes kept true).
 *
 *   npm run eval [-- --pack public/models/default] [--no-fasttext]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initNodeBackend } from '../../src/ml/backend/node-wasm';
import {
  exportLayersModel,
  loadEncoderFromArtifacts,
  type LayersModelJson,
} from '../../src/ml/model/layers-io';
import { predictRows } from '../../src/ml/model/predict';
import { Categorizer } from '../../src/ml/pack/categorizer';
import { wordTokens, type FeatureRow } from '../../src/ml/tokenizer/tokenize';
import { readCorpus } from '../data/load-corpus';
import { loadTaxonomy } from '../data/taxonomy';
import { BUILD_DIR, CORPUS_PATH, DEV_SET_PATH, MODELS_DIR } from '../paths';
import { corpusTextRow, encodeRows, modelText, type EncodedSet } from '../train/dataset';
import { readDevSet } from '../train/dev-set';
import { buildLabelSpace } from '../train/labels';
import { rewritePackFile } from '../train/pack-files';
import { mapQuality } from '../eval/map-quality';
import { reportLevels, predictionsFromProbs, type FullLevel, type LevelPredictions } from '../eval/evaluate';
import {
  FASTTEXT_SETTINGS,
  fastTextModelBytes,
  predictFastText,
  trainFastText,
  type FastTextPrediction,
} from '../eval/fasttext';
import { folderPackSource } from '../eval/fs-pack-source';
import type { Prediction } from '../eval/metrics';

const { values } = parseArgs({
  options: {
    pack: { type: 'string', default: path.join(MODELS_DIR, 'default') },
    'no-fasttext': { type: 'boolean', default: false },
  },
  strict: true,
});

const pct = (x: number | undefined) => (x === undefined ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

function ftToPredictions(preds: FastTextPrediction[], index: Map<string, number>): Prediction[] {
  return preds.map((p) => ({ ranked: p.labels.map((l) => index.get(l) ?? -1), probs: p.probs }));
}

async function main() {
  const t0 = performance.now();
  const packDir = path.resolve(values.pack!);
  const backend = await initNodeBackend();
  const cat = await Categorizer.load(folderPackSource(packDir));
  const manifest = cat.manifest;
  const tok = manifest.tokenizer;
  const tax = loadTaxonomy();
  const labels = buildLabelSpace(tax);
  if (
    labels.level1.length !== manifest.labels.level1.length ||
    labels.level2.length !== manifest.labels.level2.length
  )
    throw new Error('The pack label tables do not match this taxonomy.');
  if (!existsSync(CORPUS_PATH)) throw new Error('No corpus: run `npm run data` first.');
  const rows = await readCorpus(CORPUS_PATH);
  const toText = corpusTextRow;
  const trainRows = rows.filter((r) => r.split === 'train');
  const testRows = rows.filter((r) => r.split === 'test');
  const test = encodeRows(testRows.map(toText), labels, tok);
  const devRows = readDevSet(DEV_SET_PATH);
  const dev = encodeRows(
    devRows.map((r) => ({ text: r.text, lang: r.lang, deep: r.shopifyId, source: 'dev' })),
    labels,
    tok,
  );

  // Quantized pack: the same Categorizer path the browser uses.
  // The same ids as the sets' (one tokenizer function), with the run the name scan skips.
  const featureRows = new Map<EncodedSet, FeatureRow[]>([
    [test, testRows.map((r) => cat.featureRow(toText(r).text))],
    [dev, devRows.map((r) => cat.featureRow(r.text))],
  ]);
  const modelPreds = (set: EncodedSet, deep: boolean, nameEvidence = true) => {
    const rows = featureRows.get(set)!;
    if (rows.some((r, i) => r.ids.length !== set.ids[i]!.length))
      throw new Error('The feature rows do not match the encoded set.');
    const t = performance.now();
    const res = cat.classifyRows(rows, { topK: 5, neighbours: 0, deep: deep ? 5 : 0, nameEvidence });
    const seconds = (performance.now() - t) / 1000;
    const toPred = (list: { index: number; prob: number }[]): Prediction => ({
      ranked: list.map((s) => s.index),
      probs: list.map((s) => s.prob),
    });
    return {
      preds: {
        level1: res.map((r) => toPred(r.level1)),
        level2: res.map((r) => toPred(r.level2)),
      } as LevelPredictions,
      deep: res.map((r) => r.deep.map((d) => d.id)),
      seconds,
    };
  };
  const qTest = modelPreds(test, false);
  const qDev = modelPreds(dev, true);
  // The VAE heads alone (no taxonomy-name evidence): what quantization is compared on.
  const hTest = reportLevels(test, modelPreds(test, false, false).preds);
  const hDev = reportLevels(dev, modelPreds(dev, false, false).preds);

  // Float32 twin (written by `npm run train`).
  const f32Dir = path.join(BUILD_DIR, 'float32', manifest.name);
  let f32Test: FullLevel | null = null;
  const sizeTable: Record<string, unknown>[] = [];
  const sweepDir = path.join(BUILD_DIR, 'sweep');
  if (existsSync(sweepDir))
    for (const f of readdirSync(sweepDir).filter((x) => x.endsWith('.json')))
      sizeTable.push({
        ...(JSON.parse(readFileSync(path.join(sweepDir, f), 'utf8')) as Record<string, unknown>),
        name: f.replace(/\.json$/, ''),
      });
  if (existsSync(path.join(f32Dir, 'model.json'))) {
    const mj = JSON.parse(readFileSync(path.join(f32Dir, 'model.json'), 'utf8')) as LayersModelJson;
    const shards = (mj.weightsManifest[0]?.paths ?? []).map(
      (p) => new Uint8Array(readFileSync(path.join(f32Dir, p))),
    );
    const f32 = await loadEncoderFromArtifacts(mj, shards);
    const out = predictRows(f32, test.ids);
    f32Test = reportLevels(test, {
      level1: predictionsFromProbs(out.level1, test.n),
      level2: predictionsFromProbs(out.level2, test.n),
    });
    // The same weights under each quantization: size and accuracy side by side.
    for (const q of ['float32', 'float16', 'uint8'] as const) {
      const ex = await exportLayersModel(f32, { quantization: q });
      const m = await loadEncoderFromArtifacts(ex.modelJson, ex.shards);
      const acc1 = (set: EncodedSet) => {
        const o = predictRows(m, set.ids);
        return reportLevels(set, {
          level1: predictionsFromProbs(o.level1, set.n),
          level2: predictionsFromProbs(o.level2, set.n),
        }).summary.level1.accuracy;
      };
      sizeTable.push({
        name: `${manifest.name} (shipped weights)`,
        buckets: manifest.model.buckets,
        embedDim: manifest.model.embedDim,
        latent: manifest.model.latent,
        quantization: q,
        modelBytes: ex.shards.reduce((a, x) => a + x.byteLength, 0),
        modelGzipBytes: ex.shards.reduce((a, x) => a + gzipSync(x, { level: 9 }).byteLength, 0),
        testLevel1Accuracy: acc1(test),
        devLevel1Accuracy: acc1(dev),
      });
      m.dispose();
    }
    f32.dispose();
  } else {
    console.warn(`No float32 twin in ${f32Dir}: run \`npm run train\` to measure the quantization cost.`);
  }

  const mTest = reportLevels(test, qTest.preds);
  const mDev = reportLevels(dev, qDev.preds);
  const hits = dev.deep.filter((id, i) => qDev.deep[i]!.includes(id)).length;
  const deepHitAt5 = Math.round((hits / dev.n) * 1e4) / 1e4;

  // fastText peer on the same final training data, same tokenized text.
  let ft: {
    test: FullLevel;
    dev: FullLevel;
    trainSeconds: number;
    predictPerS: number;
    bytes: number;
  } | null = null;
  if (!values['no-fasttext']) {
    const work = path.join(BUILD_DIR, 'fasttext');
    mkdirSync(work, { recursive: true });
    const words = (r: { text: string; extra?: string }) => wordTokens(modelText(r.text, r.extra), tok);
    const trainWords = trainRows.map(words);
    const i1 = new Map(labels.level1.map((l, i) => [l.id, i]));
    const i2 = new Map(labels.level2.map((l, i) => [l.id, i]));
    const m1 = trainFastText(
      trainRows.map((r, i) => ({ label: r.l1, tokens: trainWords[i]! })),
      work,
      'level1',
    );
    const withL2 = trainRows.map((r, i) => ({ r, i })).filter(({ r }) => r.l2 !== null);
    const m2 = trainFastText(
      withL2.map(({ r, i }) => ({ label: r.l2!, tokens: trainWords[i]! })),
      work,
      'level2',
    );
    const testWords = testRows.map(words);
    const devWords = devRows.map((r) => wordTokens(r.text, tok));
    const p1t = predictFastText(m1, testWords, work);
    const p2t = predictFastText(m2, testWords, work);
    const p1d = predictFastText(m1, devWords, work);
    const p2d = predictFastText(m2, devWords, work);
    ft = {
      test: reportLevels(test, {
        level1: ftToPredictions(p1t.predictions, i1),
        level2: ftToPredictions(p2t.predictions, i2),
      }),
      dev: reportLevels(dev, {
        level1: ftToPredictions(p1d.predictions, i1),
        level2: ftToPredictions(p2d.predictions, i2),
      }),
      trainSeconds: Math.round((m1.trainSeconds + m2.trainSeconds) * 10) / 10,
      predictPerS: Math.round(test.n / p1t.seconds),
      bytes: fastTextModelBytes(m1) + fastTextModelBytes(m2),
    };
  }

  // The catalog gets the shipped pipeline's prediction per row (the map's correct/incorrect colouring),
  // and the card how well each 2-D map keeps the latent's neighbourhoods.
  const catRes = cat.classify(
    cat.catalog.map((r) => r.t),
    { topK: 1, neighbours: 0, deep: 0 },
  );
  const catalogRows = cat.catalog.map((r, i) => ({
    ...r,
    p1: catRes[i]?.level1[0]?.index ?? -1,
    p2: catRes[i]?.level2[0]?.index ?? -1,
  }));
  await rewritePackFile(
    packDir,
    manifest.catalog.file,
    new TextEncoder().encode(JSON.stringify({ rows: catalogRows })),
  );
  const knnAgreement = mapQuality(
    cat.catalogMu,
    manifest.model.latent,
    cat.catalogCoords,
    Int32Array.from(cat.catalog, (r) => r.l1),
  );
  const catalogAccuracy =
    catalogRows.filter((r) => r.l1 >= 0 && r.p1 === r.l1).length /
    Math.max(1, catalogRows.filter((r) => r.l1 >= 0).length);
  console.log(
    `map quality (k=${knnAgreement.k} level-1 agreement): latent ${pct(knnAgreement.latent)}  PCA ${pct(knnAgreement.pca)}  UMAP ${pct(knnAgreement.umap)}; catalog L1 ${pct(catalogAccuracy)}`,
  );

  // Sizes of the pack as served: raw and gzip -9 per file.
  const sizes = manifest.files.map((f) => {
    const bytes = readFileSync(path.join(packDir, f.path));
    return { path: f.path, bytes: bytes.byteLength, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength };
  });
  const manifestBytes = readFileSync(path.join(packDir, 'manifest.json'));
  const raw = sizes.reduce((a, s) => a + s.bytes, 0) + manifestBytes.byteLength;
  const gz = sizes.reduce((a, s) => a + s.gzipBytes, 0) + gzipSync(manifestBytes, { level: 9 }).byteLength;

  const rowsOut: [
    string,
    string,
    number | undefined,
    number | undefined,
    number | undefined,
    number | undefined,
    number | undefined,
  ][] = [];
  const add = (name: string, set: string, m: FullLevel | undefined | null) => {
    if (!m) return;
    rowsOut.push([
      name,
      set,
      m.summary.level1.accuracy,
      m.summary.level1.weightedF1,
      m.summary.level1.byLang.en?.accuracy,
      m.summary.level1.byLang.zh?.accuracy,
      m.summary.level2.accuracy,
    ]);
  };
  const q = manifest.model.quantization;
  add(`shipped (${q}+names)`, 'test', mTest);
  add(`VAE heads ${q}`, 'test', hTest);
  add('VAE heads float32', 'test', f32Test);
  add('fastText', 'test', ft?.test);
  add(`shipped (${q}+names)`, 'merchant dev', mDev);
  add(`VAE heads ${q}`, 'merchant dev', hDev);
  add('fastText', 'merchant dev', ft?.dev);
  console.log('\nmodel                  set            L1 acc   L1 wF1   L1 en    L1 zh    L2 acc');
  for (const r of rowsOut)
    console.log(
      `${r[0].padEnd(22)} ${r[1].padEnd(13)} ${pct(r[2])}  ${pct(r[3])}  ${pct(r[4])}  ${pct(r[5])}  ${pct(r[6])}`,
    );
  console.log(`merchant dev deep hit@5: ${pct(deepHitAt5)}`);
  console.log(
    `pack: ${(raw / 1e6).toFixed(2)} MB raw, ${(gz / 1e6).toFixed(2)} MB gzipped; backend ${backend}`,
  );
  if (sizeTable.length) {
    console.log('size table (model weights only):  buckets  embed latent quant    gzip MB  test L1  dev L1');
    for (const r of sizeTable)
      console.log(
        `  ${String(r.name).padEnd(30)} ${String(r.buckets).padStart(7)} ${String(r.embedDim).padStart(6)} ${String(r.latent).padStart(6)} ${String(r.quantization).padEnd(8)} ${(Number(r.modelGzipBytes) / 1e6).toFixed(2).padStart(6)}  ${pct(r.testLevel1Accuracy as number)}  ${pct((r.devLevel1Accuracy as number | null) ?? undefined)}`,
      );
  }
  console.log('per source (test, level 1 accuracy):');
  for (const [s, m] of Object.entries(mTest.summary.level1.bySource))
    console.log(
      `  ${s.padEnd(16)} VAE ${pct(m.accuracy)}  fastText ${pct(ft?.test.summary.level1.bySource[s]?.accuracy)}  (n=${m.n})`,
    );

  const cardPath = path.join(packDir, manifest.card);
  const card = JSON.parse(readFileSync(cardPath, 'utf8')) as Record<string, unknown>;
  const q1 = hTest.summary.level1.accuracy;
  const f1 = f32Test?.summary.level1.accuracy;
  Object.assign(card, {
    metrics: {
      pipeline:
        'VAE heads reweighted by taxonomy-name matches (NAME_EVIDENCE_WEIGHT in src/ml/pack/categorizer.ts)',
      test: { ...mTest.summary, vaeOnly: hTest.summary, details: mTest.details },
      devMerchant: {
        level1: mDev.summary.level1,
        level2: mDev.summary.level2,
        vaeOnly: hDev.summary,
        deep: { hitAt5: deepHitAt5 },
        details: mDev.details,
      },
    },
    baselines: ft
      ? {
          fasttext: {
            settings: FASTTEXT_SETTINGS,
            input:
              "the tokenizer's word tokens (wordTokens) of the same rows, one line per row; fastText adds its own char n-grams",
            test: ft.test.summary,
            devMerchant: ft.dev.summary,
            trainSeconds: ft.trainSeconds,
            predictPerS: ft.predictPerS,
            modelBytes: ft.bytes,
          },
        }
      : (card.baselines ?? null),
    // Without the float32 twin (a fresh checkout), keep what was measured when the pack was made:
    // the heads-only figures it compares do not depend on anything eval changes.
    quantization:
      f1 === undefined && card.quantization
        ? card.quantization
        : {
            dtype: manifest.model.quantization,
            float32Level1Accuracy: f1 ?? null,
            quantizedLevel1Accuracy: q1,
            dropPoints: f1 === undefined ? null : Math.round((f1 - q1) * 1e4) / 100,
          },
    projection: { ...(card.projection as object | undefined), knnAgreement, catalogAccuracy },
    sizes: {
      rawBytes: raw,
      gzipBytes: gz,
      files: sizes,
      // The sweep entries live in data/build (gitignored); a fresh checkout keeps the card's table.
      table: sizeTable.length ? sizeTable : ((card.sizes as { table?: unknown } | undefined)?.table ?? []),
    },
    eval: {
      seconds: Math.round((performance.now() - t0) / 1000),
      backend,
      quantizedPerS: Math.round(test.n / qTest.seconds),
    },
  });
  await rewritePackFile(packDir, manifest.card, new TextEncoder().encode(JSON.stringify(card)));
  console.log(`card written: ${cardPath} (eval ${((performance.now() - t0) / 1000).toFixed(0)}s)`);
  cat.dispose();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
