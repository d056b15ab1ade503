/**
 * The committed model pack is what every visitor downloads: its files must match the manifest,
 * and it must still score what its card says on the corpus test split (real listings).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend, tensorCount } from '../../src/ml/backend/node-wasm';
import { Categorizer } from '../../src/ml/pack/categorizer';
import { readManifest } from '../../src/ml/pack/pack-source';
import { readCorpus } from '../data/load-corpus';
import { modelText } from '../train/dataset';
import { MODELS_DIR, PROJECT_ROOT, RAW_DATA_DIR } from '../paths';
import { folderPackSource } from './fs-pack-source';

const PACK = path.join(MODELS_DIR, 'default');

describe('committed model pack', () => {
  let cat: Categorizer;
  beforeAll(async () => {
    await initNodeBackend();
    cat = await Categorizer.load(folderPackSource(PACK)); // verifies every file's size and SHA-256
  });

  it('lists exactly the files in its folder, each with a matching hash', async () => {
    const manifest = await readManifest(folderPackSource(PACK));
    const listed = manifest.files.map((f) => f.path).sort();
    const present = readdirSync(PACK)
      .filter((f) => f !== 'manifest.json')
      .sort();
    expect(listed).toEqual(present);
    expect(cat.manifest.labels.level1).toHaveLength(21);
  });

  it("reproduces its card's level-1 test accuracy within 0.5 points", () => {
    expect(existsSync(RAW_DATA_DIR), `raw data expected in ${RAW_DATA_DIR} (see README)`).toBe(true);
    // The test split holds real listings only and does not depend on synthetic rows, so the
    // faster build without them gives the same split (checked by split ids in the corpus tests).
    const out = mkdtempSync(path.join(tmpdir(), 'corpus-'));
    const r = spawnSync('npx', ['tsx', 'training/cli/data.ts', '--no-synthetic', '--quiet', '--out', out], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    return readCorpus(path.join(out, 'corpus.jsonl')).then((rows) => {
      const test = rows.filter((row) => row.split === 'test');
      const card = JSON.parse(readFileSync(path.join(PACK, cat.manifest.card), 'utf8')) as {
        metrics: { test: { level1: { accuracy: number; n: number } } };
      };
      expect(test.length).toBe(card.metrics.test.level1.n);
      const res = cat.classify(
        test.map((row) => modelText(row.text, row.extra)),
        { topK: 1, neighbours: 0, deep: 0 },
      );
      const correct = res.filter((x, i) => x.level1[0]?.id === test[i]!.l1).length;
      const accuracy = correct / test.length;
      expect(Math.abs(accuracy - card.metrics.test.level1.accuracy)).toBeLessThanOrEqual(0.005);
    });
  });

  it('keeps the tensor count flat across classify calls', () => {
    cat.classify(['warm up']);
    const before = tensorCount();
    for (let i = 0; i < 50; i++)
      cat.classify([`Men's Waterproof Hiking Boots size ${i}`, '这是一款家庭用智能音箱']);
    expect(tensorCount()).toBe(before);
  });

  it('puts a smart speaker in Electronics and hiking boots in Apparel', () => {
    const [speaker, boots] = cat.classify([
      '这是一款家庭用智能音箱',
      "Men's Waterproof Hiking Boots, Size 10, Brown Leather",
    ]);
    expect(speaker!.level1[0]!.id).toBe('el');
    expect(boots!.level1[0]!.id).toBe('aa');
  });
});
