/**
 * On-device learning: the merchant's stored corrections (count, list, delete, clear), "Adapt the
 * model" with progress and cancel, training from a labelled catalog file, the adapted model's
 * accuracy beside the shipped one's, and reset. Everything stays in this browser.
 */
import { useId, useMemo, useState } from 'react';
import { useAppStore } from '../../state/store';
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
