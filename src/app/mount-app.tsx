/**
 * Renders the page. Loaded by main.tsx with a dynamic import, so the page's modules (React, the
 * app) evaluate in a later task than the one that created the inference worker (cold start, #5).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
