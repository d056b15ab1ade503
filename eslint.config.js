// The architecture as lint rules: the arrows of DESIGN.md's layout are import zones,
// cycles are errors, and @tensorflow/* is importable only under src/ml.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const FEATURES = ['classify', 'batch', 'latent-map', 'model-report', 'model-status', 'offline-status'];
const layer = (name) => `./src/${name}`;

/** Each zone: files in `target` may not import from `from` (minus `except`). */
export const architectureZones = [
  // config imports nothing from the app.
  { target: layer('config'), from: './src', except: ['./config'], message: 'src/config imports nothing.' },
  // ml is environment-neutral model code shared with training: no React, no app layers.
  {
    target: layer('ml'),
    from: [layer('app'), layer('features'), layer('state'), layer('inference'), layer('ui')],
    message: 'src/ml is shared with training: it may import only src/ml and src/config.',
  },
  // ui is presentational: imports nothing from the app.
  {
    target: layer('ui'),
    from: [layer('app'), layer('features'), layer('state'), layer('inference'), layer('ml')],
    message: 'src/ui imports nothing from the app.',
  },
  // inference hosts the model: it knows ml and config, never the UI.
  {
    target: layer('inference'),
    from: [layer('app'), layer('features'), layer('state'), layer('ui')],
    message: 'src/inference may import only src/ml and src/config.',
  },
  // state receives an InferenceClient; it does not know the UI.
  {
    target: layer('state'),
    from: [layer('app'), layer('features'), layer('ui')],
    message: 'src/state may not import UI layers.',
  },
  // features are composed by app, never the other way round.
  { target: layer('features'), from: layer('app'), message: 'features never import src/app.' },
  // a feature never imports another feature.
  ...FEATURES.map((f) => ({
    target: `./src/features/${f}`,
    from: './src/features',
    except: [`./${f}`],
    message: 'A feature never imports another feature.',
  })),
  // training (Node) shares src/ml and src/config only.
  {
    target: './training',
    from: './src',
    except: ['./ml', './config'],
    message: 'training/ may import only src/ml and src/config.',
  },
  // e2e tests are black-box.
  { target: './e2e', from: './src', message: 'e2e tests are black-box: they import nothing from src/.' },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-*/**',
      'node_modules/**',
      'public/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      'bench/tmp/**',
      'scripts/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.app.json', 'tsconfig.node.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: architectureZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tensorflow/*'],
              message: '@tensorflow/* is imported only inside src/ml (DESIGN.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ml/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'react', message: 'src/ml has no React.' },
            { name: 'zustand', message: 'src/ml has no zustand.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
