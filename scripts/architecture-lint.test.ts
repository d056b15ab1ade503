/**
 * Shows that the architecture rules bite: forbidden imports written into files at real paths
 * are reported by the project's own ESLint config, and allowed ones are not.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function rulesHit(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('architecture lint rules', () => {
  it('forbids @tensorflow/* outside src/ml', async () => {
    const hits = await rulesHit(
      "import * as tf from '@tensorflow/tfjs';\nexport const t = tf;\n",
      'src/features/classify/probe.ts',
    );
    expect(hits).toContain('no-restricted-imports');
  });

  it('allows @tensorflow/* inside src/ml', async () => {
    const hits = await rulesHit(
      "import * as tf from '@tensorflow/tfjs';\nexport const t = tf;\n",
      'src/ml/model/probe.ts',
    );
    expect(hits).not.toContain('no-restricted-imports');
  });

  it('forbids src/ml importing the UI layers', async () => {
    const hits = await rulesHit(
      "import { useAppStore } from '../../state/store';\nexport const s = useAppStore;\n",
      'src/ml/model/probe.ts',
    );
    expect(hits).toContain('import-x/no-restricted-paths');
  });

  it('forbids training importing app code', async () => {
    const hits = await rulesHit(
      "import { useAppStore } from '../src/state/store';\nexport const s = useAppStore;\n",
      'training/probe.ts',
    );
    expect(hits).toContain('import-x/no-restricted-paths');
  });

  it('forbids a feature importing another feature', async () => {
    const hits = await rulesHit(
      "import { ClassifyPanel } from '../classify/classify-panel';\nexport const c = ClassifyPanel;\n",
      'src/features/model-status/probe.tsx',
    );
    expect(hits).toContain('import-x/no-restricted-paths');
  });

  it('forbids e2e importing src', async () => {
    const hits = await rulesHit(
      "import { APP_NAME } from '../src/config/app';\nexport const n = APP_NAME;\n",
      'e2e/probe.ts',
    );
    expect(hits).toContain('import-x/no-restricted-paths');
  });

  it('allows a feature to import state, ui and config', async () => {
    const hits = await rulesHit(
      "import { useAppStore } from '../../state/store';\nimport { APP_NAME } from '../../config/app';\nexport const x = [useAppStore, APP_NAME];\n",
      'src/features/classify/probe.ts',
    );
    expect(hits).toEqual([]);
  });
});
