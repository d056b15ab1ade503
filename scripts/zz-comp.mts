import path from 'node:path';
import { readFileSync } from 'node:fs';
import { initNodeBackend } from '../src/ml/backend/node-wasm';
import { Categorizer } from '../src/ml/pack/categorizer';
import { folderPackSource } from '../training/eval/fs-pack-source';
import { CORPUS_PATH, DEV_SET_PATH, MODELS_DIR } from '../training/paths';
import { modelText } from '../training/train/dataset';
import { hostBags, readHostBagWeights } from '../src/ml/model/predict';
const dev = readFileSync(DEV_SET_PATH, 'utf8').split('\n').slice(1).map((l) => l.split('\t')[2] ?? '').filter((t) => t.trim() !== '');
const held: string[] = [];
for (const l of readFileSync(CORPUS_PATH, 'utf8').split('\n')) {
  if (!l.includes('"split":"test"') && !l.includes('"split":"val"')) continue;
  const r = JSON.parse(l); held.push(modelText(r.text, r.extra));
}
const texts = [...dev, ...held].slice(0, 10000);
await initNodeBackend();
const cat = await Categorizer.load(folderPackSource(path.join(MODELS_DIR, 'default')));
const rows = cat.featureRows(texts);
const host = readHostBagWeights(cat.model);
const c = cat as any;
const comps: Record<string, () => void> = {
  tokenize: () => { cat.featureRows(texts); },
  scan: () => { let st = 1e6; for (const r of rows) { c.scanner.scan(r, ++st, false, true); c.scanner.scratch.best1.fill(0); c.scanner.scratch.best2.fill(0); } },
  bag: () => { for (let i = 0; i < rows.length; i += 256) hostBags(host, rows.slice(i, i + 256).map((r) => r.ids)); },
  all: () => { cat.classifyRows(rows, { topK: 5, neighbours: 0, deep: 0, batchSize: 256 }); },
};
const end = Date.now() + Number(process.argv[2] ?? 20) * 1000;
const best: Record<string, number[]> = {};
while (Date.now() < end) for (const [k, f] of Object.entries(comps)) { const t = performance.now(); f(); (best[k] ??= []).push((performance.now() - t) / 10); }
console.log(process.argv[3] ?? '', Object.entries(best).map(([k, xs]) => { xs.sort((a, b) => a - b); return `${k} ${xs[Math.floor(xs.length / 2)]!.toFixed(1)}`; }).join(' | '), 'us/row (median)');
