/** One status line: offline-ready or not (and why), and a new model version when the server has one. */
import { useAppStore } from '../../state/store';
import { offlineMessage } from './offline-message';

export function OfflineStatus() {
  const state = useAppStore((s) => s.offlineState);
  const error = useAppStore((s) => s.offlineError);
  const cachedPack = useAppStore((s) => s.offlinePack);
  const latestPack = useAppStore((s) => s.latestPack);
  const loadedPack = useAppStore((s) => s.modelInfo?.packVersion ?? null);
  const m = offlineMessage({ state, error, cachedPack, latestPack, loadedPack });
  if (m.text === null && m.update === null) return null;
  return (
    <div
      className={`offline-status offline-status-${m.tone}`}
      data-testid="offline-status"
      data-state={state}
    >
      {m.text && <p role="status">{m.text}</p>}
      {m.update && (
        <p role="status" data-testid="model-update">
          A new model version ({m.update}) is available.{' '}
          <button type="button" onClick={() => window.location.reload()}>
            Reload to use it
          </button>
        </p>
      )}
    </div>
  );
}
