/**
 * The precomputed name features: they round-trip through the file, a file that does not fit the
 * pack is refused with a reason, and a pack that ships the file classifies exactly as one whose
 * loader tokenizes the names itself (the committed pack, with and without the file added in memory).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Categorizer } from './categorizer';
import type { DeepNode, PackManifest } from './manifest';
import {
  computeNameFeatures,
  countNames,
  decodeNameFeatures,
  encodeNameFeatures,
  NAME_FEATURES_FILE,
} from './name-features';
import { readManifest, type PackSource } from './pack-source';
import { sha256Hex } from './sha256';
import { committedPackSource, loadCommittedPack } from './test-pack';
import { DEFAULT_TOKENIZER_CONFIG } from '../tokenizer/tokenizer-config';

const NODES: DeepNode[] = [
  { id: 'aa', en: 'Apparel & Accessories', zh: '服饰与配饰', g: 166 },
  { id: 'aa-1', en: 'Clothing', zh: '服装', g: 1604, aka: ['clothes', 'hoodie', '卫衣'] },
  { id: 'aa-1-2', en: 'Hiking Boots', zh: '登山靴', g: null },
];

const LISTINGS = [
  "Men's waterproof leather hiking boots with Vibram sole",
  '这是一款家庭用智能音箱',
  'Stainless steel water bottle with straw lid 750ml for kids 保温杯',
  'Weapon holster for the belt, left hand',
  '',
];

describe('name features file', () => {
  const tok = DEFAULT_TOKENIZER_CONFIG;

  it('round-trips every name, in index order (en, zh, aliases per node)', () => {
    const f = computeNameFeatures(NODES, tok);
    expect(f.offsets.length).toBe(countNames(NODES) + 1);
    expect(countNames(NODES)).toBe(9);
    // Every name has features, and a name's ids are distinct.
    for (let j = 0; j < 9; j++) {
      const ids = [...f.ids.subarray(f.offsets[j]!, f.offsets[j + 1]!)];
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
    }
    const back = decodeNameFeatures(encodeNameFeatures(f, tok.buckets), 9, tok.buckets);
    expect([...back.offsets]).toEqual([...f.offsets]);
    expect([...back.ids]).toEqual([...f.ids]);
  });

  it('uses 16-bit ids up to 65,536 buckets and 32-bit ids beyond', () => {
    const small = computeNameFeatures(NODES, { ...tok, buckets: 65_536 });
    const big = computeNameFeatures(NODES, { ...tok, buckets: 2 ** 18 });
    expect(small.ids.BYTES_PER_ELEMENT).toBe(2);
    expect(big.ids.BYTES_PER_ELEMENT).toBe(4);
    const back = decodeNameFeatures(encodeNameFeatures(big, 2 ** 18), 9, 2 ** 18);
    expect([...back.ids]).toEqual([...big.ids]);
  });

  it('refuses a file made for other names, another tokenizer or cut short', () => {
    const bytes = encodeNameFeatures(computeNameFeatures(NODES, tok), tok.buckets);
    expect(() => decodeNameFeatures(bytes, 8, tok.buckets)).toThrow(/lists 9 names, deep.json has 8/);
    expect(() => decodeNameFeatures(bytes, 9, 1024)).toThrow(/buckets/);
    expect(() => decodeNameFeatures(bytes.subarray(0, bytes.length - 2), 9, tok.buckets)).toThrow(/size/);
    const bad = bytes.slice();
    bad[0] = 0;
    expect(() => decodeNameFeatures(bad, 9, tok.buckets)).toThrow(/unknown layout/);
  });
});

describe('a pack with the name features file', () => {
  let plain: Categorizer;
  let withFile: Categorizer;
  beforeAll(async () => {
    plain = await loadCommittedPack();
    // The committed pack with the file added in memory (whether or not it ships one already).
    const manifest = await readManifest(committedPackSource);
    if (!manifest.deep) throw new Error('The committed pack has no deep nodes.');
    const nodes = (
      JSON.parse(new TextDecoder().decode(await committedPackSource.read(manifest.deep.file))) as {
        nodes: DeepNode[];
      }
    ).nodes;
    const file = encodeNameFeatures(
      computeNameFeatures(nodes, manifest.tokenizer),
      manifest.tokenizer.buckets,
    );
    const m: PackManifest = {
      ...manifest,
      deep: { ...manifest.deep, nameFeatures: NAME_FEATURES_FILE },
      files: [
        ...manifest.files.filter((f) => f.path !== NAME_FEATURES_FILE),
        { path: NAME_FEATURES_FILE, bytes: file.byteLength, sha256: await sha256Hex(file) },
      ],
    };
    const source: PackSource = {
      location: 'memory',
      read: async (p) =>
        p === 'manifest.json'
          ? new TextEncoder().encode(JSON.stringify(m))
          : p === NAME_FEATURES_FILE
            ? file
            : committedPackSource.read(p),
    };
    withFile = await Categorizer.load(source);
  });
  afterAll(() => {
    plain.dispose();
    withFile.dispose();
  });

  it('gives exactly the suggestions of the runtime-built index', () => {
    const a = plain.classify(LISTINGS, { topK: 5, neighbours: 3, deep: 5 });
    const b = withFile.classify(LISTINGS, { topK: 5, neighbours: 3, deep: 5 });
    expect(b.map((r) => [r.level1, r.level2, r.deep])).toEqual(a.map((r) => [r.level1, r.level2, r.deep]));
    expect(a[0]!.deep.length).toBeGreaterThan(0);
  });

  it('if the committed pack ships the file, it is what the exporter computes today', async () => {
    const manifest = await readManifest(committedPackSource);
    if (!manifest.deep?.nameFeatures) return;
    const nodes = (
      JSON.parse(new TextDecoder().decode(await committedPackSource.read(manifest.deep.file))) as {
        nodes: DeepNode[];
      }
    ).nodes;
    const shipped = decodeNameFeatures(
      await committedPackSource.read(manifest.deep.nameFeatures),
      countNames(nodes),
      manifest.tokenizer.buckets,
    );
    const now = computeNameFeatures(nodes, manifest.tokenizer);
    expect([...shipped.offsets]).toEqual([...now.offsets]);
    expect([...shipped.ids]).toEqual([...now.ids]);
  });
});
