/** The merchant's listing box and the suggested categories for it (names, ids, probabilities). */
import { useId } from 'react';
import { useAppStore } from '../../state/store';
import { Notice, Panel } from '../../ui/field';
import { MAX_LISTING_CHARS } from '../../config/app';

export function ClassifyPanel() {
  const listing = useAppStore((s) => s.listing);
  const truncated = useAppStore((s) => s.listingTruncated);
  const setListing = useAppStore((s) => s.setListing);
  const suggestions = useAppStore((s) => s.suggestions);
  const suggestionsFor = useAppStore((s) => s.suggestionsFor);
  const suggestError = useAppStore((s) => s.suggestionsError);
  const id = useId();
  return (
    <Panel title="Categorize a listing">
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
      {suggestError && <Notice tone="error">Suggestions failed: {suggestError}</Notice>}
      {suggestions && listing.trim() !== '' && (
        <div data-testid="suggestions" data-for={suggestionsFor}>
          <SuggestionList title="Top-level category" testId="level1" items={suggestions.level1} />
          <SuggestionList title="Subcategory" testId="level2" items={suggestions.level2} />
        </div>
      )}
    </Panel>
  );
}

interface Item {
  id: string;
  nameEn: string;
  nameZh: string;
  googleId: number | null;
  prob: number;
}

function SuggestionList({ title, testId, items }: { title: string; testId: string; items: Item[] }) {
  return (
    <>
      <h3>{title}</h3>
      <ol data-testid={`suggestions-${testId}`}>
        {items.map((s) => (
          <li key={s.id} data-id={s.id} data-prob={s.prob}>
            <strong>{s.nameEn}</strong> <span lang="zh">{s.nameZh}</span> <code>{s.id}</code>
            {s.googleId !== null && <> · Google {s.googleId}</>} · {(s.prob * 100).toFixed(1)}%
          </li>
        ))}
      </ol>
    </>
  );
}
