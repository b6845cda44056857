// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layer rule of ARCHITECTURE.md: api/cli/pipeline → store/sources → domain; domain imports nothing of ours
 * and does no I/O. Each entry forbids, for files of one layer, the layers it must not reach.
 * @param {string[]} layers
 * @param {string} why
 */
const forbidLayers = (layers, why) =>
  layers.map((layer) => ({ group: [`**/${layer}/**`, `../${layer}`, `./${layer}`], message: why }));

const nodeIo = ['node:*', 'fs', 'fs/*', 'path', 'http', 'https', 'net', 'child_process', 'os', 'pg'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.smup/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The portal's browser modules (compiled by tsconfig.client.json) run in the page, not in Node.
    files: ['web/client/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidLayers(
              ['store', 'sources', 'pipeline', 'api', 'cli'],
              'domain/ is pure: it imports nothing of the outer layers.',
            ),
            { group: nodeIo, message: 'domain/ does no I/O: pass data in from sources/ or store/.' },
            { group: ['@electric-sql/*', 'fastify', 'fastify/*'], message: 'domain/ does no I/O.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbidLayers(
            ['sources', 'pipeline', 'api', 'cli'],
            'store/ may import only domain/ (ARCHITECTURE.md, layout).',
          ),
        },
      ],
    },
  },
  {
    files: ['src/sources/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbidLayers(
            ['store', 'pipeline', 'api', 'cli'],
            'sources/ may import only domain/ (ARCHITECTURE.md, layout).',
          ),
        },
      ],
    },
  },
  {
    files: ['src/pipeline/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: forbidLayers(['api', 'cli'], 'pipeline/ must not depend on its callers (api/, cli/).') },
      ],
    },
  },
  {
    files: ['src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbidLayers(
            ['cli', 'web'],
            'api/ must not depend on the command line or the portal: src/server.ts composes api/ and web/.',
          ),
        },
      ],
    },
  },
);
