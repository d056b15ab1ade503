/**
 * Registers the service worker (public/sw.js, filled in by the build) and reports what it says
 * into the store's offline slice. Boundary file: the message protocol here must match sw.js.
 */
import { useAppStore } from '../state/store';
import { firstSuggestionSettled, whenIdle } from './after-first-suggestion';

/** How often an open page asks whether the server has a new model version (a pack rarely changes). */
const PACK_CHECK_INTERVAL_MS = 30 * 60 * 1000;

interface PackStatus {
  type: 'pack-status';
  cached: string | null;
  latest: string | null;
  error: string | null;
}
interface InstallError {
  type: 'install-error';
  error: string;
}

const isMessage = (d: unknown): d is PackStatus | InstallError =>
  typeof d === 'object' &&
  d !== null &&
  ['pack-status', 'install-error'].includes((d as { type?: unknown }).type as string);

export function registerServiceWorker(): void {
  const { setOfflineStatus } = useAppStore.getState();
  // The dev server serves sw.js unfilled and its modules unbundled: offline use is a build feature.
  if (!import.meta.env.PROD) return;
  if (!('serviceWorker' in navigator)) {
    setOfflineStatus({ offlineState: 'unsupported', offlineError: 'this browser has no service workers' });
    return;
  }
  // Wait until the model has loaded (or failed) and the first suggestion is out: the precache
  // would compete with the model's first download and the first classify. getState(), not the
  // listener's argument: 'ready' sets `suggesting` in a nested update the outer call predates.
  const later = () => whenIdle(() => void start());
  if (firstSuggestionSettled(useAppStore.getState())) later();
  else {
    const unsubscribe = useAppStore.subscribe(() => {
      if (!firstSuggestionSettled(useAppStore.getState())) return;
      unsubscribe();
      later();
    });
  }
}

async function start(): Promise<void> {
  const { setOfflineStatus } = useAppStore.getState();
  setOfflineStatus({ offlineState: 'installing', offlineError: null });
  const sw = navigator.serviceWorker;
  sw.addEventListener('message', (ev: MessageEvent<unknown>) => {
    const m = ev.data;
    if (!isMessage(m)) return;
    if (m.type === 'install-error') {
      setOfflineStatus({ offlineState: 'failed', offlineError: m.error });
      return;
    }
    setOfflineStatus({
      offlineState: m.cached ? 'ready' : 'failed',
      offlinePack: m.cached,
      latestPack: m.latest,
      offlineError: m.cached ? null : (m.error ?? 'the model pack is not cached'),
    });
  });
  sw.startMessages();
  let registration: ServiceWorkerRegistration;
  try {
    // Relative to the page's base, so the app works (and is cached) under any sub-path.
    registration = await sw.register(new URL('sw.js', document.baseURI).href);
  } catch (err) {
    setOfflineStatus({
      offlineState: 'failed',
      offlineError: `the service worker could not be registered (${err instanceof Error ? err.message : String(err)})`,
    });
    return;
  }
  const installing = registration.installing;
  installing?.addEventListener('statechange', () => {
    if (installing.state === 'redundant' && !registration.active)
      setOfflineStatus({
        offlineState: 'failed',
        offlineError: useAppStore.getState().offlineError ?? 'the offline copy could not be saved',
      });
  });
  const ready = await sw.ready;
  const check = () => ready.active?.postMessage({ type: 'check-pack' });
  check();
  window.addEventListener('online', check);
  setInterval(check, PACK_CHECK_INTERVAL_MS);
}
