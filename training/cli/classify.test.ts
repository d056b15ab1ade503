import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../src/ml/backend/node-wasm';
import { classifyFile } from './classify';

describe('npm run classify', () => {
  beforeAll(async () => {
    await initNodeBackend();
  });

  it('keeps every row and column, adds categories, and marks rows it cannot classify', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'classify-')), 'out.csv');
    const res = await classifyFile('training/cli/fixtures/listings.csv', { out });
    expect(res.rows).toBe(5);
    const [header, ...rows] = Papa.parse<string[]>(readFileSync(out, 'utf8'), { skipEmptyLines: true }).data;
    expect(header).toEqual([
      'title',
      'price',
      'level1_id',
      'level1_name',
      'level2_id',
      'level2_name',
      'google_id',
      'confidence',
      'error',
    ]);
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r[1])).toEqual(['89', '199', '599', '1', '12']);
    expect(rows[0]![2]).toBe('aa');
    expect(rows[1]![2]).toBe('el');
    expect(rows[3]![8]).toBe('empty text');
    // HTML in a listing is data, not markup: it stays verbatim in the output.
    expect(rows[4]![0]).toContain('<script>');
  });

  it('names the missing column', async () => {
    await expect(classifyFile('training/cli/fixtures/listings.csv', { column: 'nope' })).rejects.toThrow(
      /Column "nope"/,
    );
  });
});
