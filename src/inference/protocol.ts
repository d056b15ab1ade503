/**
 * The typed messages between the page and the inference worker. Requests carry an id; every
 * response names the id it answers. Only structured-clonable data crosses.
 */
import type {
  AdaptProgress,
  AdaptResult,
  HeadWeights,
  LabelledText,
  PackFileBytes,
  ClassifyRequestOptions,
  Diagnostics,
  Explanation,
  LoadInfo,
  LoadOptions,
  PackInfo,
  PackProgress,
} from './inference-client';
import type { ResultChunk, ResultLabels } from './result-chunk';

export type ClassifyWireOptions = Omit<ClassifyRequestOptions, 'onProgress' | 'signal'>;

export type WorkerRequest =
  | { type: 'load'; id: number; opts: Omit<LoadOptions, 'onProgress'> }
  | { type: 'classify'; id: number; texts: string[]; opts: ClassifyWireOptions }
  | { type: 'cancel'; id: number; target: number }
  | { type: 'diagnostics'; id: number }
  | { type: 'pack-info'; id: number }
  | { type: 'explain'; id: number; text: string }
  /** On-device learning; cancel it with a 'cancel' naming its id. */
  | { type: 'adapt'; id: number; examples: LabelledText[]; seed?: number }
  | { type: 'set-heads'; id: number; heads: HeadWeights | null }
  | { type: 'export-pack'; id: number };

export type WorkerResponse =
  | { type: 'ready' }
  /** Unasked: the GPU device was lost and the model now runs on info.backend. */
  | { type: 'backend-changed'; info: LoadInfo; labels: ResultLabels }
  | { type: 'load-progress'; id: number; progress: PackProgress }
  /** labels: the pack's label tables, which the page needs to read result chunks. */
  | { type: 'loaded'; id: number; info: LoadInfo; labels: ResultLabels }
  /** One model batch's results (buffers transferred), in request order; done === total: the last. */
  | { type: 'classify-chunk'; id: number; chunk: ResultChunk; done: number; total: number }
  /** The answer to a classify request of no texts (others end with their last chunk). */
  | { type: 'classified'; id: number }
  | { type: 'diagnostics'; id: number; diagnostics: Diagnostics }
  | { type: 'pack-info'; id: number; info: PackInfo }
  | { type: 'explained'; id: number; explanation: Explanation }
  | { type: 'adapt-progress'; id: number; progress: AdaptProgress }
  | { type: 'adapted'; id: number; result: AdaptResult }
  | { type: 'heads-set'; id: number }
  | { type: 'pack-exported'; id: number; files: PackFileBytes[] }
  | { type: 'error'; id: number; name: string; message: string };

const REQUEST_TYPES = new Set([
  'load',
  'classify',
  'cancel',
  'diagnostics',
  'pack-info',
  'explain',
  'adapt',
  'set-heads',
  'export-pack',
]);
const RESPONSE_TYPES = new Set([
  'ready',
  'backend-changed',
  'load-progress',
  'loaded',
  'classify-chunk',
  'classified',
  'diagnostics',
  'pack-info',
  'explained',
  'adapt-progress',
  'adapted',
  'heads-set',
  'pack-exported',
  'error',
]);

const hasType = (x: unknown, types: Set<string>): x is { type: string } =>
  typeof x === 'object' && x !== null && types.has(String((x as { type?: unknown }).type));

/** Shape check at the boundary: a stray message (extension, devtools) is ignored, not trusted. */
export function isWorkerRequest(x: unknown): x is WorkerRequest {
  return hasType(x, REQUEST_TYPES) && typeof (x as { id?: unknown }).id === 'number';
}

export function isWorkerResponse(x: unknown): x is WorkerResponse {
  if (!hasType(x, RESPONSE_TYPES)) return false;
  return x.type === 'ready' || x.type === 'backend-changed' || typeof (x as { id?: unknown }).id === 'number';
}

/** An Error from an error response, keeping its name (PackIntegrityError, CancelledError, ...). */
export function errorFromResponse(r: { name: string; message: string }): Error {
  const e = new Error(r.message);
  e.name = r.name;
  return e;
}

export function errorResponse(id: number, err: unknown): WorkerResponse {
  const e = err instanceof Error ? err : new Error(String(err));
  return { type: 'error', id, name: e.name, message: e.message };
}
