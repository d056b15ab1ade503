/**
 * Preview of the synthetic listing generator: rows per root x language, 3 seeded random examples
 * per root per language, and the generation time.
 *
 *   npx tsx training/cli/synthetic-preview.ts [--seed 1] [--scale 1] [--examples 3] [--root aa]
 */
import { parseArgs } from 'node:util';
import { LEVEL1_ROOTS } from '../../src/config/taxonomy.js';
import type { CorpusRow, Lang } from '../data/corpus-types.js';
import { generateSynthetic } from '../data/synthetic.js';
import { loadShopifySource } from '../data/shopify-source.js';
import { RAW_DATA_DIR } from '../paths.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    scale: { type: 'string', default: '1' },
    examples: { type: 'string', default: '3' },
    root: { type: 'string' },
  },
});
const seed = Number(values.seed);
const scale = Number(values.scale);
const nExamples = Number(values.examples);

const t0 = performance.now();
const source = loadShopifySource(RAW_DATA_DIR);
const t1 = performance.now();
const rows = generateSynthetic({ seed, rawDir: RAW_DATA_DIR, scale });
const t2 = performance.now();

const byRoot = new Map<string, Record<Lang, CorpusRow[]>>();
for (const r of rows) {
  let e = byRoot.get(r.l1);
  if (!e) byRoot.set(r.l1, (e = { en: [], zh: [] }));
  e[r.lang].push(r);
}

// Seeded sampling (LCG) so the preview is reproducible.
let state = (seed * 2654435761) >>> 0;
const rand = (): number => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return state / 4294967296;
};

console.log(`root  ${'name'.padEnd(28)}      en      zh   l2s`);
for (const root of LEVEL1_ROOTS) {
  const e = byRoot.get(root) ?? { en: [], zh: [] };
  const l2s = new Set(e.en.map((r) => r.l2).filter((x) => x !== null)).size;
  const name = source.categories.get(root)?.nameEn ?? '';
  console.log(
    `${root.padEnd(5)} ${name.padEnd(28)} ${String(e.en.length).padStart(7)} ${String(e.zh.length).padStart(7)} ${String(l2s).padStart(5)}`,
  );
}
const en = rows.filter((r) => r.lang === 'en').length;
console.log(`total ${rows.length} rows (en ${en}, zh ${rows.length - en})`);

for (const root of LEVEL1_ROOTS) {
  if (values.root !== undefined && values.root !== root) continue;
  const e = byRoot.get(root);
  if (!e) continue;
  console.log(`\n== ${root} ${source.categories.get(root)?.nameEn ?? ''}`);
  for (const lang of ['en', 'zh'] as const) {
    for (let i = 0; i < nExamples && e[lang].length > 0; i++) {
      const r = e[lang][Math.floor(rand() * e[lang].length)];
      if (!r) continue;
      const cat = source.categories.get(r.deep);
      console.log(`  ${lang} [${r.deep} ${lang === 'en' ? cat?.nameEn : cat?.nameZh}] ${r.text}`);
    }
  }
}
console.log(`\nload ${((t1 - t0) / 1000).toFixed(2)} s, generate ${((t2 - t1) / 1000).toFixed(2)} s`);
