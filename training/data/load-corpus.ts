/**
 * Streams data/build/corpus.jsonl back into CorpusRow objects (one JSON object per line) for
 * training and evaluation. Malformed lines throw with their line number: a corpus is built by
 * this pipeline, so a bad line means a broken file, not data to skip.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CorpusRow } from './corpus-types.js';

export async function readCorpus(path: string): Promise<CorpusRow[]> {
  const rows: CorpusRow[] = [];
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (err) {
      throw new Error(`${path}:${n}: not JSON (${(err as Error).message})`, { cause: err });
    }
    if (!isCorpusRow(row)) throw new Error(`${path}:${n}: not a corpus row`);
    rows.push(row);
  }
  return rows;
}

/** Minimal shape check of the fields every consumer relies on. */
export function isCorpusRow(x: unknown): x is CorpusRow {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return (
    typeof r.id === 'string' &&
    typeof r.text === 'string' &&
    (r.lang === 'en' || r.lang === 'zh') &&
    typeof r.source === 'string' &&
    (r.kind === 'listing' || r.kind === 'taxonomy' || r.kind === 'synthetic') &&
    (r.split === 'train' || r.split === 'val' || r.split === 'test') &&
    typeof r.l1 === 'string' &&
    (r.l2 === null || typeof r.l2 === 'string') &&
    typeof r.deep === 'string'
  );
}
