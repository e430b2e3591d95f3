// The house's layers as an ESLint rule: every source file belongs to exactly one layer, and a layer imports only
// from the layers on its allow-list. A file no layer covers is an error too, so a new folder has to be placed
// deliberately instead of silently escaping the rules.
import path from 'node:path';

const SOURCE = /\.(?:[cm]?tsx?|[cm]?js)$/;
const TEST = /\.test\.tsx?$|\.test-support\.ts$|\.spec\.ts$|\/test-fixtures\.ts$|\/testing\/|\/test-utils\//;

/**
 * Layers, most specific first. `allow` lists the layers (by name) a file may import from; `testAllow` adds what
 * its tests may use as peers (the virtual target is every Node test's stand-in for a PLC).
 */
export const LAYERS = [
  { name: 'shared', match: /^shared\//, allow: ['shared'] },
  { name: 'renderer/main', match: /^renderer\/main\.tsx$/, allow: ['renderer/app', 'renderer/api', 'renderer/i18n', 'renderer/base'] },
  {
    name: 'renderer/app',
    match: /^renderer\/app\//,
    allow: ['renderer/app', 'renderer/feature', 'renderer/base', 'renderer/api', 'renderer/i18n', 'shared'],
    testAllow: ['renderer/test-utils'],
  },
  {
    name: 'renderer/feature',
    match: /^renderer\/features\/[^/]+\//,
    allow: ['renderer/same-feature', 'renderer/base', 'renderer/api', 'renderer/i18n', 'shared'],
    testAllow: ['renderer/test-utils'],
  },
  { name: 'renderer/api', match: /^renderer\/api\//, allow: ['renderer/api', 'shared'], testAllow: ['renderer/test-utils'] },
  { name: 'renderer/i18n', match: /^renderer\/i18n\//, allow: ['renderer/i18n', 'shared'], testAllow: ['renderer/test-utils'] },
  {
    name: 'renderer/base',
    match: /^renderer\/(?:components|hooks|theme)\//,
    allow: ['renderer/base', 'renderer/api', 'renderer/i18n', 'shared'],
    testAllow: ['renderer/test-utils'],
  },
  {
    name: 'renderer/test-utils',
    match: /^renderer\/test-utils\//,
    allow: ['renderer/test-utils', 'renderer/base', 'renderer/api', 'renderer/i18n', 'shared'],
  },
  { name: 'electron/ipc', match: /^electron\/ipc\//, allow: ['electron/ipc', 'shared'] },
  {
    name: 'electron/services',
    match: /^electron\/services\//,
    allow: ['electron/services', 'electron/ipc', 'shared'],
    testAllow: ['electron/sim'],
  },
  { name: 'electron/sim', match: /^electron\/sim\//, allow: ['electron/sim', 'electron/services', 'shared'] },
  {
    name: 'electron/cli',
    match: /^electron\/cli\//,
    allow: ['electron/cli', 'electron/services', 'electron/ipc', 'electron/sim', 'shared'],
  },
  { name: 'electron/host', match: /^electron\/host\//, allow: ['electron/host', 'electron/services', 'electron/ipc', 'shared'] },
  { name: 'electron/main', match: /^electron\/main\//, allow: ['electron/main', 'electron/services', 'electron/ipc', 'shared'] },
  { name: 'electron/preload', match: /^electron\/preload\//, allow: ['electron/preload', 'shared'] },
  {
    name: 'electron/demo',
    match: /^electron\/demo\//,
    allow: ['electron/demo', 'electron/host', 'electron/sim', 'electron/services', 'electron/ipc', 'shared'],
  },
  {
    name: 'electron/bench',
    match: /^electron\/bench\//,
    allow: ['electron/bench', 'electron/services', 'electron/ipc', 'electron/sim', 'electron/host', 'shared'],
  },
  { name: 'e2e', match: /^e2e\//, allow: ['e2e', 'shared'] },
  { name: 'tooling', match: /^(?:build|scripts)\/|^[^/]+$/, allow: ['*'] },
];

/** The layer of a repository-relative path, with the feature folder for renderer features. */
export function layerOf(relative) {
  const layer = LAYERS.find((candidate) => candidate.match.test(relative));
  if (!layer) return undefined;
  const feature = /^renderer\/features\/([^/]+)\//.exec(relative)?.[1];
  return { ...layer, feature };
}

function allows(from, to, isTest) {
  const allowed = [...from.allow, ...(isTest ? (from.testAllow ?? []) : [])];
  if (allowed.includes('*')) return true;
  if (to.name === 'renderer/feature')
    return allowed.includes('renderer/same-feature') ? from.feature === to.feature : allowed.includes('renderer/feature');
  return allowed.includes(to.name);
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps every import inside the allow-list of its layer.' },
    schema: [],
    messages: {
      uncovered: 'No layer rule covers {{file}}: place it in a known folder or add a layer to scripts/eslint-layers.mjs.',
      forbidden: '{{from}} may not import {{to}} ({{spec}}).',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    if (!SOURCE.test(file) || file.startsWith('..')) return {};
    const from = layerOf(file);
    if (!from) {
      return { Program: (node) => context.report({ node, messageId: 'uncovered', data: { file } }) };
    }
    const isTest = TEST.test(file);
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path
        .relative(root, path.resolve(path.dirname(context.filename), spec))
        .split(path.sep)
        .join('/');
      // A folder import resolves to its index file; the folder itself decides the layer either way.
      const to = layerOf(target) ?? layerOf(`${target}/index.ts`);
      if (!to || allows(from, to, isTest)) return;
      const toName = to.feature ? `renderer/features/${to.feature}` : to.name;
      const fromName = from.feature ? `renderer/features/${from.feature}` : from.name;
      context.report({ node, messageId: 'forbidden', data: { from: fromName, to: toName, spec } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { imports: rule } };
