/**
 * The model card of the loaded pack, rendered for people: data sources, headline metrics,
 * per-class P/R/F1, confusion heatmap, reliability, accuracy/coverage, training curves,
 * quantization and sizes, fastText side by side and the map-quality figure. Every figure is
 * read from the card at run time; a section the card lacks says so.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { LabelEntry, PackInfo } from '../../inference/inference-client';
import { selectKnnAgreement } from '../../state/map-slice';
import { useAppStore } from '../../state/store';
import { Notice, Panel } from '../../ui/field';
import { categoryColor } from '../../ui/palette';
import './model-report.css';
import {
  comparisonRows,
  confusionCells,
  coverageData,
  curveSeries,
  perClassChartData,
  readCard,
  reliabilityData,
  type EvalSet,
  type HeadlineMetrics,
  type Level,
  type LevelDetails,
} from './card-adapters';

const SET_NAME: Record<EvalSet, string> = { test: 'Test split', devMerchant: 'Merchant dev set' };
const LEVEL_NAME: Record<Level, string> = { level1: 'Level 1', level2: 'Level 2' };
const METRIC_NAME = {
  accuracy: 'Accuracy',
  macroF1: 'Macro F1',
  top3: 'Top-3 accuracy',
  ece: 'ECE (lower is better)',
};
const SERIES_NAME: Record<string, string> = {
  recon: 'Reconstruction',
  kl: 'KL',
  ce1: 'Classification (level 1)',
  ce2: 'Classification (level 2)',
  valMacroF1: 'Validation macro F1 (level 1)',
  devMacroF1: 'Merchant dev macro F1 (level 1)',
  valAccuracy1: 'Validation accuracy (level 1)',
  devAccuracy1: 'Merchant dev accuracy (level 1)',
};

const pct = (x: number | null | undefined) => (typeof x === 'number' ? `${(x * 100).toFixed(1)}%` : '–');
const mb = (x: number | null) => (x === null ? '–' : `${(x / 1e6).toFixed(2)} MB`);
const int = (x: number | null) => (x === null ? '–' : x.toLocaleString('en'));

export function ModelReport() {
  const pack = useAppStore((s) => s.packInfo);
  const status = useAppStore((s) => s.modelStatus);
  if (!pack)
    return (
      <Panel title="Model report">
        <Notice>{status === 'error' ? 'The model pack did not load.' : 'Loading the model pack…'}</Notice>
      </Panel>
    );
  return <Report pack={pack} />;
}

function Report({ pack }: { pack: PackInfo }) {
  const r = useMemo(() => readCard(pack.card), [pack.card]);
  const knn = selectKnnAgreement(pack.card);
  const [set, setSet] = useState<EvalSet>('test');
  const [level, setLevel] = useState<Level>('level1');
  const ids = { set: useId(), level: useId() };
  const labels = level === 'level1' ? pack.level1 : pack.level2;
  const details = r.details[set][level];

  return (
    <Panel title="Model report">
      <p data-testid="report-pack" data-version={pack.version}>
        Pack <strong>{pack.name}</strong>, version <code>{pack.version}</code>, built {pack.createdAt}.
      </p>

      <Section title="Headline metrics">
        <HeadlineTable r={r.metrics} />
      </Section>

      <Section title="Data sources">
        {r.sources.length === 0 ? (
          <Missing what="data sources" />
        ) : (
          <table aria-label="Data sources">
            <thead>
              <tr>
                <th>Source</th>
                <th>Origin</th>
                <th>License</th>
                <th className="num">Rows</th>
              </tr>
            </thead>
            <tbody>
              {r.sources.map((s) => (
                <tr key={s.source} data-source={s.source}>
                  <td>{s.name}</td>
                  <td>{s.origin}</td>
                  <td>{s.license}</td>
                  <td className="num">{int(s.rows)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {r.rowsBySplit.length > 0 && (
          <p>Rows by split: {r.rowsBySplit.map((s) => `${s.split} ${int(s.rows)}`).join(' · ')}</p>
        )}
      </Section>

      <div className="report-controls">
        <div>
          <label htmlFor={ids.set}>Evaluation set</label>
          <select id={ids.set} value={set} onChange={(e) => setSet(e.target.value as EvalSet)}>
            {(Object.keys(SET_NAME) as EvalSet[]).map((s) => (
              <option key={s} value={s}>
                {SET_NAME[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.level}>Level</label>
          <select id={ids.level} value={level} onChange={(e) => setLevel(e.target.value as Level)}>
            {(Object.keys(LEVEL_NAME) as Level[]).map((l) => (
              <option key={l} value={l}>
                {LEVEL_NAME[l]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!details ? (
        <Missing what={`details for ${SET_NAME[set]}, ${LEVEL_NAME[level]}`} />
      ) : (
        <DetailCharts details={details} labels={labels} level={level} />
      )}

      <Section title="Training curves">
        {r.curves.length === 0 ? <Missing what="training curves" /> : <TrainingCurves curves={r.curves} />}
      </Section>

      <Section title="Quantization and sizes">
        {r.quantization && (
          <p data-testid="quantization">
            Shipped weights: <strong>{r.quantization.dtype}</strong>. Level-1 test accuracy float32{' '}
            {pct(r.quantization.float32)}, {r.quantization.dtype} {pct(r.quantization.quantized)} (
            {r.quantization.dropPoints === null ? '–' : r.quantization.dropPoints.toFixed(2)} points lost).
          </p>
        )}
        {r.sizes ? (
          <>
            <p>
              Pack as served: {mb(r.sizes.rawBytes)} raw, {mb(r.sizes.gzipBytes)} gzipped.
            </p>
            <table aria-label="Model sizes">
              <thead>
                <tr>
                  <th>Model</th>
                  <th className="num">Buckets</th>
                  <th className="num">Embedding</th>
                  <th className="num">Latent</th>
                  <th>Weights</th>
                  <th className="num">Size</th>
                  <th className="num">Gzipped</th>
                  <th className="num">Test L1 acc.</th>
                  <th className="num">Dev L1 acc.</th>
                </tr>
              </thead>
              <tbody>
                {r.sizes.table.map((s, i) => (
                  <tr key={`${s.name}-${s.quantization}-${i}`}>
                    <td>{s.name}</td>
                    <td className="num">{int(s.buckets)}</td>
                    <td className="num">{int(s.embedDim)}</td>
                    <td className="num">{int(s.latent)}</td>
                    <td>{s.quantization}</td>
                    <td className="num">{mb(s.modelBytes)}</td>
                    <td className="num">{mb(s.modelGzipBytes)}</td>
                    <td className="num">{pct(s.testLevel1Accuracy)}</td>
                    <td className="num">{pct(s.devLevel1Accuracy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <Missing what="sizes" />
        )}
      </Section>

      <Section title="Beside fastText">
        <FasttextTable rows={comparisonRows(r)} settings={r.fasttextSettings} />
      </Section>

      <Section title="Map quality">
        {knn ? (
          <table aria-label="Map quality">
            <caption>
              Share of each catalog item’s {knn.k} nearest neighbours with the same level-1 category
            </caption>
            <thead>
              <tr>
                <th>Space</th>
                <th className="num">k-NN label agreement</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>Latent (model’s own space)</td>
                <td className="num">{pct(knn.latent)}</td>
              </tr>
              <tr>
                <td>PCA map</td>
                <td className="num">{pct(knn.pca)}</td>
              </tr>
              <tr>
                <td>UMAP map</td>
                <td className="num">{pct(knn.umap)}</td>
              </tr>
            </tbody>
          </table>
        ) : (
          <Missing what="map-quality measure (projection.knnAgreement)" />
        )}
      </Section>
    </Panel>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="report-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function Missing({ what }: { what: string }) {
  return <Notice>This pack’s model card has no {what}.</Notice>;
}

function HeadlineTable({ r }: { r: Record<EvalSet, Record<Level, HeadlineMetrics | null>> }) {
  const rows = (['test', 'devMerchant'] as const).flatMap((s) =>
    (['level1', 'level2'] as const).flatMap((l) => {
      const m = r[s][l];
      return m ? [{ s, l, m }] : [];
    }),
  );
  if (rows.length === 0) return <Missing what="metrics" />;
  const langs = [...new Set(rows.flatMap((x) => x.m.byLang.map((b) => b.lang)))];
  return (
    <table aria-label="Headline metrics">
      <thead>
        <tr>
          <th>Set</th>
          <th>Level</th>
          <th className="num">Rows</th>
          <th className="num">Accuracy</th>
          <th className="num">Top-3</th>
          <th className="num">Macro F1</th>
          <th className="num">Weighted F1</th>
          <th className="num">ECE</th>
          {langs.map((g) => (
            <th key={g} className="num">
              Accuracy ({g})
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ s, l, m }) => (
          <tr key={`${s}-${l}`} data-set={s} data-level={l}>
            <td>{SET_NAME[s]}</td>
            <td>{LEVEL_NAME[l]}</td>
            <td className="num">{int(m.n)}</td>
            <td className="num" data-metric="accuracy">
              {pct(m.accuracy)}
            </td>
            <td className="num">{pct(m.top3)}</td>
            <td className="num" data-metric="macroF1">
              {pct(m.macroF1)}
            </td>
            <td className="num">{pct(m.weightedF1)}</td>
            <td className="num">{pct(m.ece)}</td>
            {langs.map((g) => (
              <td key={g} className="num">
                {pct(m.byLang.find((b) => b.lang === g)?.accuracy)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Chart height per class row: enough for a readable label. */
const BAR_ROW_PX = 22;

function DetailCharts({
  details,
  labels,
  level,
}: {
  details: LevelDetails;
  labels: readonly LabelEntry[];
  level: Level;
}) {
  const bars = perClassChartData(details, labels);
  const reliability = reliabilityData(details.reliability);
  const coverage = coverageData(details.coverage);
  return (
    <>
      <Section title="Precision, recall and F1 per class">
        {bars.length === 0 ? (
          <Missing what="per-class scores" />
        ) : (
          <div
            className="chart"
            data-testid="per-class-chart"
            data-classes={bars.length}
            style={{ height: Math.max(200, bars.length * BAR_ROW_PX + 60) }}
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={bars} layout="vertical" margin={{ left: 8, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" domain={[0, 1]} tickFormatter={(v: number) => pct(v)} />
                <YAxis type="category" dataKey="name" width={190} interval={0} tick={{ fontSize: 11 }} />
                <Tooltip formatter={(v) => (typeof v === 'number' ? pct(v) : String(v))} />
                <Legend verticalAlign="top" />
                <Bar dataKey="precision" name="Precision" fill={categoryColor(0)} isAnimationActive={false} />
                <Bar dataKey="recall" name="Recall" fill={categoryColor(1)} isAnimationActive={false} />
                <Bar dataKey="f1" name="F1" fill={categoryColor(2)} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
      </Section>
      <Section title="Confusion matrix">
        {details.confusion && details.confusion.labels.length <= MAX_HEATMAP ? (
          <ConfusionHeatmap details={details} labels={labels} />
        ) : details.confusion ? (
          <Notice>
            {details.confusion.labels.length} classes are too many for a readable heatmap; choose level 1.
          </Notice>
        ) : (
          <Missing what={`confusion matrix at ${LEVEL_NAME[level]}`} />
        )}
      </Section>
      <div className="report-pair">
        <Section title="Reliability (calibration)">
          {reliability.length === 0 ? (
            <Missing what="reliability bins" />
          ) : (
            <div className="chart" data-testid="reliability-chart" data-bins={reliability.length}>
              <ResponsiveContainer width="100%" height={280}>
                <ComposedChart data={reliability}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="bin" tick={{ fontSize: 11 }} />
                  <YAxis domain={[0, 1]} tickFormatter={(v: number) => pct(v)} />
                  <Tooltip formatter={(v) => (typeof v === 'number' && v <= 1 ? pct(v) : String(v))} />
                  <Legend />
                  <Bar
                    dataKey="accuracy"
                    name="Accuracy in bin"
                    fill={categoryColor(0)}
                    isAnimationActive={false}
                  />
                  <Line
                    dataKey="confidence"
                    name="Mean confidence (perfect calibration)"
                    stroke="#111"
                    strokeDasharray="4 3"
                    isAnimationActive={false}
                  />
                </ComposedChart>
              </ResponsiveContainer>
            </div>
          )}
        </Section>
        <Section title="Accuracy against coverage">
          {coverage.length === 0 ? (
            <Missing what="coverage curve" />
          ) : (
            <div className="chart" data-testid="coverage-chart" data-points={coverage.length}>
              <ResponsiveContainer width="100%" height={280}>
                <LineChart data={coverage}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis
                    dataKey="coverage"
                    type="number"
                    domain={[0, 1]}
                    tickFormatter={(v: number) => pct(v)}
                    name="Coverage"
                  />
                  <YAxis domain={['auto', 1]} tickFormatter={(v: number) => pct(v)} />
                  <Tooltip
                    labelFormatter={(v) => `Coverage ${typeof v === 'number' ? pct(v) : String(v)}`}
                    formatter={(v, name) => [typeof v === 'number' ? pct(v) : String(v), name]}
                  />
                  <Legend />
                  <Line
                    dataKey="accuracy"
                    name="Accuracy of the kept listings"
                    stroke={categoryColor(3)}
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
              <p className="chart-note">
                Keeping only listings whose top probability clears a threshold: fewer listings, more of them
                right. The routing threshold is read off this curve.
              </p>
            </div>
          )}
        </Section>
      </div>
    </>
  );
}

/** Above this many classes a heatmap's cells get too small to read or hover. */
const MAX_HEATMAP = 40;

function ConfusionHeatmap({ details, labels }: { details: LevelDetails; labels: readonly LabelEntry[] }) {
  const heat = confusionCells(details.confusion!, labels);
  return (
    <div className="heatmap-wrap">
      <table className="heatmap" aria-label="Confusion matrix" data-classes={heat.names.length}>
        <caption>
          Rows: true class; columns: predicted class. Colour: share of the row; number: count.
        </caption>
        <thead>
          <tr>
            <th />
            {heat.names.map((n, j) => (
              <th key={j} scope="col" title={n} className="heatmap-col">
                <span>{n}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {heat.rows.map((row, i) => (
            <tr key={i}>
              <th scope="row">{row.name}</th>
              {row.cells.map((c, j) => (
                <td
                  key={j}
                  title={`${row.name} → ${heat.names[j]}: ${c.count} (${pct(c.share)})`}
                  style={{
                    background: `rgba(${c.diagonal ? '31, 119, 180' : '214, 39, 40'}, ${Math.min(1, c.share * 1.2).toFixed(3)})`,
                    color: c.share > 0.5 ? '#fff' : '#1d2330',
                  }}
                >
                  {c.count > 0 ? c.count : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TrainingCurves({ curves }: { curves: ReturnType<typeof readCard>['curves'] }) {
  const { losses, quality } = curveSeries(curves);
  return (
    <div className="report-pair" data-testid="training-curves" data-epochs={curves.length}>
      <div className="chart">
        <h4>Losses per epoch</h4>
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={curves}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="epoch" />
            <YAxis scale="log" domain={['auto', 'auto']} allowDataOverflow={false} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} />
            <Legend />
            {losses.map((k, i) => (
              <Line
                key={k}
                dataKey={k}
                name={SERIES_NAME[k] ?? k}
                stroke={categoryColor(i)}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <div className="chart">
        <h4>Validation scores per epoch</h4>
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={curves}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="epoch" />
            <YAxis domain={[0, 1]} tickFormatter={(v: number) => pct(v)} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? pct(v) : String(v))} />
            <Legend />
            {quality.map((k, i) => (
              <Line
                key={k}
                dataKey={k}
                name={SERIES_NAME[k] ?? k}
                stroke={categoryColor(i + 4)}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

function FasttextTable({
  rows,
  settings,
}: {
  rows: ReturnType<typeof comparisonRows>;
  settings: string | null;
}) {
  if (rows.length === 0) return <Missing what="fastText baseline" />;
  return (
    <>
      <table aria-label="Beside fastText">
        <thead>
          <tr>
            <th>Set</th>
            <th>Level</th>
            <th>Metric</th>
            <th className="num">This model</th>
            <th className="num">fastText</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => (
            <tr
              key={`${x.set}-${x.level}-${x.metric}`}
              data-set={x.set}
              data-level={x.level}
              data-metric={x.metric}
            >
              <td>{SET_NAME[x.set]}</td>
              <td>{LEVEL_NAME[x.level]}</td>
              <td>{METRIC_NAME[x.metric]}</td>
              <td className="num">{pct(x.ours)}</td>
              <td className="num">{pct(x.fasttext)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {settings && <p className="chart-note">fastText settings: {settings}</p>}
    </>
  );
}
