/**
 * Builds the training corpus: real listings (mapped through data/mappings), taxonomy phrases and
 * (when training/data/synthetic.ts exists) synthetic listings, cleaned, de-duplicated and split.
 * Every row that does not make it into the corpus is counted by source and reason.
 */
import type { CorpusRow, SourceName } from './corpus-types.js';
import { Deduper, cleanExtra, cleanOrReason } from './clean.js';
import { EXCLUDE, UnmappedLabelsError, loadMappingTable, lookupLabel, type MappingTable } from './mapping.js';
import { readAmazon } from './sources/amazon.js';
import { readFlipkart } from './sources/flipkart.js';
import { readInstacart } from './sources/instacart.js';
import { readOnlineShopping } from './sources/online-shopping.js';
import type { ReadResult } from './sources/source-types.js';
import { DEFAULT_SPLIT_SEED, assignSplits } from './split.js';
import { taxonomyPhrases } from './taxonomy-phrases.js';
import { isProductCategory, level1Of, level2Of, loadTaxonomy, type Taxonomy } from './taxonomy.js';

export type DropCounts = Partial<Record<SourceName, Record<string, number>>>;

/** A real source: its reader and the mapping table (data/mappings/<table>.tsv). */
export interface RealSource {
  table: string;
  read: (rawDir: string) => ReadResult;
}

export const REAL_SOURCES: readonly RealSource[] = [
  { table: 'amazon', read: readAmazon },
  { table: 'instacart', read: readInstacart },
  { table: 'flipkart', read: readFlipkart },
  { table: 'online-shopping', read: readOnlineShopping },
];

export interface LabelUse {
  label: string;
  target: string;
  rows: number;
}

export interface BuildOptions {
  rawDir: string;
  mappingsDir?: string;
  seed?: number;
  /** Include synthetic rows when training/data/synthetic.ts exists (default true). */
  synthetic?: boolean;
  syntheticScale?: number;
  log?: (msg: string) => void;
}

export interface BuildResult {
  rows: CorpusRow[];
  dropped: DropCounts;
  /** Rows read per source before any drop (for the report's funnel). */
  read: Partial<Record<SourceName, number>>;
  /** Which mapping entry each source label used, with row counts. */
  labelUse: Record<string, LabelUse[]>;
  notes: string[];
}

export function addDrop(dropped: DropCounts, source: SourceName, reason: string, n = 1): void {
  const d = (dropped[source] ??= {});
  d[reason] = (d[reason] ?? 0) + n;
}

/** Checks every target of a table: it must exist and lie under one of the 21 product roots. */
export function checkMappingTargets(table: MappingTable, tax: Taxonomy): string[] {
  const problems: string[] = [];
  for (const e of table.entries.values()) {
    if (e.target === EXCLUDE) continue;
    if (!tax.categories.has(e.target)) problems.push(`${table.file}:${e.line}: unknown Shopify id "${e.target}" for "${e.label}"`);
    else if (!isProductCategory(e.target)) problems.push(`${table.file}:${e.line}: "${e.target}" is not under a product root`);
  }
  return problems;
}

/** Maps one source's rows; unmapped labels are returned for the caller to report together. */
export function mapSourceRows(
  res: ReadResult,
  table: MappingTable,
  dropped: DropCounts,
): { rows: CorpusRow[]; unmapped: Map<string, number>; labelUse: LabelUse[] } {
  const rows: CorpusRow[] = [];
  const unmapped = new Map<string, number>();
  const use = new Map<string, LabelUse>();
  const ids = new Set<string>();
  for (const r of res.rows) {
    const full = r.label.join(' > ');
    const entry = lookupLabel(table, r.label);
    if (entry === undefined) {
      unmapped.set(full, (unmapped.get(full) ?? 0) + 1);
      continue;
    }
    const u = use.get(entry.label) ?? { label: entry.label, target: entry.target, rows: 0 };
    u.rows++;
    use.set(entry.label, u);
    if (entry.target === EXCLUDE) {
      addDrop(dropped, res.source, 'excluded-label');
      continue;
    }
    let id = `${res.source}:${r.sourceId}`;
    // Source ids should be unique; a repeat gets a suffix rather than a silent overwrite.
    for (let k = 2; ids.has(id); k++) id = `${res.source}:${r.sourceId}#${k}`;
    ids.add(id);
    const row: CorpusRow = {
      id,
      text: r.text,
      lang: r.lang,
      source: res.source,
      kind: 'listing',
      split: 'train',
      l1: level1Of(entry.target),
      l2: level2Of(entry.target),
      deep: entry.target,
    };
    if (r.extra !== undefined) row.extra = r.extra;
    rows.push(row);
  }
  return { rows, unmapped, labelUse: [...use.values()].sort((a, b) => b.rows - a.rows) };
}

/**
 * Cleans and de-duplicates rows in the order given (the caller orders real rows first). Rows
 * that collide with an earlier row are dropped: reasons say whether the kept copy came from the
 * same source or another one.
 */
export function cleanAndDedup(rows: readonly CorpusRow[], dedup: Deduper, dropped: DropCounts): CorpusRow[] {
  const out: CorpusRow[] = [];
  for (const row of rows) {
    const c = cleanOrReason(row.text);
    if ('reason' in c) {
      addDrop(dropped, row.source, c.reason);
      continue;
    }
    const dup = dedup.offer(c.text, row.source);
    if (dup !== null) {
      addDrop(dropped, row.source, dup.keptSource === row.source ? dup.reason : `duplicate-of-${dup.keptSource}`);
      continue;
    }
    const cleaned: CorpusRow = { ...row, text: c.text };
    delete cleaned.extra;
    const extra = cleanExtra(row.extra);
    if (extra !== undefined) cleaned.extra = extra;
    out.push(cleaned);
  }
  return out;
}

interface SyntheticModule {
  generateSynthetic: (opts: { seed: number; rawDir: string; scale?: number }) => CorpusRow[];
}

/** Loads the optional synthetic generator; null when the file is not there (yet). */
async function loadSynthetic(): Promise<SyntheticModule | null> {
  // A non-literal specifier keeps tsc from requiring the file to exist.
  const spec = './synthetic.js';
  try {
    const mod = (await import(spec)) as Partial<SyntheticModule>;
    return typeof mod.generateSynthetic === 'function' ? (mod as SyntheticModule) : null;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return null;
    throw err;
  }
}

export async function buildCorpus(opts: BuildOptions): Promise<BuildResult> {
  const log = opts.log ?? (() => undefined);
  const seed = opts.seed ?? DEFAULT_SPLIT_SEED;
  const tax = loadTaxonomy(opts.rawDir);
  const dropped: DropCounts = {};
  const read: BuildResult['read'] = {};
  const labelUse: BuildResult['labelUse'] = {};
  const notes: string[] = [];

  // 1. Real listings, mapped. All tables are checked before anything is written.
  const real: CorpusRow[] = [];
  const problems: string[] = [];
  const unmappedAll: { label: string; rows: number }[] = [];
  for (const src of REAL_SOURCES) {
    const table = loadMappingTable(src.table, opts.mappingsDir);
    problems.push(...checkMappingTargets(table, tax));
    const res = src.read(opts.rawDir);
    read[res.source] = res.rows.length + Object.values(res.dropped).reduce((a, b) => a + b, 0);
    for (const [reason, n] of Object.entries(res.dropped)) addDrop(dropped, res.source, reason, n);
    const m = mapSourceRows(res, table, dropped);
    for (const [label, n] of m.unmapped) unmappedAll.push({ label: `${src.table}: ${label}`, rows: n });
    labelUse[src.table] = m.labelUse;
    for (const r of m.rows) real.push(r);
    log(`read ${res.source}: ${res.rows.length} rows with a label, ${m.rows.length} mapped`);
  }
  if (problems.length > 0) throw new Error(`Mapping tables point at bad Shopify ids:\n  ${problems.join('\n  ')}`);
  if (unmappedAll.length > 0) throw new UnmappedLabelsError('the real sources', unmappedAll);

  // 2. Clean + dedup: real listings first so they win every collision.
  const dedup = new Deduper();
  const rows = cleanAndDedup(real, dedup, dropped);

  // 3. Taxonomy phrases.
  const phrases = taxonomyPhrases(tax);
  for (const [source, d] of Object.entries(phrases.dropped) as [SourceName, Record<string, number>][])
    for (const [reason, n] of Object.entries(d)) addDrop(dropped, source, reason, n);
  for (const r of phrases.rows) read[r.source] = (read[r.source] ?? 0) + 1;
  for (const source of ['shopify-taxonomy', 'google-taxonomy'] as const)
    read[source] = (read[source] ?? 0) + Object.values(phrases.dropped[source] ?? {}).reduce((a, b) => a + b, 0);
  for (const r of cleanAndDedup(phrases.rows, dedup, dropped)) rows.push(r);
  log(`taxonomy phrases: ${phrases.rows.length} candidates`);

  // 4. Synthetic listings (optional).
  if (opts.synthetic === false) {
    notes.push('synthetic rows skipped (--no-synthetic)');
  } else {
    const mod = await loadSynthetic();
    if (mod === null) {
      notes.push('synthetic rows skipped: training/data/synthetic.ts not found');
    } else {
      const synOpts: { seed: number; rawDir: string; scale?: number } = { seed, rawDir: opts.rawDir };
      if (opts.syntheticScale !== undefined) synOpts.scale = opts.syntheticScale;
      const syn = mod.generateSynthetic(synOpts);
      read.synthetic = syn.length;
      // Guard the contract: synthetic rows must carry product-root labels.
      const good = syn.filter((r) => {
        const ok = isProductCategory(r.deep) && tax.categories.has(r.deep);
        if (!ok) addDrop(dropped, 'synthetic', 'bad-label');
        return ok;
      });
      // A loop, not push(...): spreading 100k+ rows overflows the call stack.
      for (const r of cleanAndDedup(
        good.map((r) => ({ ...r, kind: 'synthetic' as const, split: 'train' as const })),
        dedup,
        dropped,
      ))
        rows.push(r);
      log(`synthetic: ${syn.length} candidates`);
    }
  }
  for (const n of notes) log(n);

  // 5. Splits.
  assignSplits(rows, seed);
  return { rows, dropped, read, labelUse, notes };
}
