/** Categorical colours for charts. Imports nothing from the app. */

/**
 * 22 colours for the 21 level-1 roots: Tableau's 10, then colours from Kelly's list of maximum
 * contrast (white, black and near-twins of the first ten left out; a dark indigo in place of
 * Kelly's orange, which read as Tableau's orange on the map).
 */
export const CATEGORY_COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#7f7f7f',
  '#f3c300',
  '#875692',
  '#1b1b6f',
  '#a1caf1',
  '#be0032',
  '#c2b280',
  '#008856',
  '#e68fac',
  '#0067a5',
  '#f99379',
  '#604e97',
  '#b3446c',
] as const;

/** Colour of points greyed out by the legend: light enough to read as context only. */
export const MUTED_COLOR = '#d3d7de';

/**
 * Colour of category i: the fixed list first, then golden-angle hues (137.5 degrees apart) so a
 * long list (196 level-2 classes) still gets distinct-looking neighbours.
 */
export function categoryColor(i: number): string {
  const fixed = CATEGORY_COLORS[i];
  if (fixed !== undefined) return fixed;
  const hue = Math.round((i * 137.508) % 360);
  return `hsl(${hue} 62% ${i % 2 === 0 ? 42 : 55}%)`;
}
