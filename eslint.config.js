import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import prettierConfig from 'eslint-config-prettier';
import layers from './scripts/eslint-layers.mjs';
import { typedRules } from './scripts/eslint-typed-rules.mjs';

const nodeBuiltins = ['node:*', 'fs', 'net', 'dgram', 'tls', 'crypto', 'os', 'path', 'child_process', 'http', 'https'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Type-aware checks where they are cheap and catch real bugs: promises nobody awaits or that land where a
    // callback expects void, awaits of non-promises, throwing non-errors, "[object Object]" in text, casts that do nothing.
    files: ['**/*.{ts,tsx,cts}'],
    ignores: ['**/*.d.ts'],
    languageOptions: { parserOptions: { project: ['./tsconfig.json'], tsconfigRootDir: import.meta.dirname } },
    rules: typedRules,
  },
  {
    // Every file belongs to one layer and imports only what its layer allows (scripts/eslint-layers.mjs).
    files: ['**/*.{ts,tsx,cts,mts,js,mjs,cjs}'],
    plugins: { layers },
    rules: { 'layers/imports': 'error' },
  },
  {
    // Source files stay small enough to read in one sitting (400 lines of code); tests and fixtures may run longer.
    files: ['shared/**/*.ts', 'electron/**/*.{ts,cts}', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/testing/**', '**/test-utils/**', '**/*.test-support.ts'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  {
    // shared/ is used by the renderer and by Node: no platform APIs, no upward imports.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ must stay free of Node APIs.' },
            { group: ['electron', '**/electron/**', '**/renderer/**', 'react', '@mui/*'], message: 'shared/ never reaches upward.' },
          ],
        },
      ],
    },
  },
  {
    // Services, CLI, host and simulator run without Electron; only electron/main and electron/preload may import it.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'Only electron/main and electron/preload may import electron.' },
            { group: ['**/renderer/**'], message: 'Node code never imports the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'The renderer has no Node APIs.' },
            { group: ['electron', '**/electron/**'], message: 'The renderer talks to services only through the IPC contract.' },
          ],
        },
      ],
    },
  },
  // Formatting is Prettier's job (npm run format); no lint rule may argue with it.
  prettierConfig,
);
