import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CorpusRow } from './corpus-types.js';
import { readCorpus } from './load-corpus.js';

const row: CorpusRow = { id: 'amazon:1', text: 'Toy car', lang: 'en', source: 'amazon', kind: 'listing', split: 'val', l1: 'tg', l2: 'tg-5', deep: 'tg-5-15-3' };

describe('readCorpus', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'corpus-'));
  it('streams JSONL rows back, skipping blank lines', async () => {
    const f = path.join(dir, 'ok.jsonl');
    writeFileSync(f, `${JSON.stringify(row)}\n\n${JSON.stringify({ ...row, id: 'amazon:2', extra: 'x' })}\n`);
    const rows = await readCorpus(f);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(row);
    expect(rows[1]?.extra).toBe('x');
  });
  it('fails with the line number on a broken line', async () => {
    const f = path.join(dir, 'bad.jsonl');
    writeFileSync(f, `${JSON.stringify(row)}\n{"id": 1}\n`);
    await expect(readCorpus(f)).rejects.toThrow(/bad.jsonl:2/);
  });
});
