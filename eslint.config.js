import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/ (src/ARCHITECTURE.md), lowest first. A folder may import the folders listed
 * before it, never those after it; `io` (reading and writing files) sits beside the pure layers and
 * only the shell (`cli`) and the library entry call it. Renderers only format: they may name the
 * types of results (type imports) but call nothing that computes.
 */
const LAYERS = ['core', 'schema', 'params', 'model', 'arrangements', 'plan', 'analyses', 'present', 'render', 'io', 'cli'];
/** What each folder must not import (values and types), beyond the layers above it. */
const FORBIDDEN = {
  core: LAYERS.slice(1),
  schema: LAYERS.slice(2),
  params: LAYERS.slice(3),
  model: ['schema', ...LAYERS.slice(4)],
  arrangements: LAYERS.slice(5),
  plan: LAYERS.slice(6),
  analyses: LAYERS.slice(7),
  present: LAYERS.slice(8),
  render: ['io', 'cli'],
  io: ['model', 'arrangements', 'plan', 'analyses', 'present', 'render', 'cli'],
};
/** Folders whose types a renderer may name without calling their code. */
const RENDER_TYPES_ONLY = ['schema', 'params', 'model', 'arrangements', 'plan', 'analyses'];

const folderPattern = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;
const layerRules = Object.entries(FORBIDDEN).map(([folder, forbidden]) => ({
  files: [`src/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: folderPattern(forbidden),
            message: `src/${folder}/ must not import this layer (see src/ARCHITECTURE.md: data flows one way)`,
          },
          ...(folder === 'render'
            ? [{ regex: folderPattern(RENDER_TYPES_ONLY), allowTypeImports: true, message: 'a renderer only formats: import the types of results, not code that computes (src/ARCHITECTURE.md)' }]
            : []),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Only the shell talks to the terminal: the core returns data, renderers return strings.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: { 'no-console': 'error' },
  },
  ...layerRules,
);
