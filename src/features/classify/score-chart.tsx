/** Top-k probabilities as a horizontal bar chart (recharts); the rows come from chartRows. */
import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartRow } from './workspace-adapters';

/** One bar per suggestion, tall enough for a touch target's label. */
const BAR_ROW_PX = 30;

/** Memoized: rows come from a memoized adapter, so recharts re-renders only for new numbers. */
export const ScoreChart = memo(function ScoreChart({ rows, title }: { rows: ChartRow[]; title: string }) {
  return (
    <figure className="score-chart" aria-label={title}>
      <BarChart
        width={460}
        height={rows.length * BAR_ROW_PX + 30}
        data={rows}
        layout="vertical"
        margin={{ left: 8, right: 24 }}
      >
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" domain={[0, 100]} unit="%" />
        <YAxis type="category" dataKey="name" width={190} interval={0} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(v) => `${String(v)}%`} />
        <Bar dataKey="pct" name="probability" fill="#3a6ea5" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
});
