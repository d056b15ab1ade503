/** File-system locations used by the Node pipeline. Paths resolve from the project root. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The raw data sets live outside the repo (never committed): ../shared/data/raw beside the
 * checkout, or wherever RAW_DATA_DIR points.
 */
export const RAW_DATA_DIR =
  process.env.RAW_DATA_DIR ?? path.resolve(PROJECT_ROOT, '..', 'shared', 'data', 'raw');

export const MAPPINGS_DIR = path.join(PROJECT_ROOT, 'data', 'mappings');
export const BUILD_DIR = path.join(PROJECT_ROOT, 'data', 'build');
export const CORPUS_PATH = path.join(BUILD_DIR, 'corpus.jsonl');
export const REPORT_PATH = path.join(BUILD_DIR, 'report.json');
export const DEV_SET_PATH = path.join(PROJECT_ROOT, 'data', 'dev', 'merchant-listings.tsv');
export const MODELS_DIR = path.join(PROJECT_ROOT, 'public', 'models');
