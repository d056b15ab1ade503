/** The merchant's listing box. Suggestions arrive with the browser-runtime issue. */
import { useId } from 'react';
import { useAppStore } from '../../state/store';
import { Notice, Panel } from '../../ui/field';
import { MAX_LISTING_CHARS } from '../../config/app';

export function ClassifyPanel() {
  const listing = useAppStore((s) => s.listing);
  const truncated = useAppStore((s) => s.listingTruncated);
  const setListing = useAppStore((s) => s.setListing);
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
    </Panel>
  );
}
