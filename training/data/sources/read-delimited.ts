/**
 * Delimited-file parsing with papaparse that never throws on a bad row: returns the rows it could
 * parse plus the parser's per-row errors, so readers can count them by reason.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

export interface ParsedTable {
  rows: string[][];
  /** Row indexes (0-based, data rows) with a papaparse error, and the error code. */
  errors: { row: number; code: string }[];
}

export interface ParseOptions {
  delimiter?: string;
  /**
   * Disable quote handling (for TSV files that hold literal `"` characters, e.g. Instacart's
   * `9"x13"`): papaparse then treats every quote as text.
   */
  noQuotes?: boolean;
}

/** Strips a leading UTF-8 BOM (online-shopping has one inside the first data cell). */
export function stripBom(s: string): string {
  return s.replace(/^\uFEFF/, '');
}

export function parseDelimited(text: string, opts: ParseOptions = {}): ParsedTable {
  const res = Papa.parse<string[]>(stripBom(text), {
    delimiter: opts.delimiter ?? '',
    // A quote char that never occurs turns quoting off.
    quoteChar: opts.noQuotes === true ? '\u0000' : '"',
    skipEmptyLines: 'greedy',
    header: false,
  });
  const errors = res.errors.map((e) => ({ row: e.row ?? -1, code: e.code }));
  return { rows: res.data, errors };
}

export function parseDelimitedFile(file: string, opts: ParseOptions = {}): ParsedTable {
  return parseDelimited(readFileSync(file, 'utf8'), opts);
}
