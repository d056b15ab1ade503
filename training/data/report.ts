/**
 * Corpus report: counts per source x split, per source x level-1 class x split, per language,
 * dropped rows by source and reason, label coverage (which classes have real listings and which
 * only taxonomy phrases or synthetic rows) and example rows. Written as JSON and printed as
 * compact tables that fit a 120-column terminal.
 */
import { LEVEL1_ROOTS } from '../../src/config/taxonomy.js';
import type { CorpusRow, SourceName, Split } from './corpus-types.js';
import type { DropCounts } from './build-corpus.js';
import { hash32 } from './split.js';

type SplitCounts = Record<Split, number> & { total: number };

export interface CoverageLevel {
  /** Classes with at least one real listing (any split). */
  withListings: string[];
  /** Classes with no real listing but synthetic rows (taxonomy phrases or not). */
  syntheticOnly: string[];
  /** Classes with taxonomy phrases only. */
  taxonomyOnly: string[];
  /** Number of classes known to the taxonomy at this level (under the 21 roots). */
  known: number;
}

export interface CorpusReport {
  generatedAt: string;
  mode: 'sources' | 'user';
  seed: number;
  totalRows: number;
  bySplit: SplitCounts;
  bySourceSplit: Partial<Record<SourceName, SplitCounts>>;
  /** level-1 id -> source -> split counts. */
  byL1SourceSplit: Record<string, Partial<Record<SourceName, SplitCounts>>>;
  byLang: Record<string, Partial<Record<SourceName, number>>>;
  read: Partial<Record<SourceName, number>>;
  dropped: DropCounts;
  droppedTotal: number;
  coverage: { l1: CoverageLevel; l2: CoverageLevel };
  labelUse?: Record<string, { label: string; target: string; rows: number }[]>;
  examples: Partial<Record<SourceName, Pick<CorpusRow, 'id' | 'text' | 'split' | 'deep'>[]>>;
  /** Synthetic rows built on the merchant lexicon's terms (ids `synthetic:lexicon:...`). */
  lexicon: {
    /** level-1 id -> rows per language. */
    rowsByL1: Record<string, { en: number; zh: number }>;
    examples: Pick<CorpusRow, 'id' | 'text' | 'deep'>[];
  };
  notes: string[];
  elapsedMs?: number;
}

const zero = (): SplitCounts => ({ train: 0, val: 0, test: 0, total: 0 });
const bump = (c: SplitCounts, s: Split): void => {
  c[s]++;
  c.total++;
};

export interface ReportInput {
  rows: readonly CorpusRow[];
  dropped: DropCounts;
  read: Partial<Record<SourceName, number>>;
  notes: string[];
  mode: 'sources' | 'user';
  seed: number;
  labelUse?: CorpusReport['labelUse'];
  /** Level-2 ids under the 21 roots, for coverage totals. */
  knownL2: readonly string[];
  examplesPerSource?: number;
}

export function buildReport(inp: ReportInput): CorpusReport {
  const bySplit = zero();
  const bySourceSplit: CorpusReport['bySourceSplit'] = {};
  const byL1SourceSplit: CorpusReport['byL1SourceSplit'] = {};
  const byLang: CorpusReport['byLang'] = {};
  const lexiconRows: CorpusRow[] = [];
  const l1Kinds = new Map<string, Set<string>>();
  const l2Kinds = new Map<string, Set<string>>();
  const bySource = new Map<SourceName, CorpusRow[]>();
  for (const r of inp.rows) {
    bump(bySplit, r.split);
    bump((bySourceSplit[r.source] ??= zero()), r.split);
    bump(((byL1SourceSplit[r.l1] ??= {})[r.source] ??= zero()), r.split);
    const lang = (byLang[r.lang] ??= {});
    lang[r.source] = (lang[r.source] ?? 0) + 1;
    (l1Kinds.get(r.l1) ?? l1Kinds.set(r.l1, new Set()).get(r.l1))?.add(r.kind);
    if (r.l2 !== null) (l2Kinds.get(r.l2) ?? l2Kinds.set(r.l2, new Set()).get(r.l2))?.add(r.kind);
    (bySource.get(r.source) ?? bySource.set(r.source, []).get(r.source))?.push(r);
    if (r.id.startsWith('synthetic:lexicon:')) lexiconRows.push(r);
  }
  const rowsByL1: CorpusReport['lexicon']['rowsByL1'] = {};
  for (const r of lexiconRows) (rowsByL1[r.l1] ??= { en: 0, zh: 0 })[r.lang]++;
  const coverage = (kinds: Map<string, Set<string>>, known: number): CoverageLevel => {
    const c: CoverageLevel = { withListings: [], syntheticOnly: [], taxonomyOnly: [], known };
    for (const [id, k] of [...kinds].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
      if (k.has('listing')) c.withListings.push(id);
      else if (k.has('synthetic')) c.syntheticOnly.push(id);
      else c.taxonomyOnly.push(id);
    }
    return c;
  };
  // Examples: a few rows per source, picked by hash so they are stable but not just the first rows.
  const n = inp.examplesPerSource ?? 3;
  const examples: CorpusReport['examples'] = {};
  for (const [source, rows] of bySource) {
    examples[source] = [...rows]
      .sort((a, b) => hash32(a.id) - hash32(b.id))
      .slice(0, n)
      .map((r) => ({ id: r.id, text: r.text, split: r.split, deep: r.deep }));
  }
  const droppedTotal = Object.values(inp.dropped).reduce((a, d) => a + Object.values(d).reduce((x, y) => x + y, 0), 0);
  const report: CorpusReport = {
    generatedAt: new Date().toISOString(),
    mode: inp.mode,
    seed: inp.seed,
    totalRows: inp.rows.length,
    bySplit,
    bySourceSplit,
    byL1SourceSplit,
    byLang,
    read: inp.read,
    dropped: inp.dropped,
    droppedTotal,
    coverage: { l1: coverage(l1Kinds, LEVEL1_ROOTS.length), l2: coverage(l2Kinds, inp.knownL2.length) },
    examples,
    lexicon: {
      rowsByL1,
      // Both languages, stable picks by hash, as for the sources.
      examples: (['en', 'zh'] as const).flatMap((lang) =>
        lexiconRows
          .filter((r) => r.lang === lang)
          .sort((a, b) => hash32(a.id) - hash32(b.id))
          .slice(0, 2 * n)
          .map((r) => ({ id: r.id, text: r.text, deep: r.deep })),
      ),
    },
    notes: inp.notes,
  };
  if (inp.labelUse !== undefined) report.labelUse = inp.labelUse;
  return report;
}

// ---------- printing ----------

const SOURCE_ABBR: Record<SourceName, string> = {
  amazon: 'amazon',
  instacart: 'instacart',
  flipkart: 'flipkart',
  'online-shopping': 'online-shop',
  user: 'user',
  'shopify-taxonomy': 'shopify-tax',
  'google-taxonomy': 'google-tax',
  synthetic: 'synthetic',
};
const SOURCE_ORDER: SourceName[] = ['amazon', 'instacart', 'flipkart', 'online-shopping', 'user', 'shopify-taxonomy', 'google-taxonomy', 'synthetic'];
const REAL: ReadonlySet<SourceName> = new Set(['amazon', 'instacart', 'flipkart', 'online-shopping', 'user']);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

/** Clips to n terminal columns; CJK and other wide characters count as two. */
function clip(s: string, n: number): string {
  let cols = 0;
  let out = '';
  for (const ch of s) {
    const w = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
    if (cols + w > n - 1) return `${out}…`;
    cols += w;
    out += ch;
  }
  return out;
}

export function formatReport(rep: CorpusReport): string {
  const out: string[] = [];
  const sources = SOURCE_ORDER.filter((s) => rep.bySourceSplit[s] !== undefined || rep.dropped[s] !== undefined);
  out.push(`Corpus: ${rep.totalRows} rows (train ${rep.bySplit.train}, val ${rep.bySplit.val}, test ${rep.bySplit.test}); ${rep.droppedTotal} dropped; seed ${rep.seed}`);

  out.push('', 'Rows per source x split');
  out.push(
    table(
      ['source', 'read', 'dropped', 'train', 'val', 'test', 'total'],
      [
        ...sources.map((s) => {
          const c = rep.bySourceSplit[s] ?? zero();
          const d = Object.values(rep.dropped[s] ?? {}).reduce((a, b) => a + b, 0);
          return [s, String(rep.read[s] ?? ''), String(d), String(c.train), String(c.val), String(c.test), String(c.total)];
        }),
        ['all', '', String(rep.droppedTotal), String(rep.bySplit.train), String(rep.bySplit.val), String(rep.bySplit.test), String(rep.totalRows)],
      ],
    ),
  );

  out.push('', 'Rows per level-1 class x source (real sources: train/val/test; others: train)');
  const present = sources.filter((s) => rep.bySourceSplit[s] !== undefined);
  out.push(
    table(
      ['l1', ...present.map((s) => SOURCE_ABBR[s]), 'total'],
      LEVEL1_ROOTS.map((l1) => {
        const row = rep.byL1SourceSplit[l1] ?? {};
        let total = 0;
        const cells = present.map((s) => {
          const c = row[s];
          total += c?.total ?? 0;
          if (c === undefined) return '.';
          return REAL.has(s) ? `${c.train}/${c.val}/${c.test}` : String(c.total);
        });
        return [l1, ...cells, String(total)];
      }),
    ),
  );

  out.push('', 'Rows per language x source');
  out.push(
    table(
      ['lang', ...present.map((s) => SOURCE_ABBR[s]), 'total'],
      Object.entries(rep.byLang).map(([lang, m]) => [
        lang,
        ...present.map((s) => String(m[s] ?? 0)),
        String(Object.values(m).reduce((a, b) => a + b, 0)),
      ]),
    ),
  );

  out.push('', 'Dropped rows by source and reason');
  for (const s of SOURCE_ORDER) {
    const d = rep.dropped[s];
    if (d === undefined) continue;
    const parts = Object.entries(d)
      .sort(([, a], [, b]) => b - a)
      .map(([r, n]) => `${r} ${n}`);
    out.push(...wrap(`  ${s.padEnd(17)}`, parts.map((p, i) => (i < parts.length - 1 ? `${p},` : p)), 118, ' '.repeat(20)));
  }

  const cov = rep.coverage;
  out.push('', 'Label coverage');
  out.push(
    `  level 1: ${cov.l1.withListings.length}/${cov.l1.known} with real listings; ` +
      `synthetic only: ${cov.l1.syntheticOnly.join(' ') || '-'}; taxonomy only: ${cov.l1.taxonomyOnly.join(' ') || '-'}`,
  );
  out.push(`           with real listings: ${cov.l1.withListings.join(' ')}`);
  out.push(
    `  level 2: ${cov.l2.withListings.length}/${cov.l2.known} with real listings, ${cov.l2.syntheticOnly.length} synthetic only, ` +
      `${cov.l2.taxonomyOnly.length} taxonomy phrases only, ${cov.l2.known - cov.l2.withListings.length - cov.l2.syntheticOnly.length - cov.l2.taxonomyOnly.length} with no rows`,
  );
  out.push(...wrap('           with real listings:', cov.l2.withListings, 118, '             '));

  const lexRoots = LEVEL1_ROOTS.filter((l1) => rep.lexicon.rowsByL1[l1] !== undefined);
  if (lexRoots.length > 0) {
    out.push('', 'Synthetic rows from the merchant lexicon (training/data/lexicon), per level-1 class: en/zh');
    out.push(...wrap(' ', lexRoots.map((l1) => `${l1} ${rep.lexicon.rowsByL1[l1]!.en}/${rep.lexicon.rowsByL1[l1]!.zh}`), 118, '  '));
    for (const e of rep.lexicon.examples) out.push(`  lexicon     ${e.deep.padEnd(18)} ${clip(e.text, 84)}`);
  }

  out.push('', 'Examples');
  for (const s of SOURCE_ORDER) {
    for (const e of rep.examples[s] ?? []) out.push(`  ${SOURCE_ABBR[s].padEnd(11)} ${e.split.padEnd(5)} ${e.deep.padEnd(12)} ${clip(e.text, 84)}`);
  }
  if (rep.notes.length > 0) out.push('', 'Notes', ...rep.notes.map((n) => `  ${n}`));
  return out.join('\n');
}

function wrap(first: string, words: readonly string[], width: number, indent: string): string[] {
  const lines: string[] = [];
  let cur = first;
  for (const word of words) {
    if (cur.length + word.length + 1 > width) {
      lines.push(cur);
      cur = indent + word;
    } else cur = `${cur} ${word}`;
  }
  lines.push(cur);
  return lines;
}
