/** Top-k probabilities as a horizontal bar chart (recharts); the rows come from chartRows. */
import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type YAxisTickContentProps } from 'recharts';
import type { ChartRow } from './workspace-adapters';

/** One bar per suggestion, tall enough for a touch target's label. */
const BAR_ROW_PX = 30;
/** Width of the name column; a 12 px label this wide holds about NAME_CHARS characters. */
const NAME_PX = 190;
const NAME_CHARS = 30;
/** Static props hoisted: a fresh object per render would make recharts re-sync its store. */
const MARGIN = { left: 8, right: 24 };
const PCT_DOMAIN: [number, number] = [0, 100];
const pct = (v: unknown) => `${String(v)}%`;

/**
 * Category names as plain SVG text, cut by character count: recharts' default tick (<Text>)
 * measures every word in the DOM on each update to wrap it, which forced layout in the middle of
 * every new result (issue 6: no main-thread task over 50 ms while typing).
 */
function NameTick({ x, y, payload }: YAxisTickContentProps) {
  const name = String(payload.value);
  const short = name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS - 1)}…` : name;
  return (
    <text x={x} y={y} dx={-4} dy="0.35em" textAnchor="end" fontSize={12} fill="#333">
      {short !== name && <title>{name}</title>}
      {short}
    </text>
  );
}

/**
 * Memoized: rows come from a memoized adapter, so recharts re-renders only for new numbers.
 * Until the first rows arrive (they come a task or two after the lists, see useLater) the figure
 * keeps the chart's size, so nothing below it jumps.
 */
export const ScoreChart = memo(function ScoreChart({
  rows,
  count,
  title,
}: {
  rows: ChartRow[] | undefined;
  /** Bars to make room for before the rows arrive. */
  count: number;
  title: string;
}) {
  const height = (rows?.length ?? count) * BAR_ROW_PX + 30;
  if (!rows) return <figure className="score-chart" aria-label={title} aria-busy="true" style={{ height }} />;
  return (
    <figure className="score-chart" aria-label={title}>
      <BarChart width={460} height={height} data={rows} layout="vertical" margin={MARGIN}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" domain={PCT_DOMAIN} unit="%" />
        <YAxis type="category" dataKey="name" width={NAME_PX} interval={0} tick={NameTick} />
        <Tooltip formatter={pct} />
        <Bar dataKey="pct" name="probability" fill="#3a6ea5" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
});
