import tseslint from 'typescript-eslint';

const noElectron = { name: 'electron', message: 'Only electron/main and electron/preload may import electron: the engine, bridge, CLI, contract and renderer must run without it.' };
const builtinNames = ['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'net', 'stream', 'zlib', 'url', 'util', 'events'];
const builtinPaths = (message) => builtinNames.map((name) => ({ name, message }));
const nodeBuiltins = ['node:*'];

export default tseslint.config(
  { ignores: ['node_modules/**', '.tmp/**', 'out/**', 'dist/**', 'renderer/dist/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The runtime boundary (STYLE.md): the folder says which runtime code runs in.
    files: ['electron/engine/**', 'electron/bridge/**', 'electron/cli/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['electron/*'], message: noElectron.message }] }] },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...builtinPaths('shared/ is the contract: no Node modules (it runs in the renderer too).')],
          patterns: [{ group: nodeBuiltins, message: 'shared/ is the contract: no node:* (it runs in the renderer too).' }],
        },
      ],
      'no-restricted-globals': ['error', { name: 'window', message: 'shared/ has no DOM.' }, { name: 'document', message: 'shared/ has no DOM.' }],
    },
  },
  {
    files: ['renderer/**'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron, ...builtinPaths('The renderer is sandboxed web content: no Node modules.')], patterns: [{ group: nodeBuiltins, message: 'The renderer is sandboxed web content: no Node modules.' }, { group: ['**/electron/**'], message: 'The renderer talks to the engine only through the contract (shared/).' }] },
      ],
    },
  },
);
