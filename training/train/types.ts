/** The encoder as training code sees it (a TF.js LayersModel, typed without importing TF.js here). */
import type { buildEncoder } from '../../src/ml/model/architecture';

export type LayersModelLike = ReturnType<typeof buildEncoder>;
