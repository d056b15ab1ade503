import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { createMapSlice, selectKnnAgreement, type MapSlice } from './map-slice';

const makeStore = () => create<MapSlice>()((...a) => createMapSlice(...a));

describe('map slice', () => {
  it('toggles legend entries on and off', () => {
    const s = makeStore();
    s.getState().toggleMapHidden('3');
    s.getState().toggleMapHidden('5');
    expect(s.getState().mapHidden).toEqual(['3', '5']);
    s.getState().toggleMapHidden('3');
    expect(s.getState().mapHidden).toEqual(['5']);
  });

  it('shows every entry again when the colouring changes, not when it is re-chosen', () => {
    const s = makeStore();
    s.getState().toggleMapHidden('3');
    s.getState().setMapColorBy('level1');
    expect(s.getState().mapHidden).toEqual(['3']);
    s.getState().setMapColorBy('source');
    expect(s.getState().mapColorBy).toBe('source');
    expect(s.getState().mapHidden).toEqual([]);
  });

  it('keeps projection, search and selection', () => {
    const s = makeStore();
    s.getState().setMapProjection('pca');
    s.getState().setMapSearch('lego');
    s.getState().selectMapPoint(12);
    expect(s.getState()).toMatchObject({ mapProjection: 'pca', mapSearch: 'lego', mapSelected: 12 });
    s.getState().selectMapPoint(null);
    expect(s.getState().mapSelected).toBeNull();
  });
});

describe('selectKnnAgreement', () => {
  it('reads a well-formed entry', () => {
    const card = { projection: { knnAgreement: { k: 10, latent: 0.8, pca: 0.5, umap: 0.7 } } };
    expect(selectKnnAgreement(card)).toEqual({ k: 10, latent: 0.8, pca: 0.5, umap: 0.7 });
  });

  it('answers null for absent or malformed entries', () => {
    expect(selectKnnAgreement(null)).toBeNull();
    expect(selectKnnAgreement({})).toBeNull();
    expect(selectKnnAgreement({ projection: { umapSeconds: 3 } })).toBeNull();
    expect(
      selectKnnAgreement({ projection: { knnAgreement: { k: 10, latent: 80, pca: 0.5, umap: 0.7 } } }),
    ).toBeNull();
    expect(
      selectKnnAgreement({ projection: { knnAgreement: { k: '10', latent: 0.8, pca: 0.5, umap: 0.7 } } }),
    ).toBeNull();
  });
});
