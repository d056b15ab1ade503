/** Label tables of the model: level 1 = the 21 product roots, level 2 = their children. */
import { LEVEL1_ROOTS } from '../../src/config/taxonomy';
import type { LabelEntry } from '../../src/ml/pack/manifest';
import type { Taxonomy } from '../data/taxonomy';

export interface LabelSpace {
  level1: LabelEntry[];
  level2: LabelEntry[];
  index1: Map<string, number>;
  index2: Map<string, number>;
}

function entry(tax: Taxonomy, id: string, parent: string | null): LabelEntry {
  const c = tax.categories.get(id);
  if (!c) throw new Error(`taxonomy has no category ${id}`);
  return {
    id,
    nameEn: c.nameEn,
    nameZh: c.nameZh,
    pathEn: c.pathEn,
    pathZh: c.pathZh,
    googleId: c.googleId ?? null,
    parent,
  };
}

export function buildLabelSpace(tax: Taxonomy): LabelSpace {
  const level1 = LEVEL1_ROOTS.map((id) => entry(tax, id, null));
  const level2 = LEVEL1_ROOTS.flatMap((root) => tax.childrenOf(root).map((id) => entry(tax, id, root)));
  return {
    level1,
    level2,
    index1: new Map(level1.map((e, i) => [e.id, i])),
    index2: new Map(level2.map((e, i) => [e.id, i])),
  };
}
