// ESLint 10 flat config. Not type-aware on purpose (fast on small CI machines); the
// layering rules from docs/ARCHITECTURE.md §2 are enforced with no-restricted-imports /
// no-restricted-globals / no-restricted-syntax per source tree.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// fs, fs/promises, path, os, crypto, child_process, http ... (node:* is a pattern below)
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_') && !m.startsWith('node:'));

const nodeImports = (message) => [
  { group: ['node:*'], message },
  { regex: `^(${NODE_BUILTINS.map((m) => m.replace('/', '\\/')).join('|')})$`, message },
];
const pkg = (name, message) => ({ regex: `^${name.replace('/', '\\/')}(\\/.*)?$`, message });
const tree = (dir, message) => ({ regex: `(^|\\/)${dir}(\\/|$)`, message });

const ELECTRON_NODE_DB = (where) => [
  pkg('electron', `${where} must not import electron.`),
  pkg('better-sqlite3', `${where} must not import better-sqlite3 (database access lives in src-main).`),
];

/** Same sources as no-restricted-imports, for `import()` and `require()`. */
const dynamicImportBan = (regex, message) => [
  { selector: `ImportExpression[source.value=/${regex}/]`, message },
  { selector: `CallExpression[callee.name='require'][arguments.0.value=/${regex}/]`, message },
];

const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
  'history',
  'indexedDB',
  'HTMLElement',
  'Element',
  'Node',
  'XMLHttpRequest',
  'alert',
  'confirm',
  'prompt',
].map((name) => ({ name, message: `src-shared runs in both processes: no DOM global '${name}'.` }));


/** Product code never imports the developer tools (the demo PRM lives in tools/). */
const NO_TOOLS = (where) => [tree('tools', `${where} must not import developer tools (tools/ is not product code).`)];

/** The same for `import()` and `require()` ("./tools/" or "../tools/" anywhere in the specifier). */
const DYNAMIC_NO_TOOLS = (where) => dynamicImportBan('(^|[.]).tools.', `${where} must not load developer tools (tools/ is not product code).`);

// src-main's layers, lowest first. Each folder may import the ones before it (and
// src-shared); `above` lists what it must not import. Shells (core, cli, web, app) are
// on top and may import everything in src-main.
const SHELLS = ['core', 'cli', 'web', 'app'];
const LAYER_ORDER = ['base', 'db', 'events', 'settings', 'sources', 'sync', 'export', 'services', 'workspaces', 'api'];
const SRC_MAIN_LAYERS = [
  ...LAYER_ORDER.map((dir, i) => ({ dir, above: [...LAYER_ORDER.slice(i + 1), ...SHELLS] })),
  { dir: 'cli', above: ['app'] },
  { dir: 'web', above: ['cli', 'app'] },
  { dir: 'app', above: ['cli'] },
  { dir: '', above: ['app'] },
];

export default defineConfig([
  globalIgnores([
    '**/out/',
    '**/dist/',
    '**/node_modules/',
    '**/test-results/',
    '**/playwright-report/',
    '**/.data/',
    '**/coverage/',
  ]),

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  js.configs.recommended,
  tseslint.configs.strict,

  {
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // tsconfig has noUncheckedIndexedAccess, so `xs[0]!` after a length check is the
      // explicit, reviewable escape hatch; banning it would only breed `as` casts.
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },

  // Node-side code: main process, CLI, scripts, tests, configs.
  {
    files: [
      'src-main/**',
      'tools/**',
      'bin/**',
      'scripts/**',
      'test/**',
      '*.config.{js,mjs,cjs,ts}',
      'electron.vite.config.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
  },

  // src-shared: types and contracts for both processes — no node, electron, DB, React, DOM.
  {
    files: ['src-shared/**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeImports('src-shared must not import Node built-ins (it runs in the renderer too).'),
            ...ELECTRON_NODE_DB('src-shared'),
            pkg('react', 'src-shared must not import React (UI code lives in src-renderer).'),
            pkg('react-dom', 'src-shared must not import React (UI code lives in src-renderer).'),
            tree('src-main', 'src-shared must not import from src-main.'),
            tree('src-renderer', 'src-shared must not import from src-renderer.'),
            ...NO_TOOLS('src-shared'),
          ],
        },
      ],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
      'no-restricted-syntax': [
        'error',
        ...dynamicImportBan(
          '^(node:|electron$|better-sqlite3$|react$|.*src-main|.*src-renderer)',
          'src-shared must not load node, electron, the DB, React, src-main or src-renderer.',
        ),
        ...DYNAMIC_NO_TOOLS('src-shared'),
      ],
    },
  },

  // src-renderer: React UI — talks to main only through the API client.
  {
    files: ['src-renderer/**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // Only says the React Compiler would skip a component (TanStack Table); we don't
      // run the compiler, so this is noise under --max-warnings 0.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeImports('src-renderer runs in a sandboxed renderer: no Node built-ins.'),
            ...ELECTRON_NODE_DB('src-renderer'),
            tree('src-main', 'src-renderer must not import from src-main; go through the API client.'),
            ...NO_TOOLS('src-renderer'),
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...dynamicImportBan(
          '^(node:|electron$|better-sqlite3$|.*src-main)',
          'src-renderer must not load node, electron, the DB or src-main.',
        ),
        ...DYNAMIC_NO_TOOLS('src-renderer'),
      ],
    },
  },

  // src-main outside the Electron shell runs (and is tested) without Electron, and its
  // folders form layers (docs/ARCHITECTURE.md §2): a folder imports only the
  // folders below it. Relative imports between src-main's folders look like
  // `../../sync/edits`, so a layer is matched by its folder name after dots and slashes.
  ...SRC_MAIN_LAYERS.map(({ dir, above }) => ({
    files: [dir ? `src-main/${dir}/**/*.{ts,tsx,js,mjs}` : 'src-main/*.{ts,tsx,js,mjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(dir === 'app'
              ? []
              : [pkg('electron', 'Only src-main/app/ may import electron; everything else must run without it.')]),
            tree('src-renderer', 'src-main must not import from src-renderer.'),
            ...NO_TOOLS('src-main'),
            ...above.map((higher) => ({
              regex: `^(\\.\\.?\\/)+${higher}(\\/|$)`,
              message: `src-main/${dir || '.'} is below ${higher} and must not import it (docs/ARCHITECTURE.md §2).`,
            })),
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...DYNAMIC_NO_TOOLS('src-main'),
        ...(dir === 'app' ? [] : dynamicImportBan('^electron$', 'Only src-main/app/ may load electron.')),
      ],
    },
  })),

]);
