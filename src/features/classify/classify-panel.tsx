/**
 * The merchant's single-listing workspace: listing box with examples, top-5 level-1 / level-2
 * suggestions (chart, full paths in en or zh, copyable Shopify and Google ids), deep suggestions,
 * auto / needs-review routing with its reason and threshold, the explanation highlight, and the
 * taxonomy picker whose choice is kept per listing.
 */
import { lazy, memo, Suspense, useCallback, useDeferredValue, useId, useMemo } from 'react';
import { useAppStore } from '../../state/store';
import {
  categoryIndex,
  defaultThreshold,
  route,
  routingReason,
  type CategoryInfo,
  type Lang,
} from '../../state/workspace-slice';
import { Notice, Panel } from '../../ui/field';
import { CopyButton } from '../../ui/copy-button';
import { TaxonomyPicker } from '../../ui/taxonomy-picker';
import { MAX_LISTING_CHARS } from '../../config/app';
import type { CategoryScore, DeepScore, ListingResult } from '../../inference/inference-client';
import { useLater } from './use-later';
import { chartRows, highlights, nameIn, pathIn, topPushers } from './workspace-adapters';

/**
 * Recharts is most of the page's code: loaded with the first suggestions, not before them, so the
 * entry chunk the page parses before it starts the model is smaller (cold start, issue #5).
 */
const ScoreChart = lazy(() => import('./score-chart').then((m) => ({ default: m.ScoreChart })));
/** Room the chart will take (score-chart's 30 px a bar plus axis) while its code loads. */
const chartHeight = (bars: number) => bars * 30 + 30;

/** One click away: listings the shipped model places unambiguously, in both languages. */
export const EXAMPLES: { label: string; text: string; lang: Lang }[] = [
  { label: 'Smart speaker (zh)', text: '这是一款家庭用智能音箱', lang: 'zh' },
  { label: 'Hiking boots (en)', text: "Men's waterproof leather hiking boots with Vibram sole", lang: 'en' },
  { label: 'Wok (zh)', text: '不锈钢炒锅 30cm 家用 不粘锅', lang: 'zh' },
  { label: 'Green tea (en)', text: 'Organic green tea, 100 tea bags', lang: 'en' },
  { label: 'Puzzle (zh)', text: '儿童益智拼图玩具 100片', lang: 'zh' },
  { label: 'Dog toy (en)', text: 'Dog chew toy for large breeds', lang: 'en' },
];

/*
 * Rendering cost: a keystroke changes only `listing`, so only ListingBox reads it. The parts below
 * subscribe to what they show (a boolean "has text", the choice for this listing) and are memoized,
 * so typing does not re-render the charts (recharts) or the 10k-node taxonomy picker; a new result
 * re-renders them in a deferred, interruptible pass. Recharts 3 then re-syncs each chart's store
 * from effects, synchronously: the two charts take their new rows one and two tasks after the
 * lists (useLater), so that work is never one task. Measured by bench/typing.bench.spec.ts.
 */
export function ClassifyPanel() {
  // Deferred: the charts and lists re-render in an interruptible background pass, so a keystroke
  // never waits behind them (the listing box itself stays urgent).
  const suggestions = useDeferredValue(useAppStore((s) => s.suggestions));
  const suggestionsFor = useDeferredValue(useAppStore((s) => s.suggestionsFor));
  const hasText = useAppStore((s) => s.listing.trim() !== '');
  const suggestError = useAppStore((s) => s.suggestionsError);
  const packInfo = useAppStore((s) => s.packInfo);
  const index = useMemo(
    () => (packInfo ? categoryIndex(packInfo) : new Map<string, CategoryInfo>()),
    [packInfo],
  );
  return (
    <Panel title="Categorize a listing">
      <LanguageSwitch />
      <Examples />
      <ListingBox />
      {suggestError && <Notice tone="error">Suggestions failed: {suggestError}</Notice>}
      <ThresholdControl />
      {suggestions && hasText && (
        <Suggestions suggestions={suggestions} suggestionsFor={suggestionsFor} index={index} />
      )}
      <Choice index={index} />
    </Panel>
  );
}

const Examples = memo(function Examples() {
  const setListing = useAppStore((s) => s.setListing);
  return (
    <div className="examples" role="group" aria-label="Examples">
      <span>Examples:</span>
      {EXAMPLES.map((e) => (
        <button key={e.label} type="button" onClick={() => setListing(e.text)} lang={e.lang}>
          {e.label}
        </button>
      ))}
    </div>
  );
});

/** The only part that reads the listing text: what re-renders per keystroke. */
function ListingBox() {
  const listing = useAppStore((s) => s.listing);
  const truncated = useAppStore((s) => s.listingTruncated);
  const setListing = useAppStore((s) => s.setListing);
  const id = useId();
  return (
    <>
      <label htmlFor={id}>Product listing</label>
      <textarea
        id={id}
        value={listing}
        rows={4}
        placeholder="Paste a product title and description, in English or Chinese"
        onChange={(e) => setListing(e.target.value)}
      />
      {truncated && (
        <Notice tone="warn">
          The listing was cut to its first {MAX_LISTING_CHARS.toLocaleString()} characters.
        </Notice>
      )}
    </>
  );
}

const Suggestions = memo(function Suggestions({
  suggestions,
  suggestionsFor,
  index,
}: {
  suggestions: ListingResult;
  suggestionsFor: string;
  index: Map<string, CategoryInfo>;
}) {
  const lang = useAppStore((s) => s.lang);
  return (
    <>
      <Routing level1={suggestions.level1} empty={suggestions.empty} />
      <Explanation />
      <div data-testid="suggestions" data-for={suggestionsFor} className="suggestions">
        <SuggestionList
          title="Top-level category"
          testId="level1"
          items={suggestions.level1}
          index={index}
          chartLag={1}
        />
        <SuggestionList
          title="Subcategory"
          testId="level2"
          items={suggestions.level2}
          index={index}
          chartLag={2}
        />
        <DeepList items={suggestions.deep} lang={lang} />
      </div>
    </>
  );
});

function LanguageSwitch() {
  const lang = useAppStore((s) => s.lang);
  const setLang = useAppStore((s) => s.setLang);
  const name = useId();
  return (
    <fieldset className="lang-switch">
      <legend>Category language</legend>
      {(
        [
          ['en', 'English'],
          ['zh', '中文'],
        ] as const
      ).map(([value, text]) => (
        <label key={value} className="inline">
          <input
            type="radio"
            name={name}
            value={value}
            checked={lang === value}
            onChange={() => setLang(value)}
          />{' '}
          {text}
        </label>
      ))}
    </fieldset>
  );
}

function useThreshold() {
  const card = useAppStore((s) => s.packInfo?.card);
  const override = useAppStore((s) => s.thresholdOverride);
  const def = useMemo(() => defaultThreshold(card), [card]);
  return { threshold: override ?? def.threshold, def, overridden: override !== null };
}

function ThresholdControl() {
  const { threshold, def, overridden } = useThreshold();
  const setThreshold = useAppStore((s) => s.setThreshold);
  const id = useId();
  return (
    <div className="threshold">
      <label htmlFor={id}>Auto-categorize threshold (%)</label>
      <input
        id={id}
        type="number"
        min={0}
        max={100}
        step={1}
        value={Math.round(threshold * 100)}
        onChange={(e) => {
          const v = e.target.valueAsNumber;
          if (Number.isFinite(v)) setThreshold(v / 100);
        }}
      />{' '}
      {overridden ? (
        <button type="button" onClick={() => setThreshold(null)}>
          Reset to the model card’s {Math.round(def.threshold * 100)}%
        </button>
      ) : (
        <small>Default from the model card: {def.why}.</small>
      )}
    </div>
  );
}

function Routing({ level1, empty }: { level1: CategoryScore[]; empty: boolean }) {
  const { threshold } = useThreshold();
  const lang = useAppStore((s) => s.lang);
  const r = route(level1, threshold, empty);
  return (
    <p className={`routing routing-${r.kind}`} role="status" data-testid="routing" data-kind={r.kind}>
      <strong>{r.kind === 'auto' ? 'Auto-categorized' : 'Needs review'}</strong>: {routingReason(r, lang)}
      {r.kind === 'review' && ' — pick the category below.'}
    </p>
  );
}

function Explanation() {
  const explanation = useAppStore((s) => s.explanation);
  const suggestionsFor = useAppStore((s) => s.suggestionsFor);
  const top = useAppStore((s) => s.suggestions?.level1[0]);
  const lang = useAppStore((s) => s.lang);
  if (!explanation || explanation.text !== suggestionsFor || !top) return null;
  if (explanation.error) return <Notice tone="warn">No explanation: {explanation.error}</Notice>;
  const e = explanation.explanation;
  if (!e) return null;
  const pushers = topPushers(e);
  return (
    <section className="explanation" aria-label="Why this category">
      <h3>Why {nameIn(top, lang)}</h3>
      <p className="explained-text" data-testid="explained-text">
        {highlights(e).map((h, i) =>
          h.strength === 0 ? (
            <span key={i}>{h.text}</span>
          ) : (
            <mark
              key={i}
              className={h.strength > 0 ? 'push-for' : 'push-against'}
              style={{ opacity: 0.35 + 0.65 * Math.abs(h.strength) }}
              title={`${h.points > 0 ? '+' : ''}${h.points} points`}
            >
              {h.text}
            </mark>
          ),
        )}
      </p>
      <small>
        {pushers.length > 0
          ? `Words that pushed it most: ${pushers.join(', ')}.`
          : 'No single word decides it: removing any one leaves the suggestion as it is.'}
      </small>
    </section>
  );
}

const SuggestionList = memo(function SuggestionList({
  title,
  testId,
  items,
  index,
  chartLag,
}: {
  title: string;
  testId: string;
  items: CategoryScore[];
  index: Map<string, CategoryInfo>;
  /** Macrotasks after the lists that this chart updates in: the two charts never share a task. */
  chartLag: number;
}) {
  const lang = useAppStore((s) => s.lang);
  const rows = useLater(
    useMemo(() => chartRows(items, lang), [items, lang]),
    chartLag,
  );
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <Suspense
        fallback={
          <figure
            className="score-chart"
            aria-label={`${title} probabilities`}
            aria-busy="true"
            style={{ height: chartHeight(items.length) }}
          />
        }
      >
        <ScoreChart rows={rows} count={items.length} title={`${title} probabilities`} />
      </Suspense>
      <ol data-testid={`suggestions-${testId}`} className="suggestion-list">
        {items.map((s) => (
          <li key={s.id} data-id={s.id} data-prob={s.prob}>
            <strong>{nameIn(s, lang)}</strong> · {(s.prob * 100).toFixed(1)}%
            <div className="path">{pathIn(s, lang, index)}</div>
            <CopyButton value={s.id} label={`Copy Shopify id ${s.id}`} />
            {s.googleId !== null && (
              <CopyButton value={String(s.googleId)} label={`Copy Google id ${s.googleId}`} />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
});

function DeepList({ items, lang }: { items: DeepScore[]; lang: Lang }) {
  if (items.length === 0) return null;
  return (
    <section aria-label="Deepest categories">
      <h3>Deepest categories</h3>
      <ol data-testid="suggestions-deep" className="suggestion-list">
        {items.map((d) => (
          <li key={d.id} data-id={d.id}>
            <div className="path">{lang === 'zh' && d.pathZh ? d.pathZh : d.pathEn}</div>
            <CopyButton value={d.id} label={`Copy Shopify id ${d.id}`} />
            {d.googleId !== null && (
              <CopyButton value={String(d.googleId)} label={`Copy Google id ${d.googleId}`} />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

const Picker = memo(TaxonomyPicker);

function Choice({ index }: { index: Map<string, CategoryInfo> }) {
  const hasText = useAppStore((s) => s.listing.trim() !== '');
  const chosen = useAppStore((s) => s.choices[s.listing.trim()] ?? null);
  const choose = useAppStore((s) => s.choose);
  const lang = useAppStore((s) => s.lang);
  const nodes = useMemo(() => [...index.values()], [index]);
  // The listing is read when the merchant chooses, not rendered from: a stable callback keeps the
  // memoized picker (10k nodes) out of every keystroke's render.
  const recordCorrection = useAppStore((s) => s.recordCorrection);
  const onChoose = useCallback(
    (cid: string) => {
      const listing = useAppStore.getState().listing;
      choose(listing, cid);
      // Kept on the device for on-device learning (the adapt panel).
      recordCorrection(listing, cid, 'single');
    },
    [choose, recordCorrection],
  );
  if (nodes.length === 0 || !hasText) return null;
  const c = chosen ? index.get(chosen) : undefined;
  return (
    <section aria-label="Your category" className="choice">
      <h3>Your category</h3>
      {chosen ? (
        <p role="status" data-testid="chosen-category" data-id={chosen}>
          Chosen: {c ? (lang === 'zh' ? c.pathZh : c.pathEn) : chosen} <code>{chosen}</code>
          {c?.googleId != null && <> · Google {c.googleId}</>}{' '}
          <button
            type="button"
            onClick={() => {
              const listing = useAppStore.getState().listing;
              choose(listing, null);
              recordCorrection(listing, null, 'single');
            }}
          >
            Clear choice
          </button>
        </p>
      ) : (
        <p>Not chosen yet: the suggestion is used unless you pick one.</p>
      )}
      <Picker nodes={nodes} lang={lang} selected={chosen} onChoose={onChoose} />
    </section>
  );
}
