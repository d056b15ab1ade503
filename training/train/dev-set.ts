/**
 * The merchant-style development set (data/dev/merchant-listings.tsv): hand-written listings used
 * for model selection and early stopping, never for training.
 */
import { readFileSync } from 'node:fs';
import type { Lang } from '../data/corpus-types';

export interface DevRow {
  id: string;
  lang: Lang;
  text: string;
  shopifyId: string;
  hard: boolean;
  note: string;
}

export function parseDevSet(content: string): DevRow[] {
  const lines = content
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split('\t');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`dev set: missing column "${name}"`);
    return i;
  };
  const [ci, cl, ct, cs, ch, cn] = ['id', 'lang', 'text', 'shopify_id', 'hard', 'note'].map(col) as number[];
  return lines.map((line, n) => {
    const f = line.split('\t');
    const lang = f[cl!];
    if (lang !== 'en' && lang !== 'zh') throw new Error(`dev set line ${n + 2}: lang must be en or zh`);
    return {
      id: f[ci!] ?? '',
      lang,
      text: f[ct!] ?? '',
      shopifyId: f[cs!] ?? '',
      hard: f[ch!] === '1',
      note: f[cn!] ?? '',
    };
  });
}

export function readDevSet(file: string): DevRow[] {
  return parseDevSet(readFileSync(file, 'utf8'));
}
