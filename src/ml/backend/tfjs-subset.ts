/**
 * What `@tensorflow/tfjs` resolves to in the app's build (vite.config.ts aliases it here; Node,
 * Vitest and training keep the real package). The full package re-exports core, layers, converter,
 * data and the cpu and webgl backends, all with side effects, so none of it is tree-shaken: the
 * inference worker was one ~1.9 MB chunk that every cold start parsed before the model could load.
 * The app uses core and layers only; each backend is imported when browser-backend.ts tries it.
 * Same side-effect imports as the full package's index (gradients for on-device learning, chained
 * ops such as `x.add(y)`), same `version` keys the code reads.
 */
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import { version_core } from '@tensorflow/tfjs-core';
import { version_layers } from '@tensorflow/tfjs-layers';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';

export const version = {
  'tfjs-core': version_core,
  'tfjs-layers': version_layers,
  tfjs: version_core,
};
