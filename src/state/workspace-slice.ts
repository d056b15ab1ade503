/**
 * The merchant workspace: display language, the auto / needs-review threshold (default read from
 * the model card's accuracy/coverage curve), the merchant's own category choices, and the
 * explanation (occlusion weights) of the current listing's top suggestion.
 */
import type { StateCreator } from 'zustand';
import type {
  CategoryScore,
  Explanation,
  InferenceClient,
  LabelEntry,
  PackInfo,
} from '../inference/inference-client';

export type Lang = 'en' | 'zh';

/**
 * Accuracy the auto-categorized share should reach. 80% keeps one auto decision in five wrong
 * at most, which a merchant can live with for a first pass; with the first shipped pack it
 * auto-categorizes about 70% of the merchant dev set (threshold 0.75).
 */
export const TARGET_AUTO_ACCURACY = 0.8;
/** Used when a pack's card has no coverage curve: a middling confidence, not a measured one. */
export const FALLBACK_THRESHOLD = 0.7;
/**
 * Top two level-1 probabilities closer than this are "two close categories": the model is torn
 * between them, so a human picks even when the top one clears the threshold.
 */
export const CLOSE_MARGIN = 0.1;
/** Pause after the suggestions change before explaining them (explaining costs ~N classify rows). */
export const EXPLAIN_DEBOUNCE_MS = 250;

/** A category as the workspace shows it: the pack's label entry (id, en/zh names and paths, Google id, parent). */
export type CategoryInfo = LabelEntry;

/** Parent of a Shopify id ('el-4-2' -> 'el-4'; a root has none). */
export const parentId = (id: string) => (id.includes('-') ? id.slice(0, id.lastIndexOf('-')) : null);

/**
 * Every category the pack knows, by Shopify id: level 1 and 2 from the label tables, deeper
 * ones from the taxonomy nodes (which carry names only: paths are built through the parents).
 */
export function categoryIndex(
  info: Pick<PackInfo, 'level1' | 'level2' | 'taxonomy'>,
): Map<string, CategoryInfo> {
  const m = new Map<string, CategoryInfo>();
  for (const l of [...info.level1, ...info.level2])
    m.set(l.id, {
      id: l.id,
      nameEn: l.nameEn,
      nameZh: l.nameZh,
      pathEn: l.pathEn,
      pathZh: l.pathZh,
      googleId: l.googleId,
      parent: l.parent,
    });
  const nodes = new Map(info.taxonomy.map((n) => [n.id, n]));
  const build = (id: string): CategoryInfo | undefined => {
    const known = m.get(id);
    if (known) return known;
    const n = nodes.get(id);
    if (!n) return undefined;
    const parent = parentId(id);
    const up = parent ? build(parent) : undefined;
    const c: CategoryInfo = {
      id,
      nameEn: n.en,
      nameZh: n.zh,
      pathEn: up ? `${up.pathEn} > ${n.en}` : n.en,
      pathZh: up ? `${up.pathZh} > ${n.zh}` : n.zh,
      googleId: n.g,
      parent,
    };
    m.set(id, c);
    return c;
  };
  for (const n of info.taxonomy) build(n.id);
  return m;
}

export interface CoveragePoint {
  threshold: number;
  coverage: number;
  accuracy: number;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** The level-1 accuracy/coverage curve of a model card (dev set first, else test), validated. */
export function coverageCurve(card: unknown): { points: CoveragePoint[]; source: string } | null {
  if (!isRecord(card) || !isRecord(card.metrics)) return null;
  for (const source of ['devMerchant', 'test'] as const) {
    const m = card.metrics[source];
    const details = isRecord(m) ? m.details : undefined;
    const level1 = isRecord(details) ? details.level1 : undefined;
    const cov = isRecord(level1) ? level1.coverage : undefined;
    if (!Array.isArray(cov)) continue;
    const points = cov.filter(
      (p): p is CoveragePoint =>
        isRecord(p) &&
        typeof p.threshold === 'number' &&
        typeof p.coverage === 'number' &&
        typeof p.accuracy === 'number',
    );
    if (points.length > 0) return { points: [...points].sort((a, b) => a.threshold - b.threshold), source };
  }
  return null;
}

export interface DefaultThreshold {
  threshold: number;
  /** Why this value, in words for the page. */
  why: string;
}

/**
 * The lowest threshold whose auto-categorized listings reach TARGET_AUTO_ACCURACY on the card's
 * curve: the lowest one keeps the most listings automatic at that accuracy. When no point
 * reaches it, the most accurate point; without a curve, FALLBACK_THRESHOLD.
 */
export function defaultThreshold(card: unknown, target = TARGET_AUTO_ACCURACY): DefaultThreshold {
  const curve = coverageCurve(card);
  if (!curve) return { threshold: FALLBACK_THRESHOLD, why: 'the model card has no accuracy/coverage curve' };
  const set = curve.source === 'devMerchant' ? 'merchant dev set' : 'test split';
  const hit = curve.points.find((p) => p.accuracy >= target);
  if (hit)
    return {
      threshold: hit.threshold,
      why: `lowest confidence at which auto-categorized listings were ${pct(hit.accuracy)} right on the ${set} (${pct(hit.coverage)} of listings automatic)`,
    };
  const best = curve.points.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  return {
    threshold: best.threshold,
    why: `no point of the ${set} curve reaches ${pct(target)}; the most accurate one (${pct(best.accuracy)})`,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export type Routing =
  | { kind: 'auto'; top: CategoryScore }
  | { kind: 'review'; reason: 'low-confidence'; top: CategoryScore }
  | { kind: 'review'; reason: 'close'; top: CategoryScore; second: CategoryScore }
  | { kind: 'review'; reason: 'no-text' };

/** Auto when the top level-1 probability clears the threshold and is not a close call. */
export function route(level1: readonly CategoryScore[], threshold: number, empty = false): Routing {
  const top = level1[0];
  if (!top || empty) return { kind: 'review', reason: 'no-text' };
  const second = level1[1];
  if (second && top.prob - second.prob < CLOSE_MARGIN)
    return { kind: 'review', reason: 'close', top, second };
  if (top.prob < threshold) return { kind: 'review', reason: 'low-confidence', top };
  return { kind: 'auto', top };
}

export function routingReason(r: Routing, lang: Lang = 'en'): string {
  const name = (c: CategoryScore) => (lang === 'zh' ? c.nameZh : c.nameEn);
  switch (r.kind) {
    case 'auto':
      return `confident: ${name(r.top)} at ${pct(r.top.prob)}`;
    case 'review':
      if (r.reason === 'no-text') return 'no words the model knows';
      if (r.reason === 'close')
        return `two close categories: ${name(r.top)} ${pct(r.top.prob)} vs ${name(r.second)} ${pct(r.second.prob)}`;
      return `low confidence: ${name(r.top)} at ${pct(r.top.prob)}`;
  }
}

export interface ExplanationState {
  text: string;
  explanation: Explanation | null;
  error: string | null;
}

export interface WorkspaceSlice {
  lang: Lang;
  /** null = the default from the model card. */
  thresholdOverride: number | null;
  /** The merchant's category per listing text (trimmed): kept when the listing comes back. */
  choices: Record<string, string>;
  explanation: ExplanationState | null;
  setLang: (lang: Lang) => void;
  setThreshold: (t: number | null) => void;
  choose: (text: string, categoryId: string | null) => void;
  requestExplanation: (client: InferenceClient, text: string) => void;
}

export const defaultLang = (language: string | undefined): Lang =>
  language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';

export const createWorkspaceSlice: StateCreator<WorkspaceSlice, [], [], WorkspaceSlice> = (set) => {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inflight: AbortController | null = null;
  return {
    lang: defaultLang(typeof navigator === 'undefined' ? undefined : navigator.language),
    thresholdOverride: null,
    choices: {},
    explanation: null,
    setLang: (lang) => set({ lang }),
    setThreshold: (t) => set({ thresholdOverride: t === null ? null : Math.min(1, Math.max(0, t)) }),
    choose: (text, categoryId) =>
      set((s) => {
        const key = text.trim();
        const choices = { ...s.choices };
        if (categoryId === null) delete choices[key];
        else choices[key] = categoryId;
        return { choices };
      }),
    requestExplanation: (client, text) => {
      if (timer) clearTimeout(timer);
      inflight?.abort();
      inflight = null;
      if (text.trim() === '') {
        set({ explanation: null });
        return;
      }
      timer = setTimeout(() => {
        const ctrl = new AbortController();
        inflight = ctrl;
        client
          .explain(text, { signal: ctrl.signal })
          .then((explanation) => {
            if (!ctrl.signal.aborted) set({ explanation: { text, explanation, error: null } });
          })
          .catch((err: unknown) => {
            if (ctrl.signal.aborted) return;
            set({
              explanation: {
                text,
                explanation: null,
                error: err instanceof Error ? err.message : String(err),
              },
            });
          });
      }, EXPLAIN_DEBOUNCE_MS);
    },
  };
};
