/**
 * The analyst view: the catalog map and the model report as tabs. Both pull in recharts, so
 * they load on first open and the merchant's page stays light.
 */
import { lazy, Suspense } from 'react';
import { Tabs } from '../ui/tabs';
import { ErrorBoundary } from './error-boundary';

const LatentMap = lazy(() =>
  import('../features/latent-map/latent-map').then((m) => ({ default: m.LatentMap })),
);
const ModelReport = lazy(() =>
  import('../features/model-report/model-report').then((m) => ({ default: m.ModelReport })),
);

const loading = <p role="status">Loading…</p>;

export function AnalystView() {
  return (
    <section className="analyst-view" aria-label="Analyst view">
      <h2>Analyst view</h2>
      <Tabs
        label="Analyst view"
        initial={null}
        empty={<p>Open the catalog map of the reference catalog, or the report of the loaded model.</p>}
        tabs={[
          {
            id: 'map',
            label: 'Catalog map',
            render: () => (
              <ErrorBoundary>
                <Suspense fallback={loading}>
                  <LatentMap />
                </Suspense>
              </ErrorBoundary>
            ),
          },
          {
            id: 'report',
            label: 'Model report',
            render: () => (
              <ErrorBoundary>
                <Suspense fallback={loading}>
                  <ModelReport />
                </Suspense>
              </ErrorBoundary>
            ),
          },
        ]}
      />
    </section>
  );
}
