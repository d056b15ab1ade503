/**
 * The batch and learning panels, loaded and mounted only once the first suggestion is on screen
 * (or the model settled without one). Both do heavy work when the pack info arrives (taxonomy path
 * indexes, number formatting: ~0.7 s of main-thread time in a cold-start profile on this 2-core
 * machine), and that work ran in the same render as the model becoming ready, so the first
 * suggestion waited behind it. Their code (papaparse, zip) also leaves the entry chunk, so the
 * page starts the inference worker sooner.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useAppStore } from '../state/store';
import { ErrorBoundary } from './error-boundary';
import { firstSuggestionSettled, whenIdle } from './after-first-suggestion';

const loadBatch = () => import('../features/batch/batch-panel');
const loadAdapt = () => import('../features/adapt/adapt-panel');
const BatchPanel = lazy(() => loadBatch().then((m) => ({ default: m.BatchPanel })));
const AdaptPanel = lazy(() => loadAdapt().then((m) => ({ default: m.AdaptPanel })));

/**
 * Safety net: a model load that never settles (a stalled network) must not hide the panels for
 * good. Well past a normal cold start (1.5 s target), so it never races the first suggestion.
 */
const MOUNT_ANYWAY_MS = 8_000;

export function DeferredPanels() {
  const settled = useAppStore(firstSuggestionSettled);
  const [show, setShow] = useState(false);
  useEffect(() => {
    if (show) return;
    if (!settled) {
      const id = setTimeout(() => setShow(true), MOUNT_ANYWAY_MS);
      return () => clearTimeout(id);
    }
    // Fetch the chunks now; mount once the suggestions (a deferred render) are on screen.
    void loadBatch();
    void loadAdapt();
    return whenIdle(() => setShow(true));
  }, [settled, show]);
  if (!show) return null;
  return (
    <>
      <ErrorBoundary>
        <Suspense fallback={null}>
          <BatchPanel />
        </Suspense>
      </ErrorBoundary>
      <ErrorBoundary>
        <Suspense fallback={null}>
          <AdaptPanel />
        </Suspense>
      </ErrorBoundary>
    </>
  );
}
