/** Where the model stands: download progress, the backend in use and why, the pack version, errors. */
import { useAppStore } from '../../state/store';
import { Notice, Panel } from '../../ui/field';
import { BackendSetting } from './backend-setting';

const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;

export function ModelStatus() {
  const status = useAppStore((s) => s.modelStatus);
  const progress = useAppStore((s) => s.modelProgress);
  const info = useAppStore((s) => s.modelInfo);
  const error = useAppStore((s) => s.modelError);
  const lost = info?.reasons.find((r) => r.status === 'lost');
  return (
    <Panel title="Model">
      <div
        data-testid="model-status"
        data-status={status}
        data-backend={info?.backend ?? ''}
        data-load-ms={info ? Math.round(info.loadMs) : ''}
      >
        {status === 'loading' && (
          <>
            <p>
              Loading the model
              {progress && progress.totalBytes > 0
                ? `: ${mb(progress.loadedBytes)} of ${mb(progress.totalBytes)}`
                : '…'}
            </p>
            {progress && progress.totalBytes > 0 && (
              <progress value={progress.loadedBytes} max={progress.totalBytes} aria-label="Model download" />
            )}
          </>
        )}
        {status === 'ready' && info && (
          <>
            <p>
              Running on <strong data-testid="backend-in-use">{info.backend}</strong> (
              {info.host === 'worker' ? 'in a background worker' : 'on the page thread'}); model{' '}
              <span data-testid="pack-version">
                {info.packName} {info.packVersion}
              </span>
              , ready in {(info.loadMs / 1000).toFixed(1)} s
              {info.downloadedBytes === 0
                ? ' from the offline cache'
                : `, ${mb(info.downloadedBytes)} downloaded`}
              .
            </p>
            {lost && (
              <Notice tone="warn">
                The GPU ({lost.backend}) stopped working: {lost.reason}. Suggestions go on.
              </Notice>
            )}
            <details>
              <summary>Why this backend</summary>
              <ul>
                {info.reasons.map((r) => (
                  <li key={`${r.backend}-${r.status}`}>
                    {r.backend}: {r.status} — {r.reason}
                  </li>
                ))}
              </ul>
            </details>
          </>
        )}
        {status === 'error' && (
          <Notice tone="error">
            The model could not be loaded: {error}. Reload the page; if it persists, check the connection, or
            choose the WASM or CPU backend below.
          </Notice>
        )}
      </div>
      <BackendSetting />
    </Panel>
  );
}
