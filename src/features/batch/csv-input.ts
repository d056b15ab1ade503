/**
 * Reading and writing many listings: encoding detection (UTF-8 with or without BOM, UTF-16 with
 * BOM, else GB18030/GBK), streaming CSV/TSV parsing with papaparse that yields to the page between
 * chunks (delimiter detected: comma, semicolon, tab, bar), the size caps, text-column guessing,
 * ragged-row notes, and the download (original cells + category columns). Pure functions except
 * parseDelimited's timers; unit-tested.
 */
import Papa from 'papaparse';

export type Detected =
  | { ok: true; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'; label: string }
  | { ok: false; message: string };

/** Share of non-ASCII characters that must be CJK for bytes to be taken as GB18030 text. */
const GB_CJK_SHARE = 0.8;

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2010-\u201f\u00b7]/u;

export function detectEncoding(bytes: Uint8Array): Detected {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { ok: true, encoding: 'utf-8', label: 'UTF-8 (with BOM)' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, encoding: 'utf-16le', label: 'UTF-16 LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, encoding: 'utf-16be', label: 'UTF-16 BE' };
  // A NUL byte never occurs in UTF-8 or GBK text: this is a spreadsheet or other binary file.
  if (bytes.subarray(0, 65536).includes(0))
    return {
      ok: false,
      message:
        'This file is not text (a spreadsheet such as .xlsx?). Save or export it as CSV (UTF-8) and try again.',
    };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, encoding: 'utf-8', label: 'UTF-8' };
  } catch {
    // Not UTF-8: try the Chinese national encoding next.
  }
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    let nonAscii = 0;
    let cjk = 0;
    for (const ch of text) {
      if (ch.charCodeAt(0) < 0x80) continue;
      nonAscii++;
      if (CJK.test(ch)) cjk++;
    }
    // Most byte soups decode as *some* GB18030; real Chinese text decodes to CJK characters.
    if (nonAscii === 0 || cjk / nonAscii >= GB_CJK_SHARE)
      return { ok: true, encoding: 'gb18030', label: 'GB18030 / GBK' };
  } catch {
    // Not GB18030 either.
  }
  return {
    ok: false,
    message:
      'Could not tell this file’s text encoding (it is neither UTF-8 nor GBK/GB18030). Save it as CSV UTF-8 and try again.',
  };
}

export function decodeBytes(bytes: Uint8Array, encoding: string): string {
  // TextDecoder drops a leading BOM by default, so the first header is not "\uFEFFtitle".
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * Largest file read. The page holds the bytes, the decoded text (2 bytes a character) and the
 * cells (about as much again), so a file costs about 5x its size in memory: 64 MB -> ~320 MB, what
 * a phone's browser tab can still hold. Real catalog exports of 100,000 listings are 10-30 MB.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/**
 * Most rows per batch. Past this a file is refused whole, with a message to split it: cutting it
 * would silently drop listings. 250,000 rows keep the per-row results (a few hundred bytes each)
 * and the download under ~150 MB, and classify in minutes on WASM (npm run bench: ~2,000 rows/s).
 */
export const MAX_ROWS = 250_000;

export class TooManyRowsError extends Error {
  override name = 'TooManyRowsError';
}

const DELIMITER_NAMES: Record<string, string> = {
  ',': 'commas',
  ';': 'semicolons',
  '\t': 'tabs',
  '|': 'vertical bars',
  '\x1e': 'record separators',
  '\x1f': 'unit separators',
};

/** How the user is told which delimiter was found ("semicolons"). */
export const delimiterName = (d: string) => DELIMITER_NAMES[d] ?? `“${d}”`;

/** Characters per papaparse chunk: a few tens of ms of parsing, then the page gets a turn. */
const PARSE_CHUNK_CHARS = 128 * 1024;

export interface Parsed {
  rows: string[][];
  delimiter: string;
  /** papaparse's complaints (unclosed quotes ...), first few, with row numbers. */
  warnings: string[];
}

/** What a papaparse complaint means for the merchant (null: nothing worth saying). */
function describeParseError(e: Papa.ParseError, rowBase: number): string | null {
  // One column and nothing to split on: a plain list of titles, not a problem.
  if (e.code === 'UndetectableDelimiter') return null;
  const row = `line ${rowBase + (e.row ?? 0) + 1} of the file`;
  if (e.code === 'MissingQuotes')
    return `${row}: a quote (") is opened and never closed, so the rest of the file was read into that one cell; close the quote and upload again`;
  if (e.code === 'InvalidQuotes') return `${row}: a stray quote (") inside a cell was kept as a character`;
  return `${row}: ${e.message}`;
}

/**
 * Parses CSV / TSV (delimiter detected) in chunks, yielding to the event loop between them.
 * Rejects with TooManyRowsError past `maxRows` rows (header included), before holding them all.
 */
export function parseDelimited(
  text: string,
  onProgress?: (fraction: number) => void,
  maxRows = MAX_ROWS + 1,
): Promise<Parsed> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    const warnings: string[] = [];
    let delimiter = ',';
    let tooMany = false;
    Papa.parse<string[]>(text, {
      header: false,
      skipEmptyLines: true,
      chunkSize: PARSE_CHUNK_CHARS,
      chunk: (res: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        delimiter = res.meta.delimiter;
        const base = rows.length;
        // A blank line is no row, even with spaces or a stray CR (mixed line endings) on it; a row
        // of empty cells (",,") is one, and is kept to be marked.
        for (const r of res.data) if (r.length > 1 || (r[0] ?? '').trim() !== '') rows.push(r);
        for (const e of res.errors) {
          const w = describeParseError(e, base);
          if (w !== null && warnings.length < 5) warnings.push(w);
        }
        if (rows.length > maxRows) {
          tooMany = true;
          parser.abort();
          return;
        }
        onProgress?.(Math.min(1, res.meta.cursor / Math.max(1, text.length)));
        parser.pause();
        setTimeout(() => parser.resume(), 0);
      },
      complete: () =>
        tooMany
          ? reject(new TooManyRowsError(`more than ${(maxRows - 1).toLocaleString('en-US')} rows`))
          : resolve({ rows, delimiter, warnings }),
      error: (err: Error) => reject(err),
    });
  });
}

/** Pasted lines: one listing per line, blank lines skipped, nothing else interpreted. */
export function linesToRows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => [l]);
}

/** Headers that name codes, not text ("product_id", "商品编号" = item number). */
const ID_HEADER = /id$|^id|url|sku|编号|代码|货号/i;
const TEXT_HEADER = /title|name|text|listing|product|desc|标题|名称|商品|描述|品名/i;

/** Columns whose header names listing text (title, description, 标题 ...), at most two. */
export const namedTextColumns = (header: readonly string[]): number[] =>
  header.flatMap((h, i) => (TEXT_HEADER.test(h) && !ID_HEADER.test(h) ? [i] : [])).slice(0, 2);

/** Columns that hold listing text: by header name, else the column with the longest cells. */
export function guessTextColumns(header: readonly string[], rows: readonly string[][]): number[] {
  const named = namedTextColumns(header);
  if (named.length > 0) return named;
  let best = 0;
  let bestLen = -1;
  for (let c = 0; c < header.length; c++) {
    let len = 0;
    for (const r of rows.slice(0, 50)) len += (r[c] ?? '').length;
    if (len > bestLen) {
      best = c;
      bestLen = len;
    }
  }
  return [best];
}

/**
 * A note on rows whose cell count differs from the header's (a ragged file), or null. Such rows
 * are kept as read; the download pads short rows and widens the table for long ones.
 */
export function raggedNote(header: readonly string[], rows: readonly string[][]): string | null {
  let short = 0;
  let long = 0;
  let first = -1;
  rows.forEach((r, i) => {
    if (r.length === header.length) return;
    if (r.length < header.length) short++;
    else long++;
    if (first < 0) first = i;
  });
  if (short + long === 0) return null;
  const n = (k: number) => `${k.toLocaleString('en-US')} row${k === 1 ? '' : 's'}`;
  const parts = [short > 0 && `${n(short)} with fewer cells`, long > 0 && `${n(long)} with more cells`];
  return `${parts.filter(Boolean).join(' and ')} than the header's ${header.length} (first: #${first + 1}); padded in the download`;
}

export interface DownloadRow {
  status: 'auto' | 'review' | 'corrected' | 'failed' | 'pending';
  l1: string;
  l1Name: string;
  l2: string;
  l2Name: string;
  googleId: number | null;
  confidence: number | null;
  reason: string;
}

export const ADDED_COLUMNS = [
  'level1_id',
  'level1_name',
  'level2_id',
  'level2_name',
  'google_id',
  'confidence',
  'routing',
  'reason',
] as const;

/** Width of the download's original part: the header or the longest row, whichever is wider. */
export const tableWidth = (header: readonly string[], rows: readonly string[][]) =>
  rows.reduce((w, r) => Math.max(w, r.length), header.length);

/**
 * Original cells (ragged rows padded to `width`, never cut) followed by the category columns,
 * for rows[from, to); the header row first when from is 0.
 */
export function buildDownload(
  header: readonly string[],
  rows: readonly string[][],
  added: (i: number) => DownloadRow,
  from = 0,
  to = rows.length,
  width = tableWidth(header, rows),
): string[][] {
  const out: string[][] = [];
  if (from === 0)
    out.push([...Array.from({ length: width }, (_, i) => header[i] || `column_${i + 1}`), ...ADDED_COLUMNS]);
  for (let i = from; i < to; i++) {
    const r = rows[i] ?? [];
    const a = added(i);
    const cells = Array.from({ length: width }, (_, c) => r[c] ?? '');
    out.push([
      ...cells,
      a.l1,
      a.l1Name,
      a.l2,
      a.l2Name,
      a.googleId === null ? '' : String(a.googleId),
      a.confidence === null ? '' : a.confidence.toFixed(4),
      a.status === 'pending' ? 'not classified' : a.status,
      a.reason,
    ]);
  }
  return out;
}

/** Rows per piece of the download: builds in well under 50 ms, then the page gets a turn. */
const DOWNLOAD_CHUNK_ROWS = 2000;

/** The whole download as CSV pieces (first one with the BOM), built between turns of the page. */
export async function buildCsvParts(
  header: readonly string[],
  rows: readonly string[][],
  added: (i: number) => DownloadRow,
): Promise<string[]> {
  const width = tableWidth(header, rows);
  const parts: string[] = ['\uFEFF'];
  for (let from = 0; from === 0 || from < rows.length; from += DOWNLOAD_CHUNK_ROWS) {
    const to = Math.min(rows.length, from + DOWNLOAD_CHUNK_ROWS);
    const piece = Papa.unparse(buildDownload(header, rows, added, from, to, width), { newline: '\r\n' });
    if (piece !== '') parts.push(from === 0 ? piece : `\r\n${piece}`);
    await new Promise((r) => setTimeout(r, 0));
  }
  return parts;
}

/** CSV text with a UTF-8 BOM, so spreadsheet apps read Chinese names right. */
export function toCsv(table: string[][]): string {
  return `\uFEFF${Papa.unparse(table, { newline: '\r\n' })}`;
}
