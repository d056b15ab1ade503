/**
 * A scatter plot for thousands of points: recharts draws the axes and the few marker series
 * (a live listing, its neighbours), and the dense points go on a canvas under recharts' SVG,
 * because recharts renders one SVG node per point and re-renders them all on every zoom frame.
 * Hover looks points up in a spatial grid; wheel zooms about the cursor, drag pans.
 * Presentational: imports nothing from the app.
 */
import {
  memo,
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { flushSync } from 'react-dom';
import { Cell, Scatter, ScatterChart, Symbols, XAxis, YAxis, ZAxis } from 'recharts';
import { MUTED_COLOR } from './palette';
import { nearestInGrid, type SpatialGrid } from './spatial-grid';
import { fitViewport, niceTicks, panBy, scales, zoomAt, type Viewport } from './viewport';
import './dense-scatter.css';

export interface MarkerSeries {
  name: string;
  points: { x: number; y: number }[];
  fill: string;
  shape: 'star' | 'circle' | 'diamond' | 'cross' | 'triangle' | 'square';
  /** Symbol area in px^2 (recharts' ZAxis-free default is 64). */
  size: number;
}

export interface DenseScatterProps {
  /** Interleaved [x0, y0, x1, y1, ...]. */
  coords: Float32Array;
  grid: SpatialGrid;
  /** Palette index of each point. */
  colorIndex: Uint16Array;
  palette: readonly string[];
  /** 1 where the point is drawn grey (context only, no hover). */
  muted: Uint8Array;
  /** Points drawn on top with a ring (search matches), or null. */
  highlighted: Int32Array | null;
  markers: MarkerSeries[];
  renderTooltip: (index: number) => ReactNode;
  onPointClick?: (index: number) => void;
  /** Accessible name of the plot. */
  label: string;
  height?: number;
  /**
   * 'svg' draws every point as a recharts symbol instead of on the canvas: kept only so the
   * bench can show why the canvas is needed (see README, "Catalog map rendering").
   */
  renderer?: 'canvas' | 'svg';
}

/** Fixed chart geometry, so the canvas sits exactly under recharts' plot area. */
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
const Y_AXIS_WIDTH = 52;
const X_AXIS_HEIGHT = 28;
/** Dot radius and hover pick radius in CSS pixels: a dot is small, the target under a mouse is not. */
const DOT_R = 2.2;
const PICK_R = 8;
/** One wheel notch (deltaY 100) zooms by 1.25x; trackpads send smaller deltas, so smaller steps. */
const WHEEL_BASE = 1.25;
const BUTTON_ZOOM = 1.5;

export function DenseScatter(props: DenseScatterProps) {
  const { coords, height = 480 } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(760);
  const home = useMemo(() => fitViewport(coords), [coords]);
  const [view, setView] = useState<{ home: Viewport; v: Viewport }>({ home, v: home });
  // A new set of coordinates (another projection) starts from its own full view.
  const v = view.home === home ? view.v : home;
  const setV = useCallback((next: Viewport) => setView({ home, v: next }), [home]);

  useLayoutEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => {
      if (e) setWidth(Math.max(320, Math.floor(e.contentRect.width)));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const plot = {
    left: MARGIN.left + Y_AXIS_WIDTH,
    top: MARGIN.top,
    width: width - MARGIN.left - Y_AXIS_WIDTH - MARGIN.right,
    height: height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT,
  };
  // Axes follow the zoom at lower priority than the points: React renders them in the
  // background and drops stale ones, so a zoom frame pays for the canvas, not for recharts.
  const axesView = useDeferredValue(v);
  const zoomCentre = (factor: number) => setV(zoomAt(v, factor, (v.x0 + v.x1) / 2, (v.y0 + v.y1) / 2));

  return (
    <div className="dense-scatter">
      <div className="dense-scatter-tools" role="group" aria-label="Zoom">
        <button type="button" onClick={() => zoomCentre(BUTTON_ZOOM)}>
          Zoom in
        </button>
        <button type="button" onClick={() => zoomCentre(1 / BUTTON_ZOOM)}>
          Zoom out
        </button>
        <button type="button" onClick={() => setV(home)} disabled={v === home}>
          Reset zoom
        </button>
        <span className="dense-scatter-hint">Scroll to zoom, drag to pan.</span>
      </div>
      <div ref={wrapRef} className="dense-scatter-stage" style={{ position: 'relative', height }}>
        {props.renderer === 'svg' ? (
          <SvgPoints {...props} v={v} width={width} height={height} />
        ) : (
          <PointsCanvas {...props} v={v} plot={plot} />
        )}
        <Axes v={axesView} width={width} height={height} markers={props.markers} />
        <Interaction {...props} v={v} setV={setV} plot={plot} />
      </div>
    </div>
  );
}

interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The dense points; redrawn only when the points, their colours or the viewport change. */
function PointsCanvas({
  coords,
  colorIndex,
  palette,
  muted,
  highlighted,
  label,
  v,
  plot,
}: DenseScatterProps & { v: Viewport; plot: PlotBox }) {
  const ref = useRef<HTMLCanvasElement>(null);
  // Point indices grouped by colour: one fillStyle and one path per colour, not per point.
  const groups = useMemo(() => {
    const byColor = new Map<number, number[]>();
    const grey: number[] = [];
    for (let i = 0; i < colorIndex.length; i++) {
      if (muted[i]) grey.push(i);
      else {
        const c = colorIndex[i]!;
        const list = byColor.get(c);
        if (list) list.push(i);
        else byColor.set(c, [i]);
      }
    }
    return { grey, byColor };
  }, [colorIndex, muted]);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, plot.width);
    const h = Math.max(1, plot.height);
    if (canvas.width !== Math.round(w * dpr)) canvas.width = Math.round(w * dpr);
    if (canvas.height !== Math.round(h * dpr)) canvas.height = Math.round(h * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const s = scales(v, w, h);
    const drawSet = (indices: ArrayLike<number>, fill: string, r: number, stroke?: string) => {
      ctx.beginPath();
      for (let k = 0; k < indices.length; k++) {
        const i = indices[k]!;
        const px = s.toPx(coords[2 * i]!);
        const py = s.toPy(coords[2 * i + 1]!);
        if (px < -r || py < -r || px > w + r || py > h + r || !Number.isFinite(px + py)) continue;
        ctx.moveTo(px + r, py);
        ctx.arc(px, py, r, 0, 2 * Math.PI);
      }
      ctx.fillStyle = fill;
      ctx.fill();
      if (stroke) {
        ctx.strokeStyle = stroke;
        ctx.lineWidth = 1.5;
        ctx.stroke();
      }
    };
    drawSet(groups.grey, MUTED_COLOR, DOT_R);
    for (const [c, list] of groups.byColor) drawSet(list, palette[c] ?? MUTED_COLOR, DOT_R);
    if (highlighted && highlighted.length) drawSet(highlighted, '#ffd400', DOT_R * 2, '#111');
    // Black-box tests and the bench wait for this: how many points the last draw covered.
    canvas.dataset.drawn = String(colorIndex.length);
    canvas.dataset.view = [v.x0, v.x1, v.y0, v.y1].map((x) => x.toPrecision(4)).join(',');
  }, [coords, groups, palette, highlighted, colorIndex.length, v, plot.width, plot.height]);

  return (
    <canvas
      ref={ref}
      role="img"
      aria-label={`${label}: ${colorIndex.length.toLocaleString('en')} points`}
      data-points={colorIndex.length}
      style={{ position: 'absolute', left: plot.left, top: plot.top, width: plot.width, height: plot.height }}
    />
  );
}

/** Every point as a recharts symbol (the bench's comparison for the canvas layer). */
function SvgPoints({
  coords,
  colorIndex,
  palette,
  muted,
  label,
  v,
  width,
  height,
}: DenseScatterProps & { v: Viewport; width: number; height: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const data = useMemo(
    () =>
      Array.from(colorIndex, (c, i) => ({
        x: coords[2 * i]!,
        y: coords[2 * i + 1]!,
        fill: muted[i] ? MUTED_COLOR : (palette[c] ?? MUTED_COLOR),
      })),
    [coords, colorIndex, palette, muted],
  );
  useEffect(() => {
    if (ref.current) {
      ref.current.dataset.drawn = String(data.length);
      ref.current.dataset.view = [v.x0, v.x1, v.y0, v.y1].map((x) => x.toPrecision(4)).join(',');
    }
  });
  return (
    <div
      ref={ref}
      role="img"
      aria-label={`${label}: ${data.length.toLocaleString('en')} points`}
      data-points={data.length}
    >
      <ScatterChart
        width={width}
        height={height}
        margin={MARGIN}
        style={{ position: 'absolute', left: 0, top: 0 }}
      >
        <XAxis
          type="number"
          dataKey="x"
          domain={[v.x0, v.x1]}
          allowDataOverflow
          height={X_AXIS_HEIGHT}
          tick={false}
          axisLine={false}
        />
        <YAxis
          type="number"
          dataKey="y"
          domain={[v.y0, v.y1]}
          allowDataOverflow
          width={Y_AXIS_WIDTH}
          tick={false}
          axisLine={false}
        />
        {/* Symbol area in px^2 matching the canvas dots (radius DOT_R). */}
        <ZAxis range={[Math.PI * DOT_R * DOT_R, Math.PI * DOT_R * DOT_R]} />
        <Scatter data={data} isAnimationActive={false} shape="circle">
          {data.map((d, i) => (
            <Cell key={i} fill={d.fill} />
          ))}
        </Scatter>
      </ScatterChart>
    </div>
  );
}

/** Recharts' axes and the marker series, over the canvas; memoized so hover never re-renders it. */
const Axes = memo(function Axes({
  v,
  width,
  height,
  markers,
}: {
  v: Viewport;
  width: number;
  height: number;
  markers: MarkerSeries[];
}) {
  const fmt = (x: number) => String(Number(x.toPrecision(3)));
  return (
    <ScatterChart
      width={width}
      height={height}
      margin={MARGIN}
      style={{ position: 'absolute', left: 0, top: 0, pointerEvents: 'none' }}
    >
      <XAxis
        type="number"
        dataKey="x"
        domain={[v.x0, v.x1]}
        ticks={niceTicks(v.x0, v.x1, 8)}
        tickFormatter={fmt}
        allowDataOverflow
        height={X_AXIS_HEIGHT}
      />
      <YAxis
        type="number"
        dataKey="y"
        domain={[v.y0, v.y1]}
        ticks={niceTicks(v.y0, v.y1, 6)}
        tickFormatter={fmt}
        allowDataOverflow
        width={Y_AXIS_WIDTH}
      />
      {markers.map((m) => (
        <Scatter
          key={m.name}
          name={m.name}
          data={m.points}
          fill={m.fill}
          stroke="#111"
          shape={(p: { cx?: number | undefined; cy?: number | undefined }) => (
            <Symbols cx={p.cx ?? 0} cy={p.cy ?? 0} type={m.shape} size={m.size} fill={m.fill} stroke="#111" />
          )}
          isAnimationActive={false}
          legendType={m.shape}
        />
      ))}
    </ScatterChart>
  );
});

/** Mouse and wheel: hover tooltip (grid lookup), drag to pan, wheel to zoom, click to pick. */
function Interaction({
  coords,
  grid,
  muted,
  renderTooltip,
  onPointClick,
  v,
  setV,
  plot,
}: DenseScatterProps & { v: Viewport; setV: (v: Viewport) => void; plot: PlotBox }) {
  const ref = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ index: number; px: number; py: number } | null>(null);
  const drag = useRef<{ x: number; y: number; v: Viewport; moved: boolean } | null>(null);
  const live = useRef({ v, setV, plot });
  live.current = { v, setV, plot };
  const pending = useRef<{ factor: number; px: number; py: number } | null>(null);

  // Wheel needs a non-passive listener to keep the page from scrolling; zoom steps are
  // coalesced to one viewport change per animation frame.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const factor = WHEEL_BASE ** (-e.deltaY / 100);
      const p = pending.current;
      if (p) p.factor *= factor;
      else {
        pending.current = { factor, px: e.clientX - r.left, py: e.clientY - r.top };
        requestAnimationFrame(() => {
          const q = pending.current;
          pending.current = null;
          if (!q) return;
          const { v: cur, setV: set, plot: box } = live.current;
          const s = scales(cur, box.width, box.height);
          // Rendered now, inside this frame, so the canvas shows the new zoom before paint.
          flushSync(() => set(zoomAt(cur, q.factor, s.fromPx(q.px), s.fromPy(q.py))));
        });
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const pick = (px: number, py: number) => {
    const s = scales(v, plot.width, plot.height);
    const i = nearestInGrid(grid, s.fromPx(px), s.fromPy(py), PICK_R / s.sx, PICK_R / s.sy, (k) => !muted[k]);
    return i;
  };

  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - r.left;
    const py = e.clientY - r.top;
    const d = drag.current;
    if (d) {
      const dx = px - d.x;
      const dy = py - d.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) d.moved = true;
      if (d.moved) {
        const s = scales(d.v, plot.width, plot.height);
        setV(panBy(d.v, -dx / s.sx, dy / s.sy));
        setHover(null);
        return;
      }
    }
    const i = pick(px, py);
    if (i < 0) {
      if (hover) setHover(null);
      return;
    }
    const s = scales(v, plot.width, plot.height);
    // Answered inside the event, not in a later scheduler task: the tooltip keeps up with the mouse.
    if (hover?.index !== i)
      flushSync(() => setHover({ index: i, px: s.toPx(coords[2 * i]!), py: s.toPy(coords[2 * i + 1]!) }));
  };

  return (
    <div
      ref={ref}
      className="dense-scatter-hit"
      data-testid="map-surface"
      style={{
        position: 'absolute',
        left: plot.left,
        top: plot.top,
        width: plot.width,
        height: plot.height,
        cursor: drag.current?.moved ? 'grabbing' : hover ? 'pointer' : 'grab',
        touchAction: 'none',
      }}
      onPointerDown={(e) => {
        const r = e.currentTarget.getBoundingClientRect();
        drag.current = { x: e.clientX - r.left, y: e.clientY - r.top, v, moved: false };
        e.currentTarget.setPointerCapture?.(e.pointerId);
      }}
      onPointerUp={(e) => {
        const d = drag.current;
        drag.current = null;
        if (d && !d.moved && onPointClick) {
          const r = e.currentTarget.getBoundingClientRect();
          const i = pick(e.clientX - r.left, e.clientY - r.top);
          if (i >= 0) onPointClick(i);
        }
      }}
      onPointerLeave={() => setHover(null)}
      onPointerMove={onPointerMove}
    >
      {hover && hover.px >= 0 && hover.px <= plot.width && hover.py >= 0 && hover.py <= plot.height && (
        <>
          <span
            className="dense-scatter-ring"
            style={{ position: 'absolute', left: hover.px - 6, top: hover.py - 6 }}
            aria-hidden="true"
          />
          <div
            role="tooltip"
            className="dense-scatter-tooltip"
            data-index={hover.index}
            style={{
              position: 'absolute',
              // Flip to the other side near the right / bottom edge so the box stays inside.
              left: hover.px > plot.width * 0.6 ? undefined : hover.px + 12,
              right: hover.px > plot.width * 0.6 ? plot.width - hover.px + 12 : undefined,
              top: hover.py > plot.height * 0.6 ? undefined : hover.py + 12,
              bottom: hover.py > plot.height * 0.6 ? plot.height - hover.py + 12 : undefined,
            }}
          >
            {renderTooltip(hover.index)}
          </div>
        </>
      )}
    </div>
  );
}
