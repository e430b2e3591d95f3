import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { typedRules } from './eslint-typed-rules.mjs';

// Proves each house rule by breaking it on purpose: a rule that never fires would let the layers erode unseen.
const root = fileURLToPath(new URL('..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  // The snippets below belong to no TypeScript project, so the type-aware rules (proven on their own below) are off here.
  eslint = new ESLint({
    cwd: root,
    overrideConfig: [
      {
        files: ['**/*.{ts,tsx,cts}'],
        languageOptions: { parserOptions: { project: false, projectService: false } },
        rules: Object.fromEntries(Object.keys(typedRules).map((rule) => [rule, 'off'])),
      },
    ],
  });
});

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('layer rules', () => {
  it.each([
    ['shared reaching into electron', 'shared/domain/x.ts', "import { a } from '../../electron/services/log/logger';"],
    ['shared reaching into the renderer', 'shared/domain/x.ts', "import { a } from '../../renderer/api/client';"],
    ['a renderer feature importing another feature', 'renderer/features/routes/x.ts', "import { a } from '../targets/TargetsPage';"],
    ['a renderer feature importing the app', 'renderer/features/routes/x.ts', "import { a } from '../../app/navigation';"],
    ['a shared renderer component importing a feature', 'renderer/components/x.ts', "import { a } from '../features/log/LogPage';"],
    ['the renderer importing Node code', 'renderer/api/x.ts', "import { a } from '../../electron/services/log/logger';"],
    ['a service importing the CLI', 'electron/services/routes/x.ts', "import { a } from '../../cli/run-cli';"],
    ['a service importing the virtual target', 'electron/services/routes/x.ts', "import { a } from '../../sim/index';"],
    ['a service importing a benchmark', 'electron/services/routes/x.ts', "import { a } from '../../bench/table';"],
    ['a service importing the browser host', 'electron/services/routes/x.ts', "import { a } from '../../host/web-host';"],
    ['a service importing the Electron main process', 'electron/services/routes/x.ts', "import { a } from '../../main/window';"],
    ['the preload importing services', 'electron/preload/x.ts', "import { a } from '../services/log/logger';"],
    ['the IPC layer importing services', 'electron/ipc/x.ts', "import { a } from '../services/log/logger';"],
  ])('refuses %s', async (_name, file, code) => {
    expect(await ruleIds(file, code)).toContain('layers/imports');
  });

  it('refuses a file in a folder no layer covers', async () => {
    expect(await ruleIds('misc/x.ts', 'export const a = 1;\n')).toContain('layers/imports');
  });

  it('allows what the layers allow: a feature using shared/ and its own files, a service test using the virtual target', async () => {
    expect(
      await ruleIds(
        'renderer/features/routes/x.ts',
        "import { a } from '../../../shared/domain/route';\nimport { b } from './RoutesTable';\nexport { a, b };\n",
      ),
    ).toEqual([]);
    expect(await ruleIds('electron/services/routes/x.test.ts', "import { a } from '../../sim/index';\nexport { a };\n")).toEqual([]);
  });
});

describe('platform and size rules', () => {
  it('refuses Node APIs in shared/ and in the renderer', async () => {
    expect(await ruleIds('shared/domain/x.ts', "import { readFile } from 'node:fs';\nexport { readFile };\n")).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds('renderer/api/x.ts', "import { readFile } from 'node:fs';\nexport { readFile };\n")).toContain(
      'no-restricted-imports',
    );
  });

  it('refuses the electron module outside electron/main and electron/preload', async () => {
    expect(await ruleIds('electron/services/log/x.ts', "import { app } from 'electron';\nexport { app };\n")).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds('electron/main/x.ts', "import { app } from 'electron';\nexport { app };\n")).toEqual([]);
  });

  it('refuses a source file over 400 lines, and lets a test run longer', async () => {
    const long = Array.from({ length: 401 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';
    expect(await ruleIds('electron/services/log/x.ts', long)).toContain('max-lines');
    expect(await ruleIds('electron/services/log/x.test.ts', long)).not.toContain('max-lines');
  });
});

describe('type-aware rules', () => {
  it('refuse a promise nobody awaits, in a file of the project', { timeout: 120_000 }, () => {
    // Type information exists only for files the tsconfig includes, so the snippet poses as one. A process of its own
    // keeps the typed program apart from the untyped linting above (typescript-eslint caches programs per process).
    const script = `
      import { ESLint } from 'eslint';
      const eslint = new ESLint({ cwd: process.cwd() });
      const code = 'export async function f(): Promise<void> {}\\nexport function g(): void {\\n  f();\\n}\\n';
      const [result] = await eslint.lintText(code, { filePath: process.cwd() + '/scripts/eslint-layers.test.ts' });
      console.log(JSON.stringify(result.messages.map((message) => message.ruleId)));
    `;
    // Under CI typescript-eslint builds each program once from disk and would never see the snippet: not here.
    const env = { ...process.env, TSESTREE_SINGLE_RUN: 'false' };
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', env });
    expect(JSON.parse(run.stdout) as string[]).toContain('@typescript-eslint/no-floating-promises');
  });
});
