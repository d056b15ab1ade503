/**
 * Many listings: upload / drop a CSV or TSV (encoding detected) or paste lines, choose the text
 * column(s), classify in the worker with progress and cancel, review in a virtualized table with
 * filters and inline correction, and download the original rows plus category columns.
 */
import { useId, useMemo, useState } from 'react';
import { useAppStore } from '../../state/store';
import { categoryIndex, defaultThreshold } from '../../state/workspace-slice';
import { filterRows, rowText, type BatchTable, type ShowFilter } from '../../state/batch-slice';
import { Notice, Panel } from '../../ui/field';
import { TaxonomyPicker } from '../../ui/taxonomy-picker';
import { VirtualTable, type Column } from '../../ui/virtual-table';
import {
  MAX_FILE_BYTES,
  MAX_ROWS,
  TooManyRowsError,
  buildCsvParts,
  decodeBytes,
  delimiterName,
  detectEncoding,
  guessTextColumns,
  linesToRows,
  namedTextColumns,
  parseDelimited,
  raggedNote,
} from './csv-input';
import { describeRow, namesOf } from './batch-adapters';

/** Table row height in px (one line of text plus padding) and visible height (about 14 rows). */
const ROW_PX = 34;
const TABLE_PX = 480;

const fmtInt = (n: number) => n.toLocaleString('en-US');
const fmtMb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;

interface Read {
  name: string;
  encoding: string;
  /** Every parsed row, the first one included (it may be the header). */
  rows: string[][];
  delimiter?: string;
  warnings: string[];
}

/**
 * The table the store keeps: header (padded to the widest row, '' where the file has no name)
 * and the data rows. Everything the panel shows comes from it, so an error boundary's reset,
 * which remounts the panel, finds the file and its results as they were.
 */
function toTable(r: Read, firstRowIsHeader: boolean): BatchTable {
  const width = r.rows.reduce((w, row) => Math.max(w, row.length), 0);
  const first = firstRowIsHeader ? (r.rows[0] ?? []) : [];
  const header = Array.from({ length: width }, (_, i) => first[i] ?? '');
  const rows = firstRowIsHeader ? r.rows.slice(1) : r.rows;
  return {
    name: r.name,
    encoding: r.encoding,
    header,
    rows,
    firstRowIsHeader,
    ...(r.delimiter === undefined ? {} : { delimiter: r.delimiter }),
    notes: r.warnings,
  };
}

/** The rows as read, back from the stored table (to switch "First row is a header"). */
function fromTable(t: BatchTable): Read {
  const first = t.header.slice(0, t.header.findLastIndex((h) => h !== '') + 1);
  return {
    name: t.name,
    encoding: t.encoding,
    rows: t.firstRowIsHeader ? [first, ...t.rows] : t.rows,
    ...(t.delimiter === undefined ? {} : { delimiter: t.delimiter }),
    warnings: t.notes ?? [],
  };
}

export function BatchPanel() {
  const table = useAppStore((s) => s.batchTable);
  const setBatchTable = useAppStore((s) => s.setBatchTable);
  const [reading, setReading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [paste, setPaste] = useState('');
  const [dragOver, setDragOver] = useState(false);
  const fileId = useId();
  const pasteId = useId();

  const client = useAppStore((s) => s.client);
  const accept = (r: Read, header: boolean) => {
    const t = toTable(r, header);
    setBatchTable(t, guessTextColumns(t.header, t.rows));
    // Extra workers (if the device has the cores) start while the merchant picks columns.
    void client?.prepareBatch?.(t.rows.length);
  };

  const readFile = async (file: File) => {
    setError(null);
    // Refused before reading: the file is unchanged, so nothing is lost.
    if (file.size === 0) {
      setError(`${file.name} is empty (0 bytes): there is nothing to classify.`);
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setError(
        `${file.name} is ${fmtMb(file.size)}; files up to ${fmtMb(MAX_FILE_BYTES)} are read in the browser. Split it into smaller files and classify them one by one.`,
      );
      return;
    }
    setReading(`Reading ${file.name}…`);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const enc = detectEncoding(bytes);
      if (!enc.ok) {
        setError(`${file.name}: ${enc.message}`);
        return;
      }
      const text = decodeBytes(bytes, enc.encoding);
      const parsed = await parseDelimited(text, (f) =>
        setReading(`Parsing ${file.name}: ${Math.round(f * 100)}%`),
      );
      if (parsed.rows.length === 0) {
        setError(`${file.name} has no rows (only blank lines).`);
        return;
      }
      accept(
        {
          name: file.name,
          encoding: enc.label,
          rows: parsed.rows,
          delimiter: parsed.delimiter,
          warnings: parsed.warnings,
        },
        true,
      );
    } catch (err) {
      if (err instanceof TooManyRowsError)
        setError(
          `${file.name} has ${err.message}; up to ${fmtInt(MAX_ROWS)} rows are classified at once. Split it into files of at most ${fmtInt(MAX_ROWS)} rows; nothing was classified.`,
        );
      else setError(`${file.name} could not be read: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setReading(null);
    }
  };

  const usePasted = () => {
    setError(null);
    const rows = linesToRows(paste);
    if (rows.length > MAX_ROWS) {
      setError(
        `${fmtInt(rows.length)} lines were pasted; up to ${fmtInt(MAX_ROWS)} are classified at once. Paste fewer, or upload them as files.`,
      );
      return;
    }
    accept({ name: 'pasted lines', encoding: 'text', rows, warnings: [] }, false);
  };

  const named = table ? namedTextColumns(table.header).length > 0 : true;
  const guessed = useAppStore((s) => s.textColumns);
  const notes = useMemo(() => {
    if (!table) return [];
    const ragged = table.firstRowIsHeader
      ? raggedNote(table.header.slice(0, table.header.findLastIndex((h) => h !== '') + 1), table.rows)
      : null;
    return ragged ? [...(table.notes ?? []), ragged] : (table.notes ?? []);
  }, [table]);

  return (
    <Panel title="Categorize many listings">
      <div
        role="group"
        aria-label="File drop area"
        className={`dropzone${dragOver ? ' dropzone-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragOver(true);
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragOver(false);
          const f = e.dataTransfer.files[0];
          if (f) void readFile(f);
        }}
      >
        <label htmlFor={fileId}>CSV or TSV file</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void readFile(f);
            e.target.value = '';
          }}
        />
        <small>
          {' '}
          or drop a file here. Commas, semicolons or tabs; UTF-8 (with or without BOM) and GBK / GB18030 are
          detected. Up to {fmtInt(MAX_ROWS)} rows and {fmtMb(MAX_FILE_BYTES)}.
        </small>
      </div>
      <label htmlFor={pasteId}>Or paste listings, one per line</label>
      <textarea id={pasteId} rows={3} value={paste} onChange={(e) => setPaste(e.target.value)} />
      <button type="button" disabled={paste.trim() === ''} onClick={usePasted}>
        Use pasted lines
      </button>
      {reading && <p role="status">{reading}</p>}
      {error && <Notice tone="error">{error}</Notice>}
      {table && (
        <>
          <p role="status" data-testid="batch-source">
            {table.name}: {fmtInt(table.rows.length)} row{table.rows.length === 1 ? '' : 's'},{' '}
            {table.header.length} column
            {table.header.length === 1 ? '' : 's'}, read as {table.encoding}
            {table.delimiter !== undefined &&
              table.header.length > 1 &&
              `, separated by ${delimiterName(table.delimiter)}`}
            .
          </p>
          {notes.length > 0 && (
            <Notice tone="warn">Check the file (every row is kept as read): {notes.join('; ')}.</Notice>
          )}
          {table.rows.length === 0 && (
            <Notice tone="warn">
              Only a header row: no listings to classify. If the first row is a listing, untick “First row is
              a header”.
            </Notice>
          )}
          {!named && table.header.length > 1 && guessed.length > 0 && (
            <Notice tone="info">
              No column is named like a title or description: the one with the longest text (
              {guessed.map((c) => table.header[c] || `column ${c + 1}`).join(', ')}) is chosen. Check the
              choice below.
            </Notice>
          )}
          {table.name !== 'pasted lines' && (
            <label className="inline">
              <input
                type="checkbox"
                checked={table.firstRowIsHeader === true}
                onChange={(e) => accept(fromTable(table), e.target.checked)}
              />{' '}
              First row is a header
            </label>
          )}
          <ColumnChoice />
          <RunControls />
          <Results />
        </>
      )}
    </Panel>
  );
}

function ColumnChoice() {
  const header = useAppStore((s) => s.batchTable?.header);
  const cols = useAppStore((s) => s.textColumns);
  const setCols = useAppStore((s) => s.setTextColumns);
  const running = useAppStore((s) => s.batchRun.phase === 'running');
  if (!header) return null;
  return (
    <fieldset>
      <legend>Text column(s) to classify</legend>
      {header.map((h, i) => (
        <label key={i} className="inline">
          <input
            type="checkbox"
            disabled={running}
            checked={cols.includes(i)}
            onChange={(e) => setCols(e.target.checked ? [...cols, i] : cols.filter((c) => c !== i))}
          />{' '}
          {h || `column ${i + 1}`}
        </label>
      ))}
    </fieldset>
  );
}

const fmtSecs = (s: number) =>
  s < 60 ? `${Math.ceil(s)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;

function RunControls() {
  const run = useAppStore((s) => s.batchRun);
  const client = useAppStore((s) => s.client);
  const ready = useAppStore((s) => s.modelStatus === 'ready');
  const noCols = useAppStore((s) => s.textColumns.length === 0);
  const runBatch = useAppStore((s) => s.runBatch);
  const cancel = useAppStore((s) => s.cancelBatch);
  const running = run.phase === 'running';
  return (
    <div className="batch-run">
      <button
        type="button"
        disabled={running || !ready || !client || noCols}
        onClick={() => client && void runBatch(client)}
      >
        Classify all rows
      </button>
      {running && (
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      )}
      {!ready && <small> (waiting for the model)</small>}
      {noCols && <small> Choose at least one text column.</small>}
      {run.phase !== 'idle' && (
        <div>
          <progress max={run.total} value={run.done} aria-label="Classification progress" />{' '}
          <span role="status" data-testid="batch-progress" data-phase={run.phase}>
            {run.done.toLocaleString()} / {run.total.toLocaleString()} rows
            {run.rowsPerSec > 0 && ` · ${Math.round(run.rowsPerSec).toLocaleString()} rows/s`}
            {running && run.etaSec !== null && ` · about ${fmtSecs(run.etaSec)} left`}
            {run.phase === 'done' && ' · done'}
          </span>
          {run.message && <Notice tone={run.phase === 'error' ? 'error' : 'warn'}>{run.message}</Notice>}
        </div>
      )}
    </div>
  );
}

const COLUMNS: Column[] = [
  { key: 'n', header: '#', width: '4rem' },
  { key: 'text', header: 'Listing', width: 'minmax(12rem, 3fr)' },
  { key: 'l1', header: 'Top-level', width: 'minmax(8rem, 1.2fr)' },
  { key: 'l2', header: 'Subcategory', width: 'minmax(8rem, 1.2fr)' },
  { key: 'conf', header: 'Confidence', width: '6rem' },
  { key: 'route', header: 'Routing', width: 'minmax(7rem, 1fr)' },
  { key: 'fix', header: 'Correct', width: '6rem' },
];

function Results() {
  const table = useAppStore((s) => s.batchTable);
  const cols = useAppStore((s) => s.textColumns);
  const results = useAppStore((s) => s.batchResults);
  const corrections = useAppStore((s) => s.corrections);
  const show = useAppStore((s) => s.showFilter);
  const category = useAppStore((s) => s.categoryFilter);
  const setShow = useAppStore((s) => s.setShowFilter);
  const setCategory = useAppStore((s) => s.setCategoryFilter);
  const correctRow = useAppStore((s) => s.correctRow);
  const recordCorrection = useAppStore((s) => s.recordCorrection);
  const phase = useAppStore((s) => s.batchRun.phase);
  const packInfo = useAppStore((s) => s.packInfo);
  const lang = useAppStore((s) => s.lang);
  const override = useAppStore((s) => s.thresholdOverride);
  const threshold = useMemo(
    () => override ?? defaultThreshold(packInfo?.card).threshold,
    [override, packInfo],
  );
  const names = useMemo(() => namesOf(packInfo, lang), [packInfo, lang]);
  const nodes = useMemo(() => (packInfo ? [...categoryIndex(packInfo).values()] : []), [packInfo]);
  const [editing, setEditing] = useState<number | null>(null);
  const [preparing, setPreparing] = useState(false);
  const showId = useId();
  const catId = useId();
  const count = table?.rows.length ?? 0;
  const visible = useMemo(
    () => filterRows(results, count, corrections, threshold, show, category),
    [results, count, corrections, threshold, show, category],
  );
  if (!table || phase === 'idle') return null;
  const cancelled = phase === 'cancelled' || phase === 'error';
  const describe = (i: number) => describeRow(results[i], corrections[i], threshold, names, cancelled);

  const download = async () => {
    setPreparing(true);
    const parts = await buildCsvParts(table.header, table.rows, describe);
    setPreparing(false);
    const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${table.name.replace(/\.(csv|tsv|txt)$/i, '')}-categorized.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section aria-label="Results">
      <div className="batch-filters">
        <label htmlFor={showId} className="inline">
          Show
        </label>{' '}
        <select id={showId} value={show} onChange={(e) => setShow(e.target.value as ShowFilter)}>
          <option value="all">all rows</option>
          <option value="review">needs review (incl. failed)</option>
          <option value="auto">auto-categorized</option>
          <option value="failed">failed</option>
          <option value="corrected">corrected</option>
        </select>{' '}
        <label htmlFor={catId} className="inline">
          Category
        </label>{' '}
        <select id={catId} value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="all">all categories</option>
          {(packInfo?.level1 ?? []).map((l) => (
            <option key={l.id} value={l.id}>
              {lang === 'zh' ? l.nameZh : l.nameEn}
            </option>
          ))}
        </select>{' '}
        <span role="status" data-testid="batch-visible">
          {visible.length.toLocaleString()} of {count.toLocaleString()} rows shown
        </span>{' '}
        <button type="button" onClick={() => void download()} disabled={phase === 'running' || preparing}>
          Download CSV
        </button>
        {preparing && <span role="status"> Preparing the download…</span>}
      </div>
      <VirtualTable
        label="Classified rows"
        columns={COLUMNS}
        rowCount={visible.length}
        rowHeight={ROW_PX}
        height={TABLE_PX}
        rowKey={(k) => visible[k] ?? k}
        renderCell={(k, key) => {
          const i = visible[k] ?? 0;
          const d = describe(i);
          switch (key) {
            case 'n':
              return i + 1;
            case 'text':
              return (
                <span title={cols.map((c) => table.rows[i]?.[c] ?? '').join(' ')}>
                  {cols.map((c) => table.rows[i]?.[c] ?? '').join(' ')}
                </span>
              );
            case 'l1':
              return d.l1Name;
            case 'l2':
              return d.l2Name;
            case 'conf':
              return d.confidence === null ? '' : `${(d.confidence * 100).toFixed(1)}%`;
            case 'route':
              return (
                <span className={`route-${d.status}`} title={d.reason}>
                  {d.status === 'pending' ? 'not classified' : d.status}
                  {d.reason && `: ${d.reason}`}
                </span>
              );
            default:
              return (
                <button type="button" aria-label={`Correct row ${i + 1}`} onClick={() => setEditing(i)}>
                  Correct
                </button>
              );
          }
        }}
      />
      {editing !== null && (
        <div
          role="dialog"
          aria-label={`Correct row ${editing + 1}`}
          className="batch-correct"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setEditing(null);
          }}
        >
          <p>
            Row {editing + 1}: {cols.map((c) => table.rows[editing]?.[c] ?? '').join(' ')}
          </p>
          <TaxonomyPicker
            nodes={nodes}
            lang={lang}
            selected={corrections[editing] ?? null}
            label={`Category for row ${editing + 1}`}
            autoFocus
            onChoose={(id) => {
              correctRow(editing, id);
              // Kept on the device for on-device learning (the adapt panel).
              recordCorrection(rowText(table.rows[editing] ?? [], cols), id, 'batch');
              setEditing(null);
            }}
          />
          {corrections[editing] !== undefined && (
            <button
              type="button"
              onClick={() => {
                correctRow(editing, null);
                recordCorrection(rowText(table.rows[editing] ?? [], cols), null, 'batch');
              }}
            >
              Undo correction
            </button>
          )}{' '}
          <button type="button" onClick={() => setEditing(null)}>
            Close
          </button>
        </div>
      )}
    </section>
  );
}
