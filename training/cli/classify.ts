/**
 * `npm run classify -- <in.csv|in.tsv> [--column text] [--out out.csv] [--pack public/models/<name>]`
 * Classifies every row with a model pack through the same code path as the browser (WASM backend)
 * and writes the input columns plus level-1 / level-2 ids, English names, Google id and confidence.
 * A row that cannot be classified keeps its place, with the reason in the `error` column.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { initNodeBackend } from '../../src/ml/backend/node-wasm';
import { Categorizer } from '../../src/ml/pack/categorizer';
import { MODELS_DIR } from '../paths';
import { folderPackSource } from '../eval/fs-pack-source';

/** Rows classified per batch: bounded memory for any file size. */
const BATCH = 1024;
const TEXT_COLUMN_GUESSES = [
  'text',
  'title',
  'product_name',
  'name',
  'product',
  'listing',
  'description',
  '标题',
  '商品名称',
  '名称',
];

export async function classifyFile(input: string, opts: { column?: string; out?: string; pack?: string }) {
  const content = readFileSync(input, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(content, {
    skipEmptyLines: 'greedy',
    delimiter: input.endsWith('.tsv') ? '\t' : '',
  });
  const [header, ...data] = parsed.data;
  if (!header || header.length === 0) throw new Error(`${input} has no header row.`);
  const lower = header.map((h) => h.trim().toLowerCase());
  let col =
    opts.column !== undefined
      ? lower.indexOf(opts.column.toLowerCase())
      : (TEXT_COLUMN_GUESSES.map((g) => lower.indexOf(g)).find((i) => i >= 0) ?? -1);
  if (opts.column !== undefined && col < 0)
    throw new Error(`Column "${opts.column}" is not in the header: ${header.join(', ')}`);
  if (col < 0) col = 0;
  const cat = await Categorizer.load(
    folderPackSource(path.resolve(opts.pack ?? path.join(MODELS_DIR, 'default'))),
  );
  const { level1, level2 } = cat.manifest.labels;
  const outHeader = [
    ...header,
    'level1_id',
    'level1_name',
    'level2_id',
    'level2_name',
    'google_id',
    'confidence',
    'error',
  ];
  const outRows: string[][] = [];
  for (let s = 0; s < data.length; s += BATCH) {
    const chunk = data.slice(s, s + BATCH);
    const texts = chunk.map((r) => (r[col] ?? '').trim());
    const res = cat.classify(texts, { topK: 1, neighbours: 0, deep: 0 });
    chunk.forEach((r, i) => {
      const padded = header.map((_, j) => r[j] ?? '');
      const x = res[i]!;
      if (!texts[i]) {
        outRows.push([...padded, '', '', '', '', '', '', 'empty text']);
        return;
      }
      if (x.empty) {
        outRows.push([...padded, '', '', '', '', '', '', 'no usable words or characters']);
        return;
      }
      const a = level1[x.level1[0]!.index]!;
      const b = level2[x.level2[0]!.index]!;
      outRows.push([
        ...padded,
        a.id,
        a.nameEn,
        b.id,
        b.nameEn,
        String(b.googleId ?? a.googleId ?? ''),
        x.level1[0]!.prob.toFixed(4),
        r.length !== header.length ? `ragged row: ${r.length} fields` : '',
      ]);
    });
  }
  cat.dispose();
  const csv = Papa.unparse([outHeader, ...outRows]);
  const out = opts.out ?? input.replace(/\.(csv|tsv)$/i, '') + '.classified.csv';
  writeFileSync(out, csv + '\n');
  return { rows: outRows.length, out };
}

const isMain =
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]).endsWith(path.join('training', 'cli', 'classify.ts'));
if (isMain) {
  const { values, positionals } = parseArgs({
    options: { column: { type: 'string' }, out: { type: 'string' }, pack: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const input = positionals[0];
  if (!input) {
    console.error(
      'usage: npm run classify -- <in.csv|in.tsv> [--column text] [--out out.csv] [--pack public/models/<name>]',
    );
    process.exit(2);
  }
  const t0 = performance.now();
  initNodeBackend()
    .then(() => classifyFile(input, values))
    .then(({ rows, out }) => {
      const s = (performance.now() - t0) / 1000;
      console.log(`classified ${rows} rows in ${s.toFixed(1)}s -> ${out}`);
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
