// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * Layer rule of ARCHITECTURE.md: server.ts composes api/ and web/; cli → pipeline → store/sources → domain;
 * web/ reads through the API (its schemas only); domain imports nothing of ours and does no I/O. Each entry
 * forbids, for files of one folder of src/, the folders it must not reach; every folder of src/ has one
 * (src/layers.test.ts checks that a new folder gets its rule).
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
    // No import cycles in src/ (issue 14): a cycle ties modules into one unit that cannot be read, tested or
    // split alone (the portal once had a circle of 11 pages through portal.ts).
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
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
    files: ['src/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidLayers(
              ['store', 'sources', 'pipeline', 'cli'],
              "web/ reads data only through the API: it may import domain/ and the API's contract (api/schemas).",
            ),
            {
              regex: '(^|/)api/(?!schemas/|plugins/client-limits\\.js$)',
              message:
                'web/ may import of api/ only its schemas (the answers it reads) and the shared client limits.',
            },
          ],
        },
      ],
    },
  },
  {
    // Accounts (issue 18): users, passwords, sessions and their audit records — over store/ and domain/,
    // used by api/ (the HTTP side) and cli/ (`smup users add`).
    files: ['src/accounts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbidLayers(
            ['api', 'web', 'cli', 'pipeline', 'sources', 'reports'],
            'accounts/ may import only domain/ and store/: api/ and cli/ call it, not the other way round.',
          ),
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)api/(?!plugins/client-limits\\.js$)',
              message:
                'cli/ starts the server through src/server.ts, never api/ directly (only the client limits are shared).',
            },
            {
              regex: '(^|/)web/(?!warm-up\\.js$)',
              message: 'cli/ starts the portal through src/server.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Documents for councils: built from API answers read in-process and the portal's charts.
    files: ['src/reports/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidLayers(
              ['pipeline', 'cli'],
              'reports/ reads data through the API (in-process), not through the pipeline or the command line.',
            ),
            {
              regex: '(^|/)store/(?!database\\.js$)',
              message: 'reports/ reads data through the API; of store/ it may name only the Database type.',
            },
          ],
        },
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
            ['cli', 'web', 'reports'],
            'api/ must not depend on the command line, the portal or the reports: src/server.ts composes them.',
          ),
        },
      ],
    },
  },
);
