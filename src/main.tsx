// First: evaluating start-model creates the inference worker and starts the model load, before
// the rest of the page's modules are evaluated and React renders (cold start, issue #5).
import './app/start-model';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import './app/app.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
