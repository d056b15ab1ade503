/**
 * The catalog map: the pack's reference catalog in 2-D (PCA or UMAP), coloured by category,
 * source or prediction correctness, with a toggling legend, search, and the live listing with
 * its nearest catalog neighbours.
 */
import { useId, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CatalogRow, LabelEntry, PackInfo } from '../../inference/inference-client';
import { selectKnnAgreement, type MapColorBy, type MapProjection } from '../../state/map-slice';
import { useAppStore } from '../../state/store';
import { DenseScatter, type MarkerSeries } from '../../ui/dense-scatter';
import './latent-map.css';
import { Notice, Panel } from '../../ui/field';
import { buildGrid } from '../../ui/spatial-grid';
import {
  colourPoints,
  hasPredictions,
  markerSeries,
  mutedMask,
  placeNeighbours,
  repeatCatalog,
  searchMatches,
  type PlacedNeighbour,
} from './map-adapters';

const COLOR_BY: { value: MapColorBy; label: string }[] = [
  { value: 'level1', label: 'Level-1 category' },
  { value: 'level2', label: 'Level-2 category' },
  { value: 'source', label: 'Source' },
  { value: 'correct', label: 'Prediction correct / wrong' },
];

/**
 * `?diagnostics&mapPoints=N` repeats the catalog up to N points: the bench's load test for the
 * renderer beyond the pack's own catalog size. Never active without ?diagnostics.
 */
function stressPoints(): number | null {
  const q = new URLSearchParams(window.location.search);
  const n = Number(q.get('mapPoints'));
  return q.has('diagnostics') && Number.isInteger(n) && n > 0 ? n : null;
}

/** `?diagnostics&mapRenderer=svg`: every point as a recharts symbol, for the bench's comparison. */
function svgRenderer(): boolean {
  const q = new URLSearchParams(window.location.search);
  return q.has('diagnostics') && q.get('mapRenderer') === 'svg';
}

export function LatentMap() {
  const pack = useAppStore((s) => s.packInfo);
  const status = useAppStore((s) => s.modelStatus);
  if (!pack)
    return (
      <Panel title="Catalog map">
        <Notice>{status === 'error' ? 'The model pack did not load.' : 'Loading the model pack…'}</Notice>
      </Panel>
    );
  return <LoadedMap pack={pack} />;
}

function LoadedMap({ pack }: { pack: PackInfo }) {
  const projection = useAppStore((s) => s.mapProjection);
  const colorByChosen = useAppStore((s) => s.mapColorBy);
  const hidden = useAppStore(useShallow((s) => s.mapHidden));
  const search = useAppStore((s) => s.mapSearch);
  const selected = useAppStore((s) => s.mapSelected);
  const { setMapProjection, setMapColorBy, toggleMapHidden, setMapSearch, selectMapPoint } = useAppStore(
    useShallow((s) => ({
      setMapProjection: s.setMapProjection,
      setMapColorBy: s.setMapColorBy,
      toggleMapHidden: s.toggleMapHidden,
      setMapSearch: s.setMapSearch,
      selectMapPoint: s.selectMapPoint,
    })),
  );
  const live = useAppStore((s) => s.suggestions);
  const listing = useAppStore((s) => s.listing);
  const ids = { search: useId(), colorBy: useId() };

  const { rows, coords } = useMemo(() => {
    const c = projection === 'pca' ? pack.catalog.pca : pack.catalog.umap;
    const n = stressPoints();
    return n ? repeatCatalog(pack.catalog.rows, c, n) : { rows: pack.catalog.rows, coords: c };
  }, [pack, projection]);
  const predictions = useMemo(() => hasPredictions(rows), [rows]);
  // Without predictions in the pack, correctness colouring falls back to level 1 (with a note).
  const colorBy = colorByChosen === 'correct' && !predictions ? 'level1' : colorByChosen;
  const grid = useMemo(() => buildGrid(coords), [coords]);
  const colouring = useMemo(
    () => colourPoints(rows, colorBy, pack.level1, pack.level2),
    [rows, colorBy, pack.level1, pack.level2],
  );
  const muted = useMemo(() => mutedMask(colouring, hidden), [colouring, hidden]);
  const matches = useMemo(() => searchMatches(rows, search), [rows, search]);
  const showLive = live !== null && listing.trim() !== '';
  const neighbours = useMemo(
    () => (showLive && live ? placeNeighbours(live.neighbours, pack.catalog.rows, pack.level1) : []),
    [showLive, live, pack],
  );
  const markers = useMemo(
    () =>
      markerSeries(
        coords,
        rows.length,
        neighbours,
        selected,
        showLive && live ? (projection === 'pca' ? live.pca : live.umap) : null,
      ),
    [neighbours, selected, showLive, live, projection, coords, rows.length],
  );
  const agreement = selectKnnAgreement(pack.card);

  return (
    <Panel title="Catalog map">
      <div className="map-controls">
        <fieldset>
          <legend>Projection</legend>
          {(['umap', 'pca'] as MapProjection[]).map((p) => (
            <label key={p} className="inline">
              <input
                type="radio"
                name="map-projection"
                value={p}
                checked={projection === p}
                onChange={() => setMapProjection(p)}
              />{' '}
              {p.toUpperCase()}
            </label>
          ))}
        </fieldset>
        <div>
          <label htmlFor={ids.colorBy}>Colour by</label>
          <select
            id={ids.colorBy}
            value={colorBy}
            onChange={(e) => setMapColorBy(e.target.value as MapColorBy)}
          >
            {COLOR_BY.map((c) => (
              <option key={c.value} value={c.value} disabled={c.value === 'correct' && !predictions}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.search}>Search the catalog</label>
          <input
            id={ids.search}
            type="search"
            value={search}
            placeholder="e.g. lego, 手机"
            onChange={(e) => setMapSearch(e.target.value)}
          />
        </div>
      </div>
      {!predictions && (
        <Notice>
          This pack’s catalog has no model predictions, so colouring by correct / wrong prediction is off.
        </Notice>
      )}
      <p role="status" className="map-summary">
        {rows.length.toLocaleString('en')} catalog points, {projection.toUpperCase()} projection
        {matches && (
          <>
            {' '}
            · <span data-testid="map-matches">{matches.length.toLocaleString('en')}</span> matching “
            {search.trim()}”
          </>
        )}
      </p>
      <DenseScatter
        coords={coords}
        grid={grid}
        colorIndex={colouring.colorIndex}
        palette={colouring.palette}
        muted={muted}
        highlighted={matches}
        markers={markers}
        label={`Catalog map (${projection.toUpperCase()})`}
        renderTooltip={(i) => <PointDetails row={rows[i]} level1={pack.level1} level2={pack.level2} />}
        renderer={svgRenderer() ? 'svg' : 'canvas'}
        onPointClick={(i) => selectMapPoint(i < pack.catalog.rows.length ? i : i % pack.catalog.rows.length)}
      />
      <MarkerKey markers={markers} />
      <div className="map-legend" role="group" aria-label="Legend">
        {colouring.legend.map((l) => {
          const off = hidden.includes(l.key);
          return (
            <button
              key={l.key}
              type="button"
              aria-pressed={!off}
              data-key={l.key}
              className={off ? 'legend-item legend-off' : 'legend-item'}
              onClick={() => toggleMapHidden(l.key)}
              title={off ? 'Show in colour' : 'Grey out'}
            >
              <span
                className="legend-swatch"
                style={{ background: off ? '#d3d7de' : l.color }}
                aria-hidden="true"
              />
              {l.label} <span className="legend-count">({l.count.toLocaleString('en')})</span>
            </button>
          );
        })}
      </div>
      <p className="map-quality" data-testid="map-quality">
        {agreement ? (
          <>
            How well this map keeps the latent structure: of each catalog item’s {agreement.k} nearest
            neighbours, {pct(agreement.latent)} share its level-1 category in the latent space,{' '}
            {pct(agreement.pca)} on the PCA map and {pct(agreement.umap)} on the UMAP map.
          </>
        ) : (
          <>This pack’s card has no map-quality measure (k-NN label agreement).</>
        )}
      </p>
      <LiveListing
        show={showLive}
        neighbours={neighbours}
        rows={pack.catalog.rows}
        pack={pack}
        selected={selected}
        onSelect={selectMapPoint}
        position={showLive && live ? (projection === 'pca' ? live.pca : live.umap) : null}
      />
    </Panel>
  );
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function MarkerKey({ markers }: { markers: MarkerSeries[] }) {
  if (markers.length === 0) return null;
  const symbol: Record<MarkerSeries['shape'], string> = {
    star: '★',
    diamond: '◇',
    circle: '●',
    cross: '✚',
    triangle: '▲',
    square: '■',
  };
  return (
    <p className="map-marker-key">
      {markers.map((m) => (
        <span key={m.name}>
          <span aria-hidden="true" style={{ color: m.fill === '#ffffff' ? '#111' : m.fill }}>
            {symbol[m.shape]}
          </span>{' '}
          {m.name}
        </span>
      ))}
    </p>
  );
}

function categoryOf(r: CatalogRow, level1: readonly LabelEntry[], level2: readonly LabelEntry[]): string {
  return level2[r.l2]?.pathEn ?? level1[r.l1]?.nameEn ?? 'unknown category';
}

function PointDetails({
  row,
  level1,
  level2,
}: {
  row: CatalogRow | undefined;
  level1: readonly LabelEntry[];
  level2: readonly LabelEntry[];
}) {
  if (!row) return null;
  return (
    <>
      <strong className="tooltip-text">{row.t}</strong>
      <span>{categoryOf(row, level1, level2)}</span>
      <span>
        Source: {row.s} · {row.g} · {row.sp}
      </span>
      {typeof row.p1 === 'number' && row.p1 !== row.l1 && (
        <span>Model said: {level1[row.p1]?.nameEn ?? 'unknown'}</span>
      )}
    </>
  );
}

function LiveListing({
  show,
  neighbours,
  rows,
  pack,
  selected,
  onSelect,
  position,
}: {
  show: boolean;
  neighbours: PlacedNeighbour[];
  rows: readonly CatalogRow[];
  pack: PackInfo;
  selected: number | null;
  onSelect: (i: number | null) => void;
  position: [number, number] | null;
}) {
  const sel = selected === null ? undefined : rows[selected];
  const name1 = (id: string) => pack.level1.find((l) => l.id === id)?.nameEn ?? id;
  return (
    <section aria-label="Your listing on the map" className="map-live">
      <h3>Your listing on the map</h3>
      {!show || !position ? (
        <p>Type a listing in the box above: it appears here as a ★ with its nearest catalog items.</p>
      ) : (
        <>
          <p data-testid="live-position" data-x={position[0]} data-y={position[1]}>
            ★ at ({position[0].toFixed(3)}, {position[1].toFixed(3)})
          </p>
          <h4>Nearest catalog items</h4>
          <ol className="map-neighbours" aria-label="Nearest catalog items">
            {neighbours.map((n, k) => (
              <li key={`${k}-${n.text}`}>
                <button
                  type="button"
                  disabled={n.index < 0}
                  aria-pressed={n.index >= 0 && n.index === selected}
                  onClick={() => onSelect(n.index === selected ? null : n.index)}
                >
                  <span className="neighbour-text">{n.text}</span> · {name1(n.level1)} ·{' '}
                  {(n.similarity * 100).toFixed(1)}% similar
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
      {sel && (
        <dl className="map-details" aria-label="Catalog item details">
          <dt>Text</dt>
          <dd>{sel.t}</dd>
          <dt>Category</dt>
          <dd>{categoryOf(sel, pack.level1, pack.level2)}</dd>
          <dt>Source</dt>
          <dd>
            {sel.s} ({sel.g}, {sel.sp} split)
          </dd>
          {typeof sel.p1 === 'number' && (
            <>
              <dt>Model’s level-1 prediction</dt>
              <dd>
                {pack.level1[sel.p1]?.nameEn ?? 'unknown'} {sel.p1 === sel.l1 ? '(correct)' : '(wrong)'}
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
