import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
    // shared/ is used by the renderer and by Node: no platform APIs, no upward imports.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'shared/ must stay free of Node APIs.' },
          { group: ['electron', '**/electron/**', '**/renderer/**', 'react', '@mui/*'], message: 'shared/ never reaches upward.' },
        ],
      }],
    },
  },
  {
    // Services, CLI, host and simulator run without Electron; only electron/main and electron/preload may import it.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron'], message: 'Only electron/main and electron/preload may import electron.' },
          { group: ['**/renderer/**'], message: 'Node code never imports the renderer.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'The renderer has no Node APIs.' },
          { group: ['electron', '**/electron/**'], message: 'The renderer talks to services only through the IPC contract.' },
        ],
      }],
    },
  },
);
