/** Pure view data for the adapt panel: progress text, the accuracy table, category names. */
import type { AdaptProgress, DeepNode } from '../../inference/inference-client';
import type { StoredHeads } from '../../state/adapt-slice';

const PHASE_LABEL: Record<AdaptProgress['phase'], string> = {
  encode: 'Reading your listings',
  train: 'Training',
  evaluate: 'Checking against the reference catalog',
};

export function progressView(p: AdaptProgress | null): { label: string; value: number; max: number } {
  if (!p) return { label: 'Starting…', value: 0, max: 1 };
  return {
    label: `${PHASE_LABEL[p.phase]}: ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')}`,
    value: p.done,
    max: Math.max(1, p.total),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export interface AccuracyRow {
  model: string;
  level1: string;
  level2: string;
  learned: string;
}

/** Shipped vs adapted on the reference catalog's test split, and on the merchant's own rows. */
export function accuracyRows(a: StoredHeads | null): AccuracyRow[] {
  if (!a) return [];
  const r = a.report;
  return [
    {
      model: 'Shipped model',
      level1: pct(r.reference.before.level1),
      level2: pct(r.reference.before.level2),
      learned: pct(r.labelled.before),
    },
    {
      model: 'Adapted model',
      level1: pct(r.reference.after.level1),
      level2: pct(r.reference.after.level2),
      learned: pct(r.labelled.after),
    },
  ];
}

/** Shopify id -> "Root > Child > Leaf" in the chosen language (ids unknown to the pack: the id). */
export function pathIndex(nodes: readonly DeepNode[], lang: 'en' | 'zh'): Map<string, string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, string>();
  for (const n of nodes) {
    const parts = n.id.split('-');
    out.set(
      n.id,
      parts
        .map((_, i) => byId.get(parts.slice(0, i + 1).join('-')))
        .map((c) => (c ? (lang === 'zh' ? c.zh : c.en) : '?'))
        .join(' > '),
    );
  }
  return out;
}
