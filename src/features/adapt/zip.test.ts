import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkPack, packEntries } from './pack-import';
import { crc32, stripCommonFolder, unzip, zipParts } from './zip';

const join = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

describe('zip', () => {
  it('writes archives it reads back byte for byte', async () => {
    const entries = [
      { path: 'pack/manifest.json', bytes: new TextEncoder().encode('{"a":1}') },
      { path: 'pack/group1-shard1of1.bin', bytes: Uint8Array.from({ length: 70_000 }, (_, i) => i % 251) },
      { path: 'pack/空.txt', bytes: new Uint8Array(0) },
    ];
    const back = await unzip(join(zipParts(entries)));
    expect(back.map((e) => e.path)).toEqual(entries.map((e) => e.path));
    back.forEach((e, i) => expect(Buffer.from(e.bytes).equals(Buffer.from(entries[i]!.bytes))).toBe(true));
    expect(stripCommonFolder(back).map((e) => e.path)).toEqual([
      'manifest.json',
      'group1-shard1of1.bin',
      '空.txt',
    ]);
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('reads deflated entries (zips made by other tools) and refuses what is not a zip', async () => {
    const data = new TextEncoder().encode('hello hello hello hello');
    const archive = join(zipParts([{ path: 'a.txt', bytes: data }]));
    // Rewrite the one entry as deflated: method 8 and the compressed size in both headers.
    const packed = deflateRawSync(data);
    const name = 5;
    const local = archive.subarray(0, 30 + name);
    const central = archive.subarray(30 + name + data.length);
    const l = Buffer.from(local);
    l.writeUInt16LE(8, 8);
    l.writeUInt32LE(packed.length, 18);
    const c = Buffer.from(central);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(packed.length, 20);
    c.writeUInt32LE(30 + name + packed.length, 46 + name + 16);
    const deflated = join([l, packed, c]);
    const [e] = await unzip(deflated);
    expect(new TextDecoder().decode(e?.bytes)).toBe('hello hello hello hello');
    await expect(unzip(new TextEncoder().encode('not a zip at all, just text'))).rejects.toThrow(/not a zip/);
  });
});

describe('checkPack', () => {
  const dir = fileURLToPath(new URL('../../../public/models/default/', import.meta.url));
  const shipped = async () => {
    const m = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as {
      files: { path: string }[];
    };
    return Promise.all(
      ['manifest.json', ...m.files.map((f) => f.path)].map(async (p) => ({
        name: p,
        bytes: new Uint8Array(await readFile(path.join(dir, p))),
      })),
    );
  };

  it('accepts the shipped pack as a zip or as files, and says what is wrong with a broken one', async () => {
    const files = await shipped();
    const zip = join(zipParts(files.map((f) => ({ path: `default/${f.name}`, bytes: f.bytes }))));
    const fromZip = await checkPack(await packEntries([{ name: 'download', bytes: zip }]));
    expect(fromZip.files).toHaveLength(files.length);
    const fromFiles = await checkPack(await packEntries(files));
    expect(fromFiles.version).toBe(fromZip.version);
    const broken = files.map((f) => (f.name === 'catalog.json' ? { ...f, bytes: f.bytes.slice(1) } : f));
    await expect(checkPack(await packEntries(broken))).rejects.toThrow(/catalog.json has/);
    await expect(checkPack(await packEntries(files.slice(0, 3)))).rejects.toThrow(/missing/);
  });
});
