/**
 * Suggestions for the listing box: classify runs debounced after typing stops, and a newer
 * request cancels the older one, so results always belong to the text they are shown for.
 */
import type { StateCreator } from 'zustand';
import type { InferenceClient, ListingResult } from '../inference/inference-client';

/** Typing pause before classifying: one call per burst of keys, not per key. */
export const SUGGEST_DEBOUNCE_MS = 150;

export interface SuggestionsSlice {
  suggestions: ListingResult | null;
  /** The text the suggestions were computed for. */
  suggestionsFor: string;
  suggesting: boolean;
  suggestionsError: string | null;
  /** `now`: no typing to wait out (the model just became ready with text in the box). */
  requestSuggestions: (client: InferenceClient, text: string, now?: boolean) => void;
}

export const createSuggestionsSlice: StateCreator<SuggestionsSlice, [], [], SuggestionsSlice> = (set) => {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inflight: AbortController | null = null;
  return {
    suggestions: null,
    suggestionsFor: '',
    suggesting: false,
    suggestionsError: null,
    requestSuggestions: (client, text, now = false) => {
      if (timer) clearTimeout(timer);
      inflight?.abort();
      inflight = null;
      if (text.trim() === '') {
        set({ suggestions: null, suggestionsFor: '', suggesting: false, suggestionsError: null });
        return;
      }
      set({ suggesting: true });
      const run = () => {
        timer = null;
        const ctrl = new AbortController();
        inflight = ctrl;
        client
          .classify([text], { topK: 5, neighbours: 5, deep: 5, signal: ctrl.signal })
          .then(([r]) => {
            if (ctrl.signal.aborted) return;
            set({
              suggestions: r ?? null,
              suggestionsFor: text,
              suggesting: false,
              suggestionsError: null,
            });
          })
          .catch((err: unknown) => {
            if (ctrl.signal.aborted) return;
            set({ suggesting: false, suggestionsError: err instanceof Error ? err.message : String(err) });
          });
      };
      // No typing to wait out: asked at once, so the worker classifies while the page renders the
      // 'ready' state (a timer put it after that render: ~40 ms of the traced cold start).
      if (now) run();
      else timer = setTimeout(run, SUGGEST_DEBOUNCE_MS);
    },
  };
};
