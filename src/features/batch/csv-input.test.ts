import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import {
  ADDED_COLUMNS,
  buildCsvParts,
  buildDownload,
  decodeBytes,
  delimiterName,
  detectEncoding,
  guessTextColumns,
  linesToRows,
  namedTextColumns,
  parseDelimited,
  raggedNote,
  toCsv,
  TooManyRowsError,
  type DownloadRow,
} from './csv-input';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** 这是音箱 in GBK, byte for byte (checked against iconv-lite). */
const GBK_SPEAKER = [0xd5, 0xe2, 0xca, 0xc7, 0xd2, 0xf4, 0xcf, 0xe4];

describe('detectEncoding', () => {
  it('knows UTF-8 with and without a BOM', () => {
    expect(detectEncoding(utf8('title\nsmart speaker 音箱\n'))).toMatchObject({
      ok: true,
      encoding: 'utf-8',
      label: 'UTF-8',
    });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('a,b\n')]);
    expect(detectEncoding(bom)).toMatchObject({ ok: true, encoding: 'utf-8', label: 'UTF-8 (with BOM)' });
    expect(decodeBytes(bom, 'utf-8')).toBe('a,b\n');
  });

  it('reads GBK bytes as GB18030', () => {
    const bytes = new Uint8Array([...utf8('id,标'.slice(0, 3)), ...GBK_SPEAKER, 0x0a]);
    const d = detectEncoding(bytes);
    expect(d).toMatchObject({ ok: true, encoding: 'gb18030' });
    expect(decodeBytes(bytes, 'gb18030')).toBe('id,这是音箱\n');
  });

  it('refuses binary files and bytes that are not Chinese text, with a message', () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]);
    const bin = detectEncoding(xlsx);
    expect(bin.ok).toBe(false);
    if (!bin.ok) expect(bin.message).toMatch(/not text/);
    // Latin-1 "café crème" is neither UTF-8 nor CJK-looking GB18030.
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65]);
    const d = detectEncoding(latin1);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.message).toMatch(/UTF-8/);
  });
});

describe('parseDelimited', () => {
  it('parses CSV with quotes, commas and newlines in cells', async () => {
    const p = await parseDelimited('id,title\n1,"Mug, red ""big"""\n2,"two\nlines"\n');
    expect(p.rows).toEqual([
      ['id', 'title'],
      ['1', 'Mug, red "big"'],
      ['2', 'two\nlines'],
    ]);
    expect(p.delimiter).toBe(',');
  });

  it('detects tabs and reports progress to the end', async () => {
    const seen: number[] = [];
    const p = await parseDelimited('id\ttitle\n1\tboots\n', (f) => seen.push(f));
    expect(p.delimiter).toBe('\t');
    expect(p.rows[1]).toEqual(['1', 'boots']);
    expect(seen.at(-1)).toBe(1);
  });

  it('finds a semicolon, tab or bar delimiter, commas inside cells notwithstanding', async () => {
    // A European export: semicolons between cells, decimal commas inside them.
    const semi = await parseDelimited('id;title;price\n1;Mug, red, big;3,50\n2;Kettle 1,7 l;20,00\n');
    expect(semi.delimiter).toBe(';');
    expect(delimiterName(semi.delimiter)).toBe('semicolons');
    expect(semi.rows[1]).toEqual(['1', 'Mug, red, big', '3,50']);
    expect(semi.warnings).toEqual([]);
    // A TSV saved as .csv: the name does not matter, the content decides.
    const tsv = await parseDelimited('sku\ttitle\nA1\tMug, red\n');
    expect(delimiterName(tsv.delimiter)).toBe('tabs');
    expect(tsv.rows[1]).toEqual(['A1', 'Mug, red']);
    expect((await parseDelimited('a|b\n1|2\n')).rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads a one-column list without complaint, and a BOM-led file with a clean header', async () => {
    const one = await parseDelimited('title\nMug\nKettle\n');
    expect(one.rows).toEqual([['title'], ['Mug'], ['Kettle']]);
    expect(one.warnings).toEqual([]);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('title;price\nMug;3\n')]);
    const enc = detectEncoding(bom);
    if (!enc.ok) throw new Error(enc.message);
    const p = await parseDelimited(decodeBytes(bom, enc.encoding));
    expect(p.rows[0]).toEqual(['title', 'price']);
  });

  it('keeps embedded quotes and line breaks (CRLF too) inside cells', async () => {
    const p = await parseDelimited(
      'id,title\r\n1,"Poster ""Blue Note"", 50 x 70"\r\n2,"Line one\r\nline two, still row 2"\r\n3,plain\r\n',
    );
    expect(p.rows).toEqual([
      ['id', 'title'],
      ['1', 'Poster "Blue Note", 50 x 70'],
      ['2', 'Line one\r\nline two, still row 2'],
      ['3', 'plain'],
    ]);
    expect(p.warnings).toEqual([]);
  });

  it('says where a quote is never closed, keeping what it read', async () => {
    const p = await parseDelimited('id,title\n1,ok\n2,"unclosed\n3,lost?\n');
    expect(p.rows).toHaveLength(3);
    expect(p.rows[2]?.[1]).toContain('3,lost?');
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toMatch(/^line 3 of the file: a quote \("\) is opened and never closed/);
  });

  it('an empty or blank file has no rows', async () => {
    expect((await parseDelimited('')).rows).toEqual([]);
    expect((await parseDelimited('\n\r\n\n')).rows).toEqual([]);
  });

  it('refuses a file past the row cap instead of cutting it', async () => {
    const text = Array.from({ length: 5000 }, (_, i) => `${i},item ${i}`).join('\n');
    await expect(parseDelimited(text, undefined, 4000)).rejects.toBeInstanceOf(TooManyRowsError);
    await expect(parseDelimited(text, undefined, 4000)).rejects.toThrow('more than 3,999 rows');
    expect((await parseDelimited(text, undefined, 5000)).rows).toHaveLength(5000);
  });

  it('parses 100,000 rows across chunks, yielding, without losing any', async () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `${i},"listing, ${i}"`).join('\r\n');
    const seen: number[] = [];
    const p = await parseDelimited(text, (f) => seen.push(f));
    expect(p.rows).toHaveLength(100_000);
    expect(p.rows[99_999]).toEqual(['99999', 'listing, 99999']);
    expect(seen.length).toBeGreaterThan(10);
  });

  it('parses many rows across chunks without losing any', async () => {
    const text = Array.from({ length: 30_000 }, (_, i) => `${i},listing number ${i} with some words`).join(
      '\n',
    );
    const p = await parseDelimited(text);
    expect(p.rows).toHaveLength(30_000);
    expect(p.rows[29_999]?.[0]).toBe('29999');
  });
});

describe('columns and lines', () => {
  it('guesses text columns by name, else by length', () => {
    expect(guessTextColumns(['sku', 'Title', 'price', 'description'], [])).toEqual([1, 3]);
    expect(guessTextColumns(['商品编号', '标题'], [])).toEqual([1]);
    expect(
      guessTextColumns(
        ['a', 'b'],
        [
          ['1', 'a long product text'],
          ['2', 'another one'],
        ],
      ),
    ).toEqual([1]);
  });

  it('knows when no header names a text column', () => {
    expect(namedTextColumns(['sku', 'Produktname'])).toEqual([1]);
    expect(namedTextColumns(['sku', 'artikel', 'preis'])).toEqual([]);
    expect(namedTextColumns(['', ''])).toEqual([]);
  });

  it('notes ragged rows (short and long) and says nothing about even ones', () => {
    expect(raggedNote(['id', 'title'], [['1', 'a']])).toBeNull();
    expect(raggedNote(['id', 'title'], [['1', 'a'], ['2'], ['3', 'b', 'x'], ['4']])).toBe(
      "2 rows with fewer cells and 1 row with more cells than the header's 2 (first: #2); padded in the download",
    );
  });

  it('turns pasted lines into one-cell rows, skipping blank lines', () => {
    expect(linesToRows('a\r\n\n  \nb\n')).toEqual([['a'], ['b']]);
  });
});

describe('buildDownload / toCsv', () => {
  const row = (i: number): DownloadRow =>
    i === 1
      ? {
          status: 'failed',
          l1: '',
          l1Name: '',
          l2: '',
          l2Name: '',
          googleId: null,
          confidence: null,
          reason: 'empty text',
        }
      : {
          status: 'auto',
          l1: 'el',
          l1Name: 'Electronics',
          l2: 'el-4',
          l2Name: 'Communications',
          googleId: 262,
          confidence: 0.98765,
          reason: '',
        };

  it('keeps every row and cell (ragged rows padded, never cut) and adds the columns', () => {
    const out = buildDownload(['id', 'title'], [['1', 'speaker'], ['2'], ['3', 'x', 'extra']], row);
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual(['id', 'title', 'column_3', ...ADDED_COLUMNS]);
    expect(out[1]).toEqual([
      '1',
      'speaker',
      '',
      'el',
      'Electronics',
      'el-4',
      'Communications',
      '262',
      '0.9877',
      'auto',
      '',
    ]);
    expect(out[2]?.slice(0, 3)).toEqual(['2', '', '']);
    expect(out[2]?.slice(-2)).toEqual(['failed', 'empty text']);
    expect(out[3]?.slice(0, 3)).toEqual(['3', 'x', 'extra']);
    // Unnamed columns (no header, or an empty header cell) get a name in the download.
    expect(buildDownload(['', 'title'], [['1', 'a']], row)[0]?.slice(0, 2)).toEqual(['column_1', 'title']);
  });

  it('builds the same CSV in pieces as in one go', async () => {
    const rows = Array.from({ length: 12_345 }, (_, i) => [String(i), i % 7 === 0 ? '' : `item, "${i}"`]);
    const parts = await buildCsvParts(['id', 'title'], rows, row);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.join('')).toBe(toCsv(buildDownload(['id', 'title'], rows, row)));
    expect((await buildCsvParts(['id'], [], row)).join('')).toBe(`\uFEFFid,${ADDED_COLUMNS.join(',')}`);
  });

  it('writes CSV with a BOM that parses back to the same table', () => {
    const table = [
      ['title', 'note'],
      ['<b>"quoted", 音箱</b>', 'a\nb'],
    ];
    const csv = toCsv(table);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Papa.parse<string[]>(csv.slice(1)).data).toEqual(table);
  });
});
