// First: evaluating start-model creates the inference worker and starts the model load, before
// the rest of the page's modules are evaluated and React renders (cold start, issue #5).
import './app/start-model';
import './app/app.css';

// The page itself is a separate chunk, evaluated in a later task: Chromium starts a dedicated
// worker with tasks on the page's main thread, and evaluating React and the app in the same task
// as `new Worker` held the worker's start back by that whole evaluation (~250 ms on 2 cores).
void import('./app/mount-app');
