import { describe, expect, it } from 'vitest';
import { knnLabelAgreement, mapQuality } from './map-quality';

describe('map quality (k-NN label agreement)', () => {
  // Two labelled clusters far apart on a line: every neighbour shares the label.
  const xs = [0, 1, 2, 3, 100, 101, 102, 103];
  const labels = [0, 0, 0, 0, 1, 1, 1, 1];
  const dist = (i: number, j: number) => Math.abs(xs[i]! - xs[j]!);

  it('is 1 when neighbourhoods are pure and lower when labels are mixed', () => {
    expect(knnLabelAgreement(8, labels, 3, dist).agreement).toBe(1);
    const mixed = [0, 1, 0, 1, 0, 1, 0, 1];
    expect(knnLabelAgreement(8, mixed, 3, dist).agreement).toBeLessThan(0.5);
  });

  it('skips unlabelled points and never counts a point as its own neighbour', () => {
    const withUnknown = [...labels, -1];
    const xs2 = [...xs, 1.5];
    const r = knnLabelAgreement(9, withUnknown, 3, (i, j) => Math.abs(xs2[i]! - xs2[j]!));
    expect(r.points).toBe(8);
    expect(r.agreement).toBe(1);
  });

  it('scores latent, PCA and UMAP coordinates separately', () => {
    // Latent separates the labels; the "PCA" map collapses them onto one point; "UMAP" keeps them apart.
    const d = 2;
    const mu = new Float32Array(xs.flatMap((x, i) => (labels[i] === 0 ? [1, x * 1e-3] : [x * 1e-3, 1])));
    const coords = new Float32Array(8 * 4);
    xs.forEach((x, i) => {
      coords[i * 2] = 0;
      coords[i * 2 + 1] = i % 2; // alternating rows: PCA neighbours mix the labels
      coords[16 + i * 2] = x;
      coords[16 + i * 2 + 1] = 0;
    });
    const q = mapQuality(mu, d, coords, labels, 3);
    expect(q.latent).toBe(1);
    expect(q.umap).toBe(1);
    expect(q.pca).toBeLessThan(1);
  });
});
