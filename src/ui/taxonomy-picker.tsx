/**
 * A searchable category tree: the roots with their children (expand with a button), or, once
 * something is typed, every matching category by English or Chinese name, id or path.
 * Presentational: nodes come in through props, the choice goes out through onChoose.
 */
import { useId, useMemo, useState } from 'react';

export interface PickerNode {
  id: string;
  nameEn: string;
  nameZh: string;
  pathEn: string;
  pathZh: string;
  parent: string | null;
}

/** Matches shown at once: enough to scan, few enough to render instantly from 10k nodes. */
const MAX_MATCHES = 50;

export function searchNodes(nodes: readonly PickerNode[], query: string, limit = MAX_MATCHES): PickerNode[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const words = q.split(/\s+/);
  const hits: { n: PickerNode; rank: number }[] = [];
  for (const n of nodes) {
    const hay = `${n.id} ${n.pathEn} ${n.pathZh}`.toLowerCase();
    if (!words.every((w) => hay.includes(w))) continue;
    // Name matches before path-only matches; shallower categories first.
    const name = `${n.nameEn} ${n.nameZh}`.toLowerCase();
    const rank = (words.every((w) => name.includes(w)) ? 0 : 100) + n.id.split('-').length;
    hits.push({ n, rank });
  }
  return hits
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit)
    .map((h) => h.n);
}

export function TaxonomyPicker({
  nodes,
  lang,
  selected,
  onChoose,
  label = 'Search categories',
  autoFocus = false,
}: {
  nodes: readonly PickerNode[];
  lang: 'en' | 'zh';
  selected: string | null;
  onChoose: (id: string) => void;
  label?: string;
  /** Focus the search box on mount (the picker opened in a dialog). */
  autoFocus?: boolean;
}) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const inputId = useId();
  const roots = useMemo(() => nodes.filter((n) => n.parent === null), [nodes]);
  const children = useMemo(() => {
    const m = new Map<string, PickerNode[]>();
    for (const n of nodes)
      if (n.parent !== null && n.id.split('-').length === 2) {
        const list = m.get(n.parent) ?? [];
        list.push(n);
        m.set(n.parent, list);
      }
    return m;
  }, [nodes]);
  const matches = useMemo(() => searchNodes(nodes, query), [nodes, query]);
  const name = (n: PickerNode) => (lang === 'zh' ? n.nameZh || n.nameEn : n.nameEn);
  const other = (n: PickerNode) => (lang === 'zh' ? n.nameEn : n.nameZh);
  const path = (n: PickerNode) => (lang === 'zh' ? n.pathZh || n.pathEn : n.pathEn);
  const choose = (n: PickerNode) => (
    <button
      type="button"
      className="picker-choose"
      aria-pressed={selected === n.id}
      aria-label={`Choose ${n.pathEn} (${n.id})`}
      onClick={() => onChoose(n.id)}
    >
      {name(n)} <span lang={lang === 'zh' ? 'en' : 'zh'}>{other(n)}</span> <code>{n.id}</code>
    </button>
  );
  return (
    <div className="taxonomy-picker">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type="search"
        autoFocus={autoFocus}
        value={query}
        placeholder="e.g. boots, 音箱, el-4"
        onChange={(e) => setQuery(e.target.value)}
      />
      {query.trim() !== '' ? (
        <ul aria-label="Matching categories" className="picker-list">
          {matches.length === 0 && <li>No category matches “{query}”.</li>}
          {matches.map((n) => (
            <li key={n.id}>
              {choose(n)}
              <div className="picker-path">{path(n)}</div>
            </li>
          ))}
        </ul>
      ) : (
        <ul aria-label="Category tree" className="picker-list">
          {roots.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className="picker-toggle"
                aria-expanded={open === r.id}
                aria-label={`${open === r.id ? 'Collapse' : 'Expand'} ${r.nameEn}`}
                onClick={() => setOpen(open === r.id ? null : r.id)}
              >
                {open === r.id ? '▾' : '▸'}
              </button>
              {choose(r)}
              {open === r.id && (
                <ul aria-label={`${r.nameEn} subcategories`}>
                  {(children.get(r.id) ?? []).map((c) => (
                    <li key={c.id}>{choose(c)}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
