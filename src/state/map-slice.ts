/**
 * What the analyst chose on the catalog map: projection, colouring, hidden legend entries, the
 * search text and the neighbour whose details are open. The viewport (zoom / pan) stays in the
 * component: it changes every frame and nothing else reads it.
 */
import type { StateCreator } from 'zustand';

export type MapProjection = 'pca' | 'umap';
export type MapColorBy = 'level1' | 'level2' | 'source' | 'correct';

export interface MapSlice {
  mapProjection: MapProjection;
  mapColorBy: MapColorBy;
  /** Legend keys (of the current colour-by) drawn in grey. */
  mapHidden: string[];
  mapSearch: string;
  /** Catalog row index of the neighbour whose details are shown; null when none. */
  mapSelected: number | null;
  setMapProjection: (p: MapProjection) => void;
  setMapColorBy: (c: MapColorBy) => void;
  toggleMapHidden: (key: string) => void;
  setMapSearch: (q: string) => void;
  selectMapPoint: (index: number | null) => void;
}

export const createMapSlice: StateCreator<MapSlice, [], [], MapSlice> = (set) => ({
  mapProjection: 'umap',
  mapColorBy: 'level1',
  mapHidden: [],
  mapSearch: '',
  mapSelected: null,
  setMapProjection: (mapProjection) => set({ mapProjection }),
  // Legend keys belong to one colouring: a new colouring starts with everything shown.
  setMapColorBy: (mapColorBy) =>
    set((s) => (s.mapColorBy === mapColorBy ? s : { mapColorBy, mapHidden: [] })),
  toggleMapHidden: (key) =>
    set((s) => ({
      mapHidden: s.mapHidden.includes(key) ? s.mapHidden.filter((k) => k !== key) : [...s.mapHidden, key],
    })),
  setMapSearch: (mapSearch) => set({ mapSearch }),
  selectMapPoint: (mapSelected) => set({ mapSelected }),
});

/** k-NN level-1 label agreement measured at training time (card.projection.knnAgreement). */
export interface KnnAgreement {
  k: number;
  latent: number;
  pca: number;
  umap: number;
}

const isFraction = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x <= 1;

/** Reads card.projection.knnAgreement from an unchecked card; null when absent or malformed. */
export function selectKnnAgreement(card: unknown): KnnAgreement | null {
  const proj = (card as { projection?: unknown } | null)?.projection;
  const a = (proj as { knnAgreement?: unknown } | null | undefined)?.knnAgreement as
    Record<string, unknown> | null | undefined;
  if (!a || typeof a !== 'object') return null;
  const { k, latent, pca, umap } = a;
  if (typeof k !== 'number' || !(k >= 1) || !isFraction(latent) || !isFraction(pca) || !isFraction(umap))
    return null;
  return { k, latent, pca, umap };
}
