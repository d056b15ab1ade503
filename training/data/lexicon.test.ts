/** Checks every lexicon file against the taxonomy: ids exist and sit in the file's root, terms are clean. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RAW_DATA_DIR } from '../paths.js';
import { readLexiconFiles, type LexiconEntry } from './merchant-lexicon.js';
import { loadTaxonomy } from './taxonomy.js';

const haveRaw = existsSync(path.join(RAW_DATA_DIR, 'shopify-taxonomy'));
const files = readLexiconFiles();

describe.skipIf(!haveRaw)('merchant lexicon', () => {
  const tax = haveRaw ? loadTaxonomy() : null;

  it('has files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('does not give one term to two roots', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const file of files) {
      for (const e of file.entries) {
        for (const t of [...e.en.map((x) => `en:${x.toLowerCase()}`), ...e.zh.map((x) => `zh:${x}`)]) {
          const prev = owner.get(t);
          if (prev !== undefined && prev !== file.root) clashes.push(`${t} in ${prev} and ${file.root}`);
          owner.set(t, file.root);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  for (const file of files) {
    describe(file.root, () => {
      const all: [string, LexiconEntry][] = [
        ...file.entries.map((e) => ['entry', e] as [string, LexiconEntry]),
        ...file.brands.map((e) => ['brand', e] as [string, LexiconEntry]),
      ];

      it('uses existing ids inside its root', () => {
        const bad = all.filter(([, e]) => !tax?.categories.has(e.id) || !(e.id === file.root || e.id.startsWith(`${file.root}-`)));
        expect(bad.map(([k, e]) => `${k} ${e.id}`)).toEqual([]);
      });

      it('has clean terms', () => {
        const problems: string[] = [];
        for (const [kind, e] of all) {
          for (const t of e.en) {
            if (t !== t.trim() || t.length === 0 || t.length > 40) problems.push(`${kind} ${e.id} en "${t}": length/whitespace`);
            if (/[\u3400-\u9fff]/.test(t)) problems.push(`${kind} ${e.id} en "${t}": Chinese in an English term`);
          }
          for (const t of e.zh) {
            if (t !== t.trim() || t.length === 0 || t.length > 24) problems.push(`${kind} ${e.id} zh "${t}": length/whitespace`);
          }
        }
        expect(problems).toEqual([]);
      });

      it('does not give one term to two nodes', () => {
        const owner = new Map<string, string>();
        const clashes: string[] = [];
        for (const e of file.entries) {
          for (const t of [...e.en.map((x) => `en:${x.toLowerCase()}`), ...e.zh.map((x) => `zh:${x}`)]) {
            const prev = owner.get(t);
            if (prev !== undefined && prev !== e.id) clashes.push(`${t} in ${prev} and ${e.id}`);
            owner.set(t, e.id);
          }
        }
        expect(clashes).toEqual([]);
      });
    });
  }
});
