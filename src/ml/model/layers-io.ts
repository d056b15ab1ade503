/**
 * Our writer for (optionally quantized) TF.js layers-model artifacts, and the matching loader.
 *
 * Topology and float32 weights come from model.save(tf.io.withSaveHandler(...)); each weight is
 * then re-encoded (uint8 affine / float16) and the manifest gets the `quantization` entry that
 * tf.io.decodeWeights understands, so stock tf.loadLayersModel reads the pack. Non-trainable
 * weights (the EmbeddingBag idf) are part of model.save's output and so of the pack.
 */
import * as tf from '@tensorflow/tfjs';
import { createBagStorage, type BagStorage } from './bag-kernel';
import { EmbeddingBag } from './embedding-bag';
import { float16Value, quantizeUint8, toFloat16, uint8Values } from './quantize';

/** Same cap as tfjs-converter's shards: small enough for HTTP caches and partial retries. */
export const SHARD_BYTES = 4 * 1024 * 1024;

export type WeightQuantization = 'float32' | 'float16' | 'uint8';

export interface ExportOptions {
  quantization: WeightQuantization;
  /** Per-weight override (e.g. keep small biases float32); return undefined to use the default. */
  perWeight?: (name: string) => WeightQuantization | undefined;
  /** Shard file name prefix (default 'group1'); paths are '<prefix>-shard<i>of<n>.bin'. */
  shardPrefix?: string;
  convertedBy?: string;
}

export type QuantizationSpec = { dtype: 'uint8'; min: number; scale: number } | { dtype: 'float16' };

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  quantization?: QuantizationSpec;
}

export interface LayersModelJson {
  modelTopology: object;
  format: 'layers-model';
  generatedBy: string;
  convertedBy: string | null;
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
}

export interface ExportedModel {
  modelJson: LayersModelJson;
  shards: Uint8Array[];
}

/** Captures what model.save would write, without any file system. */
async function captureArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (captured === null) throw new Error('model.save produced no artifacts');
  return captured;
}

function flushHostMirrors(model: tf.LayersModel): void {
  // The fast trainer keeps the table on the host; make the variable current before reading it.
  for (const l of model.layers) if (l instanceof EmbeddingBag) l.syncFromHost();
}

export async function exportLayersModel(model: tf.LayersModel, opts: ExportOptions): Promise<ExportedModel> {
  flushHostMirrors(model);
  const art = await captureArtifacts(model);
  const specs = art.weightSpecs ?? [];
  const raw =
    art.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(art.weightData);
  const parts: Uint8Array[] = [];
  const weights: WeightSpec[] = [];
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.dtype !== 'float32' && spec.dtype !== 'int32')
      throw new Error(`unsupported weight dtype ${spec.dtype}`);
    const bytes = raw.slice(offset, offset + size * 4);
    offset += size * 4;
    const q = spec.dtype === 'float32' ? (opts.perWeight?.(spec.name) ?? opts.quantization) : 'float32';
    const out: WeightSpec = { name: spec.name, shape: [...spec.shape], dtype: spec.dtype };
    if (q === 'uint8') {
      const r = quantizeUint8(new Float32Array(bytes));
      out.quantization = { dtype: 'uint8', min: r.min, scale: r.scale };
      parts.push(r.data);
    } else if (q === 'float16') {
      out.quantization = { dtype: 'float16' };
      parts.push(new Uint8Array(toFloat16(new Float32Array(bytes)).buffer));
    } else {
      parts.push(new Uint8Array(bytes));
    }
    weights.push(out);
  }
  if (offset !== raw.byteLength) throw new Error('weight specs do not cover the weight data');

  // One weight group, cut into fixed-size shards regardless of weight boundaries (as the
  // converter does: the loader concatenates a group's shards before slicing weights).
  const total = parts.reduce((a, p) => a + p.byteLength, 0);
  const all = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.byteLength;
  }
  const n = Math.max(1, Math.ceil(total / SHARD_BYTES));
  const prefix = opts.shardPrefix ?? 'group1';
  const shards: Uint8Array[] = [];
  const paths: string[] = [];
  for (let i = 0; i < n; i++) {
    shards.push(all.slice(i * SHARD_BYTES, Math.min(total, (i + 1) * SHARD_BYTES)));
    paths.push(`${prefix}-shard${i + 1}of${n}.bin`);
  }
  const modelJson: LayersModelJson = {
    modelTopology: art.modelTopology as object,
    format: 'layers-model',
    generatedBy: art.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version['tfjs-layers']}`,
    convertedBy: opts.convertedBy ?? 'product-categorizer layers-io',
    weightsManifest: [{ paths, weights }],
  };
  return { modelJson, shards };
}

/**
 * Loads the encoder from a model.json object and its shard bytes (in manifest path order).
 * Importing this module registers EmbeddingBag, which deserialisation needs.
 */
export async function loadEncoderFromArtifacts(
  modelJson: LayersModelJson,
  shards: (Uint8Array | ArrayBuffer)[],
): Promise<tf.LayersModel> {
  void EmbeddingBag; // keep the registering import even under aggressive tree shaking
  const specs = modelJson.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[];
  const buffers = shards.map((s) =>
    s instanceof Uint8Array ? (s.buffer.slice(s.byteOffset, s.byteOffset + s.byteLength) as ArrayBuffer) : s,
  );
  const weightData = tf.io.CompositeArrayBuffer.join(buffers);
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: specs,
      weightData,
      format: modelJson.format,
      generatedBy: modelJson.generatedBy,
      ...(modelJson.convertedBy !== null ? { convertedBy: modelJson.convertedBy } : {}),
    }),
  );
}

interface TopologyLayer {
  class_name: string;
  config: Record<string, unknown>;
}

/** The topology's layer list (a bare model config, or Keras's {model_config: ...} wrapper). */
function topologyLayers(topology: object): TopologyLayer[] | null {
  const t = topology as { model_config?: { config?: { layers?: unknown } }; config?: { layers?: unknown } };
  const layers = (t.model_config ?? t).config?.layers;
  return Array.isArray(layers) ? (layers as TopologyLayer[]) : null;
}

/** One array of these bytes (the only one itself when there is one, unless `copy`). */
function concatBytes(parts: Uint8Array[], copy = false): Uint8Array {
  if (parts.length === 1 && parts[0] && !copy) return parts[0];
  const out = new Uint8Array(parts.reduce((a, b) => a + b.byteLength, 0));
  let at = 0;
  for (const b of parts) {
    out.set(b, at);
    at += b.byteLength;
  }
  return out;
}

/** Bytes a weight takes in the shard data. */
function weightBytes(spec: WeightSpec): number {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  // uint16: tf.io reads it too, though our writer never makes it.
  const q: string | undefined = spec.quantization?.dtype;
  return n * (q === 'uint8' ? 1 : q === 'float16' || q === 'uint16' ? 2 : 4);
}

/**
 * Decodes a float32 weight into `out` with tf.io.decodeWeights's arithmetic (the same float32
 * values): uint8 through a 256-entry table of float32(q * scale + min); float16 exactly.
 */
function decodeInto(spec: WeightSpec, bytes: Uint8Array, out: Float32Array): void {
  const q = spec.quantization as
    QuantizationSpec | { dtype: 'uint16'; min: number; scale: number } | undefined;
  if (q === undefined) {
    new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(bytes);
  } else if (q.dtype === 'uint8') {
    const lut = uint8Values(q.min, q.scale);
    for (let i = 0; i < out.length; i++) out[i] = lut[bytes[i]!]!;
  } else {
    // Copied to an aligned buffer: a weight may start at an odd byte of the shard.
    const u16 = new Uint16Array(bytes.slice().buffer);
    if (q.dtype === 'float16') for (let i = 0; i < out.length; i++) out[i] = float16Value(u16[i]!);
    else for (let i = 0; i < out.length; i++) out[i] = u16[i]! * q.scale + q.min;
  }
}

/**
 * Loads the encoder of a pack for inference: as loadEncoderFromArtifacts, except that the
 * EmbeddingBag's table and idf are decoded straight into host memory (the WebAssembly bag's, where
 * it runs) and never become TF.js variables; the runtime sums bags on the host anyway (predict.ts).
 * TF.js would first fill a zero [buckets x embedDim] variable, decode the weights into a second
 * array, upload it, and the runtime then read it back and copied it into the bag's memory: ~0.3 s of
 * the worker's part of a 2-core cold start (traced), and 25 MB. A uint8 table is kept as its codes
 * and each row decoded when first used (bag-kernel.ts): writing all 12.6 MB of float32 up front cost
 * the worker ~40 ms of page faults. The model this returns cannot run the bag in TF.js
 * (predict/fit throw): inference goes through predict.ts with its host weights.
 */
export async function loadEncoderForInference(
  modelJson: LayersModelJson,
  shards: (Uint8Array | ArrayBuffer)[],
): Promise<tf.LayersModel> {
  const layers = topologyLayers(modelJson.modelTopology);
  const bagLayer = layers?.find((l) => l.class_name === EmbeddingBag.className);
  const specs = modelJson.weightsManifest.flatMap((g) => g.weights);
  const bagName = bagLayer?.config['name'];
  const tableSpec = specs.find((w) => w.name === `${String(bagName)}/embeddings`);
  const idfSpec = specs.find((w) => w.name === `${String(bagName)}/idf`);
  if (!bagLayer || !tableSpec || !idfSpec || tableSpec.dtype !== 'float32' || idfSpec.dtype !== 'float32')
    return loadEncoderFromArtifacts(modelJson, shards);
  const [buckets, embedDim] = tableSpec.shape;
  if (buckets === undefined || embedDim === undefined || idfSpec.shape[0] !== buckets)
    throw new Error(`model.json: ${tableSpec.name} and ${idfSpec.name} do not fit one another`);

  const all = concatBytes(shards.map((x) => (x instanceof Uint8Array ? x : new Uint8Array(x))));
  const q = tableSpec.quantization;
  // A uint8 table stays in its codes, decoded a row at a time when first used (bag-kernel.ts).
  const host: BagStorage = createBagStorage(
    buckets,
    embedDim,
    undefined,
    q?.dtype === 'uint8' ? { min: q.min, scale: q.scale } : undefined,
  );
  const rest: WeightSpec[] = [];
  const restBytes: Uint8Array[] = [];
  let offset = 0;
  for (const spec of specs) {
    const n = weightBytes(spec);
    if (offset + n > all.byteLength) throw new Error(`model.json: weight ${spec.name} runs past the shards`);
    const bytes = all.subarray(offset, offset + n);
    offset += n;
    if (spec === tableSpec) {
      if (host.codes) host.codes.set(bytes);
      else decodeInto(spec, bytes, host.table);
    } else if (spec === idfSpec) decodeInto(spec, bytes, host.idf);
    else {
      rest.push(spec);
      restBytes.push(bytes);
    }
  }
  const weightData = concatBytes(restBytes, true);
  // The same topology with the bag marked host-only (a copy: the caller's object is left as it was).
  const topology = JSON.parse(JSON.stringify(modelJson.modelTopology)) as object;
  const bag = topologyLayers(topology)?.find((l) => l.class_name === EmbeddingBag.className);
  if (bag) bag.config['host_table'] = true;
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: topology,
      weightSpecs: rest as tf.io.WeightsManifestEntry[],
      weightData: weightData.buffer,
      format: modelJson.format,
      generatedBy: modelJson.generatedBy,
      ...(modelJson.convertedBy !== null ? { convertedBy: modelJson.convertedBy } : {}),
    }),
  );
  const layer = model.getLayer(String(bagName));
  if (!(layer instanceof EmbeddingBag)) throw new Error(`layer ${String(bagName)} is not an EmbeddingBag`);
  layer.setHostWeights(host);
  return model;
}
