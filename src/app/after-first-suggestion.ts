/**
 * When the page's deferred work may start: after the first suggestion (cold start, issue #5).
 * Work that ran when the model became ready (panels' pack-info indexes, the service worker's
 * precache) competed with the first classify on this 2-core machine.
 */
import type { AppState } from '../state/store';

/** The model failed, or is ready with no suggestion in flight (delivered, or the box was empty). */
export function firstSuggestionSettled(s: AppState): boolean {
  return s.modelStatus === 'error' || (s.modelStatus === 'ready' && !s.suggesting);
}

/** Runs `fn` when the main thread is idle (after the suggestions' deferred render has committed). */
export function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    // Bounded: a page that is never idle still gets its deferred work.
    const id = requestIdleCallback(fn, { timeout: 1_000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 50);
  return () => clearTimeout(id);
}
