/**
 * Many listings at once: the parsed table (rows kept verbatim), the chosen text column(s), the
 * classify run (worker, bounded chunks, progress, cancel), per-row results, corrections and the
 * table filters. Routing is not stored per row: it follows the workspace threshold.
 */
import type { StateCreator } from 'zustand';
import type { InferenceClient, ListingResult } from '../inference/inference-client';
import { CancelledError } from '../inference/inference-client';
import { route, type Routing } from './workspace-slice';

/**
 * Rows per classify request: the table updates once per request (progress within one comes from
 * onProgress), and a request is big enough for the client to spread over its workers (a 512-row
 * request split in two left each worker idle while the other finished its half).
 */
export const BATCH_CHUNK_ROWS = 2048;
/** Rows per model call inside the worker (the engine yields between calls, so cancel gets in). */
export const BATCH_MODEL_ROWS = 256;

export interface BatchTable {
  name: string;
  /** Encoding the bytes were read with, as shown to the user. */
  encoding: string;
  header: string[];
  /** Cells as read; rows may be ragged (kept as is). */
  rows: string[][];
  /** Whether `header` is the file's first row (the user can switch); absent: it is not. */
  firstRowIsHeader?: boolean;
  /** The delimiter the parser found (files only). */
  delimiter?: string;
  /** What the reader noticed (unclosed quotes, ragged rows ...), shown with the table. */
  notes?: string[];
}

export type RowResult =
  | {
      status: 'done';
      l1: string;
      l2: string;
      /** Top level-1 and runner-up probabilities (routing input). */
      p1: number;
      p1b: number;
      p2: number;
      googleId: number | null;
    }
  | { status: 'failed'; reason: string };

export type RunPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface BatchRun {
  phase: RunPhase;
  done: number;
  total: number;
  startedAt: number;
  rowsPerSec: number;
  etaSec: number | null;
  message: string | null;
}

export type ShowFilter = 'all' | 'review' | 'auto' | 'failed' | 'corrected';

export interface BatchSlice {
  batchTable: BatchTable | null;
  textColumns: number[];
  batchRun: BatchRun;
  /** Index-aligned with batchTable.rows; undefined = not classified (yet). */
  batchResults: (RowResult | undefined)[];
  /** Row index -> Shopify id chosen by the merchant. */
  corrections: Record<number, string>;
  showFilter: ShowFilter;
  categoryFilter: string;
  setBatchTable: (t: BatchTable | null, textColumns: number[]) => void;
  setTextColumns: (cols: number[]) => void;
  runBatch: (client: InferenceClient) => Promise<void>;
  cancelBatch: () => void;
  correctRow: (row: number, categoryId: string | null) => void;
  setShowFilter: (f: ShowFilter) => void;
  setCategoryFilter: (c: string) => void;
}

export const IDLE_RUN: BatchRun = {
  phase: 'idle',
  done: 0,
  total: 0,
  startedAt: 0,
  rowsPerSec: 0,
  etaSec: null,
  message: null,
};

/** The text the model sees for a row: the chosen cells, trimmed, joined by a space. */
export function rowText(row: readonly string[], cols: readonly number[]): string {
  return cols
    .map((c) => (row[c] ?? '').trim())
    .filter((t) => t !== '')
    .join(' ');
}

/** Why a row with no text is not classified: its text cells are empty, or the row is too short. */
export function noTextReason(row: readonly string[], cols: readonly number[]): string {
  if (cols.length > 0 && cols.every((c) => c >= row.length))
    return `no text column in this row (it has ${row.length} cell${row.length === 1 ? '' : 's'})`;
  return 'empty text';
}

/** A classify result reduced to what the table and the download need. */
export function toRowResult(r: ListingResult | undefined): RowResult {
  if (!r) return { status: 'failed', reason: 'the model returned no result' };
  if (r.empty) return { status: 'failed', reason: 'no words the model knows' };
  const a = r.level1[0];
  const b = r.level2[0];
  if (!a || !b) return { status: 'failed', reason: 'the model returned no category' };
  return {
    status: 'done',
    l1: a.id,
    l2: b.id,
    p1: a.prob,
    p1b: r.level1[1]?.prob ?? 0,
    p2: b.prob,
    googleId: b.googleId ?? a.googleId,
  };
}

/** Routing of a classified row at a threshold (same rule as the single listing). */
export function routeRow(r: RowResult & { status: 'done' }, threshold: number): Routing['kind'] {
  const s = (id: string, prob: number) => ({ id, nameEn: '', nameZh: '', pathEn: '', googleId: null, prob });
  return route([s(r.l1, r.p1), s('', r.p1b)], threshold).kind;
}

export type RowView = 'auto' | 'review' | 'failed' | 'pending' | 'corrected';

export function rowView(
  r: RowResult | undefined,
  correction: string | undefined,
  threshold: number,
): RowView {
  if (correction !== undefined) return 'corrected';
  if (!r) return 'pending';
  if (r.status === 'failed') return 'failed';
  return routeRow(r, threshold);
}

/** Level-1 id of a Shopify id ('el-4-2' -> 'el'). */
export const rootOf = (id: string) => id.split('-')[0] ?? id;
/** Level-2 id of a Shopify id ('el-4-2' -> 'el-4'; a root has none). */
export const level2Of = (id: string) => {
  const parts = id.split('-');
  return parts.length >= 2 ? `${parts[0]}-${parts[1]}` : null;
};

/** Indices of the rows the filters let through (pure: unit-tested, memoized by the table). */
export function filterRows(
  results: readonly (RowResult | undefined)[],
  count: number,
  corrections: Readonly<Record<number, string>>,
  threshold: number,
  show: ShowFilter,
  category: string,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = results[i];
    const c = corrections[i];
    if (show !== 'all') {
      const v = rowView(r, c, threshold);
      if (show === 'review' ? v !== 'review' && v !== 'failed' : v !== show) continue;
    }
    if (category !== 'all') {
      const l1 = c !== undefined ? rootOf(c) : r?.status === 'done' ? r.l1 : null;
      if (l1 !== category) continue;
    }
    out.push(i);
  }
  return out;
}

export const createBatchSlice: StateCreator<BatchSlice, [], [], BatchSlice> = (set, get) => {
  let ctrl: AbortController | null = null;
  return {
    batchTable: null,
    textColumns: [],
    batchRun: IDLE_RUN,
    batchResults: [],
    corrections: {},
    showFilter: 'all',
    categoryFilter: 'all',
    setBatchTable: (t, textColumns) => {
      ctrl?.abort();
      ctrl = null;
      set({
        batchTable: t,
        textColumns,
        batchRun: IDLE_RUN,
        batchResults: [],
        corrections: {},
        showFilter: 'all',
        categoryFilter: 'all',
      });
    },
    setTextColumns: (cols) => set({ textColumns: [...cols].sort((a, b) => a - b) }),
    runBatch: async (client) => {
      const table = get().batchTable;
      const cols = get().textColumns;
      if (!table || get().batchRun.phase === 'running') return;
      ctrl?.abort();
      const mine = new AbortController();
      ctrl = mine;
      const total = table.rows.length;
      const results = new Array<RowResult | undefined>(total).fill(undefined);
      const startedAt = performance.now();
      const progress = (done: number): BatchRun => {
        const secs = (performance.now() - startedAt) / 1000;
        const rate = secs > 0 ? done / secs : 0;
        return {
          phase: 'running',
          done,
          total,
          startedAt,
          rowsPerSec: rate,
          etaSec: rate > 0 ? (total - done) / rate : null,
          message: null,
        };
      };
      set({ batchResults: results.slice(), corrections: {}, batchRun: progress(0) });
      let done = 0;
      try {
        for (let start = 0; start < total; start += BATCH_CHUNK_ROWS) {
          if (mine.signal.aborted) throw new CancelledError('cancelled');
          const end = Math.min(total, start + BATCH_CHUNK_ROWS);
          // Empty rows are marked, not sent: the model has nothing to say about them.
          const idx: number[] = [];
          const texts: string[] = [];
          for (let i = start; i < end; i++) {
            const t = rowText(table.rows[i] ?? [], cols);
            if (t === '') results[i] = { status: 'failed', reason: noTextReason(table.rows[i] ?? [], cols) };
            else {
              idx.push(i);
              texts.push(t);
            }
          }
          if (texts.length > 0) {
            try {
              const res = await client.classify(texts, {
                topK: 2,
                neighbours: 0,
                deep: 0,
                batchSize: BATCH_MODEL_ROWS,
                signal: mine.signal,
                onProgress: (d) => {
                  if (ctrl === mine) set({ batchRun: progress(start + d + (end - start - texts.length)) });
                },
              });
              idx.forEach((row, k) => (results[row] = toRowResult(res[k])));
            } catch (err) {
              if (mine.signal.aborted || (err instanceof Error && err.name === 'CancelledError')) throw err;
              // One bad chunk does not end the run: its rows say why and the rest go on.
              const reason = `classification failed: ${err instanceof Error ? err.message : String(err)}`;
              for (const row of idx) results[row] = { status: 'failed', reason };
            }
          }
          done = end;
          if (ctrl !== mine) return;
          set({ batchResults: results.slice(), batchRun: progress(done) });
        }
        set({ batchRun: { ...progress(total), phase: 'done' } });
      } catch (err) {
        if (ctrl !== mine) return;
        const cancelled = mine.signal.aborted || (err instanceof Error && err.name === 'CancelledError');
        set({
          batchResults: results.slice(),
          batchRun: {
            ...progress(done),
            phase: cancelled ? 'cancelled' : 'error',
            etaSec: null,
            message: cancelled
              ? `Cancelled after ${done.toLocaleString()} of ${total.toLocaleString()} rows; the rest are marked "not classified".`
              : `Classification stopped: ${err instanceof Error ? err.message : String(err)}`,
          },
        });
      } finally {
        if (ctrl === mine) ctrl = null;
      }
    },
    cancelBatch: () => ctrl?.abort(),
    correctRow: (row, categoryId) =>
      set((s) => {
        const corrections = { ...s.corrections };
        if (categoryId === null) delete corrections[row];
        else corrections[row] = categoryId;
        return { corrections };
      }),
    setShowFilter: (showFilter) => set({ showFilter }),
    setCategoryFilter: (categoryFilter) => set({ categoryFilter }),
  };
};
