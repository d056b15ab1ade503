/**
 * `npm run data` — builds data/build/corpus.jsonl + report.json.
 *
 *   npx tsx training/cli/data.ts                      corpus from ../shared/data/raw (all sources)
 *   npx tsx training/cli/data.ts --no-synthetic       without synthetic listings
 *   npx tsx training/cli/data.ts --data my.csv [--text-column title] [--label-column category]
 *                                [--with-taxonomy]    corpus from a merchant's own catalog
 * Other options: --seed N, --synthetic-scale X, --out DIR, --quiet.
 * Exits 1 with a clear message on unmapped source labels, bad mapping ids, or an unusable catalog.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BUILD_DIR, RAW_DATA_DIR } from '../paths.js';
import { Deduper } from '../data/clean.js';
import type { CorpusRow } from '../data/corpus-types.js';
import { addDrop, buildCorpus, cleanAndDedup, type DropCounts } from '../data/build-corpus.js';
import { UnmappedLabelsError } from '../data/mapping.js';
import { buildReport, formatReport } from '../data/report.js';
import { DEFAULT_SPLIT_SEED, assignSplits } from '../data/split.js';
import { taxonomyPhrases } from '../data/taxonomy-phrases.js';
import { isProductCategory, loadTaxonomy } from '../data/taxonomy.js';
import { UserCatalogError, readUserCatalog } from '../data/user-catalog.js';

const MAX_ROW_MESSAGES = 30;

function writeCorpus(dir: string, rows: readonly CorpusRow[]): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'corpus.jsonl');
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length > 0 ? '\n' : ''));
  return file;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      'text-column': { type: 'string' },
      'label-column': { type: 'string' },
      'with-taxonomy': { type: 'boolean', default: false },
      'no-synthetic': { type: 'boolean', default: false },
      'synthetic-scale': { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      'raw-dir': { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const t0 = Date.now();
  const log = values.quiet ? () => undefined : (m: string): void => console.log(m);
  const seed = values.seed !== undefined ? Number(values.seed) : DEFAULT_SPLIT_SEED;
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  const outDir = values.out !== undefined ? path.resolve(values.out) : BUILD_DIR;
  const rawDir = values['raw-dir'] !== undefined ? path.resolve(values['raw-dir']) : RAW_DATA_DIR;
  const tax = loadTaxonomy(rawDir);
  const knownL2 = [...tax.categories.values()]
    .filter((c) => c.depth === 2 && isProductCategory(c.id))
    .map((c) => c.id);

  let rows: CorpusRow[];
  let dropped: DropCounts;
  let read: Partial<Record<CorpusRow['source'], number>>;
  let notes: string[];
  let labelUse: Record<string, { label: string; target: string; rows: number }[]> | undefined;
  let mode: 'sources' | 'user' = 'sources';

  if (values.data !== undefined) {
    mode = 'user';
    const opts: { textColumn?: string; labelColumn?: string } = {};
    if (values['text-column'] !== undefined) opts.textColumn = values['text-column'];
    if (values['label-column'] !== undefined) opts.labelColumn = values['label-column'];
    const res = readUserCatalog(values.data, tax, opts);
    log(
      `catalog ${values.data}: ${res.read} data rows; text column "${res.textColumn}", category column "${res.labelColumn}"`,
    );
    for (const m of res.messages.slice(0, MAX_ROW_MESSAGES)) console.warn(`  ${m}`);
    if (res.messages.length > MAX_ROW_MESSAGES)
      console.warn(`  ... and ${res.messages.length - MAX_ROW_MESSAGES} more bad rows`);
    dropped = { user: { ...res.dropped } };
    read = { user: res.read };
    notes = [];
    const dedup = new Deduper();
    rows = cleanAndDedup(res.rows, dedup, dropped);
    if (rows.length === 0) {
      console.error(
        `error: no usable rows in ${values.data} (${res.read} data rows, all rejected: ${JSON.stringify(res.dropped)})`,
      );
      return 1;
    }
    if (values['with-taxonomy']) {
      const ph = taxonomyPhrases(tax);
      for (const [s, d] of Object.entries(ph.dropped))
        for (const [r, n] of Object.entries(d)) addDrop(dropped, s as CorpusRow['source'], r, n);
      for (const r of cleanAndDedup(ph.rows, dedup, dropped)) rows.push(r);
    } else notes.push('user catalog only (add --with-taxonomy to include taxonomy phrases)');
    assignSplits(rows, seed);
  } else {
    const opts: Parameters<typeof buildCorpus>[0] = { rawDir, seed, synthetic: !values['no-synthetic'], log };
    if (values['synthetic-scale'] !== undefined) opts.syntheticScale = Number(values['synthetic-scale']);
    const res = await buildCorpus(opts);
    ({ rows, dropped, read, notes, labelUse } = res);
  }

  const file = writeCorpus(outDir, rows);
  const report = buildReport({
    rows,
    dropped,
    read,
    notes,
    mode,
    seed,
    knownL2,
    ...(labelUse !== undefined ? { labelUse } : {}),
  });
  report.elapsedMs = Date.now() - t0;
  writeFileSync(path.join(outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  if (!values.quiet) console.log(`\n${formatReport(report)}\n`);
  console.log(
    `wrote ${rows.length} rows to ${path.relative(process.cwd(), file)} and report.json in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Known, user-facing failures print only their message; anything else keeps its stack.
    if (err instanceof UnmappedLabelsError || err instanceof UserCatalogError)
      console.error(`error: ${err.message}`);
    else console.error(err);
    process.exitCode = 1;
  },
);
