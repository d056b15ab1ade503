/**
 * Accessible tabs (WAI-ARIA tabs pattern: arrow keys move between tabs). Only the active
 * panel is rendered, so a heavy panel costs nothing until it is opened.
 * Presentational: imports nothing from the app.
 */
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './tabs.css';

export interface TabDef {
  id: string;
  label: string;
  render: () => ReactNode;
}

/** `initial` null opens no tab: the panels cost nothing until the user asks for one. */
export function Tabs({
  label,
  tabs,
  initial,
  empty,
}: {
  label: string;
  tabs: TabDef[];
  initial: string | null;
  /** Shown while no tab is open. */
  empty?: ReactNode;
}) {
  const [active, setActive] = useState<string | null>(initial);
  const base = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent, i: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = (i + step + tabs.length) % tabs.length;
    setActive(tabs[next]!.id);
    refs.current[next]?.focus();
  };
  const current = tabs.find((t) => t.id === active);
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label}>
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-selected={t.id === active}
            aria-controls={`${base}-panel-${t.id}`}
            tabIndex={t.id === active || (active === null && i === 0) ? 0 : -1}
            onClick={() => setActive(t.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {!current && empty}
      {current && (
        <div role="tabpanel" id={`${base}-panel-${current.id}`} aria-labelledby={`${base}-tab-${current.id}`}>
          {current.render()}
        </div>
      )}
    </div>
  );
}
