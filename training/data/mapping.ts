/**
 * Hand-reviewed mapping tables (data/mappings/<source>.tsv): `source_label<TAB>shopify_id<TAB>reason`.
 * A label is a path of source category segments joined with ' > '; a listing's label resolves to
 * the LONGEST table entry that is a prefix of its path, so a table can map by the first 2 levels
 * and override deeper sub-trees. shopify_id may be `EXCLUDE` (with a reason).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MAPPINGS_DIR } from '../paths.js';

export const EXCLUDE = 'EXCLUDE';
export const LABEL_SEPARATOR = ' > ';

export interface MappingEntry {
  label: string;
  /** Shopify short id, or EXCLUDE. */
  target: string;
  reason: string;
  /** 1-based line in the TSV, for error messages. */
  line: number;
}

export interface MappingTable {
  name: string;
  file: string;
  entries: Map<string, MappingEntry>;
}

/** Case- and space-insensitive key: source files are not consistent about either. */
export const labelKey = (segments: readonly string[]): string =>
  segments.map((s) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()).join(LABEL_SEPARATOR);

export function parseMappingTable(name: string, text: string, file = `${name}.tsv`): MappingTable {
  const entries = new Map<string, MappingEntry>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '');
    if (line.trim() === '' || line.startsWith('#')) return;
    const cols = line.split('\t');
    if (i === 0 && cols[0] === 'source_label') return; // header
    const [label, target, reason] = cols.map((c) => c.trim());
    if (cols.length !== 3 || label === undefined || label === '' || target === undefined || target === '') {
      problems.push(`${file}:${i + 1}: expected 3 tab-separated columns, got ${cols.length}`);
      return;
    }
    if (target === EXCLUDE && (reason === undefined || reason === '')) {
      problems.push(`${file}:${i + 1}: EXCLUDE needs a reason`);
      return;
    }
    const key = labelKey(label.split('>'));
    if (entries.has(key)) problems.push(`${file}:${i + 1}: duplicate label "${label}"`);
    entries.set(key, { label, target, reason: reason ?? '', line: i + 1 });
  });
  if (problems.length > 0) throw new Error(`Bad mapping table ${file}:\n  ${problems.join('\n  ')}`);
  return { name, file, entries };
}

export function loadMappingTable(name: string, dir: string = MAPPINGS_DIR): MappingTable {
  const file = path.join(dir, `${name}.tsv`);
  return parseMappingTable(name, readFileSync(file, 'utf8'), file);
}

/** Longest-prefix lookup of a label path; undefined when no prefix is in the table. */
export function lookupLabel(table: MappingTable, segments: readonly string[]): MappingEntry | undefined {
  for (let n = segments.length; n > 0; n--) {
    const e = table.entries.get(labelKey(segments.slice(0, n)));
    if (e !== undefined) return e;
  }
  return undefined;
}

/** Thrown when a source holds labels the table does not cover: the build must stop. */
export class UnmappedLabelsError extends Error {
  constructor(
    readonly table: string,
    readonly labels: { label: string; rows: number }[],
  ) {
    super(
      `${labels.length} source label(s) of ${table} are not in the mapping table; add them (or EXCLUDE with a reason):\n` +
        labels.map((l) => `  ${l.label}\t(${l.rows} rows)`).join('\n'),
    );
    this.name = 'UnmappedLabelsError';
  }
}
