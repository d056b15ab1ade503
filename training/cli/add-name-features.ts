/**
 * Adds the deep nodes' precomputed name features (src/ml/pack/name-features.ts) to a pack that was
 * exported before the exporter wrote them, so the app skips tokenizing every name at load:
 *
 *   npx tsx training/cli/add-name-features.ts [--pack public/models/default]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MODELS_DIR } from '../paths';
import { addNameFeatures } from '../train/export-pack';

const { values } = parseArgs({
  options: { pack: { type: 'string', default: path.join(MODELS_DIR, 'default') } },
  strict: true,
});
const dir = path.resolve(values.pack!);
const manifest = await addNameFeatures(dir);
const file = manifest.files.find((f) => f.path === manifest.deep?.nameFeatures);
console.log(`${dir}: ${file?.path} (${file?.bytes} bytes) added; pack version ${manifest.version}`);
