/**
 * On-device learning: the merchant's stored corrections (count, list, delete, clear), "Adapt the
 * model" with progress and cancel, training from a labelled catalog file, the adapted model's
 * accuracy beside the shipped one's, and reset. Everything stays in this browser.
 */
import { useId, useMemo, useState } from 'react';
import { clearImportedPack, IMPORTED_PACK_FLAG, writeImportedPack } from '../../inference/idb-pack-source';
import { useAppStore } from '../../state/store';
import { checkPack, packEntries } from './pack-import';
import { zipParts } from './zip';
import { categoryResolver, parseCatalogFile, type CatalogFile } from './catalog-file';
import { accuracyRows, pathIndex, progressView } from './adapt-adapters';
import './adapt-panel.css';

/** Rows of the corrections list drawn at once: the rest are counted, not rendered. */
const LIST_LIMIT = 200;

export function AdaptPanel() {
  const client = useAppStore((s) => s.client);
  const ready = useAppStore((s) => s.modelStatus === 'ready');
  const packInfo = useAppStore((s) => s.packInfo);
  const run = useAppStore((s) => s.adaptRun);
  const adapted = useAppStore((s) => s.adapted);
  const count = useAppStore((s) => s.storedCorrections.length);
  const learningError = useAppStore((s) => s.learningError);
  const adaptModel = useAppStore((s) => s.adaptModel);
  const cancelAdapt = useAppStore((s) => s.cancelAdapt);
  const resetModel = useAppStore((s) => s.resetModel);
  const running = run.phase === 'running';
  const rows = useMemo(() => accuracyRows(adapted), [adapted]);
  const progress = progressView(run.progress);

  return (
    <section className="adapt-panel" aria-label="On-device learning">
      <h2>On-device learning</h2>
      <p>
        Your corrections are kept in this browser. Adapting fine-tunes the model’s classifier on them (plus a
        sample of the reference catalog, so it does not forget) right here; nothing is uploaded.
      </p>
      <p data-testid="model-in-use">
        Model in use:{' '}
        {adapted
          ? `adapted on ${adapted.report.examples.toLocaleString('en')} ${adapted.trainedOn === 'corrections' ? 'corrections' : 'labelled listings'} (${new Date(adapted.at).toLocaleString()})`
          : 'the shipped model'}
      </p>
      <div className="adapt-actions">
        <button
          type="button"
          disabled={!ready || !client || running || count === 0}
          onClick={() => client && void adaptModel(client)}
        >
          Adapt the model
        </button>
        {running && (
          <button type="button" onClick={cancelAdapt}>
            Cancel adaptation
          </button>
        )}
        {adapted && (
          <button
            type="button"
            disabled={running || !client || !packInfo}
            onClick={() => client && packInfo && void resetModel(client, packInfo.version)}
          >
            Reset to the shipped model
          </button>
        )}
      </div>
      {running && (
        <p>
          <progress aria-label="Adaptation progress" value={progress.value} max={progress.max} />{' '}
          <span role="status">{progress.label}</span>
        </p>
      )}
      {run.phase === 'cancelled' && <p role="status">Adaptation cancelled: the model in use is unchanged.</p>}
      {run.phase === 'done' && adapted && (
        <p role="status">
          Adapted in {adapted.report.seconds.toFixed(1)} s on {adapted.report.examples.toLocaleString('en')}{' '}
          listings and {adapted.report.replay.toLocaleString('en')} reference rows.
          {adapted.report.skipped > 0 &&
            ` ${adapted.report.skipped.toLocaleString('en')} left out (duplicate, empty, or a category this model does not know).`}
        </p>
      )}
      {run.phase === 'error' && run.error && <p role="alert">Could not adapt: {run.error}</p>}
      {learningError && <p role="alert">{learningError}</p>}
      {rows.length > 0 && (
        <table className="adapt-accuracy">
          <caption>
            Accuracy on the reference catalog (test split, {adapted?.report.reference.rows} rows)
          </caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Top-level</th>
              <th scope="col">Subcategory</th>
              <th scope="col">Your listings</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.model}>
                <th scope="row">{r.model}</th>
                <td>{r.level1}</td>
                <td>{r.level2}</td>
                <td>{r.learned}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CatalogFileTrainer />
      <CorrectionsList />
      <ModelPack />
    </section>
  );
}

function CatalogFileTrainer() {
  const client = useAppStore((s) => s.client);
  const ready = useAppStore((s) => s.modelStatus === 'ready');
  const packInfo = useAppStore((s) => s.packInfo);
  const running = useAppStore((s) => s.adaptRun.phase === 'running');
  const adaptModel = useAppStore((s) => s.adaptModel);
  const [file, setFile] = useState<{ name: string; parsed: CatalogFile } | null>(null);
  const inputId = useId();
  const resolve = useMemo(() => (packInfo ? categoryResolver(packInfo.taxonomy) : null), [packInfo]);
  const onFile = async (f: File | undefined) => {
    if (!f || !resolve) return;
    setFile({ name: f.name, parsed: parseCatalogFile(await f.text(), resolve) });
  };
  const parsed = file?.parsed;
  return (
    <section aria-label="Train from a catalog file">
      <h3>Train from a labelled catalog file</h3>
      <label htmlFor={inputId}>Labelled catalog file (CSV)</label>{' '}
      <input
        id={inputId}
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
        disabled={!resolve}
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      <p className="hint">
        A header row, a text column and a category column with Shopify ids (aa-1-4) or paths (Apparel &amp;
        Accessories &gt; Clothing); up to 50,000 rows. Your stored corrections are learned too.
      </p>
      {parsed && !parsed.ok && (
        <p role="alert">
          {file?.name}: {parsed.message}
        </p>
      )}
      {parsed?.ok && (
        <>
          <p role="status">
            {file?.name}: {parsed.examples.length.toLocaleString('en')} labelled listings of{' '}
            {parsed.rows.toLocaleString('en')} rows (text “{parsed.textColumn}”, category “
            {parsed.categoryColumn}
            ”).
            {parsed.unmatched.length > 0 &&
              ` ${parsed.unmatched.length.toLocaleString('en')} rows have a category this model does not know (e.g. row ${parsed.unmatched[0]?.row}: “${parsed.unmatched[0]?.value}”) and are left out.`}
          </p>
          <button
            type="button"
            disabled={!ready || !client || running}
            onClick={() =>
              client && void adaptModel(client, { examples: parsed.examples, trainedOn: 'catalog file' })
            }
          >
            Train from the catalog file
          </button>
        </>
      )}
    </section>
  );
}

function CorrectionsList() {
  const corrections = useAppStore((s) => s.storedCorrections);
  const deleteCorrection = useAppStore((s) => s.deleteCorrection);
  const clearCorrections = useAppStore((s) => s.clearCorrections);
  const taxonomy = useAppStore((s) => s.packInfo?.taxonomy);
  const lang = useAppStore((s) => s.lang);
  const paths = useMemo(() => pathIndex(taxonomy ?? [], lang), [taxonomy, lang]);
  return (
    <section aria-label="Your corrections">
      <h3>Your corrections ({corrections.length.toLocaleString('en')})</h3>
      {corrections.length === 0 ? (
        <p>
          None yet. Pick a category for a listing (or correct a row of a batch) and it is kept here for the
          model to learn.
        </p>
      ) : (
        <>
          <ul className="adapt-corrections">
            {corrections.slice(0, LIST_LIMIT).map((c) => (
              <li key={c.text}>
                <span className="text">{c.text}</span> →{' '}
                <span className="path">{paths.get(c.categoryId) ?? ''}</span> <code>{c.categoryId}</code>{' '}
                <span className="source">({c.source})</span>{' '}
                <button
                  type="button"
                  aria-label={`Delete correction for ${c.text}`}
                  onClick={() => void deleteCorrection(c.text)}
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
          {corrections.length > LIST_LIMIT && (
            <p>…and {(corrections.length - LIST_LIMIT).toLocaleString('en')} more.</p>
          )}
          <button type="button" onClick={() => void clearCorrections()}>
            Clear all corrections
          </button>
        </>
      )}
    </section>
  );
}

const importedFlag = () => {
  try {
    return window.localStorage.getItem(IMPORTED_PACK_FLAG) !== null;
  } catch {
    return false;
  }
};

const idb = (): IDBFactory => {
  const f = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!f) throw new Error('this browser offers no IndexedDB');
  return f;
};

/** Export the pack in use (with its adapted heads) as a zip; import one; back to the shipped pack. */
function ModelPack() {
  const client = useAppStore((s) => s.client);
  const ready = useAppStore((s) => s.modelStatus === 'ready');
  const packInfo = useAppStore((s) => s.packInfo);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const imported = importedFlag();

  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(null);
    }
  };

  const exportZip = () =>
    run('Export', async () => {
      if (!client || !packInfo) return;
      const files = await client.exportPack();
      const manifest = JSON.parse(new TextDecoder().decode(files[0]?.bytes)) as {
        name?: string;
        version?: string;
      };
      const folder = `${(manifest.name ?? 'model-pack').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '')}-${manifest.version ?? ''}`;
      const blob = new Blob(zipParts(files.map((f) => ({ path: `${folder}/${f.path}`, bytes: f.bytes }))), {
        type: 'application/zip',
      });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${folder}.zip`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    });

  const importFiles = (list: FileList | null) =>
    run('Import', async () => {
      if (!list || list.length === 0) return;
      const chosen = await Promise.all(
        [...list].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      );
      const pack = await checkPack(await packEntries(chosen));
      await writeImportedPack(idb(), pack.files);
      window.localStorage.setItem(IMPORTED_PACK_FLAG, pack.version);
      window.location.reload();
    });

  const backToShipped = () =>
    run('Going back to the shipped pack', async () => {
      window.localStorage.removeItem(IMPORTED_PACK_FLAG);
      await clearImportedPack(idb());
      window.location.reload();
    });

  return (
    <section aria-label="Model pack">
      <h3>Model pack</h3>
      <p data-testid="pack-in-use">
        Pack in use: {packInfo ? `${packInfo.name} (version ${packInfo.version})` : '…'}
        {imported ? ', imported into this browser' : ''}
      </p>
      <div className="adapt-actions">
        <button type="button" disabled={!ready || !client || busy !== null} onClick={() => void exportZip()}>
          Export the model pack (zip)
        </button>
        {imported && (
          <button type="button" disabled={busy !== null} onClick={() => void backToShipped()}>
            Use the shipped pack
          </button>
        )}
      </div>
      <p>
        <label htmlFor={inputId}>Import a model pack (its zip, or all its files)</label>{' '}
        <input
          id={inputId}
          type="file"
          multiple
          accept=".zip,.json,.bin"
          disabled={busy !== null}
          onChange={(e) => void importFiles(e.target.files)}
        />
      </p>
      <p className="hint">
        The export holds the model with your adaptation; another browser (or <code>npm run eval</code>,
        unzipped) can load it. Every file is checked against the pack’s SHA-256 list before it is used.
      </p>
      {busy && <p role="status">{busy}…</p>}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
