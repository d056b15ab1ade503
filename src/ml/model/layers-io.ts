/**
 * Our writer for (optionally quantized) TF.js layers-model artifacts, and the matching loader.
 *
 * Topology and float32 weights come from model.save(tf.io.withSaveHandler(...)); each weight is
 * then re-encoded (uint8 affine / float16) and the manifest gets the `quantization` entry that
 * tf.io.decodeWeights understands, so stock tf.loadLayersModel reads the pack. Non-trainable
 * weights (the EmbeddingBag idf) are part of model.save's output and so of the pack.
 */
import * as tf from '@tensorflow/tfjs';
import { EmbeddingBag } from './embedding-bag';
import { quantizeUint8, toFloat16 } from './quantize';

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
