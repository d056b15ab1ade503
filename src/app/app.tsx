/** The page: header, then the features side by side. Composes features; holds no logic. */
import { useEffect } from 'react';
import { APP_NAME, APP_TAGLINE } from '../config/app';
import { ClassifyPanel } from '../features/classify/classify-panel';
import { ModelStatus } from '../features/model-status/model-status';
import { OfflineStatus } from '../features/offline-status/offline-status';
import { AnalystView } from './analyst-view';
import { DeferredPanels } from './deferred-panels';
import { ErrorBoundary } from './error-boundary';
import { installDiagnostics } from './diagnostics';
import { startModel } from './start-model';
import { registerServiceWorker } from './service-worker-registration';

installDiagnostics();
registerServiceWorker();

export function App() {
  useEffect(() => startModel(), []);
  return (
    <>
      <header className="app-header">
        <h1>{APP_NAME}</h1>
        <p>{APP_TAGLINE}</p>
        <OfflineStatus />
      </header>
      <main className="app-main">
        <ErrorBoundary>
          <ClassifyPanel />
        </ErrorBoundary>
        <ErrorBoundary>
          <ModelStatus />
        </ErrorBoundary>
        {/* Batch and learning: after the first suggestion (see deferred-panels). */}
        <DeferredPanels />
        <ErrorBoundary>
          <AnalystView />
        </ErrorBoundary>
      </main>
    </>
  );
}
