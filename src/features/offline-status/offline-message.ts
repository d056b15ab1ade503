/** What the offline status line says, from the offline slice and the loaded pack: pure, unit-tested. */
import type { OfflineState } from '../../state/offline-slice';

export interface OfflineFacts {
  state: OfflineState;
  error: string | null;
  /** Pack version the service worker holds. */
  cachedPack: string | null;
  /** Pack version the server had at the last check. */
  latestPack: string | null;
  /** Pack version this page runs (null until the model is loaded). */
  loadedPack: string | null;
}

export interface OfflineMessage {
  text: string | null;
  tone: 'info' | 'warn';
  /** A newer model version than the page runs, when there is one. */
  update: string | null;
}

export function offlineMessage(f: OfflineFacts): OfflineMessage {
  const update =
    f.latestPack !== null && f.loadedPack !== null && f.latestPack !== f.loadedPack ? f.latestPack : null;
  switch (f.state) {
    case 'off':
      return { text: null, tone: 'info', update: null };
    case 'unsupported':
      return {
        text: `Not available offline: ${f.error ?? 'no service worker support'}.`,
        tone: 'warn',
        update,
      };
    case 'installing':
      return { text: 'Saving the app and the model for offline use…', tone: 'info', update };
    case 'failed':
      return {
        text: `Not available offline: ${f.error ?? 'the offline copy failed'}.`,
        tone: 'warn',
        update,
      };
    case 'ready':
      return {
        text: `Offline-ready: the app and model${f.cachedPack ? ` ${f.cachedPack}` : ''} work without a network.`,
        tone: 'info',
        update,
      };
  }
}
