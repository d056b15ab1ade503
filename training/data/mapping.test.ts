import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAPPINGS_DIR, RAW_DATA_DIR } from '../paths.js';
import { REAL_SOURCES, checkMappingTargets, mapSourceRows } from './build-corpus.js';
import { EXCLUDE, loadMappingTable, lookupLabel, parseMappingTable } from './mapping.js';
import { isProductCategory, loadTaxonomy } from './taxonomy.js';

const haveRaw = existsSync(path.join(RAW_DATA_DIR, 'shopify-taxonomy'));

describe('parseMappingTable / lookupLabel', () => {
  const t = parseMappingTable('t', 'source_label\tshopify_id\treason\nA\tx-1\tr\nA > B\tx-1-2\tdeeper\nA > C\tEXCLUDE\tnot a product\n');
  it('uses the longest matching prefix, case-insensitively', () => {
    expect(lookupLabel(t, ['A', 'B', 'Z'])?.target).toBe('x-1-2');
    expect(lookupLabel(t, ['a', 'q'])?.target).toBe('x-1');
    expect(lookupLabel(t, ['A', 'C'])?.target).toBe(EXCLUDE);
    expect(lookupLabel(t, ['Q'])).toBeUndefined();
  });
  it('rejects malformed tables', () => {
    expect(() => parseMappingTable('t', 'A\tx\n')).toThrow(/3 tab-separated/);
    expect(() => parseMappingTable('t', 'A\tEXCLUDE\t\n')).toThrow(/3 tab-separated|reason/);
    expect(() => parseMappingTable('t', 'A\tx\tr\na\tx\tr\n')).toThrow(/duplicate/);
  });
});

describe.runIf(haveRaw)('data/mappings tables', () => {
  const tax = loadTaxonomy();
  const tables = readdirSync(MAPPINGS_DIR).filter((f) => f.endsWith('.tsv'));
  it('has one table per real source', () => {
    for (const s of REAL_SOURCES) expect(tables).toContain(`${s.table}.tsv`);
  });
  it.each(tables)('%s: every shopify_id exists and lies under one of the 21 roots; every row has a reason', (file) => {
    const table = loadMappingTable(file.replace(/\.tsv$/, ''));
    expect(checkMappingTargets(table, tax)).toEqual([]);
    for (const e of table.entries.values()) {
      expect(e.reason).not.toBe('');
      if (e.target !== EXCLUDE) expect(isProductCategory(e.target)).toBe(true);
    }
  });
  it.each(REAL_SOURCES.map((s) => [s.table, s] as const))('%s: every source label is mapped or excluded', (_name, src) => {
    const res = src.read(RAW_DATA_DIR);
    const m = mapSourceRows(res, loadMappingTable(src.table), {});
    expect([...m.unmapped.keys()]).toEqual([]);
  });
});
