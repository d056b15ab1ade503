/**
 * A virtualized table: only the rows in view (plus a margin) are in the DOM, so 100,000 rows
 * scroll as smoothly as 100. Rows have a fixed height; cells come from renderCell.
 * Presentational: the data stay with the caller.
 */
import { useState, type ReactNode } from 'react';

export interface Column {
  key: string;
  header: string;
  /** CSS grid track, e.g. '4rem' or 'minmax(12rem, 2fr)'. */
  width: string;
}

/** Rows rendered above and below the visible window, so fast scrolling shows no blank gap. */
const OVERSCAN = 8;

export function VirtualTable({
  label,
  columns,
  rowCount,
  rowHeight,
  height,
  rowKey,
  renderCell,
}: {
  label: string;
  columns: readonly Column[];
  rowCount: number;
  rowHeight: number;
  height: number;
  rowKey: (i: number) => number | string;
  renderCell: (i: number, key: string) => ReactNode;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const template = columns.map((c) => c.width).join(' ');
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++)
    rows.push(
      <div
        key={rowKey(i)}
        role="row"
        aria-rowindex={i + 2}
        className="vt-row"
        style={{ position: 'absolute', top: i * rowHeight, height: rowHeight, gridTemplateColumns: template }}
      >
        {columns.map((c) => (
          <div key={c.key} role="cell" className="vt-cell">
            {renderCell(i, c.key)}
          </div>
        ))}
      </div>,
    );
  return (
    <div role="table" aria-label={label} aria-rowcount={rowCount + 1} className="vt">
      <div role="rowgroup">
        <div
          role="row"
          aria-rowindex={1}
          className="vt-row vt-head"
          style={{ gridTemplateColumns: template }}
        >
          {columns.map((c) => (
            <div key={c.key} role="columnheader" className="vt-cell">
              {c.header}
            </div>
          ))}
        </div>
      </div>
      <div
        role="rowgroup"
        className="vt-body"
        tabIndex={0}
        aria-label={`${label}, scrollable`}
        style={{ height, overflowY: 'auto', position: 'relative' }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div style={{ height: rowCount * rowHeight, position: 'relative' }}>{rows}</div>
      </div>
    </div>
  );
}
